// The split's figures for db/README.md ("Converting a single-key workspace"; not a test, ctest
// never runs it):
//   bench_split [--persons N]
// A single-key workspace (test KDF) holding N persons (default 100,000) in households of three,
// an administrator, an officer and a custodian in `users`; the administrator and the custodian
// sign in (enrolment); then times the officer's sign-in, which splits it into per-role part
// files. Prints wall and CPU seconds, the sizes before and after and the peak resident memory.
#include <sys/resource.h>

#include <cstring>

#include "bench_population.h"
#include "db/kdf.h"
#include "db/workspace.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;

namespace {

const char* const kPassword = "bench password 1";

db::OpenOptions quick() {
    db::OpenOptions options;
    options.apply_failure_delay = false;
    options.new_slot_kdf = db::test_kdf();
    return options;
}

double mib_of(const fs::path& file) {
    return static_cast<double>(fs::file_size(file)) / (1024.0 * 1024.0);
}

long peak_rss_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
    int persons = 100'000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--persons"))
            persons = std::atoi(argv[i + 1]);
        else {
            std::fprintf(stderr, "usage: bench_split [--persons N]\n");
            return 2;
        }
    }
    TempDir tmp("sanaq-bench-split");
    const fs::path dir = tmp / "ws";
    {
        auto ws = db::Workspace::create(dir, "admin", kPassword, db::test_kdf());
        check(ws, "create");
        check((*ws)->add_slot("officer", kPassword, Role::Officer), "add officer");
        check((*ws)->add_slot("custodian", kPassword, Role::Custodian), "add custodian");
        check((*ws)->write([](StoreSession& tx) -> Status {
            for (const auto& [name, role] :
                 {std::pair<const char*, Role>{"admin", Role::Administrator},
                  {"officer", Role::Officer},
                  {"custodian", Role::Custodian}}) {
                User u;
                u.name = name;
                u.full_name = name;
                u.role = role;
                u.created_at_utc = "2026-09-01T09:00:00Z";
                SANAQ_TRY(tx.users().insert(u));
            }
            return {};
        }),
              "users");
        std::mt19937_64 rng(20261207);
        int household_no = 0;
        Timer t{"fill workspace.db: persons, 20,000 per transaction"};
        for (int done = 0; done < persons; done += 20000)
            check(store_persons(**ws, rng, std::min(20000, persons - done), household_no), "fill");
        check((*ws)->checkpoint(), "checkpoint");
        t.done(std::to_string(persons) + " persons, workspace.db " +
               std::to_string(static_cast<int>(mib_of(dir / "workspace.db"))) + " MiB");
    }
    for (const char* user : {"admin", "custodian"})
        check(db::Workspace::open(dir, user, kPassword, quick()), "enrol");
    {
        Timer t{"single-key sign-in of the custodian (no split), for comparison"};
        check(db::Workspace::open(dir, "custodian", kPassword, quick()), "sign in");
        t.done("");
    }
    const double before = mib_of(dir / "workspace.db");
    std::uint64_t steps = 0;
    auto options = quick();
    options.key_split_progress = [&](std::uint64_t done, std::uint64_t) {
        steps = done;
        return true;
    };
    Timer t{"officer's sign-in: the split"};
    auto ws = db::Workspace::open(dir, "officer", kPassword, options);
    check(ws, "split");
    const double seconds = seconds_since(t.start);
    if ((*ws)->key_layout() != "per-role") {
        std::fprintf(stderr, "no split\n");
        return 1;
    }
    char extra[200];
    std::snprintf(extra, sizeof extra,
                  "%llu steps; workspace.db %.0f MiB -> census %.0f + common %.1f + dept %.2f MiB; "
                  "%.0f persons/s",
                  static_cast<unsigned long long>(steps), before, mib_of(dir / "census.1.db"),
                  mib_of(dir / "common.1.db"), mib_of(dir / "dept.1.db"), persons / seconds);
    t.done(extra);
    std::printf("peak resident memory: %ld MiB\n", peak_rss_mib());
    return 0;
}

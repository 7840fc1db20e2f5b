// Re-keying figures for db/README.md ("Re-keying"; not a test, ctest never runs it):
//   bench_rekey [--persons N]
// A per-role workspace (test KDF) whose census part holds N persons (default 1,000,000) in
// households of three; an officer is removed; then times the administrator's re-key (dept and
// common, in the same step as the removal) and the supervisor's re-key of census at their next
// sign-in. Prints wall and CPU seconds, the sizes and the peak resident memory.
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

std::unique_ptr<db::Workspace> sign_in(const fs::path& dir, const char* user) {
    db::OpenOptions quick;
    quick.apply_failure_delay = false;
    quick.new_slot_kdf = db::test_kdf();
    auto ws = db::Workspace::open(dir, user, kPassword, quick);
    check(ws, "sign in");
    return std::move(*ws);
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
    int persons = 1'000'000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--persons"))
            persons = std::atoi(argv[i + 1]);
        else {
            std::fprintf(stderr, "usage: bench_rekey [--persons N]\n");
            return 2;
        }
    }
    TempDir tmp("sanaq-bench-rekey");
    const fs::path dir = tmp / "ws";
    {
        auto ws = db::Workspace::create_per_role(dir, "admin", kPassword, db::test_kdf());
        check(ws, "create");
        check((*ws)->add_slot("officer", kPassword, Role::Officer), "add officer");
        check((*ws)->add_slot("supervisor", kPassword, Role::Supervisor), "add supervisor");
    }
    {
        auto ws = sign_in(dir, "officer");
        check(ws->confirm_access("supervisor"), "confirm");
        std::mt19937_64 rng(20261207);
        int household_no = 0;
        Timer t{"fill census: persons, 20,000 per transaction"};
        for (int done = 0; done < persons; done += 20000)
            check(store_persons(*ws, rng, std::min(20000, persons - done), household_no), "fill");
        check(ws->checkpoint(), "checkpoint");
        t.done(std::to_string(persons) + " persons, census " +
               std::to_string(static_cast<int>(mib_of(dir / "census.1.db"))) + " MiB");
    }
    {
        auto ws = sign_in(dir, "admin");
        check(ws->remove_slot("officer"), "remove");
        Timer t{"administrator: re-key dept and common"};
        auto parts = ws->rekey_pending_parts();
        check(parts, "rekey");
        t.done(std::to_string(parts->size()) + " parts, common " +
               std::to_string(mib_of(dir / "common.2.db")) + " MiB");
    }
    {
        auto ws = sign_in(dir, "supervisor");
        const double size = mib_of(dir / "census.1.db");
        Timer t{"supervisor: re-key census"};
        auto parts = ws->rekey_pending_parts();
        check(parts, "rekey");
        const double seconds = seconds_since(t.start);
        char extra[160];
        std::snprintf(extra, sizeof extra, "%.0f MiB at %.0f MiB/s, %.0f persons/s", size,
                      size / seconds, persons / seconds);
        t.done(extra);
    }
    std::printf("peak resident memory: %ld MiB\n", peak_rss_mib());
    return 0;
}

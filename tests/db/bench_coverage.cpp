// Coverage store figures for db/README.md (not a test, ctest never runs it):
//   bench_coverage [--persons N] [--institutions K] [--repeats R]
// Fills a real workspace (test KDF) with N enumerated persons (default 1,000,000; households of 3,
// every 5th household at one of K institutions (default 300), the rest at addresses) through
// CensusRecordRepository, one list per institution covering its persons, then times
//   scan_enumerated over everyone and over one institution,
//   replace_results with 2 × N results (N listed-side, N enumerated-side) in one write
//   transaction, R times (the first into an empty table, the others replacing),
//   coverage at the three levels, progress, people of one institution.
// Then the upstream outbox over the same persons: the pending walk in pages of 10,000
// with nothing sent, stats, forming batches of 10,000 persons (insert_batch with members), stats
// and the walk again with everything in a batch, sending marks. `--outbox-only 1` skips the lists
// and results (ingest, then the outbox).
// Prints wall and CPU seconds per step.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/domain/identifiers.h"
#include "db/kdf.h"
#include "db/workspace.h"
#include "support/temp_dir.h"

using namespace sanaq;
using Clock = std::chrono::steady_clock;

namespace {

void check(const Status& s, const char* what) {
    if (!s) {
        std::fprintf(stderr, "%s failed: %s (%s)\n", what, s.error().message_id.c_str(), s.error().detail.c_str());
        std::exit(1);
    }
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Timer {
    const char* what;
    Clock::time_point start = Clock::now();
    double cpu = cpu_seconds();
    void done(const std::string& extra = {}) const {
        const double wall = std::chrono::duration<double>(Clock::now() - start).count();
        std::printf("%-58s %8.2f s wall %8.2f s CPU  %s\n", what, wall, cpu_seconds() - cpu, extra.c_str());
        std::fflush(stdout);
    }
};

std::string uuid(std::mt19937_64& rng) {
    static const char* hex = "0123456789abcdef";
    const std::uint64_t a = rng(), b = rng();
    std::string s(36, '-');
    int bit = 0;
    for (int i = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) continue;
        const std::uint64_t w = bit < 64 ? a : b;
        s[static_cast<std::size_t>(i)] = hex[(w >> (bit % 64)) & 0xf];
        bit += 4;
    }
    return s;
}

std::string with_check(std::string first11) {
    for (int serial = 0;; ++serial) {
        if (auto d = iin_bin_check_digit(first11)) return first11 + std::to_string(*d);
        first11[10] = static_cast<char>('0' + (first11[10] - '0' + 1) % 10);
    }
}

const char* const kSurnames[] = {"Жанбулатов", "Серікова", "Ахметов", "Иванова", "Нұрланұлы", "Қасымов"};
const char* const kNames[] = {"Нұрлан", "Айгерім", "Бауыржан", "Мария", "Әсем", "Дәурен"};

template <class T>
std::vector<std::string> people_uuids(const std::vector<T>& people) {
    std::vector<std::string> out;
    out.reserve(people.size());
    for (const auto& p : people) out.push_back(p.uuid);
    return out;
}

/// The upstream outbox over the stored persons (db/README.md "Outbox").
void bench_outbox(db::Workspace& ws, const std::vector<std::string>& uuids) {
    constexpr std::size_t kPage = 10000;
    auto walk = [&](const char* what) {
        std::size_t n = 0, pages = 0;
        std::int64_t after = 0;
        Timer t{what};
        for (;;) {
            std::size_t got = 0;
            check(ws.read([&](StoreSession& s) -> Status {
                auto r = s.outbox().pending_persons(after, kPage);
                SANAQ_TRY(r);
                got = r->size();
                if (got) after = r->back().row_id;
                for (const auto& p : *r) n += !p.record.uuid.empty();
                return {};
            }),
                  "pending_persons");
            ++pages;
            if (got < kPage) break;
        }
        t.done(std::to_string(n) + " persons, " + std::to_string(pages) + " pages");
    };
    auto stats = [&](const char* what) {
        OutboxStats st;
        Timer t{what};
        check(ws.read([&](StoreSession& s) -> Status {
            auto r = s.outbox().stats();
            SANAQ_TRY(r);
            st = *r;
            return {};
        }),
              "stats");
        t.done(std::to_string(st.pending_persons) + " persons and " + std::to_string(st.pending_households) +
               " households pending");
    };
    walk("outbox: pending_persons walk, nothing sent (10,000 a page)");
    walk("outbox: the same walk again");
    stats("outbox: stats(), nothing sent");
    {
        // What forming does to the store: per page of 10,000 persons one write transaction with
        // insert_batch (a 1 MB body standing in for the gzip, the members). Households stay pending.
        const std::string body(1 << 20, 'z');
        std::int64_t after = 0;
        std::size_t batches = 0, persons = 0;
        Timer t{"outbox: walk + insert_batch per 10,000 persons"};
        for (;;) {
            std::size_t got = 0;
            check(ws.write([&](StoreSession& s) -> Status {
                auto r = s.outbox().pending_persons(after, kPage);
                SANAQ_TRY(r);
                got = r->size();
                if (!got) return {};
                after = r->back().row_id;
                std::vector<BatchMember> members;
                members.reserve(got);
                for (const auto& p : *r) members.push_back({RecordKind::Person, p.row_id, p.record.uuid, p.record.revision});
                UpstreamBatch b;
                b.uuid = "bench-batch-" + std::to_string(batches);
                b.created_at_utc = "2026-10-06T08:00:00Z";
                b.persons = static_cast<std::int64_t>(got);
                b.compressed_size = static_cast<std::int64_t>(body.size());
                persons += got;
                ++batches;
                return s.outbox().insert_batch(b, body, members);
            }),
                  "form");
            if (got < kPage) break;
        }
        t.done(std::to_string(batches) + " batches, " + std::to_string(persons) + " persons");
    }
    stats("outbox: stats(), every person in a batch");
    stats("outbox: stats() again (page cache warm)");
    walk("outbox: pending_persons walk, every person in a batch");
    {
        std::mt19937_64 rng(5);
        std::size_t found = 0;
        Timer t{"outbox: mark_of, 10,000 random persons"};
        check(ws.read([&](StoreSession& s) -> Status {
            for (int i = 0; i < 10000; ++i) {
                auto r = s.outbox().mark_of(RecordKind::Person, uuids[rng() % uuids.size()]);
                SANAQ_TRY(r);
                found += r->has_value();
            }
            return {};
        }),
              "mark_of");
        t.done(std::to_string(found) + " marks");
    }
    // Leave the workspace as the coverage steps expect it (the outbox plays no part there).
    Timer t{"outbox: release_members of every batch (one transaction)"};
    check(ws.write([&](StoreSession& s) -> Status {
        auto all = s.outbox().batches(std::nullopt, 0);
        SANAQ_TRY(all);
        for (const auto& b : *all)
            SANAQ_TRY(s.outbox().release_members(b.uuid));
        return {};
    }),
          "release");
    t.done();
}

}  // namespace

int main(int argc, char** argv) {
    int persons = 1'000'000, institutions = 300, repeats = 2;
    bool results_only = false;  // --results-only 1: persons generated, not stored (replace_results alone)
    bool outbox_only = false;   // --outbox-only 1: persons stored, then only the outbox steps
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--persons")) persons = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--results-only")) results_only = std::atoi(argv[i + 1]) != 0;
        else if (!std::strcmp(argv[i], "--outbox-only")) outbox_only = std::atoi(argv[i + 1]) != 0;
        else if (!std::strcmp(argv[i], "--institutions")) institutions = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--repeats")) repeats = std::atoi(argv[i + 1]);
        else {
            std::fprintf(stderr, "usage: bench_coverage [--persons N] [--institutions K] [--repeats R] [--results-only 1] "
                                 "[--outbox-only 1]\n");
            return 2;
        }
    }
    test::TempDir tmp("sanaq-bench-coverage");
    auto created = db::Workspace::create(tmp / "ws", "bench.admin", "bench password 1", db::test_kdf());
    check(created.has_value() ? Status{} : Status(std::unexpected(created.error())), "create");
    auto& ws = **created;

    std::mt19937_64 rng(20261006);
    std::vector<std::string> bins;
    std::vector<std::string> katos;
    for (int k = 0; k < institutions; ++k) {
        char first[32];
        std::snprintf(first, sizeof first, "990340%05d", (k % 9999) * 10);  // own block of 10 for the check digit
        bins.push_back(with_check(first));
        char kato[16];
        std::snprintf(kato, sizeof kato, "%02d%02d10000", 10 + k % 17, 10 + k % 23);
        katos.push_back(kato);
    }
    check(ws.write([&](StoreSession& s) -> Status {
        for (int k = 0; k < institutions; ++k) {
            Institution i;
            i.bin = bins[k];
            i.name_kk = i.name_ru = "Мекеме " + std::to_string(k);
            i.type = InstitutionType::BoardingSchoolOrphans;
            i.kato = KatoCode{katos[k], "2022"};
            SANAQ_TRY(s.institutions().insert(i));
        }
        return {};
    }),
          "institutions");

    // Persons, 20,000 per transaction; remembered for the results and lists below.
    struct Enumerated {
        std::string uuid, iin;
        std::string listed_id;  // the record id of this person on (or, for address persons, missing from) a list
        int institution;  // -1: an address
        std::string day;
    };
    std::vector<Enumerated> people;
    people.reserve(static_cast<std::size_t>(persons));
    {
        Timer t{"ingest persons (CensusRecordRepository)"};
        int made = 0, household_no = 0;
        while (made < persons) {
            check(ws.write([&](StoreSession& s) -> Status {
                for (int n = 0; n < 20000 && made < persons; ++household_no) {
                    Household h;
                    h.uuid = uuid(rng);
                    h.revision = 1;
                    const int inst = household_no % 5 == 0 ? static_cast<int>(rng() % bins.size()) : -1;
                    h.place = inst >= 0 ? HouseholdPlace::Institution : HouseholdPlace::Address;
                    h.kato = inst >= 0 ? katos[inst] : "191010000";
                    h.kato_version = "2022";
                    h.institution_bin = inst >= 0 ? bins[inst] : "";
                    h.answers_json = "{}";
                    char day[32];
                    std::snprintf(day, sizeof day, "2026-10-%02dT06:00:00Z", 1 + household_no % 20);
                    const RecordProvenance from{"pkg", "KIT-" + std::to_string(household_no % 1000), 0, day};
                    if (!results_only)
                        SANAQ_TRY(s.census().upsert(h, from));
                    for (int m = 0; m < 3 && made < persons; ++m, ++n, ++made) {
                        Person p;
                        p.uuid = uuid(rng);
                        p.revision = 1;
                        p.household_uuid = h.uuid;
                        char first[16];
                        std::snprintf(first, sizeof first, "%02d%02d%02d3%04d", static_cast<int>(rng() % 90 + 10),
                                      static_cast<int>(rng() % 12 + 1), static_cast<int>(rng() % 28 + 1),
                                      static_cast<int>(rng() % 10000));
                        p.iin = with_check(first);
                        p.surname = kSurnames[rng() % 6];
                        p.name = kNames[rng() % 6];
                        p.sex = Sex::Male;
                        p.birth_date = "1990-01-01";
                        p.answers_json = "{}";
                        if (!results_only)
                            SANAQ_TRY(s.census().upsert(p, from));
                        people.push_back({p.uuid, p.iin, "", inst, std::string(day, 10)});
                    }
                }
                return {};
            }),
                  "ingest");
        }
        t.done(std::to_string(persons) + " persons");
    }

    if (!results_only) bench_outbox(ws, people_uuids(people));
    if (outbox_only) return 0;

    {
        // "L:<BIN>:<IIN>", a repeat of a key getting "#2", "#3" (as lists' record ids do).
        std::unordered_set<std::string> taken;
        for (std::size_t i = 0; i < people.size(); ++i) {
            auto& p = people[i];
            const auto inst = p.institution >= 0 ? p.institution : static_cast<int>(i % bins.size());
            const std::string key = "L:" + bins[inst] + ":" + p.iin;
            p.listed_id = key;
            for (int n = 2; !taken.insert(p.listed_id).second; ++n) p.listed_id = key + "#" + std::to_string(n);
        }
    }

    // One list per institution: its enumerated persons (their IINs) plus 10 % never enumerated.
    {
        std::vector<std::vector<ListedPerson>> lists(bins.size());
        for (const auto& p : people) {
            if (p.institution < 0) continue;
            ListedPerson e;
            e.record_id = p.listed_id;
            e.line = static_cast<int>(lists[p.institution].size()) + 1;
            e.iin = p.iin;
            e.iin_valid = true;
            e.surname = "Тегі";
            lists[p.institution].push_back(std::move(e));
        }
        std::size_t entries = 0;
        Timer t{"insert lists (one version per institution)"};
        check(ws.write([&](StoreSession& s) -> Status {
            for (std::size_t k = 0; k < bins.size(); ++k) {
                StoredList l;
                l.institution_bin = bins[k];
                l.as_of = "2026-09-01";
                entries += lists[k].size();
                SANAQ_TRY(s.lists().insert(l, lists[k]));
            }
            return {};
        }),
              "lists");
        t.done(std::to_string(entries) + " entries");
    }

    {
        std::size_t n = 0;
        Timer t{"scan_enumerated(\"\")"};
        check(ws.read([&](StoreSession& s) {
            return s.reconciliation().scan_enumerated("", [&](EnumeratedPerson&& p) { n += p.uuid.size() > 0; });
        }),
              "scan");
        t.done(std::to_string(n) + " persons");
        n = 0;
        Timer one{"scan_enumerated(one institution)"};
        check(ws.read([&](StoreSession& s) {
            return s.reconciliation().scan_enumerated(bins[7], [&](EnumeratedPerson&&) { ++n; });
        }),
              "scan one");
        one.done(std::to_string(n) + " persons");
    }

    // 2 × N results: each person's 'E' row, and N 'L' rows (institution persons matched, the
    // rest missing listed persons of some institution).
    std::vector<ReconciledPerson> results;
    results.reserve(people.size() * 2);
    for (std::size_t i = 0; i < people.size(); ++i) {
        const auto& p = people[i];
        ReconciledPerson e;
        e.side = 'E';
        e.record_id = p.uuid;
        e.institution_bin = p.institution >= 0 ? bins[p.institution] : "";
        e.kato = p.institution >= 0 ? katos[p.institution] : "191010000";
        e.outcome = p.institution >= 0 ? "matched" : "extra";
        e.enumerated_on = p.day;
        const auto inst = p.institution >= 0 ? p.institution : static_cast<int>(i % bins.size());
        ReconciledPerson l;
        l.side = 'L';
        l.record_id = p.listed_id;
        l.institution_bin = bins[inst];
        l.kato = katos[inst];
        if (p.institution >= 0) {
            l.outcome = "matched";
            l.counterpart_id = p.uuid;
            l.score = 0.97;
            l.levels = "exact,exact,exact,exact,near";
            l.enumerated_on = p.day;
            e.counterpart_id = l.record_id;
            e.score = 0.97;
            e.levels = l.levels;
        } else {
            l.outcome = "missing";
        }
        results.push_back(std::move(e));
        results.push_back(std::move(l));
    }
    for (int r = 0; r < repeats; ++r) {
        Timer t{r == 0 ? "replace_results (empty table) + commit" : "replace_results (replacing) + commit"};
        check(ws.write([&](StoreSession& s) { return s.reconciliation().replace_results(results); }), "replace");
        t.done(std::to_string(results.size()) + " rows");
    }
    {
        Timer t{"coverage(institution)"};
        std::size_t rows = 0;
        check(ws.read([&](StoreSession& s) -> Status {
            auto r = s.reconciliation().coverage(CoverageLevel::Institution);
            SANAQ_TRY(r);
            rows = r->size();
            return {};
        }),
              "coverage");
        t.done(std::to_string(rows) + " rows");
    }
    {
        Timer t{"coverage(region)"};
        check(ws.read([&](StoreSession& s) -> Status {
            auto r = s.reconciliation().coverage(CoverageLevel::Region);
            SANAQ_TRY(r);
            return {};
        }),
              "coverage region");
        t.done();
    }
    {
        Timer t{"progress(\"\")"};
        std::size_t days = 0;
        check(ws.read([&](StoreSession& s) -> Status {
            auto r = s.reconciliation().progress("");
            SANAQ_TRY(r);
            days = r->size();
            return {};
        }),
              "progress");
        t.done(std::to_string(days) + " days");
    }
    {
        Timer t{"people(one institution)"};
        std::size_t n = 0;
        check(ws.read([&](StoreSession& s) -> Status {
            auto r = s.reconciliation().people(bins[7]);
            SANAQ_TRY(r);
            n = r->size();
            return {};
        }),
              "people");
        t.done(std::to_string(n) + " rows");
    }
    std::printf("workspace.db: %.1f MiB\n",
                static_cast<double>(std::filesystem::file_size(tmp / "ws" / "workspace.db")) / (1 << 20));
    return 0;
}

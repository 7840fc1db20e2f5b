// The commit marker of a per-role workspace (README.md "Transactions"; design/key-hierarchy.md
// §3): SQLite in WAL mode commits each file on its own, common first, so a crash between common's
// commit and census's leaves the transaction's audit entry without its census half. The next
// holder of census to open the workspace voids it: the data stay in the old state, the entry stays
// on the trail, marked, and `store.commit_incomplete` says which transaction did not finish.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "fault_vfs.h"
#include "per_role_fixture.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;

namespace {

const std::string kCensusWal = "census.1.db-wal";
const std::string kDeptWal = "dept.1.db-wal";

/// A census change with its audit entry, as the core's use cases make them.
Status census_change(Store& store, const std::string& household) {
    return store.write([&](StoreSession& tx) -> Status {
        auto up = tx.census().upsert(sample_household(household),
                                     sample_provenance("pkg-" + household, "KIT-0001"));
        SANAQ_TRY(up);
        return drop_value(tx.audit().append(draft_entry(kOfficer, "census.test", household)));
    });
}

/// A department setting with its audit entry (dept holds every upstream.* setting).
Status dept_change(Store& store, const std::string& value) {
    return store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.settings().set("upstream.base_url", value));
        return drop_value(tx.audit().append(draft_entry(kAdmin, "settings.test", value)));
    });
}

/// `user` opens the workspace in a child process and makes one change (`change`); the child ends
/// at its first write to the file named `wal` — after common's commit, before that part's — as a
/// crash would end it. 0 when it ended there; otherwise which step went otherwise.
int crash_between_commits(const fs::path& dir, const std::string& user, const std::string& wal,
                          const std::function<Status(Store&)>& change,
                          bool through_worker = false) {
    const pid_t child = ::fork();
    if (child < 0) return -1;
    if (child == 0) {
        try {
            FaultVfs vfs;
            auto ws = db::Workspace::open(dir, user, kPassword, quick_open());
            if (!ws) ::_exit(20);
            std::unique_ptr<Store> worker;
            if (through_worker) {
                auto w = (*ws)->open_worker_store();
                if (!w) ::_exit(21);
                worker = std::move(*w);
            }
            vfs.arm(FaultVfs::Fault::Exit, wal);
            const auto done = change(worker ? *worker : static_cast<Store&>(**ws));
            ::_exit(done ? 22 : 23);  // the commit finished or failed without touching the part
        } catch (...) {
            ::_exit(24);
        }
    }
    int status = 0;
    if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -2;
    return WEXITSTATUS(status);
}

std::vector<AuditEntry> entries(Store& store, const std::string& action) {
    std::vector<AuditEntry> out;
    must(store.read([&](StoreSession& tx) -> Status {
        AuditFilter filter;
        filter.action_prefix = action;
        auto list = tx.audit().list(filter);
        SANAQ_TRY(list);
        out = std::move(*list);
        return {};
    }));
    return out;
}

std::int64_t households(Store& store) {
    std::int64_t n = -1;
    must(store.read([&](StoreSession& tx) -> Status {
        auto s = tx.census().stats();
        SANAQ_TRY(s);
        n = s->households;
        return {};
    }));
    return n;
}

bool chain_intact(Store& store) {
    bool intact = false;
    must(store.read([&](StoreSession& tx) -> Status {
        auto v = tx.audit().verify();
        SANAQ_TRY(v);
        intact = v->intact();
        if (!intact)
            BOOST_TEST_MESSAGE("audit verify: " << audit_problem_label(v->problem) << " at entry "
                                                << v->first_bad_seq);
        return {};
    }));
    return intact;
}

std::string quoted_field(const std::string& name, const std::string& value) {
    return "\"" + name + "\":" + value;
}

/// The entry `store.commit_incomplete` left for the change whose audit entry is `voided`.
void expect_voided(Store& store, const AuditEntry& voided, const std::string& part) {
    const auto marks = entries(store, "store.commit_incomplete");
    BOOST_REQUIRE(marks.size() == 1u);
    BOOST_TEST(marks[0].object_id == part);
    BOOST_TEST(marks[0].details.find(quoted_field("part", "\"" + part + "\"")) != std::string::npos,
               marks[0].details);
    BOOST_TEST(marks[0].details.find(quoted_field("audit_seq", std::to_string(voided.seq))) !=
                   std::string::npos,
               marks[0].details);
    BOOST_TEST(marks[0].seq > voided.seq);
    BOOST_TEST(!marks[0].voided);
    // The voided entry is marked wherever it is listed; its neighbours are not.
    bool seen = false;
    for (const auto& e : entries(store, ""))
        if (e.seq == voided.seq) {
            seen = true;
            BOOST_TEST(e.voided);
        } else if (e.action != "store.commit_incomplete" || e.seq != marks[0].seq) {
            BOOST_TEST(!e.voided, e.seq << " " << e.action);
        }
    BOOST_TEST(seen);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(commit_marker)

BOOST_FIXTURE_TEST_CASE(a_crash_between_commons_and_censuss_commit_is_voided_at_the_next_sign_in,
                        PerRoleFixture) {
    sign_in(kOfficer);  // makes census
    must(census_change(*ws, "hh-before"));
    ws.reset();
    BOOST_REQUIRE(crash_between_commits(dir, kOfficer, kCensusWal,
                                        [](Store& s) { return census_change(s, "hh-lost"); }) == 0);

    // A custodian cannot open census: the entry stays as it is until a holder of census comes.
    sign_in(kCustodian);
    const auto lost = entries(*ws, "census.test");
    BOOST_REQUIRE(lost.size() == 2u);
    BOOST_TEST(lost[0].object_id == "hh-lost");  // common committed: its audit entry is there
    BOOST_TEST(entries(*ws, "store.commit_incomplete").empty());

    sign_in(kOfficer);
    BOOST_TEST(households(*ws) == 1);  // census did not commit: the old state
    expect_voided(*ws, lost[0], "census");
    BOOST_TEST(entries(*ws, "census.test").size() == 2u);  // the voided entry stays on the trail
    BOOST_TEST(chain_intact(*ws));

    // Idempotent: the next sign-in finds nothing to void.
    sign_in(kOfficer);
    BOOST_TEST(entries(*ws, "store.commit_incomplete").size() == 1u);
    must(census_change(*ws, "hh-after"));
    sign_in(kOfficer);
    BOOST_TEST(households(*ws) == 2);
    BOOST_TEST(entries(*ws, "store.commit_incomplete").size() == 1u);
    BOOST_TEST(chain_intact(*ws));
}

BOOST_FIXTURE_TEST_CASE(a_crash_between_commons_and_depts_commit_is_voided_by_the_administrator,
                        PerRoleFixture) {
    sign_in(kAdmin);
    must(dept_change(*ws, "https://before.example"));
    ws.reset();
    BOOST_REQUIRE(crash_between_commits(dir, kAdmin, kDeptWal, [](Store& s) {
                      return dept_change(s, "https://lost.example");
                  }) == 0);
    sign_in(kAdmin);
    BOOST_TEST(must(setting("upstream.base_url")).value_or("") == "https://before.example");
    const auto changes = entries(*ws, "settings.test");
    BOOST_REQUIRE(changes.size() == 2u);
    expect_voided(*ws, changes[0], "dept");
    BOOST_TEST(chain_intact(*ws));
    sign_in(kAdmin);
    BOOST_TEST(entries(*ws, "store.commit_incomplete").size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_worker_connections_change_carries_the_marker_too, PerRoleFixture) {
    sign_in(kOfficer);
    must(census_change(*ws, "hh-before"));
    ws.reset();
    BOOST_REQUIRE(crash_between_commits(
                      dir, kOfficer, kCensusWal,
                      [](Store& s) { return census_change(s, "hh-lost"); }, true) == 0);
    sign_in(kOfficer);
    BOOST_TEST(households(*ws) == 1);
    expect_voided(*ws, entries(*ws, "census.test")[0], "census");
    BOOST_TEST(chain_intact(*ws));
}

// A COMMIT that fails on census's WAL (a full disk, an I/O error) leaves common committed on the
// running connection too: the workspace voids the change at once. Here census's WAL cannot be
// written until the fault is lifted, so that voiding (a change of its own, stamped into census)
// does not finish either; the worker's connection opened next finishes it.
BOOST_FIXTURE_TEST_CASE(a_failed_commit_is_voided_at_once_and_a_worker_connection_recovers_too,
                        PerRoleFixture) {
    ws.reset();
    {
        FaultVfs vfs;  // before the connections, which must close first
        sign_in(kOfficer);
        must(census_change(*ws, "hh-before"));  // census's WAL exists from here on
        vfs.arm(FaultVfs::Fault::Write, kCensusWal);
        expect_code(census_change(*ws, "hh-lost"), ErrorCode::Io);
        BOOST_TEST(vfs.failures() >= 1);
        vfs.disarm();
        const auto lost = entries(*ws, "census.test");
        BOOST_REQUIRE(lost.size() == 2u);
        BOOST_TEST(lost[0].object_id == "hh-lost");
        BOOST_TEST(households(*ws) == 1);
        expect_voided(*ws, lost[0], "census");

        // The voiding's own census half failed as well: the worker's connection voids it.
        auto worker = must(ws->open_worker_store());
        const auto marks = entries(*worker, "store.commit_incomplete");
        BOOST_TEST(marks.size() == 2u);
        // What the first voiding did in common stands: its entry is not voided with its stamp.
        for (const auto& mark : marks) BOOST_TEST(!mark.voided);
        BOOST_TEST(entries(*worker, "census.test")[0].voided);
        BOOST_TEST(chain_intact(*worker));
        must(census_change(*worker, "hh-after"));
        worker.reset();
        ws.reset();
    }
    sign_in(kOfficer);
    BOOST_TEST(households(*ws) == 2);
    BOOST_TEST(entries(*ws, "store.commit_incomplete").size() == 2u);
    BOOST_TEST(chain_intact(*ws));
}

// Design §3: in a transaction that writes census or dept, common may take only the audit trail
// (and the marker). Anything else of common would commit without the part when the part's commit
// fails; so such a transaction is a bug, refused whole.
BOOST_FIXTURE_TEST_CASE(a_transaction_writing_census_and_other_tables_of_common_is_refused,
                        PerRoleFixture) {
    sign_in(kOfficer);
    const auto mixed = ws->write([](StoreSession& tx) -> Status {
        auto up = tx.census().upsert(sample_household("hh-mixed"),
                                     sample_provenance("pkg-mixed", "KIT-0001"));
        SANAQ_TRY(up);
        return tx.institutions().insert(sample_institution("123456789012", "Мектеп"));
    });
    expect_code(mixed, ErrorCode::Unexpected);
    BOOST_TEST(households(*ws) == 0);
    must(ws->read([](StoreSession& tx) -> Status {
        BOOST_TEST(must(tx.institutions().list()).empty());
        return {};
    }));
    // Each half alone is fine.
    must(census_change(*ws, "hh-alone"));
    must(ws->write([](StoreSession& tx) {
        return tx.institutions().insert(sample_institution("123456789012", "Мектеп"));
    }));
}

BOOST_AUTO_TEST_SUITE_END()

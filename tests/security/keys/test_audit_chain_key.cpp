// Someone with the workspace's key material in a copy of the folder edits the audit trail outside
// the program and recomputes every hash after the edit, the head included. A plain SHA-256 chain
// cannot tell; the keyed chain can.
#include <boost/test/unit_test.hpp>

#include "core/domain/audit.h"
#include "db/kdf.h"
#include "db/key_slots.h"
#include "db/sqlite/database.h"
#include "db/workspace.h"
#include "keyslots_document.h"
#include "security/raw_audit.h"

namespace sanaq::test {
namespace {

AuditEntry entry(const std::string& action, const std::string& reason) {
    AuditEntry e;
    e.at_utc = "2026-11-22T09:14:03Z";
    e.at_local = "2026-11-22T14:14:03+05:00";
    e.actor = kOfficer;
    e.action = action;
    e.object_type = "kit";
    e.object_id = "KIT-0042";
    e.reason = reason;
    e.details = "{}";
    return e;
}

std::unique_ptr<db::Workspace> open(const ClosedWorkspace& w) {
    auto ws = db::Workspace::open(w.dir, kOfficer, kOfficerPassword, db::OpenOptions{false, db::test_kdf()});
    BOOST_REQUIRE_MESSAGE(ws.has_value(), (ws ? std::string() : ws.error().detail));
    return std::move(*ws);
}

AuditVerification verify(db::Workspace& ws) {
    AuditVerification v;
    BOOST_REQUIRE(ws.read([&](StoreSession& tx) -> Status {
        auto r = tx.audit().verify();
        SANAQ_TRY(r);
        v = *r;
        return {};
    }));
    return v;
}

/// What the attacker does with the key in hand: rewrite entry `seq`'s reason, then re-seal it and
/// every later entry with SHA-256 as db/README.md described the chain before it was keyed, and move
/// the head.
void rewrite_with_plain_hashes(const ClosedWorkspace& w, std::int64_t seq, const std::string& reason) {
    auto master = db::unlock_master_key(w.dir, kOfficer, kOfficerPassword);
    BOOST_REQUIRE(master.has_value());
    auto opened = db::Database::open(w.dir / "workspace.db", &*master, db::Database::Mode::OpenExisting);
    BOOST_REQUIRE(opened.has_value());
    auto& d = **opened;
    auto entries = stored_audit_entries(d);
    std::string prev = kAuditGenesisHash;
    d.exec("BEGIN;");
    for (auto& e : entries) {
        if (e.seq == seq) e.reason = reason;
        if (e.seq >= seq) {
            seal(e, prev);   // plain SHA-256
            d.query("UPDATE audit_entries SET reason = ?, prev_hash = ?, hash = ? WHERE seq = ?", e.reason, e.prev_hash,
                    e.hash, e.seq)
                .run();
        }
        prev = e.hash;
    }
    d.query("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", entries.back().seq, prev).run();
    d.reset_cached();
    d.exec("COMMIT;");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(audit_chain_key)

BOOST_AUTO_TEST_CASE(a_trail_rewritten_and_rehashed_outside_the_program_does_not_verify) {
    ClosedWorkspace w;
    {
        auto ws = open(w);
        BOOST_REQUIRE(ws->write([&](StoreSession& tx) -> Status {
            for (const auto& [action, reason] : {std::pair{"kit.issue", ""}, std::pair{"kit.write_off", "lost in a flood"},
                                                 std::pair{"kit.return", ""}})
                SANAQ_TRY(tx.audit().append(entry(action, reason)));
            return {};
        }));
        BOOST_TEST(verify(*ws).intact());
    }
    rewrite_with_plain_hashes(w, 2, "returned in good order");
    auto ws = open(w);
    const auto v = verify(*ws);
    BOOST_TEST(!v.intact());
    BOOST_TEST(v.first_bad_seq == 2);
}

BOOST_AUTO_TEST_CASE(entries_from_before_keying_still_verify_and_later_ones_are_keyed) {
    ClosedWorkspace w;
    {   // A workspace as an older Sanaq Station left it: two plain entries, no keying recorded.
        auto master = db::unlock_master_key(w.dir, kOfficer, kOfficerPassword);
        BOOST_REQUIRE(master.has_value());
        auto opened = db::Database::open(w.dir / "workspace.db", &*master, db::Database::Mode::OpenExisting);
        BOOST_REQUIRE(opened.has_value());
        auto& d = **opened;
        d.exec("DELETE FROM store_parameters WHERE name = 'audit_keyed_from';");
        std::string prev = kAuditGenesisHash;
        for (std::int64_t seq = 1; seq <= 2; ++seq) {
            auto e = entry("kit.issue", "");
            e.seq = seq;
            seal(e, prev);
            d.query("INSERT INTO audit_entries (seq, at_utc, at_local, actor, action, object_type, object_id, reason, "
                    "details, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    e.seq, e.at_utc, e.at_local, e.actor, e.action, e.object_type, e.object_id, e.reason, e.details,
                    e.prev_hash, e.hash)
                .run();
            d.query("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", e.seq, e.hash).run();
            prev = e.hash;
        }
    }
    {
        auto ws = open(w);   // keys the chain from entry 3 on
        BOOST_REQUIRE(ws->write([&](StoreSession& tx) -> Status {
            auto r = tx.audit().append(entry("kit.return", ""));
            SANAQ_TRY(r);
            BOOST_TEST(r->seq == 3);
            BOOST_TEST(r->hash != plain_audit_hash(*r), "entry 3 is sealed with the chain key");
            return {};
        }));
        BOOST_TEST(verify(*ws).intact());
    }
    rewrite_with_plain_hashes(w, 3, "edited");
    auto ws = open(w);
    const auto v = verify(*ws);
    BOOST_TEST(!v.intact());
    BOOST_TEST(v.first_bad_seq == 3);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test

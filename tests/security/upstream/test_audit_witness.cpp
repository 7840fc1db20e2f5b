// Whoever holds a password holds the key that seals the audit chain, and can cut the trail or
// rewrite it and re-chain every entry consistently. What they cannot redo is the census database's
// receipt: every batch left with the trail's head and its receipt signs it, so `audit verify`
// finds the entry the census database witnessed gone or changed.
#include <boost/test/unit_test.hpp>

#include <openssl/hmac.h>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"
#include "support/upstream_workspace.h"
#include "core/domain/audit.h"
#include "db/crypto.h"
#include "db/key_slots.h"
#include "db/sqlite/database.h"
#include "security/raw_audit.h"
#include "support/receiver_fixture.h"

using namespace sanaq;
using namespace sanaq::test;
using nlohmann::json;

namespace {

/// A workspace whose batch went up and was accepted: its receipt witnesses the trail's head.
/// The single-key layout on purpose: there the master key re-chains the whole trail, the strongest
/// rewrite a holder of a password can make, and only the witness catches it (a per-role trail's
/// entries are signed by their authors as well, test_signed_common.cpp).
struct WitnessedWorkspace {
    UpstreamWorkspace w{40, "single"};
    ReceiverProcess receiver{w.dir / "receiver", w.receiver_args()};
    std::string batch;
    WitnessedWorkspace() {
        w.configure(receiver.url());
        auto sent = w.must_json("officer", {"upstream", "send"});
        BOOST_REQUIRE_MESSAGE(sent["batches_accepted"].get<int>() >= 1, sent.dump());
        batch = w.must_json("officer", {"upstream", "status"})["batches"][0]["uuid"];
    }
    json verify() {
        auto r = run_cli(w.cmd("admin", {"audit", "verify"}), w.env("admin"));
        last_exit = r.exit_code;
        return json::parse(r.out);   // one document, broken trail or not
    }
    int last_exit = -1;
    /// The trail as an administrator with the folder would edit it: raw SQL under the master key.
    template <class Edit>
    void edit_store(Edit edit) {
        auto master = db::unlock_master_key(w.ws, "admin", "pass-for-admin");
        BOOST_REQUIRE(master.has_value());
        auto opened = db::Database::open(std::filesystem::path(w.ws) / "workspace.db", &*master,
                                         db::Database::Mode::OpenExisting);
        BOOST_REQUIRE(opened.has_value());
        (*opened)->exec("BEGIN;");
        edit(**opened, *master);
        (*opened)->reset_cached();
        (*opened)->exec("COMMIT;");
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(audit_witness)

BOOST_AUTO_TEST_CASE(the_receipt_witnesses_the_head_and_verify_names_it) {
    WitnessedWorkspace s;
    const auto receipt = read_file(s.receiver.store() / "batches" / s.batch / "receipt.json");
    BOOST_TEST(receipt.find("\"audit_head\":{\"hash\":\"") != std::string::npos, receipt);
    const auto v = s.verify();
    BOOST_TEST(s.last_exit == 0);
    BOOST_TEST(v["intact"] == true, v.dump());
    BOOST_TEST(v["witnessed_heads"].get<int>() >= 1);
    BOOST_REQUIRE(v["last_witnessed"].is_object());
    BOOST_TEST(v["last_witnessed"]["batch"] == s.batch);
    BOOST_TEST(v["last_witnessed"]["seq"].get<int>() > 1);
}

BOOST_AUTO_TEST_CASE(a_trail_cut_behind_a_witnessed_head_is_reported) {
    WitnessedWorkspace s;
    const std::int64_t witnessed = s.verify()["last_witnessed"]["seq"];
    // Cut from two entries before the witnessed head on, and move the stored head back: on its own,
    // the shorter chain is consistent.
    s.edit_store([&](db::Database& d, const db::SecretKey&) {
        const auto entries = stored_audit_entries(d);
        const auto& keep = entries.at(static_cast<std::size_t>(witnessed - 3));
        d.query("DELETE FROM audit_entries WHERE seq > ?", keep.seq).run();
        d.query("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", keep.seq, keep.hash).run();
    });
    const auto v = s.verify();
    BOOST_TEST(s.last_exit != 0);
    BOOST_TEST(v["intact"] == false, v.dump());
    BOOST_TEST(v["first_bad_seq"] == witnessed);
    BOOST_TEST(v["problem"] == "entries removed that the census database witnessed", v.dump());
}

BOOST_AUTO_TEST_CASE(a_trail_rewritten_and_rechained_with_the_key_is_reported) {
    WitnessedWorkspace s;
    const std::int64_t witnessed = s.verify()["last_witnessed"]["seq"];
    // Entry 2 says something else, and every entry from there on is sealed again with the chain key
    // itself (db/README.md, "Audit chain"): the chain verifies on its own.
    s.edit_store([&](db::Database& d, const db::SecretKey& master) {
        unsigned char key[32];
        unsigned int size = 0;
        const std::string label = "sanaq-audit-chain-v2";
        HMAC(EVP_sha256(), master.data(), static_cast<int>(master.size()),
             reinterpret_cast<const unsigned char*>(label.data()), label.size(), key, &size);
        auto keyed = [&](const AuditEntry& e) {
            const std::string canonical = audit_canonical(e);
            unsigned char mac[32];
            HMAC(EVP_sha256(), key, sizeof key, reinterpret_cast<const unsigned char*>(canonical.data()),
                 canonical.size(), mac, &size);
            return sanaq::crypto::to_hex(sanaq::crypto::ByteView(mac, sizeof mac));
        };
        auto entries = stored_audit_entries(d);
        std::string prev = kAuditGenesisHash;
        for (auto& e : entries) {
            if (e.seq == 2) e.details = "{\"rewritten\":true}";
            if (e.seq >= 2) {
                seal(e, prev, keyed);
                d.query("UPDATE audit_entries SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?", e.details,
                        e.prev_hash, e.hash, e.seq)
                    .run();
            }
            prev = e.hash;
        }
        d.query("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", entries.back().seq, prev).run();
    });
    const auto v = s.verify();
    BOOST_TEST(s.last_exit != 0);
    BOOST_TEST(v["intact"] == false, v.dump());
    BOOST_TEST(v["first_bad_seq"] == witnessed);
    BOOST_TEST(v["problem"] == "rewritten where the census database witnessed it", v.dump());
}

BOOST_AUTO_TEST_SUITE_END()

// Signed audit entries and signed rows in common (db/README.md "Signed rows in common", "Audit
// chain"): a custodian's password opens common, so a custodian can rewrite it outside the program
// with its key — the audit trail re-chained with the chain key it holds, a tablet's public key, a
// setting, a pull. Each such change must be caught; normal use must still verify.
#include <openssl/hmac.h>

#include <boost/test/unit_test.hpp>

#include "core/domain/audit.h"
#include "db/member_signatures.h"
#include "per_role_fixture.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

const std::string kKit = "KIT-0001";

std::string hmac_hex(const unsigned char* key, std::size_t key_size, std::string_view message) {
    unsigned char mac[32];
    unsigned int size = 0;
    HMAC(EVP_sha256(), key, static_cast<int>(key_size),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &size);
    return sanaq::crypto::to_hex(sanaq::crypto::ByteView(mac, sizeof mac));
}

struct SignedCommonFixture : PerRoleFixture {
    SignedCommonFixture() {
        must(ws->add_slot(kSupervisor, kPassword, Role::Supervisor));
        must(ws->write([](StoreSession& tx) -> Status {
            SANAQ_TRY(tx.kits().insert(sample_kit(kKit, "0001")));
            return drop_value(tx.audit().append(draft_entry(kAdmin, "kit.register", kKit)));
        }));
        must(ws->write([](StoreSession& tx) -> Status {
            SANAQ_TRY(tx.settings().set("review.four_eyes", "1"));
            return drop_value(
                tx.audit().append(draft_entry(kAdmin, "settings.review_four_eyes", "")));
        }));
        // The officer enrols the tablet and pulls it twice: the last pull left packages behind.
        sign_in(kOfficer);
        must(ws->write([](StoreSession& tx) -> Status {
            if (auto ok = tx.device_keys().enroll({kKit, std::string(64, 'a'),
                                                   "-----BEGIN PUBLIC KEY-----tablet",
                                                   "2026-10-01T05:00:00Z", kOfficer});
                !ok)
                return ok;
            return drop_value(tx.audit().append(draft_entry(kOfficer, "device.enroll", kKit)));
        }));
        pull(0);
        pull(3);
        sign_in(kCustodian);
        must(ws->write([](StoreSession& tx) {
            return drop_value(tx.audit().append(draft_entry(kCustodian, "kit.service", kKit)));
        }));
        ws.reset();
    }

    void pull(std::int64_t left) {
        must(ws->write([&](StoreSession& tx) -> Status {
            PullRecord p;
            p.kit_number = kKit;
            p.source = "usb";
            p.started_at_utc = "2026-10-02T05:00:00Z";
            p.user = kOfficer;
            auto id = tx.packages().begin_pull(p);
            SANAQ_TRY(id);
            p.id = *id;
            p.finished_at_utc = "2026-10-02T05:10:00Z";
            p.outcome = PullOutcome::Complete;
            p.packages_left = left;
            SANAQ_TRY(tx.packages().finish_pull(p));
            return drop_value(tx.audit().append(draft_entry(kOfficer, "pull", kKit)));
        }));
    }

    /// Common opened outside the program with the key the custodian's member unwraps.
    std::unique_ptr<db::Database> custodian_raw_common() {
        auto keys = keys_of(kCustodian);
        auto file = must(db::read_key_slots(dir / "keyslots.json"));
        return must(db::Database::open(dir / file.part(Part::Common)->file,
                                       &keys.parts.at(Part::Common),
                                       db::Database::Mode::OpenExisting));
    }

    /// Renumbers the entries in storage order and seals them again with the chain key, which
    /// whoever opens common can take (or derive from common's key): a consistent chain.
    static void rechain(db::Database& raw, const db::SecretKey& common_key) {
        std::array<unsigned char, 32> chain{};
        {
            auto& q =
                raw.query("SELECT value FROM store_parameters WHERE name = 'audit_chain_key'");
            db::SecretKey base = db::copy_key(common_key);
            if (q.step()) {
                auto bytes = *sanaq::crypto::from_hex_bytes(q.text(0));
                std::copy(bytes.begin(), bytes.end(), base.data());
            }
            q.reset();
            unsigned int size = 0;
            const std::string label = "sanaq-audit-chain-v2";
            HMAC(EVP_sha256(), base.data(), 32,
                 reinterpret_cast<const unsigned char*>(label.data()), label.size(), chain.data(),
                 &size);
        }
        std::vector<std::pair<std::int64_t, AuditEntry>> rows;
        auto& st = raw.query(
            "SELECT id, seq, at_utc, at_local, actor, action, object_type, object_id, reason, "
            "details FROM "
            "audit_entries ORDER BY id");
        while (st.step()) {
            AuditEntry e;
            e.seq = st.int64(1);
            e.at_utc = st.text(2);
            e.at_local = st.text(3);
            e.actor = st.text(4);
            e.action = st.text(5);
            e.object_type = st.text(6);
            e.object_id = st.text(7);
            e.reason = st.text(8);
            e.details = st.text(9);
            rows.emplace_back(st.int64(0), e);
        }
        st.reset();
        std::string prev = kAuditGenesisHash;
        std::int64_t seq = 0;
        raw.exec("BEGIN;");
        for (auto& [id, e] : rows) {
            e.seq = ++seq;
            seal(e, prev, [&](const AuditEntry& x) {
                return hmac_hex(chain.data(), chain.size(), audit_canonical(x));
            });
            raw.query("UPDATE audit_entries SET seq = -?, prev_hash = ?, hash = ? WHERE id = ?",
                      e.seq, e.prev_hash, e.hash, id)
                .run();
            prev = e.hash;
        }
        raw.exec("UPDATE audit_entries SET seq = -seq;");
        raw.query("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, prev).run();
        raw.exec("COMMIT;");
    }

    AuditVerification verify_as(const std::string& user) {
        sign_in(user);
        AuditVerification v;
        must(ws->read([&](StoreSession& tx) -> Status {
            v = must(tx.audit().verify());
            return {};
        }));
        return v;
    }

    Status read_as(const std::string& user, const StoreWork& work) {
        sign_in(user);
        return ws->read(work);
    }
};

Status last_pull(StoreSession& tx) { return drop_value(tx.packages().pulls(kKit, 1)); }
Status four_eyes(StoreSession& tx) { return drop_value(tx.settings().get("review.four_eyes")); }
Status tablet_key(StoreSession& tx) { return drop_value(tx.device_keys().for_kit(kKit)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(signed_common)

BOOST_FIXTURE_TEST_CASE(normal_use_verifies_for_every_role, SignedCommonFixture) {
    const auto v = verify_as(kAdmin);
    BOOST_TEST(v.intact(), audit_problem_label(v.problem) << " at " << v.first_bad_seq);
    BOOST_TEST(v.checked >= 6u);
    for (const auto& user : {kAdmin, kOfficer, kSupervisor, kCustodian}) {
        BOOST_TEST_CONTEXT(user) {
            must(read_as(user, last_pull));
            must(read_as(user, four_eyes));
            must(read_as(user, tablet_key));
        }
    }
    sign_in(kCustodian);
    must(ws->read([](StoreSession& tx) -> Status {
        auto pulls = must(tx.packages().pulls(kKit, 0));
        BOOST_TEST(pulls.size() == 2u);
        BOOST_TEST(pulls.front().packages_left == 3);
        BOOST_TEST(
            (must(tx.settings().get("review.four_eyes")) == std::optional<std::string>("1")));
        return {};
    }));
}

BOOST_FIXTURE_TEST_CASE(an_entry_changed_and_rechained_with_the_chain_key_is_named,
                        SignedCommonFixture) {
    {
        auto raw = custodian_raw_common();
        raw->exec("UPDATE audit_entries SET details = '{\"forged\":1}' WHERE seq = 2;");
        rechain(*raw, keys_of(kCustodian).parts.at(Part::Common));
    }
    const auto v = verify_as(kAdmin);
    BOOST_TEST((v.problem == AuditProblem::BadSignature));
    BOOST_TEST(v.first_bad_seq == 2);
    BOOST_TEST(std::string(audit_problem_label(v.problem)) != "");
}

BOOST_FIXTURE_TEST_CASE(a_middle_entry_deleted_and_the_rest_rechained_is_named,
                        SignedCommonFixture) {
    {
        auto raw = custodian_raw_common();
        raw->exec("DELETE FROM audit_entries WHERE seq = 3;");
        rechain(*raw, keys_of(kCustodian).parts.at(Part::Common));
    }
    const auto v = verify_as(kSupervisor);
    BOOST_TEST((v.problem == AuditProblem::BadSignature));
    BOOST_TEST(v.first_bad_seq == 3);
}

BOOST_FIXTURE_TEST_CASE(an_entry_without_its_signature_or_claiming_another_actor_is_named,
                        SignedCommonFixture) {
    {
        auto raw = custodian_raw_common();
        raw->exec("DELETE FROM audit_signatures WHERE seq = 4;");
    }
    auto v = verify_as(kAdmin);
    BOOST_TEST((v.problem == AuditProblem::BadSignature));
    BOOST_TEST(v.first_bad_seq == 4);
    ws.reset();
    {
        // The custodian's own last entry, rewritten to name the administrator as its author and
        // re-chained: its signature is the custodian's, not the administrator's.
        auto raw = custodian_raw_common();
        auto& q = raw->query("SELECT max(seq) FROM audit_entries");
        q.step();
        const auto last = q.int64(0);
        q.reset();
        raw->query("UPDATE audit_entries SET actor = ? WHERE seq = ?", kAdmin, last).run();
        raw->exec(
            "INSERT OR REPLACE INTO audit_signatures SELECT seq + 100, signer, signature FROM "
            "audit_signatures "
            "WHERE seq = 3;");  // keeps the count of rows as it was
        rechain(*raw, keys_of(kCustodian).parts.at(Part::Common));
    }
    v = verify_as(kAdmin);
    BOOST_TEST((v.problem == AuditProblem::BadSignature));
    BOOST_TEST(v.first_bad_seq == 4);  // the signature removed above still comes first
}

BOOST_FIXTURE_TEST_CASE(a_swapped_tablet_key_is_refused_before_a_package_is_trusted,
                        SignedCommonFixture) {
    {
        auto raw = custodian_raw_common();
        raw->query("UPDATE device_keys SET device_id = ?, public_key_pem = ? WHERE kit_number = ?",
                   std::string(64, 'f'), "-----BEGIN PUBLIC KEY-----forged", kKit)
            .run();
    }
    expect_code(read_as(kOfficer, tablet_key), ErrorCode::WorkspaceDamaged);
    expect_code(read_as(kOfficer,
                        [](StoreSession& tx) {
                            return drop_value(tx.device_keys().by_device_id(std::string(64, 'f')));
                        }),
                ErrorCode::WorkspaceDamaged);
    const auto s = read_as(kOfficer, tablet_key);
    const auto said = describe(s.error());
    BOOST_TEST(said.find("device_keys") != std::string::npos, said);
    BOOST_TEST(said.find(kKit) != std::string::npos, said);
}

BOOST_FIXTURE_TEST_CASE(a_tablet_key_signed_by_the_custodian_themselves_is_refused,
                        SignedCommonFixture) {
    {
        // The custodian's own member key signs the forged row: a custodian may not enrol keys.
        auto keys = keys_of(kCustodian);
        auto file = must(db::read_key_slots(dir / "keyslots.json"));
        db::MemberSignatures custodian(file.workspace_id, keys.slot, keys.secrets.signing_seed,
                                       *file.roster);
        const std::string pem = "-----BEGIN PUBLIC KEY-----forged";
        const auto sig = must(custodian.sign(db::row_signing_input(
            file.workspace_id, "device_keys",
            {kKit, std::string(64, 'a'), pem, "2026-10-01T05:00:00Z", kOfficer})));
        auto raw = custodian_raw_common();
        raw->query("UPDATE device_keys SET public_key_pem = ? WHERE kit_number = ?", pem, kKit)
            .run();
        raw->query(
               "UPDATE row_signatures SET signed_by = ?, signature = ? WHERE table_name = "
               "'device_keys' AND "
               "row_key = ?",
               keys.slot, sig, kKit)
            .run();
    }
    expect_code(read_as(kOfficer, tablet_key), ErrorCode::WorkspaceDamaged);
}

BOOST_FIXTURE_TEST_CASE(a_setting_changed_inserted_or_deleted_is_refused_on_reading,
                        SignedCommonFixture) {
    {
        auto raw = custodian_raw_common();
        raw->exec("UPDATE settings SET value = '0' WHERE key = 'review.four_eyes';");
    }
    expect_code(read_as(kSupervisor, four_eyes), ErrorCode::WorkspaceDamaged);
    ws.reset();
    {
        auto raw = custodian_raw_common();
        raw->exec(
            "UPDATE settings SET value = '1' WHERE key = 'review.four_eyes';"
            "INSERT INTO settings (key, value) VALUES ('gate_override.KIT-0001', '2');");
    }
    expect_code(read_as(kCustodian,
                        [](StoreSession& tx) {
                            return drop_value(tx.settings().get("gate_override.KIT-0001"));
                        }),
                ErrorCode::WorkspaceDamaged);
    expect_code(read_as(kSupervisor, four_eyes), ErrorCode::WorkspaceDamaged);  // the count is off
    ws.reset();
    {
        // Four-eyes review switched off by deleting the setting and its signature.
        auto raw = custodian_raw_common();
        raw->exec(
            "DELETE FROM settings WHERE key LIKE 'gate_override.%' OR key = 'review.four_eyes';"
            "DELETE FROM row_signatures WHERE table_name = 'settings' AND row_key = "
            "'review.four_eyes';");
    }
    expect_code(read_as(kSupervisor, four_eyes), ErrorCode::WorkspaceDamaged);
}

BOOST_FIXTURE_TEST_CASE(a_pull_deleted_or_altered_to_open_the_return_gate_is_refused,
                        SignedCommonFixture) {
    {
        // The last pull left 3 packages on the tablet: deleting it makes the complete one the last.
        auto raw = custodian_raw_common();
        raw->exec(
            "DELETE FROM row_signatures WHERE table_name = 'pulls' AND row_key = "
            "(SELECT max(id) FROM pulls);"
            "DELETE FROM pulls WHERE id = (SELECT max(id) FROM pulls);");
    }
    expect_code(read_as(kCustodian, last_pull), ErrorCode::WorkspaceDamaged);
    ws.reset();
    {
        auto raw = custodian_raw_common();
        raw->exec("UPDATE pulls SET packages_left = 0;");
    }
    expect_code(read_as(kCustodian, last_pull), ErrorCode::WorkspaceDamaged);
}

BOOST_FIXTURE_TEST_CASE(an_altered_pull_is_refused_on_reading, SignedCommonFixture) {
    {
        auto raw = custodian_raw_common();
        raw->exec(
            "UPDATE pulls SET packages_left = 0, outcome = 'complete' WHERE id = (SELECT max(id) "
            "FROM pulls);");
    }
    expect_code(read_as(kCustodian, last_pull), ErrorCode::WorkspaceDamaged);
}

BOOST_FIXTURE_TEST_CASE(gate_override_by_a_supervisor_and_settings_by_the_administrator_verify,
                        SignedCommonFixture) {
    sign_in(kSupervisor);
    must(ws->write(
        [](StoreSession& tx) { return tx.settings().set("gate_override.KIT-0001", "2"); }));
    sign_in(kAdmin);
    must(ws->write([](StoreSession& tx) { return tx.settings().set("census.round", "2026"); }));
    for (const auto& user : {kCustodian, kOfficer, kSupervisor}) {
        BOOST_TEST_CONTEXT(user) {
            must(read_as(user, [](StoreSession& tx) -> Status {
                BOOST_TEST((must(tx.settings().get("gate_override.KIT-0001")) ==
                            std::optional<std::string>("2")));
                BOOST_TEST((must(tx.settings().get("census.round")) ==
                            std::optional<std::string>("2026")));
                return {};
            }));
        }
    }
    // A custodian may not write a gate override: what the program would sign as them is refused.
    sign_in(kCustodian);
    must(ws->write(
        [](StoreSession& tx) { return tx.settings().set("gate_override.KIT-0001", "9"); }));
    expect_code(read_as(kSupervisor, four_eyes), ErrorCode::WorkspaceDamaged);
}

BOOST_FIXTURE_TEST_CASE(a_pull_on_a_worker_connection_verifies, SignedCommonFixture) {
    sign_in(kOfficer);
    {
        auto worker = must(ws->open_worker_store());
        must(worker->write([](StoreSession& tx) -> Status {
            PullRecord p;
            p.kit_number = kKit;
            p.outcome = PullOutcome::Complete;
            auto id = tx.packages().begin_pull(p);
            SANAQ_TRY(id);
            p.id = *id;
            SANAQ_TRY(tx.packages().finish_pull(p));
            return drop_value(tx.audit().append(draft_entry(kOfficer, "pull", kKit)));
        }));
    }
    must(read_as(kCustodian, last_pull));
    const auto v = verify_as(kAdmin);
    BOOST_TEST(v.intact(), audit_problem_label(v.problem) << " at " << v.first_bad_seq);
}

BOOST_FIXTURE_TEST_CASE(entries_and_rows_verify_after_removals_resets_and_rekeys,
                        SignedCommonFixture) {
    sign_in(kOfficer);
    must(ws->confirm_access(kSupervisor));  // so census keeps a holder
    sign_in(kAdmin);
    // The custodian's password reset gives them new member keys; what their old key signed stays
    // verifiable (the roster's retired keys). Then the officer, who signed the tablet key and the
    // pulls, is removed and common and dept are re-keyed.
    must(ws->change_password(kCustodian, "another horse battery"));
    must(ws->remove_slot(kOfficer));
    must(ws->rekey_pending_parts([](std::uint64_t, std::uint64_t) { return true; }));
    must(ws->write([](StoreSession& tx) {
        return drop_value(tx.audit().append(draft_entry(kAdmin, "keys.rekey", "")));
    }));
    auto v = verify_as(kAdmin);
    BOOST_TEST(v.intact(), audit_problem_label(v.problem) << " at " << v.first_bad_seq);
    for (const auto& user : {kAdmin, kSupervisor}) {
        BOOST_TEST_CONTEXT(user) {
            must(read_as(user, last_pull));
            must(read_as(user, four_eyes));
            must(read_as(user, tablet_key));
        }
    }
    v = verify_as(kSupervisor);  // census re-keyed at this sign-in
    BOOST_TEST(v.intact(), audit_problem_label(v.problem) << " at " << v.first_bad_seq);
}

BOOST_FIXTURE_TEST_CASE(rows_signed_in_a_previous_role_are_signed_again_when_the_role_changes,
                        SignedCommonFixture) {
    // An officer (who enrolled the tablet and pulled it) becomes a supervisor, who may do neither:
    // the administrator signs those rows again in the role change, so they still verify.
    sign_in(kAdmin);
    must(ws->write([](StoreSession&) -> Status { return {}; }));
    must(ws->write([&](StoreSession&) { return ws->set_role(kOfficer, Role::Supervisor); }));
    for (const auto& user : {kCustodian, kSupervisor, kOfficer}) {
        BOOST_TEST_CONTEXT(user) {
            must(read_as(user, last_pull));
            must(read_as(user, tablet_key));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

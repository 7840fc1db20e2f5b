// Key slots: the wrapping itself, the file format, and that slot changes never touch the database.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "db/crypto.h"
#include "db/key_slots.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(key_slots)

BOOST_AUTO_TEST_CASE(slot_ids_hide_names_and_depend_on_the_workspace) {
    const std::string ws1(32, 'a'), ws2(32, 'b');
    const auto id = db::slot_id_for(ws1, "aigerim");
    BOOST_TEST(id.size() == 64u);
    BOOST_TEST(id == db::slot_id_for(ws1, "aigerim"));
    BOOST_TEST(id != db::slot_id_for(ws2, "aigerim"));
    BOOST_TEST(id != db::slot_id_for(ws1, "aigerim2"));
    BOOST_TEST(id.find("aigerim") == std::string::npos);
    // The documented construction, spelled out.
    std::string input = "sanaq-slot";
    input += '\0';
    input += ws1;
    input += '\0';
    input += "aigerim";
    BOOST_TEST(id == sanaq::crypto::to_hex(sanaq::crypto::sha256(input)));
}

BOOST_AUTO_TEST_CASE(wrap_and_unwrap_round_trip_and_wrong_password_fails) {
    const std::string ws(32, 'c');
    auto master = must(db::random_key());
    auto slot = must(db::make_slot(ws, "officer", "pass phrase one", master, db::test_kdf()));
    BOOST_TEST(slot.salt.size() == 16u);
    BOOST_TEST(slot.nonce.size() == 12u);
    BOOST_TEST(slot.wrapped_key.size() == 32u);
    BOOST_TEST(slot.tag.size() == 16u);
    auto back = must(db::unwrap_slot(ws, slot, "pass phrase one"));
    BOOST_TEST(sanaq::crypto::to_hex(back) == master.hex());
    auto wrong = db::unwrap_slot(ws, slot, "pass phrase two");
    BOOST_REQUIRE(!wrong);
    BOOST_TEST((wrong.error().code == ErrorCode::WrongPassword));
}

BOOST_AUTO_TEST_CASE(the_tag_binds_workspace_and_slot_id) {
    const std::string ws(32, 'd');
    auto master = must(db::random_key());
    auto slot = must(db::make_slot(ws, "officer", "pass phrase one", master, db::test_kdf()));
    // Moved to another workspace: the AAD no longer matches.
    BOOST_TEST(!db::unwrap_slot(std::string(32, 'e'), slot, "pass phrase one"));
    // Copied under another user's slot id: same.
    auto moved = slot;
    moved.id = db::slot_id_for(ws, "someone.else");
    BOOST_TEST(!db::unwrap_slot(ws, moved, "pass phrase one"));
}

BOOST_AUTO_TEST_CASE(two_slots_of_one_password_share_nothing) {
    const std::string ws(32, 'f');
    auto master = must(db::random_key());
    auto a = must(db::make_slot(ws, "u", "same password", master, db::test_kdf()));
    auto b = must(db::make_slot(ws, "u", "same password", master, db::test_kdf()));
    BOOST_TEST(a.salt != b.salt);
    BOOST_TEST(a.nonce != b.nonce);
    BOOST_TEST(a.wrapped_key != b.wrapped_key);
}

BOOST_AUTO_TEST_CASE(argon2id_matches_the_rfc_9106_reference_parameters) {
    // Argon2id over "password"/"somesalt", t=2, m=64 MiB, p=1, 32 bytes: the phc-winner-argon2
    // reference vector (its test.c), so an independent implementation gets the same key.
    std::vector<unsigned char> salt = {'s', 'o', 'm', 'e', 's', 'a', 'l', 't'};
    auto key = must(db::derive_key("password", salt, db::KdfParams{2, 65536, 1}));
    BOOST_TEST(sanaq::crypto::to_hex(key) ==
               "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
}

BOOST_AUTO_TEST_CASE(file_format_round_trips_and_uses_base64) {
    FreshWorkspace f;
    must(f.ws->add_slot("officer.one", "another password", Role::Officer));
    const auto text = read_file(f.dir / "keyslots.json");
    const auto j = nlohmann::json::parse(text);
    BOOST_TEST(j["format"] == "sanaq-keyslots");
    BOOST_TEST(j["version"] == 2);
    BOOST_TEST(j["binary_encoding"] == "base64");
    BOOST_TEST(j["mac"].get<std::string>().size() == 44u);                  // 32 bytes
    BOOST_TEST(j["workspace_id"] == f.ws->workspace_id());
    BOOST_TEST(j["sqlcipher"]["cipher"] == "aes-256-cbc");
    BOOST_TEST(j["sqlcipher"]["cipher_page_size"] == 4096);
    BOOST_TEST(j["sqlcipher"]["kdf_iter"] == 64000);
    BOOST_TEST(j["sqlcipher"]["cipher_use_hmac"] == true);
    BOOST_TEST(j["sqlcipher"]["hmac"] == "HMAC-SHA1");
    BOOST_REQUIRE(j["slots"].size() == 2u);
    const auto& s = j["slots"][1];
    BOOST_TEST(s["id"] == db::slot_id_for(f.ws->workspace_id(), "officer.one"));
    BOOST_TEST(s["kdf"]["name"] == "argon2id");
    BOOST_TEST(s["kdf"]["version"] == 19);
    BOOST_TEST(s["kdf"]["t_cost"] == db::test_kdf().t_cost);
    BOOST_TEST(s["kdf"]["salt"].get<std::string>().size() == 24u);           // 16 bytes
    BOOST_TEST(s["wrap"]["name"] == "aes-256-gcm");
    BOOST_TEST(s["wrap"]["nonce"].get<std::string>().size() == 16u);         // 12 bytes
    BOOST_TEST(s["wrap"]["wrapped_key"].get<std::string>().size() == 44u);   // 32 bytes
    BOOST_TEST(s["wrap"]["tag"].get<std::string>().size() == 24u);           // 16 bytes
    const auto parsed = must(db::parse_key_slots(text, "keyslots.json"));
    BOOST_TEST(db::key_slots_to_json(parsed) == text);
    // No temp files left behind by the atomic replace.
    for (const auto& entry : fs::directory_iterator(f.dir))
        BOOST_TEST(entry.path().filename().string().find(".tmp-") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(slot_changes_never_touch_the_database) {
    FreshWorkspace f;
    must(f.ws->write([](StoreSession& tx) -> Status { return tx.kits().insert(sample_kit("KIT-0001", "0001")); }));
    must(f.ws->checkpoint());
    const auto db_file = f.dir / "workspace.db";
    const auto before = file_sha256(db_file);
    const auto slots_before = read_file(f.dir / "keyslots.json");

    must(f.ws->add_slot("officer.one", "officer password 1", Role::Officer));
    must(f.ws->add_slot("custodian", "custodian password", Role::Custodian));
    must(f.ws->change_password(kAdmin, "a brand new admin password"));
    must(f.ws->remove_slot("custodian"));
    must(f.ws->checkpoint());

    BOOST_TEST(file_sha256(db_file) == before);
    BOOST_TEST(read_file(f.dir / "keyslots.json") != slots_before);
    BOOST_TEST(f.ws->has_slot("officer.one"));
    BOOST_TEST(!f.ws->has_slot("custodian"));

    f.close();
    BOOST_TEST(file_sha256(db_file) == before);
    // The new passwords open it; the old one and the removed user do not.
    BOOST_TEST(db::Workspace::open(f.dir, "officer.one", "officer password 1", quick_open()).has_value());
    auto old = db::Workspace::open(f.dir, kAdmin, kPassword, quick_open());
    BOOST_REQUIRE(!old);
    BOOST_TEST((old.error().code == ErrorCode::WrongPassword));
    auto removed = db::Workspace::open(f.dir, "custodian", "custodian password", quick_open());
    BOOST_REQUIRE(!removed);
    BOOST_TEST((removed.error().code == ErrorCode::UnknownUser));
    auto ws = must(db::Workspace::open(f.dir, kAdmin, "a brand new admin password", quick_open()));
    must(ws->read([](StoreSession& tx) -> Status {
        auto kit = tx.kits().find("KIT-0001");
        BOOST_TEST((kit && *kit));
        return {};
    }));
}

BOOST_AUTO_TEST_CASE(slot_errors) {
    FreshWorkspace f;
    auto dup = f.ws->add_slot(kAdmin, "whatever password", Role::Officer);
    BOOST_REQUIRE(!dup);
    BOOST_TEST((dup.error().code == ErrorCode::AlreadyExists));
    auto missing = f.ws->remove_slot("nobody");
    BOOST_REQUIRE(!missing);
    BOOST_TEST((missing.error().code == ErrorCode::NotFound));
    auto change_missing = f.ws->change_password("nobody", "whatever password");
    BOOST_REQUIRE(!change_missing);
    BOOST_TEST((change_missing.error().code == ErrorCode::NotFound));
    auto last = f.ws->remove_slot(kAdmin);
    BOOST_REQUIRE(!last);
    BOOST_TEST((last.error().code == ErrorCode::RefusedByState));
    BOOST_TEST(f.ws->has_slot(kAdmin));
}

BOOST_AUTO_TEST_CASE(kdf_profile_comes_from_the_environment) {
    ::setenv("SANAQ_KDF_PROFILE", "test", 1);
    BOOST_TEST((db::kdf_from_environment() == db::test_kdf()));
    ::unsetenv("SANAQ_KDF_PROFILE");
    BOOST_TEST((db::kdf_from_environment() == db::interactive_kdf()));
    const auto k = db::interactive_kdf();
    BOOST_TEST(k.m_cost_kib >= 64u * 1024);
    BOOST_TEST(db::kdf_params_acceptable(k));
    BOOST_TEST(db::kdf_params_acceptable(db::test_kdf()));
    BOOST_TEST(!db::kdf_params_acceptable(db::KdfParams{0, 64, 1}));
}

BOOST_AUTO_TEST_CASE(base64_and_hex_helpers) {
    const std::vector<unsigned char> bytes = {0, 1, 2, 250, 251, 252, 253};
    for (std::size_t n = 0; n <= bytes.size(); ++n) {
        std::vector<unsigned char> part(bytes.begin(), bytes.begin() + static_cast<long>(n));
        auto back = sanaq::crypto::from_base64_bytes(sanaq::crypto::to_base64(part));
        BOOST_REQUIRE(back.has_value());
        BOOST_TEST((*back == part));
        BOOST_TEST((*sanaq::crypto::from_hex_bytes(sanaq::crypto::to_hex(part)) == part));
    }
    BOOST_TEST(sanaq::crypto::to_base64(std::vector<unsigned char>{'f', 'o', 'o', 'b'}) == "Zm9vYg==");
    BOOST_TEST(!sanaq::crypto::from_base64_bytes("Zm9v!g=="));
    BOOST_TEST(!sanaq::crypto::from_hex_bytes("zz"));
}

BOOST_AUTO_TEST_SUITE_END()

// Converting a single-key workspace to per-role keys, phase one (db/README.md "Converting a
// single-key workspace"): each user's own sign-in seals member keys of their own under their
// unchanged password, in the version 2 document under its MAC, beside their single-key slot.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "db/key_conversion.h"
#include "per_role_fixture.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;

namespace {

struct SingleKeyFixture {
    TempDir tmp{"sanaq-convert"};
    fs::path dir = tmp.path() / "ws";
    std::unique_ptr<db::Workspace> ws;

    SingleKeyFixture() {
        ws = must(db::Workspace::create(dir, kAdmin, kPassword, db::test_kdf()));
        must(ws->add_slot(kOfficer, kPassword, Role::Officer));
        must(ws->add_slot(kCustodian, kPassword, Role::Custodian));
        ws.reset();
    }
    void sign_in(const std::string& user, const std::string& password = kPassword) {
        ws.reset();
        ws = must(db::Workspace::open(dir, user, password, quick_open()));
    }
    db::KeySlotFile document() { return must(db::read_key_slots(dir / "keyslots.json")); }
    std::string slot_of(const std::string& user) {
        return db::slot_id_for(document().workspace_id, user);
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(key_conversion)

BOOST_FIXTURE_TEST_CASE(a_new_single_key_workspace_has_nobody_enrolled, SingleKeyFixture) {
    BOOST_TEST(!document().enrolment.has_value());
}

BOOST_FIXTURE_TEST_CASE(each_sign_in_enrols_that_user_only_under_their_own_password, SingleKeyFixture) {
    sign_in(kOfficer);
    BOOST_TEST(ws->key_layout() == "single-key");
    auto doc = document();
    BOOST_TEST(doc.version == 2);
    BOOST_REQUIRE(doc.enrolment.has_value());
    BOOST_TEST(doc.enrolment->members.size() == 1u);
    const auto* officer = doc.enrolment->find(slot_of(kOfficer));
    BOOST_REQUIRE(officer != nullptr);
    BOOST_TEST(db::not_enrolled(doc, {kAdmin, kOfficer, kCustodian}) ==
                   (std::vector<std::string>{kAdmin, kCustodian}),
               boost::test_tools::per_element());

    // The member slot opens with the officer's unchanged password and holds the keys whose public
    // halves the roster will list; it pins the conversion root.
    auto secrets = must(db::unwrap_member_slot(doc.workspace_id, officer->slot, kPassword));
    BOOST_TEST((must(db::agreement_public_key(secrets.agreement_private)) == officer->agreement));
    BOOST_TEST((must(db::signing_public_key(secrets.signing_seed)) == officer->signing));
    BOOST_TEST((secrets.pinned_root == doc.enrolment->root));
    BOOST_TEST(!db::unwrap_member_slot(doc.workspace_id, officer->slot, "another password 1!").has_value());

    // The conversion root's seed opens under the master key only.
    auto master = must(db::unlock_master_key(dir, kOfficer, kPassword));
    auto seed = must(db::open_conversion_root(doc, master, dir / "keyslots.json"));
    BOOST_TEST((must(db::signing_public_key(seed)) == doc.enrolment->root));

    // A second sign-in changes nothing; the others enrol at theirs, under the same root.
    sign_in(kOfficer);
    BOOST_TEST(document().enrolment->members.size() == 1u);
    sign_in(kAdmin);
    sign_in(kCustodian);
    doc = document();
    BOOST_TEST(doc.enrolment->members.size() == 3u);
    BOOST_TEST(db::not_enrolled(doc, {kAdmin, kOfficer, kCustodian}).empty());
    const auto admin_secrets =
        must(db::unwrap_member_slot(doc.workspace_id, doc.enrolment->find(slot_of(kAdmin))->slot, kPassword));
    BOOST_TEST((admin_secrets.pinned_root == doc.enrolment->root));
    // Everyone still signs in with the single key.
    sign_in(kOfficer);
    BOOST_TEST(ws->key_layout() == "single-key");
}

BOOST_FIXTURE_TEST_CASE(the_enrolment_is_under_the_document_mac, SingleKeyFixture) {
    sign_in(kOfficer);
    ws.reset();
    // A custodian who swaps the officer's enrolled public key for one of their own is caught.
    std::ifstream in(dir / "keyslots.json");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    in.close();
    const auto doc = document();
    const auto* officer = doc.enrolment->find(slot_of(kOfficer));
    const auto old_key = crypto::to_base64(std::vector<unsigned char>(officer->signing.begin(), officer->signing.end()));
    const auto pos = text.find(old_key);
    BOOST_REQUIRE(pos != std::string::npos);
    text.replace(pos, old_key.size(), crypto::to_base64(std::vector<unsigned char>(32, 7)));
    std::ofstream(dir / "keyslots.json", std::ios::trunc) << text;
    auto opened = db::Workspace::open(dir, kCustodian, kPassword, quick_open());
    BOOST_REQUIRE(!opened.has_value());
    BOOST_TEST((opened.error().code == ErrorCode::WorkspaceDamaged));
}

BOOST_FIXTURE_TEST_CASE(a_removed_user_or_a_changed_password_drops_the_enrolment, SingleKeyFixture) {
    sign_in(kCustodian);
    sign_in(kOfficer);
    BOOST_TEST(document().enrolment->members.size() == 2u);
    must(ws->remove_slot(kCustodian));
    BOOST_TEST(!document().enrolment->find(slot_of(kCustodian)));
    // Keys sealed under the officer's old password go with it; the next sign-in enrols again.
    const std::string new_password = "A new passw0rd for the officer!";
    must(ws->change_password(kOfficer, new_password));
    BOOST_TEST(!document().enrolment->find(slot_of(kOfficer)));
    sign_in(kOfficer, new_password);
    auto doc = document();
    const auto* officer = doc.enrolment->find(slot_of(kOfficer));
    BOOST_REQUIRE(officer != nullptr);
    BOOST_TEST(db::unwrap_member_slot(doc.workspace_id, officer->slot, new_password).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

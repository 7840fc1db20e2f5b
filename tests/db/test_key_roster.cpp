// The roster and grants of the key hierarchy: who may hold which part, and that a custodian who
// writes keyslots.json can neither change a role nor slip a key of their own to a census holder.
#include <boost/test/unit_test.hpp>

#include "db/key_roster.h"
#include "db/key_roster_json.h"
#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

const std::string kWs(32, 'e');
const std::filesystem::path kFile = "keyslots.json";

struct Holder {
    db::SigningKeyPair signing;
    db::AgreementKeyPair agreement;
    db::RosterMember member;
};

Holder holder(std::string slot, Role role) {
    Holder p{must(db::generate_signing_pair()), must(db::generate_agreement_pair()), {}};
    p.member = {std::move(slot),       role, true, p.agreement.public_key, p.signing.public_key,
                "2026-12-07T10:00:00Z"};
    return p;
}

/// An administrator (holding the root), an officer, a supervisor and a custodian, with a census
/// part whose key the officer granted to the supervisor.
struct RosterFixture {
    db::SigningKeyPair root = must(db::generate_signing_pair());
    Holder admin = holder(std::string(64, 'a'), Role::Administrator);
    Holder officer = holder(std::string(64, 'b'), Role::Officer);
    Holder supervisor = holder(std::string(64, 'c'), Role::Supervisor);
    Holder custodian = holder(std::string(64, 'd'), Role::Custodian);
    db::SecretKey census = must(db::random_key());
    db::Roster roster;
    db::PartRecord record;

    RosterFixture() {
        roster.roots.push_back({root.public_key, std::nullopt});
        for (auto* p : {&admin, &officer, &supervisor, &custodian})
            roster.members.push_back(p->member);
        must(db::sign_roster(kWs, roster, root.seed));
        record = {db::Part::Census, "census.1.db", 1, db::key_id(census), {}, {}};
        must(db::sign_part_record(kWs, record, officer.member, officer.signing.seed));
    }
    db::Grant census_grant_to(const Holder& to, const Holder& by) {
        return must(db::make_grant(kWs, to.member, db::Part::Census, 1, census, by.member,
                                   by.signing.seed));
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(key_roster)

BOOST_AUTO_TEST_CASE(roles_hold_the_parts_of_the_design) {
    using db::Part;
    BOOST_TEST(db::role_holds(Role::Custodian, Part::Common));
    BOOST_TEST(!db::role_holds(Role::Custodian, Part::Census));
    BOOST_TEST(!db::role_holds(Role::Custodian, Part::Dept));
    BOOST_TEST(!db::role_holds(Role::Custodian, Part::Root));
    for (Role r : {Role::Officer, Role::Supervisor}) {
        BOOST_TEST(db::role_holds(r, Part::Census));
        BOOST_TEST(db::role_holds(r, Part::Dept));
        BOOST_TEST(!db::role_holds(r, Part::Root));
    }
    // The administrator manages users and keys but never holds census records.
    BOOST_TEST(!db::role_holds(Role::Administrator, Part::Census));
    BOOST_TEST(db::role_holds(Role::Administrator, Part::Dept));
    BOOST_TEST(db::role_holds(Role::Administrator, Part::Root));
    for (Part p : db::kAllParts) BOOST_TEST((db::parse_part(db::part_name(p)) == p));
    BOOST_TEST(!db::parse_part("Census").has_value());
}

BOOST_FIXTURE_TEST_CASE(a_signed_roster_survives_its_json_and_verifies, RosterFixture) {
    const auto j = db::detail::roster_to_json(roster, true);
    const auto back = db::detail::roster_from_json(nlohmann::json::parse(j.dump()));
    BOOST_TEST(must(db::verify_roster(kWs, back, root.public_key, kFile)) == root.public_key);
    BOOST_TEST(db::roster_signing_input(kWs, back) == db::roster_signing_input(kWs, roster));
}

BOOST_FIXTURE_TEST_CASE(a_custodian_cannot_change_a_role_or_add_a_member, RosterFixture) {
    auto promoted = roster;
    promoted.find(custodian.member.slot)->role = Role::Administrator;
    auto r = db::verify_roster(kWs, promoted, root.public_key, kFile);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == ErrorCode::WorkspaceDamaged));

    auto with_puppet = roster;
    with_puppet.members.push_back(holder(std::string(64, 'f'), Role::Officer).member);
    BOOST_TEST(!db::verify_roster(kWs, with_puppet, root.public_key, kFile).has_value());

    // Signing it with a key of one's own and putting that key in as the root does not help:
    // every member pins the root inside their password-sealed slot.
    auto forged = promoted;
    auto own = must(db::generate_signing_pair());
    forged.roots = {{own.public_key, std::nullopt}};
    must(db::sign_roster(kWs, forged, own.seed));
    BOOST_TEST(!db::verify_roster(kWs, forged, root.public_key, kFile).has_value());
    // Nor appending it as a "next root" without a certificate from the real one.
    auto appended = promoted;
    appended.roots.push_back({own.public_key, db::Signature{}});
    must(db::sign_roster(kWs, appended, own.seed));
    BOOST_TEST(!db::verify_roster(kWs, appended, root.public_key, kFile).has_value());
    // Another workspace's roster does not verify here either.
    BOOST_TEST(
        !db::verify_roster(std::string(32, 'f'), roster, root.public_key, kFile).has_value());
}

BOOST_FIXTURE_TEST_CASE(members_follow_a_certified_root_forward, RosterFixture) {
    auto next = must(db::generate_signing_pair());
    must(db::certify_next_root(kWs, roster, root.seed, next.public_key));
    must(db::sign_roster(kWs, roster, next.seed));
    // A member who pinned the first root reaches the new one; one who pinned the new one too.
    BOOST_TEST(must(db::verify_roster(kWs, roster, root.public_key, kFile)) == next.public_key);
    BOOST_TEST(must(db::verify_roster(kWs, roster, next.public_key, kFile)) == next.public_key);
    // The old root can no longer sign the roster on its own.
    auto old_signed = roster;
    BOOST_TEST(!db::sign_roster(kWs, old_signed, root.seed).has_value());
}

BOOST_FIXTURE_TEST_CASE(a_census_holder_grants_census_and_it_opens_only_for_the_recipient,
                        RosterFixture) {
    const auto grant = census_grant_to(supervisor, officer);
    auto key =
        must(db::open_grant(kWs, grant, roster, &record, supervisor.agreement.private_key, kFile));
    BOOST_TEST(key.hex() == census.hex());
    BOOST_TEST(!db::open_grant(kWs, grant, roster, &record, custodian.agreement.private_key, kFile)
                    .has_value());

    // Survives its JSON form.
    const auto back =
        db::detail::grant_from_json(nlohmann::json::parse(db::detail::grant_to_json(grant).dump()));
    BOOST_TEST(
        must(db::open_grant(kWs, back, roster, &record, supervisor.agreement.private_key, kFile))
            .hex() == census.hex());
}

BOOST_FIXTURE_TEST_CASE(nobody_outside_the_census_roles_can_grant_census, RosterFixture) {
    for (const Holder* by : {&admin, &custodian}) {
        const auto grant = census_grant_to(supervisor, *by);
        auto r =
            db::open_grant(kWs, grant, roster, &record, supervisor.agreement.private_key, kFile);
        BOOST_REQUIRE(!r.has_value());
        BOOST_TEST(r.error().detail.find("does not hold") != std::string::npos);
    }
}

BOOST_FIXTURE_TEST_CASE(a_custodian_cannot_substitute_a_census_key_of_their_own, RosterFixture) {
    auto own_key = must(db::random_key());
    // Naming the officer as granter: the custodian cannot make the officer's signature.
    auto forged = must(db::make_grant(kWs, supervisor.member, db::Part::Census, 1, own_key,
                                      officer.member, custodian.signing.seed));
    auto r = db::open_grant(kWs, forged, roster, &record, supervisor.agreement.private_key, kFile);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().detail.find("signature") != std::string::npos);

    // Re-sealing the real grant's fields around another key breaks the signature too.
    auto real = census_grant_to(supervisor, officer);
    auto resealed = real;
    resealed.sealed = must(db::seal_key_to(supervisor.member.agreement, own_key, kWs,
                                           "sanaq-grant-v3", db::grant_context(kWs, real)));
    BOOST_TEST(
        !db::open_grant(kWs, resealed, roster, &record, supervisor.agreement.private_key, kFile)
             .has_value());

    // A grant for another generation than the roster's is not the part's current key.
    auto stale = must(db::make_grant(kWs, supervisor.member, db::Part::Census, 2, census,
                                     officer.member, officer.signing.seed));
    BOOST_TEST(!db::open_grant(kWs, stale, roster, &record, supervisor.agreement.private_key, kFile)
                    .has_value());
}

BOOST_FIXTURE_TEST_CASE(grants_of_removed_members_are_worthless, RosterFixture) {
    const auto from_officer = census_grant_to(supervisor, officer);
    const auto to_officer = census_grant_to(officer, supervisor);
    roster.find(officer.member.slot)->active = false;
    must(db::sign_roster(kWs, roster, root.seed));
    BOOST_TEST(
        !db::open_grant(kWs, from_officer, roster, &record, supervisor.agreement.private_key, kFile)
             .has_value());
    BOOST_TEST(
        !db::open_grant(kWs, to_officer, roster, &record, officer.agreement.private_key, kFile)
             .has_value());
    BOOST_TEST(!db::verify_part_record(kWs, record, roster, kFile).has_value());

    // Until census is re-keyed past the generation the removal recorded, what the officer made and
    // gave for that generation still opens for the supervisor (who must open it to re-key it) —
    // and nothing for another generation.
    roster.pending_rotation.push_back(
        {db::Part::Census, 1, record.key_id, {supervisor.member.slot}});
    must(db::sign_roster(kWs, roster, root.seed));
    must(db::verify_part_record(kWs, record, roster, kFile));
    BOOST_TEST(must(db::open_grant(kWs, from_officer, roster, &record,
                                   supervisor.agreement.private_key, kFile))
                   .hex() == census.hex());
    // A colleague who did not hold census then (awaiting a confirmation) gets nothing from the
    // removed officer: the census key and file would be of the removed officer's choosing.
    Holder late = holder(std::string(64, 'e'), Role::Supervisor);
    roster.members.push_back(late.member);
    must(db::sign_roster(kWs, roster, root.seed));
    BOOST_TEST(!db::open_grant(kWs, census_grant_to(late, officer), roster, &record,
                               late.agreement.private_key, kFile)
                    .has_value());
    BOOST_TEST(
        !db::open_grant(kWs, to_officer, roster, &record, officer.agreement.private_key, kFile)
             .has_value());
    auto next = record;
    next.generation = 2;
    next.file = "census.2.db";
    must(db::sign_part_record(kWs, next, officer.member, officer.signing.seed));
    BOOST_TEST(!db::verify_part_record(kWs, next, roster, kFile).has_value());
}

BOOST_FIXTURE_TEST_CASE(only_a_member_who_may_make_a_part_signs_its_record, RosterFixture) {
    must(db::verify_part_record(kWs, record, roster, kFile));
    auto by_custodian = record;
    must(db::sign_part_record(kWs, by_custodian, custodian.member, custodian.signing.seed));
    BOOST_TEST(!db::verify_part_record(kWs, by_custodian, roster, kFile).has_value());
    auto by_admin = record;
    must(db::sign_part_record(kWs, by_admin, admin.member, admin.signing.seed));
    BOOST_TEST(!db::verify_part_record(kWs, by_admin, roster, kFile).has_value());
    auto moved = record;
    moved.file = "census.9.db";
    BOOST_TEST(!db::verify_part_record(kWs, moved, roster, kFile).has_value());
    // Common is re-keyed by administrators when a member goes; census holders do not make it.
    BOOST_TEST(db::may_make_part(Role::Administrator, db::Part::Common));
    BOOST_TEST(!db::may_make_part(Role::Officer, db::Part::Common));
    BOOST_TEST(!db::may_make_part(Role::Administrator, db::Part::Root));
}

BOOST_AUTO_TEST_CASE(member_secrets_have_a_fixed_layout) {
    db::MemberSecrets s;
    s.agreement_private = must(db::random_key());
    s.signing_seed = must(db::random_key());
    s.pinned_root.fill(0x5a);
    s.roster_generation = 0x0102030405060708ull;
    auto bytes = db::member_secrets_bytes(s);
    BOOST_TEST(bytes.size() == db::kMemberSecretsSize);
    s.census_generation = 7;
    bytes = db::member_secrets_bytes(s);
    BOOST_TEST(bytes[96] == 0x01);
    BOOST_TEST(bytes[103] == 0x08);
    BOOST_TEST(bytes[119] == 0x07);
    auto back = db::parse_member_secrets(bytes.data(), bytes.size());
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(back->agreement_private.hex() == s.agreement_private.hex());
    BOOST_TEST(back->signing_seed.hex() == s.signing_seed.hex());
    BOOST_TEST((back->pinned_root == s.pinned_root));
    BOOST_TEST(back->roster_generation == s.roster_generation);
    BOOST_TEST(back->census_generation == 7u);
    BOOST_TEST(!db::parse_member_secrets(bytes.data(), bytes.size() - 1).has_value());
    sanaq::crypto::wipe(bytes);
    BOOST_TEST(bytes.empty());
}

BOOST_AUTO_TEST_SUITE_END()

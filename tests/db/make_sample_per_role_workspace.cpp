// Makes a small closed workspace with per-role keys for read_per_role_workspace_independently.py
// (db/README.md, "Key hierarchy"), optionally after a member was removed or moved to another role
// and both holders re-keyed ("Re-keying"), keeping the keyslots.json of before that change.
//
// usage: make_sample_per_role_workspace FOLDER SCENARIO [OLD_KEYSLOTS]
// SCENARIO roles: an administrator, an officer, a supervisor and a custodian; data in every part.
// remove-officer: then the administrator removes the officer and re-keys, and the supervisor signs
//   in and re-keys census.
// officer-to-custodian: then the administrator makes the officer a custodian and re-keys, and the
//   supervisor signs in and re-keys census.
// remove-admin: with a second administrator, whom the first removes and re-keys (a new root
//   certified by the old one); nobody signs in afterwards, so the other slots pin the first root.
// split: the same four users and data in a single-key workspace (sanaq init --keys single); each
//   signs in once (enrolment), the officer last, whose sign-in splits it into per-role parts.
// OLD_KEYSLOTS: where keyslots.json is copied as it was before the change (all but roles, split).
// Every member's password is "<name> pass phrase".
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "db/workspace.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

const std::string kAdmin = "zhanar.admin";
const std::string kOfficer = "aigerim.officer";
const std::string kSupervisor = "nurlan.supervisor";
const std::string kCustodian = "dana.custodian";
const std::string kSecondAdmin = "bolat.admin";

std::string password_of(const std::string& user) { return user + " pass phrase"; }

int fail(const char* step, const Error& e) {
    std::fprintf(stderr, "%s: %s (%s)\n", step, e.message_id.c_str(), e.detail.c_str());
    return 1;
}

#define STEP(name, expr)                                                                        \
    do {                                                                                        \
        if (auto step_result_ = (expr); !step_result_) return fail(name, step_result_.error()); \
    } while (0)

db::OpenOptions options() { return db::OpenOptions{false, db::test_kdf()}; }

Result<std::unique_ptr<db::Workspace>> sign_in(const fs::path& dir, const std::string& user) {
    return db::Workspace::open(dir, user, password_of(user), options());
}

AuditEntry entry(const std::string& actor, const std::string& action,
                 const std::string& object_id) {
    AuditEntry e;
    e.at_utc = "2026-11-22T09:14:03Z";
    e.at_local = "2026-11-22T14:14:03+05:00";
    e.actor = actor;
    e.action = action;
    e.object_type = action.substr(0, action.find('.'));
    e.object_id = object_id;
    e.details = "{}";
    return e;
}

/// The register rows every role can read (common): the four users and a kit.
Status write_common(db::Workspace& ws) {
    return ws.write([](StoreSession& tx) -> Status {
        const std::pair<std::string, Role> users[] = {{kAdmin, Role::Administrator},
                                                      {kOfficer, Role::Officer},
                                                      {kSupervisor, Role::Supervisor},
                                                      {kCustodian, Role::Custodian}};
        for (const auto& [name, role] : users) {
            User u;
            u.name = name;
            u.full_name = name;
            u.role = role;
            u.created_at_utc = "2026-11-22T09:00:00Z";
            SANAQ_TRY(tx.users().insert(u));
        }
        SANAQ_TRY(tx.settings().set("department.name_ru", "Департамент статистики"));
        if (auto r = tx.kits().insert(make_kit("KIT-ROLE-1", Tablet{"Tab", "SER-1", "", "USB-1"}));
            !r)
            return r;
        SANAQ_TRY(tx.audit().append(entry(kAdmin, "workspace.create", "ws")));
        return {};
    });
}

/// What an officer writes: a household with two persons (census), a department secret (dept) and
/// an audit entry (common).
Status write_officer_data(db::Workspace& ws) {
    return ws.write([](StoreSession& tx) -> Status {
        Household h;
        h.uuid = "0b9c6f1e-1c9a-4f7e-9d2a-0000000000a1";
        h.place = HouseholdPlace::Address;
        h.kato = "191010000";
        h.kato_version = "2022";
        h.street = "Абай";
        h.house = "10";
        h.household_number = "7";
        const RecordProvenance from{"pkg-role-1", "KIT-ROLE-1", 0, "2026-10-05T06:00:00Z"};
        SANAQ_TRY(tx.census().upsert(h, from));
        for (const char* tail : {"01", "02"}) {
            Person p;
            p.uuid = std::string("7d1f3c2a-5b6e-4c8d-9e0f-0000000001") + tail;
            p.household_uuid = h.uuid;
            p.surname = "Серікова";
            p.name = "Айгүл";
            p.birth_date = "1990-01-01";
            SANAQ_TRY(tx.census().upsert(p, from));
        }
        if (auto r = tx.settings().set("secret.department.x25519_private", "PEM OF THE DEPARTMENT");
            !r)
            return r;
        SANAQ_TRY(tx.audit().append(entry(kOfficer, "pull.package", "KIT-ROLE-1")));
        return {};
    });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4) {
        std::fprintf(stderr,
                     "usage: make_sample_per_role_workspace FOLDER SCENARIO [OLD_KEYSLOTS]\n");
        return 2;
    }
    const fs::path dir = argv[1];
    const std::string scenario = argv[2];
    if (scenario != "roles" && scenario != "remove-officer" && scenario != "officer-to-custodian" &&
        scenario != "remove-admin" && scenario != "split") {
        std::fprintf(stderr, "unknown scenario %s\n", scenario.c_str());
        return 2;
    }
    if (scenario == "split") {
        {
            auto ws = db::Workspace::create(dir, kAdmin, password_of(kAdmin), db::test_kdf());
            if (!ws) return fail("create", ws.error());
            STEP("add officer", (*ws)->add_slot(kOfficer, password_of(kOfficer), Role::Officer));
            STEP("add supervisor",
                 (*ws)->add_slot(kSupervisor, password_of(kSupervisor), Role::Supervisor));
            STEP("add custodian",
                 (*ws)->add_slot(kCustodian, password_of(kCustodian), Role::Custodian));
            STEP("common rows", write_common(**ws));
            STEP("officer's rows", write_officer_data(**ws));
        }
        for (const auto& user : {kAdmin, kSupervisor, kCustodian, kOfficer}) {
            auto ws = sign_in(dir, user);
            if (!ws) return fail("sign-in", ws.error());
            if ((user == kOfficer) != ((*ws)->key_layout() == "per-role")) {
                std::fprintf(stderr, "the officer's sign-in did not split the workspace\n");
                return 1;
            }
        }
        for (const auto& user : {kAdmin, kSupervisor, kCustodian}) {  // slots remember it
            auto ws = sign_in(dir, user);
            if (!ws) return fail("sign-in after the split", ws.error());
        }
        return 0;
    }
    if (scenario != "roles" && argc != 4) {
        std::fprintf(stderr, "%s needs OLD_KEYSLOTS\n", scenario.c_str());
        return 2;
    }
    {
        auto ws = db::Workspace::create_per_role(dir, kAdmin, password_of(kAdmin), db::test_kdf());
        if (!ws) return fail("create_per_role", ws.error());
        STEP("add officer", (*ws)->add_slot(kOfficer, password_of(kOfficer), Role::Officer));
        STEP("add supervisor",
             (*ws)->add_slot(kSupervisor, password_of(kSupervisor), Role::Supervisor));
        STEP("add custodian",
             (*ws)->add_slot(kCustodian, password_of(kCustodian), Role::Custodian));
        if (scenario == "remove-admin")
            STEP("add a second administrator",
                 (*ws)->add_slot(kSecondAdmin, password_of(kSecondAdmin), Role::Administrator));
        STEP("common rows", write_common(**ws));
    }
    {
        auto ws = sign_in(dir, kOfficer);  // the first census holder to sign in makes census
        if (!ws) return fail("officer signs in", ws.error());
        STEP("officer confirms the supervisor", (*ws)->confirm_access(kSupervisor));
        STEP("officer's rows", write_officer_data(**ws));
    }
    for (const auto& user : {kSupervisor, kCustodian}) {  // every slot remembers the generations
        auto ws = sign_in(dir, user);
        if (!ws) return fail("sign-in", ws.error());
    }
    if (scenario == "roles") return 0;

    std::error_code ec;
    fs::copy_file(dir / "keyslots.json", argv[3], fs::copy_options::overwrite_existing, ec);
    if (ec) {
        std::fprintf(stderr, "copy keyslots.json: %s\n", ec.message().c_str());
        return 1;
    }
    {
        auto ws = sign_in(dir, kAdmin);
        if (!ws) return fail("administrator signs in", ws.error());
        if (scenario == "remove-officer")
            STEP("remove the officer", (*ws)->remove_slot(kOfficer));
        else if (scenario == "officer-to-custodian")
            STEP("officer to custodian", (*ws)->set_role(kOfficer, Role::Custodian));
        else
            STEP("remove the second administrator", (*ws)->remove_slot(kSecondAdmin));
        STEP("administrator re-keys", (*ws)->rekey_pending_parts());
        if (!(*ws)->parts_to_rekey().empty()) {
            std::fprintf(stderr, "parts still waiting for the administrator\n");
            return 1;
        }
    }
    if (scenario == "remove-admin") return 0;  // census was never the administrators' to re-key
    {
        auto ws = sign_in(dir, kSupervisor);
        if (!ws) return fail("supervisor signs in", ws.error());
        STEP("supervisor re-keys", (*ws)->rekey_pending_parts());
        if (!(*ws)->parts_to_rekey().empty()) {
            std::fprintf(stderr, "parts still waiting for the supervisor\n");
            return 1;
        }
    }
    return 0;
}

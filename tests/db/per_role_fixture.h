#pragma once
// A workspace with per-role keys made for a test: an administrator, an officer and a custodian
// (test_per_role_workspace, test_rekey).
#include <boost/test/unit_test.hpp>

#include "db/key_membership.h"
#include "db/repositories/session.h"
#include "fixtures.h"

namespace sanaq::test {

namespace fs = std::filesystem;
using db::Part;

inline const std::string kOfficer = "aigerim.officer";
inline const std::string kSupervisor = "nurlan.supervisor";
inline const std::string kCustodian = "dana.custodian";

struct PerRoleFixture {
    TempDir tmp{"sanaq-per-role"};
    fs::path dir = tmp.path() / "ws";
    std::unique_ptr<db::Workspace> ws;

    PerRoleFixture() {
        ws = must(db::Workspace::create_per_role(dir, kAdmin, kPassword, db::test_kdf()));
        must(ws->add_slot(kOfficer, kPassword, Role::Officer));
        must(ws->add_slot(kCustodian, kPassword, Role::Custodian));
    }
    void sign_in(const std::string& user) {
        ws.reset();
        ws = must(db::Workspace::open(dir, user, kPassword, quick_open()));
    }
    db::MemberKeys keys_of(const std::string& user) {
        auto file = must(db::read_key_slots(dir / "keyslots.json"));
        return must(db::unlock_member(file, user, kPassword, dir / "keyslots.json"));
    }
    Result<std::optional<std::string>> setting(const std::string& key) {
        std::optional<std::string> value;
        auto st = ws->read([&](StoreSession& tx) -> Status {
            auto v = tx.settings().get(key);
            SANAQ_TRY(v);
            value = *v;
            return {};
        });
        SANAQ_TRY(st);
        return value;
    }
    Status census_stats() {
        return ws->read([](StoreSession& tx) { return drop_value(tx.census().stats()); });
    }
    bool file_opens_under(const fs::path& file, const db::SecretKey& key) {
        return db::Database::open(file, &key, db::Database::Mode::OpenExisting).has_value();
    }
};

inline void expect_code(const Status& s, ErrorCode code) {
    BOOST_REQUIRE(!s.has_value());
    BOOST_TEST((s.error().code == code), describe(s.error()));
}

}  // namespace sanaq::test

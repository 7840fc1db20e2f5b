// keyslots.json is in a folder every account on the office PC may write. Whoever edits it — with or
// without a password of their own — must get a refusal naming the file, and nothing they wrote may
// run: not as SQL, not as a key derivation that eats the machine.
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "core/error.h"
#include "db/kdf.h"
#include "db/key_slots.h"
#include "db/sqlite/database.h"
#include "db/workspace.h"
#include "keyslots_document.h"

namespace sanaq::test {
namespace {

Result<std::unique_ptr<db::Workspace>> open(const ClosedWorkspace& w) {
    return db::Workspace::open(w.dir, kOfficer, kOfficerPassword, db::OpenOptions{false, db::test_kdf()});
}

void require_refused_naming_the_file(const Result<std::unique_ptr<db::Workspace>>& opened) {
    BOOST_REQUIRE(!opened.has_value());
    BOOST_TEST((opened.error().code == ErrorCode::WorkspaceDamaged));
    bool names_file = false;
    for (const auto& a : opened.error().args) names_file = names_file || a.find("keyslots.json") != std::string::npos;
    BOOST_TEST(names_file, "the message names keyslots.json: " << opened.error().detail);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(key_slot_document)

BOOST_AUTO_TEST_CASE(sql_placed_in_the_cipher_field_never_runs) {
    ClosedWorkspace w;
    const auto stolen = w.tmp / "stolen.db";
    w.edit_slots([&](auto& j) {
        j["sqlcipher"]["cipher"] = "aes-256-cbc'; ATTACH DATABASE '" + stolen.string() +
                                   "' AS stolen; CREATE TABLE stolen.copy AS SELECT * FROM main.sqlite_master; --";
    });
    require_refused_naming_the_file(open(w));
    BOOST_TEST(!std::filesystem::exists(stolen), "the attached database was created: the payload ran");
}

BOOST_AUTO_TEST_CASE(every_cipher_setting_is_the_builds_own) {
    const std::pair<const char*, nlohmann::ordered_json> changes[] = {
        {"cipher", "aes-128-cbc"},   {"cipher_page_size", 1024}, {"kdf_iter", 1},
        {"fast_kdf_iter", 1},        {"cipher_use_hmac", false}, {"hmac", "HMAC-SHA512"},
        {"hmac_salt_mask", 0},       {"key_form", "passphrase"},
    };
    for (const auto& [field, value] : changes) {
        BOOST_TEST_CONTEXT("sqlcipher." << field) {
            ClosedWorkspace w;
            w.edit_slots([&](auto& j) { j["sqlcipher"][field] = value; });
            require_refused_naming_the_file(open(w));
        }
    }
}

BOOST_AUTO_TEST_CASE(any_changed_byte_of_the_document_is_refused_after_the_right_password) {
    ClosedWorkspace w;
    BOOST_REQUIRE(w.slots().contains("mac"));
    w.edit_slots([](auto& j) { j["slots"][0]["created_at_utc"] = "2020-01-01T00:00:00Z"; });
    const auto opened = open(w);
    require_refused_naming_the_file(opened);
    BOOST_TEST(opened.error().detail.find("changed outside") != std::string::npos, opened.error().detail);
}

BOOST_AUTO_TEST_CASE(a_document_stripped_of_its_mac_is_a_downgrade_and_refused) {
    ClosedWorkspace w;
    w.edit_slots([](auto& j) {
        j.erase("mac");
        j["version"] = 1;
    });
    require_refused_naming_the_file(open(w));
}

BOOST_AUTO_TEST_CASE(a_workspace_from_before_sealing_is_sealed_at_its_first_sign_in) {
    ClosedWorkspace w;
    {   // As an older Sanaq Station left it: no MAC, and no record of one in the store.
        auto master = db::unlock_master_key(w.dir, kOfficer, kOfficerPassword);
        BOOST_REQUIRE(master.has_value());
        auto database = db::Database::open(w.dir / "workspace.db", &*master, db::Database::Mode::OpenExisting);
        BOOST_REQUIRE(database.has_value());
        (*database)->exec("DELETE FROM store_parameters WHERE name = 'keyslots_sealed';");
    }
    w.edit_slots([](auto& j) {
        j.erase("mac");
        j["version"] = 1;
    });
    auto opened = open(w);
    BOOST_REQUIRE_MESSAGE(opened.has_value(), (opened ? std::string() : opened.error().detail));
    opened->reset();
    const auto sealed = w.slots();
    BOOST_TEST(sealed.at("version").get<int>() == 2);
    BOOST_TEST(sealed.contains("mac"));
    BOOST_TEST(open(w).has_value());
}

// Argon2id parameters are read before anything in the file can be authenticated: a folder's
// keyslots.json asking for t=1000 passes over 4 GiB must be refused before a byte is allocated.
BOOST_AUTO_TEST_CASE(kdf_parameters_beyond_the_ceiling_never_run) {
    ClosedWorkspace w;
    w.edit_slots([](auto& j) {
        j["slots"][0]["kdf"]["t_cost"] = 1000;
        j["slots"][0]["kdf"]["m_cost_kib"] = 4u * 1024 * 1024;
    });
    const auto started = std::chrono::steady_clock::now();
    const pid_t child = ::fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        auto opened = open(w);
        ::_exit(!opened && opened.error().code == ErrorCode::WorkspaceDamaged ? 0 : 1);
    }
    int status = 0;
    rusage usage{};
    bool ended = false;
    // Generous: the refusal takes milliseconds; the derivation it prevents takes many minutes.
    while (!ended && std::chrono::steady_clock::now() - started < std::chrono::seconds(60)) {
        ended = ::wait4(child, &status, WNOHANG, &usage) == child;
        if (!ended) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!ended) {
        ::kill(child, SIGKILL);
        ::wait4(child, &status, 0, &usage);
    }
    BOOST_TEST(ended, "still deriving after 60 s");
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0), "refused as a damaged keyslots.json");
    const long peak_kib = usage.ru_maxrss;
    BOOST_TEST_MESSAGE("peak RSS of a sign-in against t=1000, m=4 GiB: " << peak_kib / 1024 << " MiB");
    BOOST_TEST(peak_kib < 256 * 1024, "peak RSS " << peak_kib / 1024 << " MiB");
}

BOOST_AUTO_TEST_CASE(the_ceiling_and_the_floor_are_what_the_readme_says) {
    BOOST_TEST(db::kdf_params_acceptable(db::interactive_kdf()));
    BOOST_TEST(!db::kdf_params_acceptable(db::KdfParams{1000, 4u * 1024 * 1024, 4}));
    BOOST_TEST(!db::kdf_params_acceptable(db::KdfParams{8, 2u * 1024 * 1024, 2}));   // 2 GiB
    BOOST_TEST(!db::kdf_params_acceptable(db::KdfParams{17, 128 * 1024, 2}));         // over twice the work
    BOOST_TEST(db::kdf_params_acceptable(db::KdfParams{16, 128 * 1024, 2}));
    // This program is a test program: the weak profile is allowed here, and only here.
    BOOST_TEST(db::weak_kdf_allowed_in_this_program());
    BOOST_TEST(db::kdf_params_acceptable(db::test_kdf()));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace sanaq::test

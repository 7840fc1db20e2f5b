#pragma once
// A CLI workspace ready for `sanaq upstream ...`: an administrator, an officer and a supervisor, one
// kit whose simulated tablet was pulled (its records wait to be batched), and helpers to configure
// it against a receiver of the test PKI. Shared by the CLI suite and the security suite.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/usecases/demo.h"
#include "support/cli_workspace.h"
#include "support/run_cli.h"
#include "support/temp_dir.h"
#include "support/receiver_fixture.h"

namespace sanaq::test {

struct UpstreamWorkspace : CliWorkspaceBase {
    std::string tablet = (dir / "tablet").string();
    std::string keyfile = (dir / "department.pem").string();
    const test::TestPki& pki = test::TestPki::instance();
    std::int64_t persons = 0, households = 0;
    nlohmann::json institution;   // the one the simulated kit enumerated (not registered)

    /// `keys`: "per-role" (the default layout) or "single" (the legacy layout).
    explicit UpstreamWorkspace(int n = 300, const std::string& keys = "per-role")
        : CliWorkspaceBase("sanaq-cli-upstream", {{"officer", "officer"}, {"supervisor", "supervisor"}},
                           keys) {
        extra_env["SANAQ_P12_PASSWORD"] = pki.p12_password();
        must_json("officer", {"kit", "register", "KIT-0042", "--tablet-serial", "R52R3000042", "--usb-serial",
                              "R52R3000042", "--imei", make_imei("35281234560042"), "--model", "Samsung SM-T505"});
        must_json("officer", {"keys", "department-public", "--out", keyfile});
        auto made = test::run_tablet_sim({"--json", "make-packages", "--out", tablet, "--kit", "KIT-0042",
                             "--department-key", keyfile, "--persons", std::to_string(n), "--packages", "3", "--seed", "9"});
        BOOST_REQUIRE_MESSAGE(made.exit_code == 0, made.err);
        institution = nlohmann::json::parse(made.out)["institution"];
        must_json("officer", {"kit", "enroll-device", "KIT-0042", "--public-key",
                              (std::filesystem::path(tablet) / "Documents/Sanaq/device-key.pem").string()});
        must_json("officer", {"pull", "--from-dir", tablet});
        auto status = must_json("officer", {"upstream", "status"});
        BOOST_TEST(status["configured"] == false);
        persons = status["outbox"]["pending_persons"];
        households = status["outbox"]["pending_households"];
    }

    nlohmann::json configure(const std::string& url, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"upstream", "configure", "--url", url, "--ca", pki.ca_pem().string(),
                                         "--client-cert", pki.client_p12().string(), "--receipt-key",
                                         pki.receipt_pub().string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return must_json("admin", args);
    }

    std::vector<std::string> receiver_args(std::vector<std::string> extra = {}) const {
        std::vector<std::string> all{"--receipt-key", pki.receipt_key().string()};
        all.insert(all.end(), extra.begin(), extra.end());
        return all;
    }
};

}  // namespace sanaq::test

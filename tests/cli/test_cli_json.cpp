// The --json rule (README.md, "JSON output"): every command of `sanaq` prints exactly one JSON
// document on stdout — on success, on every error, and on partial outcomes — and nothing else
// there. The table below has a success and an error case for every command of the command table
// (read from `sanaq --json --help`, so a new command without a case fails this test), run in one
// department's day so that each success has the state it needs.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/usecases/demo.h"
#include "support/run_cli.h"
#include "support/temp_dir.h"
#include "support/receiver_fixture.h"
#include "support/upstream_workspace.h"

using namespace sanaq;
using nlohmann::json;
using test::run_cli;
namespace fs = std::filesystem;

namespace {

const fs::path kPackageVectors = fs::path(SANAQ_TEST_SOURCE_ROOT) / "tests/vectors/package";

/// stdout as exactly one JSON value (nlohmann's parse refuses anything after it but white space).
std::optional<json> one_document(const std::string& out) {
    try {
        return json::parse(out);
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

struct Day : test::UpstreamWorkspace {
    Day() : UpstreamWorkspace(30) {}

    std::string ws2 = (dir / "ws2").string();
    std::string tablet43 = (dir / "tablet43").string();
    std::string iin = make_iin(1986, 9, 30, false, 555);
    std::string bin = make_bin(2003, 5, 77);
    std::unique_ptr<test::ReceiverProcess> receiver;
    json sim43, made_list;
    std::string act, queued_batch;
    std::vector<std::int64_t> quarantined;
    std::vector<int> review_ids;

    // command → the kinds of case run for it ("success", "error")
    std::map<std::string, std::set<std::string>> ran;
    std::map<std::string, std::string> not_practical;   // command kind → why it was not run here

    /// Runs `args` (with --json) and holds it to the rule; `ok`: the run must succeed, else fail.
    json check(const std::string& command, bool ok, std::vector<std::string> args,
               const std::map<std::string, std::string>& extra_env = {}, const std::string& user = {},
               const std::string& workspace = {}) {
        if (!user.empty()) args.insert(args.begin(), {"--workspace", workspace.empty() ? ws : workspace, "--user", user});
        args.insert(args.begin(), "--json");
        auto e = user.empty() ? std::map<std::string, std::string>{} : env(user);
        for (const auto& [k, v] : extra_env) e[k] = v;
        return held_to_the_rule(command, ok, run_cli(args, e));
    }
    /// The same for a command of `sanaq-tablet-sim`, the census simulator's program.
    json check_sim(const std::string& command, bool ok, std::vector<std::string> args) {
        args.insert(args.begin(), "--json");
        return held_to_the_rule(command, ok, test::run_tablet_sim(args));
    }

    json held_to_the_rule(const std::string& command, bool ok, const test::CliRun& r) {
        const std::string kind = ok ? "success" : "error";
        BOOST_TEST_CONTEXT("sanaq " << command << " (" << kind << "), exit " << r.exit_code << ", stderr: " << r.err) {
            auto doc = one_document(r.out);
            BOOST_TEST(doc.has_value(), "stdout is not exactly one JSON document:\n" << r.out);
            if (!doc) return json();
            if (ok) {
                BOOST_TEST(r.exit_code == 0);
                BOOST_TEST(!(doc->is_object() && doc->contains("error")), doc->dump());
                BOOST_TEST(!(doc->is_object() && doc->empty()), "an empty document says nothing");
            } else {
                BOOST_TEST(r.exit_code != 0);
                BOOST_TEST(doc->is_object());
                BOOST_TEST((doc->is_object() && doc->contains("error") && (*doc)["error"]["code"].is_string() &&
                            (*doc)["error"]["message"].is_string()),
                           doc->dump());
            }
            ran[command].insert(kind);
            return *doc;
        }
        return json();
    }

    void success(const std::string& command, const std::string& user, std::vector<std::string> args,
                 const std::map<std::string, std::string>& extra_env = {}) {
        last = check(command, true, std::move(args), extra_env, user);
    }
    void failure(const std::string& command, const std::string& user, std::vector<std::string> args,
                 const std::map<std::string, std::string>& extra_env = {}) {
        last = check(command, false, std::move(args), extra_env, user);
    }
    json last;

    std::string path(const std::string& name) const { return (dir / name).string(); }
    std::string device_key(const std::string& tablet) const {
        return (fs::path(tablet) / "Documents/Sanaq/device-key.pem").string();
    }
};

struct CommandCase {
    std::string command;                  // as `sanaq --help` names it, e.g. "kit issue"
    std::function<void(Day&)> success;    // each runs the command through Day::success / failure
    std::function<void(Day&)> failure;
};

// In the order of a department's day: each success leaves what the next ones need.
std::vector<CommandCase> cases() {
    // Seed 7 and 300 persons: the simulated list leaves one pair for a supervisor's review.
    const std::string sim_seed = "7";
    return {
        {"init",
         [](Day& d) { d.last = d.check("init", true, {"--workspace", d.ws2, "init", "--admin", "admin"}, {{"SANAQ_NEW_PASSWORD", "pass-for-admin"}}); },
         [](Day& d) { d.last = d.check("init", false, {"--workspace", d.ws, "init", "--admin", "admin"}, {{"SANAQ_NEW_PASSWORD", "pass-for-admin"}}); }},
        {"demo",
         [](Day& d) { d.last = d.check("demo", true, {"demo"}, {}, "admin", d.ws2); },
         [](Day& d) { d.last = d.check("demo", false, {"demo"}, {}, "admin", d.ws2); }},   // not empty any more
        {"user add",
         [](Day& d) {
             d.success("user add", "admin", {"user", "add", "keeper", "--role", "custodian"}, {{"SANAQ_NEW_PASSWORD", "pass-for-keeper"}});
             d.check("user add", true, {"user", "add", "boss2", "--role", "supervisor"}, {{"SANAQ_NEW_PASSWORD", "pass-for-boss2"}}, "admin");
             d.check("user add", true, {"user", "add", "temp", "--role", "officer"}, {{"SANAQ_NEW_PASSWORD", "pass-for-temp"}}, "admin");
             // Census access, as a colleague gives it (the administrator cannot).
             test::give_census_access(d.ws, {{"officer", "officer"}, {"boss2", "supervisor"}, {"temp", "officer"}});
         },
         [](Day& d) { d.failure("user add", "admin", {"user", "add", "keeper", "--role", "custodian"}, {{"SANAQ_NEW_PASSWORD", "pass-for-keeper"}}); }},
        {"user list",
         [](Day& d) { d.success("user list", "admin", {"user", "list"}); },
         [](Day& d) { d.failure("user list", "admin", {"user", "list"}, {{"SANAQ_PASSWORD", "not-the-password"}}); }},
        {"user role",
         [](Day& d) { d.success("user role", "admin", {"user", "role", "temp", "--role", "supervisor", "--reason", "promoted"}); },
         [](Day& d) { d.failure("user role", "admin", {"user", "role", "temp", "--role", "wizard", "--reason", "x"}); }},
        {"user passwd",
         [](Day& d) { d.success("user passwd", "admin", {"user", "passwd", "temp", "--reason", "forgotten"}, {{"SANAQ_NEW_PASSWORD", "pass-for-temp"}}); },
         [](Day& d) { d.failure("user passwd", "admin", {"user", "passwd", "temp", "--reason", "forgotten"}); }},   // no terminal
        {"user confirm-access",  // nobody waits; there is no such user to confirm
         [](Day& d) { d.success("user confirm-access", "boss2", {"user", "confirm-access"}); },
         [](Day& d) { d.failure("user confirm-access", "boss2", {"user", "confirm-access", "nobody-here"}); }},
        {"workspace convert-keys",
         [](Day& d) { d.success("workspace convert-keys", "admin", {"workspace", "convert-keys"}); },
         [](Day& d) { d.failure("workspace convert-keys", "admin", {"workspace", "convert-keys"}, {{"SANAQ_PASSWORD", "not-the-password"}}); }},
        {"workspace rekey",
         [](Day& d) { d.success("workspace rekey", "admin", {"workspace", "rekey"}); },
         [](Day& d) { d.failure("workspace rekey", "admin", {"workspace", "rekey"}, {{"SANAQ_PASSWORD", "not-the-password"}}); }},
        {"user remove",
         [](Day& d) { d.success("user remove", "admin", {"user", "remove", "temp", "--reason", "left"}); },
         [](Day& d) { d.failure("user remove", "admin", {"user", "remove", "nobody", "--reason", "x"}); }},
        {"settings show",
         [](Day& d) { d.success("settings show", "admin", {"settings", "show"}); },
         [](Day& d) { d.failure("settings show", "admin", {"settings", "show", "--bogus", "1"}); }},
        {"settings department",
         [](Day& d) { d.success("settings department", "admin", {"settings", "department", "--name-ru", "Департамент"}); },
         [](Day& d) { d.failure("settings department", "officer", {"settings", "department", "--name-ru", "Департамент"}); }},
        {"settings census set",
         [](Day& d) { d.success("settings census set", "admin", {"settings", "census", "set", "--round", "2026", "--reference-date", "2026-10-01", "--utc-offset", "+05:00"}); },
         [](Day& d) { d.failure("settings census set", "officer", {"settings", "census", "set", "--round", "2026"}); }},
        {"settings census show",
         [](Day& d) { d.success("settings census show", "officer", {"settings", "census", "show"}); },
         [](Day& d) { d.failure("settings census show", "officer", {"settings", "census", "show", "--bogus"}); }},
        {"settings idle-lock",
         [](Day& d) { d.success("settings idle-lock", "admin", {"settings", "idle-lock", "10"}); },
         [](Day& d) { d.failure("settings idle-lock", "admin", {"settings", "idle-lock", "soon"}); }},
        {"institution types",
         [](Day& d) { d.last = d.check("institution types", true, {"institution", "types"}); },
         [](Day& d) { d.last = d.check("institution types", false, {"institution", "types", "--bogus", "1"}); }},
        {"territories import",  // the 2013 edition: the day's institutions are of 2022, checked for form only
         [](Day& d) {
             std::ofstream(d.path("kato.csv")) << "te;name_kaz;name_rus\n590000000;Солтүстік Қазақстан облысы;"
                                                  "Северо-Казахстанская область\n";
             d.success("territories import", "admin", {"territories", "import", d.path("kato.csv"), "--edition", "2013"});
         },
         [](Day& d) { d.failure("territories import", "officer", {"territories", "import", d.path("kato.csv"), "--edition", "2013"}); }},
        {"territories show",
         [](Day& d) { d.success("territories show", "officer", {"territories", "show", "59"}); },
         [](Day& d) { d.failure("territories show", "officer", {"territories", "show", "5"}); }},
        {"territories region",
         [](Day& d) { d.success("territories region", "admin", {"territories", "region", "59"}); },
         [](Day& d) { d.failure("territories region", "admin", {"territories", "region", "51"}); }},
        {"sanaq-tablet-sim make-packages",
         [sim_seed](Day& d) {
             d.last = d.check_sim("sanaq-tablet-sim make-packages", true,
                                  {"make-packages", "--out", d.tablet43, "--kit", "KIT-0043", "--department-key",
                                   d.keyfile, "--persons", "300", "--packages", "2", "--seed", sim_seed});
             d.sim43 = d.last;
         },
         [](Day& d) { d.last = d.check_sim("sanaq-tablet-sim make-packages", false, {"make-packages", "--kit", "KIT-0043"}); }},
        {"institution add",
         [](Day& d) {
             const auto& i = d.sim43["institution"];
             d.success("institution add", "officer",
                       {"institution", "add", "--bin", i["bin"], "--name-kk", i["name_kk"], "--name-ru", i["name_ru"],
                        "--type", i["type"], "--kato", i["kato"], "--kato-version", i["kato_version"]});
             d.check("institution add", true,
                     {"institution", "add", "--bin", d.bin, "--name-kk", "Диспансер", "--name-ru", "Диспансер", "--type",
                      "tuberculosis", "--kato", "591010000"}, {}, "officer");
         },
         [](Day& d) { d.failure("institution add", "officer", {"institution", "add", "--bin", d.bin, "--type", "castle", "--kato", "591010000"}); }},
        {"institution list",
         [](Day& d) { d.success("institution list", "officer", {"institution", "list"}); },
         [](Day& d) { d.failure("institution list", "officer", {"institution", "list", "--bogus", "1"}); }},
        {"staff add",
         [](Day& d) { d.success("staff add", "officer", {"staff", "add", "--institution", d.bin, "--iin", d.iin, "--name", "Ким Виктория Сергеевна"}); },
         [](Day& d) { d.failure("staff add", "officer", {"staff", "add", "--institution", d.bin, "--iin", "123456789012", "--name", "Х"}); }},
        {"staff list",
         [](Day& d) { d.success("staff list", "officer", {"staff", "list"}); },
         [](Day& d) { d.failure("staff list", "officer", {"staff", "list", "--bogus", "1"}); }},
        {"staff appoint",
         [](Day& d) { d.success("staff appoint", "officer", {"staff", "appoint", "--iin", d.iin, "--order-number", "12-к", "--order-date", "2021-05-20", "--trained-on", "2021-05-31"}); },
         [](Day& d) { d.failure("staff appoint", "officer", {"staff", "appoint", "--iin", d.iin, "--order-number", "12-к"}); }},
        {"register set",
         [](Day& d) { d.success("register set", "officer", {"register", "set", d.bin, "--owes", "yes", "--deadline", "2021-06-15", "--expected", "40"}); },
         [](Day& d) { d.failure("register set", "officer", {"register", "set", d.bin, "--owes", "maybe"}); }},
        {"register show",
         [](Day& d) { d.success("register show", "officer", {"register", "show", "--status", "missing"}); },
         [](Day& d) { d.failure("register show", "officer", {"register", "show", "--status", "overdue"}); }},
        {"register export",
         [](Day& d) { d.success("register export", "officer", {"register", "export", (d.dir / "not-sent.xlsx").string()}); },
         [](Day& d) { d.failure("register export", "officer", {"register", "export", (d.dir / "not-sent.txt").string()}); }},
        {"kit register",
         [](Day& d) {
             d.success("kit register", "officer",
                       {"kit", "register", "KIT-0043", "--tablet-serial", d.sim43["usb_serial"], "--usb-serial", d.sim43["usb_serial"]});
         },
         [](Day& d) { d.failure("kit register", "officer", {"kit", "register", "KIT-0043", "--tablet-serial", "S", "--usb-serial", "U"}); }},
        {"kit template",
         [](Day& d) { d.last = d.check("kit template", true, {"kit", "template", "--out", d.path("template.csv")}); },
         [](Day& d) { d.last = d.check("kit template", false, {"kit", "template", "--out", d.path("template.txt")}); }},
        {"kit import",
         [](Day& d) {
             std::ofstream(d.path("kits.csv"))
                 << "Номер комплекта;Модель планшета;Серийный номер планшета;IMEI;Серийный номер USB;Зарядное устройство\n"
                 << "KIT-0101;Samsung SM-T505;S0101;" << make_imei("35281234560101") << ";U0101;CH-0101\n";
             d.success("kit import", "officer", {"kit", "import", d.path("kits.csv")});
         },
         [](Day& d) {
             // A partial outcome: the preview of every row, then the refusal — one document.
             std::ofstream(d.path("bad-kits.csv"))
                 << "Номер комплекта;Модель планшета;Серийный номер планшета;IMEI;Серийный номер USB;Зарядное устройство\n"
                 << "KIT-0102;Samsung SM-T505;S0102;" << make_imei("35281234560102") << ";U0102;CH-0102\n"
                 << "KIT-0103;Samsung SM-T505;S0103;123;U0103;CH-0103\n";
             d.failure("kit import", "officer", {"kit", "import", d.path("bad-kits.csv")});
             BOOST_TEST(d.last["rows"].size() == 2u, d.last.dump());
             BOOST_TEST(d.last["error"]["code"] == "invalid_input");
         }},
        {"stock receive",
         [](Day& d) { d.success("stock receive", "officer", {"stock", "receive", "--explanations", "10", "--certificates", "100"}); },
         [](Day& d) { d.failure("stock receive", "officer", {"stock", "receive", "--explanations", "many"}); }},
        {"stock show",
         [](Day& d) { d.success("stock show", "officer", {"stock", "show"}); },
         [](Day& d) { d.failure("stock show", "officer", {"stock", "show", "--bogus", "1"}); }},
        {"kit issue",
         [](Day& d) {
             d.success("kit issue", "officer", {"kit", "issue", "KIT-0101", "--to", d.iin, "--act", d.path("issue.pdf"), "--certificates", "5"});
             d.act = d.last.value("act", "");
         },
         [](Day& d) { d.failure("kit issue", "officer", {"kit", "issue", "KIT-0101", "--to", d.iin, "--act", d.path("again.pdf")}); }},
        {"act list",
         [](Day& d) { d.success("act list", "officer", {"act", "list"}); },
         [](Day& d) { d.failure("act list", "officer", {"act", "list", "--bogus", "1"}); }},
        {"act print",
         [](Day& d) { d.success("act print", "officer", {"act", "print", d.act, "--out", d.path("copy.pdf")}); },
         [](Day& d) { d.failure("act print", "officer", {"act", "print", "SQ-I-1999-000001", "--out", d.path("none.pdf")}); }},
        {"kit return",
         [](Day& d) { d.success("kit return", "keeper", {"kit", "return", "KIT-0101", "--missing", "charger", "--act", d.path("return.pdf"), "--certificates-used", "5"}); },
         [](Day& d) { d.failure("kit return", "keeper", {"kit", "return", "KIT-0042", "--act", d.path("return2.pdf")}); }},   // never issued
        {"paper issue",
         [](Day& d) {
             d.success("paper issue", "officer", {"paper", "issue", "--to", d.iin, "--act", d.path("paper.pdf"), "--explanations", "2"});
         },
         [](Day& d) {  // beyond stock
             d.failure("paper issue", "officer", {"paper", "issue", "--to", d.iin, "--act", d.path("paper2.pdf"), "--explanations", "1000"});
         }},
        {"paper balance",
         [](Day& d) { d.success("paper balance", "keeper", {"paper", "balance"}); },
         [](Day& d) { d.failure("paper balance", "keeper", {"paper", "balance", "--holder", "123"}); }},
        {"paper return",
         [](Day& d) {
             d.success("paper return", "keeper", {"paper", "return", "--from", d.iin, "--act", d.path("paper-back.pdf"),
                                                  "--explanations-returned", "2"});
         },
         [](Day& d) {  // more than held
             d.failure("paper return", "keeper", {"paper", "return", "--from", d.iin, "--act", d.path("paper-back2.pdf"),
                                                  "--explanations-returned", "50"});
         }},
        {"kit replace",
         [](Day& d) { d.success("kit replace", "officer", {"kit", "replace", "KIT-0101", "--component", "charger=CH-0101B", "--reason", "lost"}); },
         [](Day& d) { d.failure("kit replace", "officer", {"kit", "replace", "KIT-0101", "--component", "charger", "--reason", "x"}); }},
        {"kit service",
         [](Day& d) {
             d.success("kit service", "officer", {"kit", "service", "KIT-0101", "repair", "--reason", "cracked glass"});
             d.check("kit service", true, {"kit", "service", "KIT-0101", "repaired"}, {}, "officer");
         },
         [](Day& d) { d.failure("kit service", "officer", {"kit", "service", "KIT-0101", "fly"}); }},
        {"kit list",
         [](Day& d) {
             d.success("kit list", "officer", {"kit", "list"});
             // Written to a file and listed: the file's line goes to stderr, the list is the document.
             d.check("kit list", true, {"kit", "list", "--outstanding", "--export", d.path("outstanding.csv")}, {}, "officer");
             BOOST_TEST(d.last.is_array());
         },
         [](Day& d) { d.failure("kit list", "officer", {"kit", "list", "--state", "lost"}); }},
        {"kit show",
         [](Day& d) { d.success("kit show", "officer", {"kit", "show", "KIT-0101"}); },
         [](Day& d) { d.failure("kit show", "officer", {"kit", "show", "KIT-9999"}); }},
        {"keys department-public",
         [](Day& d) { d.success("keys department-public", "officer", {"keys", "department-public", "--out", d.path("dept2.pem")}); },
         [](Day& d) { d.failure("keys department-public", "officer", {"keys", "department-public"}); }},
        {"pull",
         [](Day& d) {
             // KIT-0043's simulated tablet over USB; its key is not enrolled yet, so its packages go
             // to the quarantine (a success) and the kit's return waits for them.
             d.success("pull", "officer", {"pull", "--serial", d.sim43["usb_serial"]}, {{"SANAQ_SIMULATED_TABLETS", d.tablet43}});
             BOOST_TEST(d.last["packages_quarantined"] == 2);
         },
         [](Day& d) { d.failure("pull", "officer", {"pull", "--from-dir", d.path("no-such-tablet")}); }},
        {"kit allow-return",
         [](Day& d) { d.success("kit allow-return", "supervisor", {"kit", "allow-return", "KIT-0043", "--reason", "packages in quarantine"}); },
         [](Day& d) { d.failure("kit allow-return", "supervisor", {"kit", "allow-return", "KIT-0101", "--reason", "x"}); }},   // nothing to allow
        {"quarantine list",
         [](Day& d) {
             d.success("quarantine list", "officer", {"quarantine", "list"});
             for (const auto& q : d.last["quarantine"]) d.quarantined.push_back(q["id"].get<std::int64_t>());
             BOOST_TEST(d.quarantined.size() == 2u);
         },
         [](Day& d) { d.failure("quarantine list", "officer", {"quarantine", "list", "--bogus", "1"}); }},
        {"kit enroll-device",
         [](Day& d) { d.success("kit enroll-device", "officer", {"kit", "enroll-device", "KIT-0043", "--public-key", d.device_key(d.tablet43)}); },
         [](Day& d) { d.failure("kit enroll-device", "officer", {"kit", "enroll-device", "KIT-0043", "--public-key", d.path("no-key.pem")}); }},
        {"quarantine retry",
         [](Day& d) { d.success("quarantine retry", "officer", {"quarantine", "retry", std::to_string(d.quarantined.at(0))}); },
         [](Day& d) { d.failure("quarantine retry", "officer", {"quarantine", "retry", "first"}); }},
        {"quarantine dismiss",
         [](Day& d) { d.success("quarantine dismiss", "officer", {"quarantine", "dismiss", std::to_string(d.quarantined.at(1)), "--reason", "pulled again"}); },
         [](Day& d) { d.failure("quarantine dismiss", "officer", {"quarantine", "dismiss", "9999", "--reason", "x"}); }},
        {"device list",
         [](Day& d) { d.success("device list", "officer", {"device", "list"}, {{"SANAQ_SIMULATED_TABLETS", d.tablet43}}); },
         [](Day& d) { d.failure("device list", "officer", {"device", "list", "--bogus", "1"}); }},
        {"device watch",
         [](Day& d) {
             // Runs until Ctrl+C: its events stream inside one document, closed when it stops.
             auto r = test::run_cli_interrupted_after(
                 {"--json", "--workspace", d.ws, "--user", "officer", "device", "watch"}, d.env("officer"), 3000);
             if (r.exit_code == 0) {
                 d.last = d.held_to_the_rule("device watch", true, r);
                 BOOST_TEST(d.last["events"].is_array(), d.last.dump());
             } else {
                 // No USB here (a container): the watcher cannot start; the failure is one document too.
                 d.held_to_the_rule("device watch", false, r);
                 d.not_practical["device watch success"] = "no USB subsystem on this machine: " + r.err;
             }
         },
         [](Day& d) { d.failure("device watch", "officer", {"device", "watch", "--bogus", "1"}); }},
        {"package check",
         [](Day& d) {
             const auto keys = kPackageVectors / "keys";
             d.last = d.check("package check", true,
                              {"package", "check", (kPackageVectors / "one-chunk.sqpkg").string(), "--department-key",
                               (keys / "department-x25519-private.pem").string(), "--device-key",
                               (keys / "device-ed25519-public.pem").string()});
         },
         [](Day& d) {
             // A deviating file beside one that cannot be read: both in the one document, with the error.
             d.last = d.check("package check", false,
                              {"package", "check", (kPackageVectors / "bad-magic.sqpkg").string(), d.path("missing.sqpkg")});
             BOOST_TEST(d.last["files"].size() == 2u, d.last.dump());
         }},
        {"records stats",
         [](Day& d) { d.success("records stats", "officer", {"records", "stats"}); },
         [](Day& d) { d.failure("records stats", "keeper", {"records", "stats"}); }},   // custodians see no census data
        {"sanaq-tablet-sim make-list",
         [sim_seed](Day& d) {
             d.last = d.check_sim("sanaq-tablet-sim make-list", true,
                                  {"make-list", "--out", d.path("list.csv"), "--kit", "KIT-0043", "--persons", "300",
                                   "--seed", sim_seed});
             d.made_list = d.last;
         },
         [](Day& d) { d.last = d.check_sim("sanaq-tablet-sim make-list", false, {"make-list", "--out", d.path("l.csv"), "--persons", "0"}); }},
        {"list import",
         [](Day& d) {
             d.success("list import", "officer",
                       {"list", "import", d.path("list.csv"), "--institution", d.sim43["institution"]["bin"], "--valid-only"});
         },
         [](Day& d) { d.failure("list import", "officer", {"list", "import", d.path("no-list.csv"), "--institution", d.bin}); }},
        {"list versions",
         [](Day& d) { d.success("list versions", "officer", {"list", "versions"}); },
         [](Day& d) { d.failure("list versions", "officer", {"list", "versions", "--bogus", "1"}); }},
        {"channels import",
         [](Day& d) {
             std::ofstream(d.path("channels.csv")) << "IIN;Surname;Given name;Date of birth;Channel;Confirmation code\n"
                                                       "900101300017;Online;Person;1990-01-01;online;ONL-1\n";
             d.success("channels import", "officer", {"channels", "import", d.path("channels.csv")});
         },
         [](Day& d) { d.failure("channels import", "officer", {"channels", "import", d.path("no-channels.csv")}); }},
        {"channels list",
         [](Day& d) { d.success("channels list", "officer", {"channels", "list"}); },
         [](Day& d) { d.failure("channels list", "officer", {"channels", "list", "--bogus", "1"}); }},
        {"reconcile",
         [](Day& d) { d.success("reconcile", "officer", {"reconcile"}); },
         [](Day& d) { d.failure("reconcile", "officer", {"reconcile", "--threads", "many"}); }},
        {"coverage",
         [](Day& d) { d.success("coverage", "officer", {"coverage"}); },
         [](Day& d) { d.failure("coverage", "officer", {"coverage", "--by", "planet"}); }},
        {"records export",
         [](Day& d) { d.success("records export", "officer", {"records", "export", "--out", d.path("records.csv")}); },
         [](Day& d) { d.failure("records export", "officer", {"records", "export", "--out", d.path("records.txt")}); }},
        {"review four-eyes",
         [](Day& d) { d.success("review four-eyes", "admin", {"review", "four-eyes", "on"}); },
         [](Day& d) { d.failure("review four-eyes", "admin", {"review", "four-eyes", "maybe"}); }},
        {"review list",
         [](Day& d) {
             d.success("review list", "supervisor", {"review", "list"});
             for (const auto& item : d.last) d.review_ids.push_back(item["id"].get<int>());
         },
         [](Day& d) { d.failure("review list", "supervisor", {"review", "list", "--state", "pending"}); }},
        {"review show",
         [](Day& d) {
             if (d.review_ids.empty()) d.not_practical["review show success"] = "the reconciliation left no review item";
             else d.success("review show", "supervisor", {"review", "show", std::to_string(d.review_ids[0])});
         },
         [](Day& d) { d.failure("review show", "supervisor", {"review", "show", "999999"}); }},
        {"review decide",
         [](Day& d) {
             if (d.review_ids.empty()) d.not_practical["review decide success"] = "the reconciliation left no review item";
             else d.success("review decide", "supervisor", {"review", "decide", std::to_string(d.review_ids[0]), "nonmatch", "--reason", "different people"});
         },
         [](Day& d) { d.failure("review decide", "supervisor", {"review", "decide", "1", "perhaps", "--reason", "x"}); }},
        {"review confirm",
         [](Day& d) {
             if (d.review_ids.empty()) d.not_practical["review confirm success"] = "the reconciliation left no review item";
             else d.success("review confirm", "boss2", {"review", "confirm", std::to_string(d.review_ids[0])});
         },
         [](Day& d) { d.failure("review confirm", "boss2", {"review", "confirm", "first"}); }},
        {"upstream configure",
         [](Day& d) {
             d.receiver = std::make_unique<test::ReceiverProcess>(d.dir / "receiver", d.receiver_args());
             d.success("upstream configure", "admin",
                       {"upstream", "configure", "--url", d.receiver->url(), "--ca", d.pki.ca_pem().string(), "--client-cert",
                        d.pki.client_p12().string(), "--receipt-key", d.pki.receipt_pub().string()});
         },
         [](Day& d) { d.failure("upstream configure", "admin", {"upstream", "configure", "--ca", d.pki.ca_pem().string()}); }},
        {"upstream send",
         [](Day& d) {
             d.success("upstream send", "officer", {"upstream", "send"});
             BOOST_TEST(d.last["batches_accepted"].get<int>() > 0, d.last.dump());
         },
         [](Day& d) {
             // New records, the receiver gone: a report with attempts and the error, in one document (exit 6).
             d.check_sim("sanaq-tablet-sim make-packages", true,
                         {"make-packages", "--out", d.tablet43, "--kit", "KIT-0043", "--department-key", d.keyfile,
                          "--persons", "10", "--packages", "1", "--seed", "41"});
             d.check("pull", true, {"pull", "--from-dir", d.tablet43}, {}, "officer");
             d.receiver->stop();
             auto r = run_cli(d.cmd("officer", {"upstream", "send"}), d.env("officer"));
             BOOST_TEST(r.exit_code == 6, r.err);
             d.last = d.held_to_the_rule("upstream send", false, r);
             BOOST_TEST(d.last.contains("attempts"), d.last.dump());
         }},
        {"upstream status",
         [](Day& d) {
             d.success("upstream status", "officer", {"upstream", "status"});
             for (const auto& b : d.last["batches"])
                 if (b["state"] == "queued") d.queued_batch = b["uuid"];
             BOOST_TEST(!d.queued_batch.empty(), d.last.dump());
         },
         [](Day& d) { d.failure("upstream status", "officer", {"upstream", "status", "--batches", "all"}); }},
        {"upstream retry",
         [](Day& d) { d.success("upstream retry", "officer", {"upstream", "retry", d.queued_batch}); },
         [](Day& d) { d.failure("upstream retry", "officer", {"upstream", "retry"}); }},
        {"upstream discard",
         [](Day& d) { d.success("upstream discard", "officer", {"upstream", "discard", d.queued_batch, "--reason", "receiver rebuilt"}); },
         [](Day& d) { d.failure("upstream discard", "officer", {"upstream", "discard"}); }},
        {"upstream four-eyes",
         [](Day& d) { d.success("upstream four-eyes", "admin", {"upstream", "four-eyes", "off"}); },
         [](Day& d) { d.failure("upstream four-eyes", "admin", {"upstream", "four-eyes", "maybe"}); }},
        {"upstream release",
         [](Day& d) { d.success("upstream release", "supervisor", {"upstream", "release"}); },
         [](Day& d) { d.failure("upstream release", "officer", {"upstream", "release"}); }},   // supervisors only
        {"upstream mark",
         [](Day& d) { d.success("upstream mark", "officer", {"upstream", "mark", "00000002-0000-4000-8000-000000000010"}); },
         [](Day& d) { d.failure("upstream mark", "officer", {"upstream", "mark"}); }},
        {"audit verify",
         [](Day& d) { d.success("audit verify", "supervisor", {"audit", "verify"}); },
         [](Day& d) { d.failure("audit verify", "supervisor", {"audit", "verify"}, {{"SANAQ_PASSWORD", "wrong-password"}}); }},
        {"audit list",
         [](Day& d) { d.success("audit list", "supervisor", {"audit", "list", "--limit", "5"}); },
         [](Day& d) { d.failure("audit list", "supervisor", {"audit", "list", "--limit", "five"}); }},
        {"audit export",
         [](Day& d) { d.success("audit export", "supervisor", {"audit", "export", "--out", d.path("audit.csv")}); },
         [](Day& d) { d.failure("audit export", "supervisor", {"audit", "export", "--out", d.path("audit.txt")}); }},
        {"workspace backup",
         [](Day& d) { d.success("workspace backup", "admin", {"workspace", "backup", "--out", d.path("ws.sanaq-backup")}); },
         [](Day& d) { d.failure("workspace backup", "admin", {"workspace", "backup"}); }},
        {"workspace restore",
         [](Day& d) { d.success("workspace restore", "admin", {"workspace", "restore", d.path("ws.sanaq-backup"), "--to", d.path("restored")}); },
         [](Day& d) { d.failure("workspace restore", "admin", {"workspace", "restore", d.path("no.sanaq-backup"), "--to", d.path("restored2")}); }},
    };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_json)

BOOST_AUTO_TEST_CASE(every_command_prints_one_document_on_success_and_on_error) {
    // The command table as the program itself lists it.
    auto help = run_cli({"--json", "--help"});
    BOOST_REQUIRE_EQUAL(help.exit_code, 0);
    auto listed = one_document(help.out);
    BOOST_REQUIRE_MESSAGE(listed && (*listed)["commands"].is_array(), help.out);
    std::set<std::string> commands;
    for (const auto& c : (*listed)["commands"]) commands.insert(c["command"].get<std::string>());
    // The census simulator's program is held to the same rule; its cases are named with the
    // program, as `sanaq-tablet-sim make-list`.
    auto sim_help = test::run_tablet_sim({"--json", "--help"});
    BOOST_REQUIRE_EQUAL(sim_help.exit_code, 0);
    auto sim_listed = one_document(sim_help.out);
    BOOST_REQUIRE_MESSAGE(sim_listed && (*sim_listed)["commands"].is_array(), sim_help.out);
    for (const auto& c : (*sim_listed)["commands"])
        commands.insert("sanaq-tablet-sim " + c["command"].get<std::string>());

    const auto table = cases();
    std::set<std::string> with_case;
    for (const auto& c : table) with_case.insert(c.command);
    for (const auto& c : commands) BOOST_TEST(with_case.contains(c), "no --json case for `sanaq " << c << "`: add one to the table");
    for (const auto& c : with_case) BOOST_TEST(commands.contains(c), "a case for `sanaq " << c << "`, which --help does not list");

    Day day;
    for (const auto& c : table) {
        BOOST_TEST_CONTEXT("sanaq " << c.command) {
            c.success(day);
            c.failure(day);
        }
    }
    for (const auto& c : commands)
        for (const char* kind : {"success", "error"}) {
            const std::string key = c + " " + kind;
            if (day.not_practical.contains(key)) {
                BOOST_TEST_MESSAGE("not run: sanaq " << key << " — " << day.not_practical[key]);
                continue;
            }
            BOOST_TEST(day.ran[c].contains(kind), "sanaq " << c << " was not run for " << kind);
        }
}

// Before any command runs: the command line itself fails, or asks for help, in one document.
BOOST_AUTO_TEST_CASE(the_command_line_itself_answers_in_one_document) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--json"}, {"--json", "frobnicate"}, {"--json", "kit", "frobnicate"}, {"--json", "kit", "list", "--user"}}) {
        auto r = run_cli(args);
        auto doc = one_document(r.out);
        BOOST_TEST((doc && doc->contains("error")), args.back() << ": " << r.out);
        BOOST_TEST(r.exit_code == 2);
    }
    auto version = run_cli({"--json", "--version"});
    BOOST_TEST(version.exit_code == 0);
    BOOST_TEST(one_document(version.out).value_or(json())["version"].is_string(), version.out);
}

// The census simulator is a program of its own (sanaq-tablet-sim), for demos, training and tests:
// the production CLI no longer knows it, and the simulator's command line answers like sanaq's.
BOOST_AUTO_TEST_CASE(the_simulator_is_its_own_program_not_a_command_of_sanaq) {
    for (const char* command : {"make-packages", "make-list"}) {
        auto r = run_cli({"--json", "tablet-sim", command, "--out", "x", "--persons", "1"});
        BOOST_TEST(r.exit_code == 2, command << ": " << r.out);
        BOOST_TEST(one_document(r.out).value_or(json())["error"]["code"] == "usage", r.out);
    }
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--json"}, {"--json", "frobnicate"}, {"--json", "make-list", "--bogus", "1"}, {"--json", "make-list", "--out"}}) {
        auto r = test::run_tablet_sim(args);
        auto doc = one_document(r.out);
        BOOST_TEST((doc && doc->contains("error")), args.back() << ": " << r.out);
        BOOST_TEST(r.exit_code == 2, args.back() << ": " << r.err);
    }
    auto version = test::run_tablet_sim({"--json", "--version"});
    BOOST_TEST(version.exit_code == 0);
    BOOST_TEST(one_document(version.out).value_or(json())["version"].is_string(), version.out);
    auto help = test::run_tablet_sim({"--help"});
    BOOST_TEST(help.exit_code == 0);
    BOOST_TEST(help.out.find("sanaq-tablet-sim make-packages --out DIR") != std::string::npos, help.out);
}

// Several tablets in one pull: every tablet's summary in one document.
BOOST_AUTO_TEST_CASE(a_pull_of_several_tablets_is_one_document) {
    test::UpstreamWorkspace w(20);
    const std::string second = (w.dir / "tablet2").string();
    auto made = test::run_tablet_sim({"--json", "make-packages", "--out", second, "--kit", "KIT-0044", "--department-key",
                         w.keyfile, "--persons", "10", "--packages", "1", "--seed", "5"});
    BOOST_REQUIRE_EQUAL(made.exit_code, 0);
    auto r = run_cli(w.cmd("officer", {"pull", "--all"}),
                     {{"SANAQ_PASSWORD", "pass-for-officer"}, {"SANAQ_SIMULATED_TABLETS", w.tablet + ":" + second}});
    auto doc = one_document(r.out);
    BOOST_REQUIRE_MESSAGE(doc.has_value(), r.out);
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST((*doc)["pulls"].size() == 2u, doc->dump());
}

BOOST_AUTO_TEST_SUITE_END()

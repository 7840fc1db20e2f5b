// The CLI as a department would drive it: exit codes, messages, JSON, acts on disk.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/i18n/catalog.h"
#include "core/usecases/demo.h"
#include "db/workspace.h"
#include "support/cli_workspace.h"
#include "support/run_cli.h"
#include "support/temp_dir.h"

using namespace sanaq;
using test::run_cli;
using nlohmann::json;

namespace {

struct CliWorkspace : test::CliWorkspaceBase {
    std::string bin = make_bin(2003, 5, 77);
    std::string iin = make_iin(1986, 9, 30, false, 555);

    CliWorkspace()
        : CliWorkspaceBase("sanaq-cli", {{"officer", "officer"}, {"keeper", "custodian"}, {"boss", "supervisor"}}) {
        must("officer", {"institution", "add", "--bin", bin, "--name-kk", "Облыстық туберкулезге қарсы диспансер",
                         "--name-ru", "Областной противотуберкулезный диспансер", "--type", "tuberculosis", "--kato", "591010000"});
        must("officer", {"staff", "add", "--institution", bin, "--iin", iin, "--name", "Ким Виктория Сергеевна",
                         "--position", "Инспектор по кадрам"});
        must("officer", {"stock", "receive", "--explanations", "10", "--certificates", "100"});
        must("officer", {"kit", "register", "KIT-0042", "--tablet-serial", "R52R3000042", "--usb-serial", "R52R3000042",
                         "--imei", make_imei("35281234560042"), "--model", "Samsung SM-T505",
                         "--component", "charger=CH-0042", "--component", "powerbank=PB-0042"});
    }
};

std::string pdf_text(const std::string& pdf) {
    test::TempDir d;
    const auto txt = (d / "a.txt").string();
    BOOST_REQUIRE(std::system(("pdftotext -layout " + pdf + " " + txt).c_str()) == 0);
    return test::read_file(txt);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli, CliWorkspace)

BOOST_AUTO_TEST_CASE(issue_and_return_with_a_missing_charger) {
    const auto issue_pdf = (dir / "issue.pdf").string(), return_pdf = (dir / "return.pdf").string();
    auto issued = must("officer", {"--json", "kit", "issue", "KIT-0042", "--to", iin, "--act", issue_pdf,
                                   "--explanations", "1", "--certificates", "20"});
    auto j = json::parse(issued.out);
    const std::string act = j.at("act");
    BOOST_TEST(act.rfind("SQ-I-", 0) == 0u);
    BOOST_REQUIRE(std::filesystem::exists(issue_pdf));
    auto text = pdf_text(issue_pdf);
    BOOST_TEST(text.find(act) != std::string::npos);
    BOOST_TEST(text.find("CH-0042") != std::string::npos);
    BOOST_TEST(text.find("Ким Виктория Сергеевна") != std::string::npos);

    // Issued twice: refused by state.
    auto twice = as("officer", {"kit", "issue", "KIT-0042", "--to", iin, "--act", (dir / "x.pdf").string()});
    BOOST_TEST(twice.exit_code == 5);
    BOOST_TEST(!std::filesystem::exists(dir / "x.pdf"));

    auto back = must("keeper", {"--json", "kit", "return", "KIT-0042", "--missing", "charger", "--act", return_pdf,
                                "--certificates-used", "15", "--certificates-returned", "5"});
    auto r = json::parse(back.out);
    BOOST_TEST(r.at("state") == "partly_returned");
    BOOST_TEST(r.at("still_owed") == json::array({"charger"}));
    BOOST_TEST(pdf_text(return_pdf).find("CH-0042") != std::string::npos);

    auto out = json::parse(must("keeper", {"--json", "kit", "list", "--outstanding"}).out);
    BOOST_REQUIRE(out.size() == 1u);
    BOOST_TEST(out[0].at("kit") == "KIT-0042");
    BOOST_TEST(out[0].at("owed") == json::array({"charger"}));
    BOOST_TEST(out[0].at("holder").at("iin") == mask_iin(iin));  // custodian: masked

    // The act can be printed again, identical in content.
    auto again = must("boss", {"--json", "act", "print", act, "--out", (dir / "again.pdf").string()});
    BOOST_TEST(pdf_text((dir / "again.pdf").string()).find(act) != std::string::npos);

    auto verify = must("boss", {"--json", "audit", "verify"});
    BOOST_TEST(json::parse(verify.out).at("intact") == true);
    auto exports = json::parse(must("boss", {"--json", "audit", "list", "--action", "act.export"}).out);
    BOOST_TEST(exports.size() == 3u);  // two acts written by the commands, one reprint
}

BOOST_AUTO_TEST_CASE(the_census_calendar_is_set_shown_and_used) {
    // A round in the future of any run: the due date defaults only to a census end still ahead.
    must("admin", {"settings", "census", "set", "--round", "2099", "--reference-date", "2099-09-01",
                   "--utc-offset", "+05:00", "--list-date", "2099-06-01", "--region-list-date", "59=2099-07-01",
                   "--online-from", "2099-09-01", "--online-to", "2099-10-15", "--tablet-from", "2099-10-01",
                   "--tablet-to", "2099-10-30", "--end", "2099-10-30", "--order-number", "143",
                   "--order-date", "2099-06-28"});
    auto shown = must_json("officer", {"settings", "census", "show"});
    BOOST_TEST(shown.at("round") == "2099");
    BOOST_TEST(shown.at("reference_moment") == "2099-09-01T00:00:00+05:00");
    BOOST_TEST(shown.at("region_list_dates") == json::parse(R"([{"region":"59","date":"2099-07-01"}])"));
    BOOST_TEST(shown.at("tablets").at("to") == "2099-10-30");
    BOOST_TEST(shown.at("kit_due_date") == "2099-10-30");
    BOOST_TEST(shown.at("legal_basis").at("order_number") == "143");
    BOOST_TEST(shown.at("next").at("milestone") == "list_date");
    auto text = must("officer", {"settings", "census", "show"});
    BOOST_TEST(text.out.find("2099-10-30") != std::string::npos);

    // One field changed, the rest kept; a window out of order refused (exit 4); officers refused (5).
    must("admin", {"settings", "census", "set", "--order-number", "144"});
    shown = must_json("officer", {"settings", "census", "show"});
    BOOST_TEST(shown.at("legal_basis").at("order_number") == "144");
    BOOST_TEST(shown.at("online").at("from") == "2099-09-01");
    BOOST_TEST(as("admin", {"settings", "census", "set", "--end", "2099-10-01"}).exit_code == 4);
    BOOST_TEST(as("officer", {"settings", "census", "set", "--order-number", "1"}).exit_code == 5);

    // A kit issued without --due is due at the census end; its act names the order.
    const auto pdf = (dir / "issue.pdf").string();
    must("officer", {"kit", "issue", "KIT-0042", "--to", iin, "--act", pdf});
    auto out = json::parse(must("officer", {"--json", "kit", "list", "--outstanding"}).out);
    BOOST_REQUIRE(out.size() == 1u);
    BOOST_TEST(out[0].at("due_date") == "2099-10-30");
    const auto printed = pdf_text(pdf);
    BOOST_TEST(printed.find("144") != std::string::npos);
    BOOST_TEST(printed.find("28.06.2099") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(paper_without_a_kit_is_issued_returned_and_balanced_per_holder) {
    const auto issue_pdf = (dir / "paper-issue.pdf").string(), return_pdf = (dir / "paper-return.pdf").string();
    // Beyond stock: refused by state, nothing written.
    auto greedy = as("officer", {"paper", "issue", "--to", iin, "--act", issue_pdf, "--certificates", "101"});
    BOOST_TEST(greedy.exit_code == 5);
    BOOST_TEST(!std::filesystem::exists(issue_pdf));

    auto issued = json::parse(must("officer", {"--json", "paper", "issue", "--to", iin, "--act", issue_pdf,
                                               "--explanations", "4", "--certificates", "60"}).out);
    BOOST_TEST(std::string(issued.at("act")).rfind("SQ-I-", 0) == 0u);
    BOOST_TEST(pdf_text(issue_pdf).find("60") != std::string::npos);

    auto balance = json::parse(must("keeper", {"--json", "paper", "balance"}).out);
    BOOST_REQUIRE(balance.size() == 1u);
    BOOST_TEST(balance[0].at("paper").at("certificates").at("balance") == 60);
    BOOST_TEST(balance[0].at("holder").at("iin") == mask_iin(iin));

    // Returning more than held: refused.
    auto over = as("keeper", {"paper", "return", "--from", iin, "--act", return_pdf, "--certificates-returned", "61"});
    BOOST_TEST(over.exit_code == 5);

    // Used + returned short of handed: a warning that names the option, then the confirmed close.
    auto short_of = as("keeper", {"paper", "return", "--from", iin, "--act", return_pdf, "--explanations-returned", "4",
                                  "--certificates-used", "50", "--certificates-returned", "8"});
    BOOST_TEST(short_of.exit_code == 5);
    BOOST_TEST((short_of.out + short_of.err).find("--accept-discrepancy") != std::string::npos);
    BOOST_TEST(!std::filesystem::exists(return_pdf));
    auto closed = json::parse(must("keeper", {"--json", "paper", "return", "--from", iin, "--act", return_pdf,
                                              "--explanations-returned", "4", "--certificates-used", "50",
                                              "--certificates-returned", "8", "--accept-discrepancy"}).out);
    BOOST_TEST(closed.at("paper_discrepancy") == true);
    BOOST_TEST(closed.at("paper").at("certificates").at("balance") == 2);
    const auto printed = pdf_text(return_pdf);
    BOOST_TEST(printed.find("Расхождение") != std::string::npos);
    BOOST_TEST(printed.find("Сәйкессіздік") != std::string::npos);

    // The outstanding report and its export carry the two certificates still unaccounted for.
    const auto csv = (dir / "outstanding.csv").string();
    must("keeper", {"kit", "list", "--outstanding", "--export", csv});
    const auto exported = test::read_file(csv);
    BOOST_TEST(exported.find("Ким Виктория Сергеевна") != std::string::npos);
    BOOST_TEST(exported.find(";60;50;8;2") != std::string::npos);
    auto report = must("keeper", {"kit", "list", "--outstanding"});
    BOOST_TEST(report.out.find("Ким Виктория Сергеевна") != std::string::npos);
    auto audit = json::parse(must("boss", {"--json", "audit", "list", "--action", "paper.return"}).out);
    BOOST_REQUIRE(audit.size() == 1u);
    BOOST_TEST(std::string(audit[0].at("details")).find("paper_discrepancy") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(exit_codes_are_as_documented) {
    BOOST_TEST(as("officer", {"kit", "frobnicate"}).exit_code == 2);
    BOOST_TEST(as("officer", {"kit", "list", "--bogus"}).exit_code == 2);
    auto wrong = run_cli({"--workspace", ws, "--user", "officer", "kit", "list"}, {{"SANAQ_PASSWORD", "nope-nope-nope"}});
    BOOST_TEST(wrong.exit_code == 3);
    auto nobody = run_cli({"--workspace", ws, "--user", "nobody", "kit", "list"}, {{"SANAQ_PASSWORD", "nope-nope-nope"}});
    BOOST_TEST(nobody.exit_code == 3);
    BOOST_TEST(wrong.err == nobody.err);  // user names cannot be probed
    auto bad_iin = as("officer", {"staff", "add", "--institution", bin, "--iin", "123456789012", "--name", "Х"});
    BOOST_TEST(bad_iin.exit_code == 4);
    BOOST_TEST(bad_iin.err.find("123456789012") != std::string::npos);
    auto keeper_issue = as("keeper", {"kit", "issue", "KIT-0042", "--to", iin, "--act", (dir / "k.pdf").string()});
    BOOST_TEST(keeper_issue.exit_code == 5);
    auto not_ws = run_cli({"--workspace", dir.path().string(), "--user", "a", "kit", "list"}, {{"SANAQ_PASSWORD", "x"}});
    BOOST_TEST(not_ws.exit_code == 4);
    BOOST_TEST(not_ws.err.find(dir.path().string()) != std::string::npos);
    auto no_password = run_cli({"--workspace", ws, "--user", "officer", "kit", "list"});
    BOOST_TEST(no_password.exit_code == 2);  // no terminal, no SANAQ_PASSWORD: told what to do
}

BOOST_AUTO_TEST_CASE(json_errors_are_machine_readable) {
    auto r = as("officer", {"--json", "kit", "issue", "KIT-0099", "--to", iin, "--act", (dir / "n.pdf").string()});
    BOOST_TEST(r.exit_code == 4);
    auto j = json::parse(r.out);
    BOOST_TEST(j.at("error").at("code") == "not_found");
    BOOST_TEST(j.at("error").at("message").get<std::string>().find("KIT-0099") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_locked_workspace_is_explained) {
    auto held = db::Workspace::open(ws, "officer", "pass-for-officer");
    BOOST_REQUIRE(held);
    auto r = as("boss", {"audit", "verify"});
    BOOST_TEST(r.exit_code == 5);
    BOOST_TEST(!r.err.empty());
}

BOOST_AUTO_TEST_CASE(inventory_import_previews_and_refuses_bad_rows) {
    const auto csv = (dir / "inventory.csv").string();
    {
        std::ofstream f(csv);
        f << "Номер комплекта;Модель планшета;Серийный номер планшета;IMEI;Серийный номер USB;Зарядное устройство\n"
          << "KIT-0101;Samsung SM-T505;S0101;" << make_imei("35281234560101") << ";U0101;CH-0101\n"
          << "KIT-0102;Samsung SM-T505;S0102;123;U0102;CH-0102\n"           // bad IMEI
          << "KIT-0103;Samsung SM-T505;S0103;;;CH-0103\n"                     // no USB serial
          << "KIT-0042;Samsung SM-T505;S0042;;U0042;\n";                      // already registered
    }
    auto dry = as("officer", {"--json", "kit", "import", csv, "--dry-run"});
    BOOST_REQUIRE_MESSAGE(dry.exit_code == 0, dry.err);
    auto j = json::parse(dry.out);
    BOOST_TEST(j.at("valid") == 1);
    BOOST_TEST(j.at("invalid") == 3);
    BOOST_TEST(j.at("rows")[1].at("line") == 3);
    BOOST_TEST(j.at("rows")[1].at("ok") == false);

    auto refused = as("officer", {"kit", "import", csv});
    BOOST_TEST(refused.exit_code == 4);
    BOOST_TEST(json::parse(must("officer", {"--json", "kit", "list"}).out).size() == 1u);  // nothing saved

    auto partial = must("officer", {"--json", "kit", "import", csv, "--valid-only"});
    BOOST_TEST(json::parse(partial.out).at("saved") == 1);
    BOOST_TEST(json::parse(must("officer", {"--json", "kit", "list"}).out).size() == 2u);
}

BOOST_AUTO_TEST_CASE(counted_messages_take_the_form_for_their_count) {
    // The CLI picks a counted message's form by the catalog's Plural-Forms rule: the figures and
    // the forms come from the same run, so the check holds whatever the counts are.
    auto ru = i18n::Catalog::load(i18n::Catalog::default_locale_dir(), "ru");
    BOOST_REQUIRE(ru);
    auto ru_text = [&](const char* singular, const char* plural, long n) {
        return i18n::format_message(ru->trn(singular, plural, n), {std::to_string(n)});
    };

    const long checked = json::parse(must("boss", {"--json", "audit", "verify"}).out).at("checked").get<long>();
    BOOST_REQUIRE(checked > 1);
    BOOST_TEST(must("boss", {"audit", "verify"}).out.find("The audit trail is intact: " + std::to_string(checked) +
                                                         " entries checked.") != std::string::npos);
    auto verify_ru = must("boss", {"--lang", "ru", "audit", "verify"});
    BOOST_TEST(verify_ru.out.find(ru_text("The audit trail is intact: {} entry checked.",
                                          "The audit trail is intact: {} entries checked.", checked)) != std::string::npos,
               verify_ru.out);

    // A counted error: three rows of the file have problems.
    const auto csv = (dir / "inventory.csv").string();
    {
        std::ofstream f(csv);
        f << "Номер комплекта;Модель планшета;Серийный номер планшета;IMEI;Серийный номер USB;Зарядное устройство\n"
          << "KIT-0201;Samsung SM-T505;S0201;123;U0201;CH-0201\n"   // bad IMEIs
          << "KIT-0202;Samsung SM-T505;S0202;124;U0202;CH-0202\n"
          << "KIT-0203;Samsung SM-T505;S0203;125;U0203;CH-0203\n";

    }
    auto refused = as("officer", {"kit", "import", csv});
    BOOST_TEST(refused.exit_code == 4);
    BOOST_TEST(refused.err.find("Nothing was saved: 3 rows have problems.") != std::string::npos, refused.err);
    auto refused_ru = as("officer", {"--lang", "ru", "kit", "import", csv});
    BOOST_TEST(refused_ru.err.find(ru_text("Nothing was saved: {} row has problems. Fix the file, or add --valid-only to "
                                           "register only the valid rows.",
                                           "Nothing was saved: {} rows have problems. Fix the file, or add --valid-only to "
                                           "register only the valid rows.",
                                           3)) != std::string::npos,
               refused_ru.err);
    BOOST_TEST(refused_ru.err.find("(s)") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(key_slots_change_without_touching_the_data) {

    auto r = as("admin", {"user", "passwd", "officer", "--reason", "forgotten"}, {{"SANAQ_NEW_PASSWORD", "a-new-officer-pass"}});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    BOOST_TEST(as("officer", {"kit", "list"}).exit_code == 3);  // the old password no longer opens it
    auto ok = run_cli({"--workspace", ws, "--user", "officer", "kit", "list"}, {{"SANAQ_PASSWORD", "a-new-officer-pass"}});
    BOOST_TEST(ok.exit_code == 0);
    BOOST_TEST(must("admin", {"user", "remove", "keeper", "--reason", "left the department"}).exit_code == 0);
    BOOST_TEST(as("keeper", {"kit", "list"}).exit_code == 3);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(demo_command_fills_a_new_workspace) {
    test::TempDir dir;
    const auto ws = (dir / "demo").string();
    BOOST_REQUIRE(run_cli({"--workspace", ws, "init", "--admin", "admin"}, {{"SANAQ_NEW_PASSWORD", "demo-password"}}).exit_code == 0);
    auto demo = run_cli({"--workspace", ws, "--user", "admin", "--json", "demo"}, {{"SANAQ_PASSWORD", "demo-password"}});
    BOOST_REQUIRE_MESSAGE(demo.exit_code == 0, demo.err);
    BOOST_TEST(json::parse(demo.out).at("kits") == 60);
    auto out = run_cli({"--workspace", ws, "--user", "officer", "--json", "kit", "list", "--outstanding"},
                       {{"SANAQ_PASSWORD", "demo-password"}});
    BOOST_TEST(json::parse(out.out).size() == 8u);
    // Each demo account entered its own part: every entry is signed by its actor, and the
    // supervisor was given census by the officer.
    auto verify = run_cli({"--workspace", ws, "--user", "supervisor", "--json", "audit", "verify"},
                          {{"SANAQ_PASSWORD", "demo-password"}});
    BOOST_REQUIRE_MESSAGE(verify.exit_code == 0, verify.err);
    BOOST_TEST(json::parse(verify.out).at("intact") == true);
}

BOOST_AUTO_TEST_CASE(messages_follow_the_language) {
    test::TempDir dir;
    auto ru = run_cli({"--lang", "ru", "--workspace", dir.path().string(), "--user", "x", "kit", "list"}, {{"SANAQ_PASSWORD", "x"}});
    auto kk = run_cli({"--lang", "kk", "--workspace", dir.path().string(), "--user", "x", "kit", "list"}, {{"SANAQ_PASSWORD", "x"}});
    auto en = run_cli({"--lang", "en", "--workspace", dir.path().string(), "--user", "x", "kit", "list"}, {{"SANAQ_PASSWORD", "x"}});
    BOOST_TEST(ru.err != en.err);
    BOOST_TEST(kk.err != en.err);
    BOOST_TEST(kk.err != ru.err);
    BOOST_TEST(ru.exit_code == en.exit_code);
}

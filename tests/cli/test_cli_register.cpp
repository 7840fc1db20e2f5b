// The stage-1 register from the command line: an officer sets who owes a list and by when, a
// list that came late reads late, one that never came reads missing and gets a coverage row of its
// own, the who-has-not-sent PDF prints in Kazakh and in Russian after its audit entry, and a
// custodian reaches none of it. Responsible employees' appointment orders and training too.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/usecases/demo.h"
#include "support/cli_workspace.h"
#include "support/run_cli.h"
#include "support/temp_dir.h"

using namespace sanaq;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct RegisterWorkspace : test::CliWorkspaceBase {
    std::string late = make_bin(2004, 3, 394);     // sent, after its deadline
    std::string silent = make_bin(2004, 3, 186);   // deadline passed, nothing
    std::string later = make_bin(2004, 3, 255);    // deadline not reached
    std::string closed = make_bin(2004, 3, 463);   // owes no list
    std::string iin = make_iin(1986, 9, 30, false, 555);

    RegisterWorkspace()
        : CliWorkspaceBase("sanaq-cli-register",
                           {{"officer", "officer"}, {"keeper", "custodian"}, {"boss", "supervisor"}}) {
        must("admin", {"settings", "census", "set", "--round", "2021", "--reference-date", "2021-09-01",
                       "--utc-offset", "+06:00", "--list-date", "2021-06-01"});
        for (const auto& [bin, kk, ru] :
             {std::tuple{late, "№ 5517 әскери бөлім", "Воинская часть № 5517"},
              std::tuple{silent, "Петропавл қаласының №1 балалар үйі", "Детский дом №1 города Петропавловска"},
              std::tuple{later, "Облыстық туберкулезге қарсы диспансер", "Областной противотуберкулезный диспансер"},
              std::tuple{closed, "Тергеу изоляторы", "Следственный изолятор"}})
            must("officer", {"institution", "add", "--bin", bin, "--name-kk", kk, "--name-ru", ru, "--type",
                             "other", "--kato", "591010000"});
        const fs::path list = dir / "list.csv";
        std::ofstream(list) << "№;ИИН;Фамилия;Имя;Отчество;Дата рождения\n"
                               "1;870102300123;Ким;Виктория;Сергеевна;1987-01-02\n"
                               "2;;Ахметов;Бауыржан;;1990-01-01\n";
        must("officer", {"list", "import", list.string(), "--institution", late, "--as-of", "2021-06-01"});
        must("officer", {"register", "set", late, "--deadline", "2021-06-15", "--expected", "300"});
        must("officer", {"register", "set", silent, "--deadline", "2021-06-15"});
        must("officer", {"register", "set", later, "--deadline", "2099-01-01", "--expected", "40"});
        must("officer", {"register", "set", closed, "--owes", "no"});
    }

    json row_of(const json& reg, const std::string& bin) {
        for (const auto& r : reg["rows"])
            if (r["bin"] == bin) return r;
        BOOST_FAIL("no register row for " + bin);
        return {};
    }
};

std::string pdf_text(const fs::path& pdf) {
    test::TempDir d;
    const auto txt = d / "a.txt";
    BOOST_REQUIRE(std::system(("pdftotext -layout '" + pdf.string() + "' '" + txt.string() + "'").c_str()) == 0);
    std::ifstream in(txt);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_register)

BOOST_FIXTURE_TEST_CASE(statuses_come_from_the_deadline_and_the_lists_that_came, RegisterWorkspace) {
    const auto reg = must_json("boss", {"register", "show"});
    BOOST_TEST(row_of(reg, late)["status"] == "late");
    BOOST_TEST(row_of(reg, late)["listed"] == 2);
    BOOST_TEST(row_of(reg, late)["expected"] == 300);
    BOOST_TEST(row_of(reg, silent)["status"] == "missing");
    BOOST_TEST(row_of(reg, silent)["listed"] == 0);
    BOOST_TEST(row_of(reg, later)["status"] == "pending");
    BOOST_TEST(row_of(reg, closed)["status"] == "not_owed");
    BOOST_TEST(reg["tally"]["owing"] == 3);
    BOOST_TEST(reg["tally"]["received"] == 1);
    BOOST_TEST(reg["tally"]["late"] == 1);
    BOOST_TEST(reg["tally"]["missing"] == 1);

    const auto missing = must_json("officer", {"register", "show", "--status", "missing"});
    BOOST_REQUIRE_EQUAL(missing["rows"].size(), 1u);
    BOOST_TEST(missing["rows"][0]["bin"] == silent);

    // Back to the default: the list date (1 June) plus 14 days.
    must("officer", {"register", "set", later, "--deadline", "default"});
    const auto defaulted = row_of(must_json("officer", {"register", "show"}), later);
    BOOST_TEST(defaulted["deadline"] == "2021-06-15");
    BOOST_TEST(defaulted["default_deadline"] == true);
    BOOST_TEST(defaulted["expected"] == 40);  // the other options kept their value

    auto text = as("officer", {"register", "show"});
    BOOST_REQUIRE_EQUAL(text.exit_code, 0);
    BOOST_TEST(text.out.find("Lists: received 1 of 3, late 1, missing 2.") != std::string::npos, text.out);
}

BOOST_FIXTURE_TEST_CASE(an_institution_that_sent_nothing_has_a_coverage_row, RegisterWorkspace) {
    const auto cov = must_json("officer", {"coverage"});
    bool found = false;
    for (const auto& r : cov["rows"])
        if (r["key"] == silent) {
            found = true;
            BOOST_TEST(r["listed"] == 0);
            BOOST_TEST(r["list_status"] == "missing");
        }
    BOOST_TEST(found);
    for (const auto& r : cov["rows"]) BOOST_TEST(r["key"] != closed);  // owes nothing
}

BOOST_FIXTURE_TEST_CASE(the_not_sent_report_prints_in_kazakh_and_russian_after_its_audit_entry, RegisterWorkspace) {
    const fs::path kk = dir / "not-sent-kk.pdf", ru = dir / "not-sent-ru.pdf";
    must("officer", {"register", "export", kk.string(), "--language", "kk"});
    must("officer", {"register", "export", ru.string(), "--language", "ru"});
    const auto kk_text = pdf_text(kk), ru_text = pdf_text(ru);
    BOOST_TEST(kk_text.find("Петропавл қаласының №1 балалар үйі") != std::string::npos, kk_text);
    BOOST_TEST(kk_text.find("Тізімін тапсырмаған мекемелер") != std::string::npos, kk_text);
    BOOST_TEST(ru_text.find("Детский дом №1 города Петропавловска") != std::string::npos, ru_text);
    BOOST_TEST(ru_text.find("Учреждения, не сдавшие список") != std::string::npos, ru_text);
    // The late list came: it is not among those who have not sent.
    BOOST_TEST(ru_text.find("Воинская часть № 5517") == std::string::npos);
    const auto trail = must_json("admin", {"audit", "list", "--action", "register.export"});
    BOOST_TEST(trail.size() == 2u, trail.dump());

    const fs::path refused = dir / "refused.pdf";
    auto keeper = as("keeper", {"register", "export", refused.string()});
    BOOST_TEST(keeper.exit_code != 0);
    BOOST_TEST(!fs::exists(refused));
    BOOST_TEST(as("keeper", {"register", "show"}).exit_code != 0);
    BOOST_TEST(as("keeper", {"register", "set", silent, "--owes", "no"}).exit_code != 0);
}

BOOST_FIXTURE_TEST_CASE(a_responsible_employee_carries_the_appointment_order_and_training, RegisterWorkspace) {
    must("officer", {"staff", "add", "--institution", late, "--iin", iin, "--name", "Ким Виктория Сергеевна"});
    auto bad = as("officer", {"staff", "appoint", "--iin", iin, "--order-number", "12-к"});
    BOOST_TEST(bad.exit_code != 0);  // a number without its date
    auto early = as("officer", {"staff", "appoint", "--iin", iin, "--order-number", "12-к", "--order-date",
                                "2021-05-20", "--trained-on", "2021-05-01"});
    BOOST_TEST(early.exit_code != 0);  // trained before the order
    const auto e = must_json("officer", {"staff", "appoint", "--iin", iin, "--order-number", "12-к", "--order-date",
                                         "2021-05-20", "--trained-on", "2021-05-31"});
    BOOST_TEST(e["ready"] == true);
    const auto list = must_json("keeper", {"staff", "list", "--institution", late});
    BOOST_REQUIRE_EQUAL(list.size(), 1u);
    BOOST_TEST(list[0]["appointment_order_number"] == "12-к");
    BOOST_TEST(list[0]["appointment_order_date"] == "2021-05-20");
    BOOST_TEST(list[0]["trained_on"] == "2021-05-31");
}

BOOST_AUTO_TEST_SUITE_END()

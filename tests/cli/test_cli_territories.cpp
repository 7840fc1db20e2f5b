// Territories from the command line: the statistics bureau's classifier imported per edition (by
// administrators, all or nothing), codes shown in both editions, institutions' codes checked
// against it, and the department's region warning about an institution outside it.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "core/usecases/demo.h"
#include "support/cli_workspace.h"
#include "tables/table.h"

using namespace sanaq;
using nlohmann::json;

namespace {

const std::vector<std::string> kHeader{"te", "ab", "cd", "ef", "hij", "k", "name_kaz", "name_rus", "nn"};

std::vector<std::vector<std::string>> karaganda_2022() {
    return {kHeader,
            {"350000000", "35", "00", "00", "000", "1", "Қарағанды облысы", "Карагандинская область", ""},
            {"351600000", "35", "16", "00", "000", "2", "Абай ауданы", "Абайский район", ""},
            {"351633100", "35", "16", "33", "100", "4", "Қарабас а.", "с.Карабас", ""},
            {"621000000", "62", "10", "00", "000", "2", "Жезқазған қ.ә.", "г.а.Жезказган", ""}};
}

struct TerritoriesWorkspace : test::CliWorkspaceBase {
    std::string classifier = (dir / "kato.xlsx").string();
    TerritoriesWorkspace() : CliWorkspaceBase("sanaq-cli-territories", {{"officer", "officer"}}) {
        BOOST_REQUIRE(tables::write_xlsx(classifier, {}, karaganda_2022(), "KATO"));
    }
    std::vector<std::string> institution(const std::string& bin, const std::string& kato,
                                         const std::string& edition = "2022") {
        return {"institution", "add", "--bin", bin, "--name-kk", "Мектеп", "--name-ru", "Школа", "--type",
                "boarding_school_orphans", "--kato", kato, "--kato-version", edition};
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli_territories, TerritoriesWorkspace)

BOOST_AUTO_TEST_CASE(an_imported_classifier_names_codes_and_checks_institutions) {
    // Only an administrator imports; an edition that is not one is refused before the file is read.
    auto officer = as("officer", {"territories", "import", classifier, "--edition", "2022"});
    BOOST_TEST(officer.exit_code != 0);
    auto wrong = as("admin", {"territories", "import", classifier, "--edition", "2023-01"});
    BOOST_TEST(wrong.exit_code != 0);
    BOOST_TEST(wrong.err.find("2023-01") != std::string::npos);

    const json imported = must_json("admin", {"territories", "import", classifier, "--edition", "2022"});
    BOOST_TEST(imported["edition"] == "2022");
    BOOST_TEST(imported["entries"] == 4);
    BOOST_TEST(imported["file"] == "kato.xlsx");

    const json shown = must_json("officer", {"territories", "show", "3516"});
    BOOST_REQUIRE(shown.size() == 2u);
    BOOST_TEST(shown[0]["edition"] == "2013");
    BOOST_TEST(shown[0]["classifier_loaded"] == false);
    BOOST_TEST(shown[1]["edition"] == "2022");
    BOOST_TEST(shown[1]["entry"]["name_ru"] == "Абайский район");
    BOOST_TEST(shown[1]["region"]["name_kk"] == "Қарағанды облысы");
    BOOST_REQUIRE(shown[1]["below"].size() == 0u);  // the settlement is two levels down

    // Ulytau (62) is a 2022 region: the shipped table names it in that edition only.
    const json ulytau = must_json("officer", {"territories", "show", "62"});
    BOOST_TEST(ulytau[0]["region"].is_null());
    BOOST_TEST(ulytau[1]["region"]["name_ru"] == "область Ұлытау");
    BOOST_TEST(ulytau[1]["below"][0]["code"] == "621000000");

    // A 2022 code the classifier does not hold is refused, naming it; one it holds is taken; a
    // 2013 code is checked for its form only (no 2013 classifier imported).
    auto unknown = as("officer", institution(make_bin(2005, 6, 101), "351699999"));
    BOOST_TEST(unknown.exit_code != 0);
    BOOST_TEST(unknown.err.find("351699999") != std::string::npos);
    must("officer", institution(make_bin(2005, 6, 101), "351633100"));
    must("officer", institution(make_bin(2005, 6, 102), "351699999", "2013"));
}

BOOST_AUTO_TEST_CASE(a_file_with_a_bad_row_stores_nothing) {
    must("admin", {"territories", "import", classifier, "--edition", "2022"});
    auto rows = karaganda_2022();
    rows.push_back({"35163310", "", "", "", "", "", "x", "x", ""});
    rows.push_back({"331010000", "33", "10", "10", "000", "", "Талдықорған", "Талдыкорган", ""});
    const std::string bad = (dir / "bad.xlsx").string();
    BOOST_REQUIRE(tables::write_xlsx(bad, {}, rows, "KATO"));
    auto refused = as("admin", {"territories", "import", bad, "--edition", "2013"});
    BOOST_TEST(refused.exit_code != 0);
    BOOST_TEST(refused.err.find("35163310") != std::string::npos);   // not 9 digits
    BOOST_TEST(refused.err.find("331010000") != std::string::npos);  // Zhetysu is not a 2013 region
    const json listed = must_json("officer", {"territories", "show"});
    BOOST_TEST(listed["editions"][0]["classifier"].is_null());        // 2013: nothing stored
    BOOST_TEST(listed["editions"][1]["classifier"]["entries"] == 4);  // 2022: as it was
    // A file that is not a classifier at all.
    const std::string other = (dir / "other.xlsx").string();
    BOOST_REQUIRE(tables::write_xlsx(other, {"BIN", "Name"}, {{"1", "2"}}, "x"));
    auto not_one = as("admin", {"territories", "import", other, "--edition", "2022"});
    BOOST_TEST(not_one.exit_code != 0);
    BOOST_TEST(must_json("officer", {"territories", "show"})["editions"][1]["classifier"]["entries"] == 4);
}

BOOST_AUTO_TEST_CASE(an_institution_outside_the_departments_region_is_registered_with_a_warning) {
    BOOST_TEST(as("admin", {"territories", "region", "51"}).exit_code != 0);  // not a 2022 region
    must("admin", {"territories", "region", "35"});
    BOOST_TEST(must_json("officer", {"territories", "region"})["department_region"] == "35");
    const json inside = must_json("officer", institution(make_bin(2005, 6, 103), "351633100"));
    BOOST_TEST(!inside.contains("warnings"));
    const json outside = must_json("officer", institution(make_bin(2005, 6, 104), "191010000"));
    BOOST_REQUIRE(outside.contains("warnings"));
    BOOST_TEST(outside["warnings"][0].get<std::string>().find("191010000") != std::string::npos);
    auto args = institution(make_bin(2005, 6, 105), "751010000");
    args.insert(args.begin(), {"--lang", "ru"});
    auto text = as("officer", args);
    BOOST_TEST(text.exit_code == 0);
    BOOST_TEST(text.err.find("Карагандинская область") != std::string::npos);
    args = institution(make_bin(2005, 6, 106), "751010000");
    args.insert(args.begin(), {"--lang", "kk"});
    text = as("officer", args);
    BOOST_TEST(text.exit_code == 0);
    BOOST_TEST(text.err.find("Қарағанды облысы") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

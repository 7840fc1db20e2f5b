// `sanaq package check` as a tablet team would run it on its files: every vector of
// tests/vectors/package/ — one per deviation case, named after it — is explained with the rule and
// the section of src/core/package/README.md it breaks, with the exit code and one JSON document.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "support/run_cli.h"

using nlohmann::json;
using sanaq::test::run_cli;
namespace fs = std::filesystem;

namespace {

const fs::path kVectors = fs::path(SANAQ_TEST_SOURCE_ROOT) / "tests/vectors/package";
const std::string kDepartmentKey = (kVectors / "keys/department-x25519-private.pem").string();
const std::string kDepartmentPublic = (kVectors / "keys/department-public.pem").string();
const std::string kDeviceKey = (kVectors / "keys/device-ed25519-public.pem").string();

json vector(const std::string& name) {
    std::ifstream in(kVectors / (name + ".json"));
    return json::parse(in);
}

std::string file(const std::string& name) { return (kVectors / (name + ".sqpkg")).string(); }

sanaq::test::CliRun check(std::vector<std::string> files, bool keys = true, bool as_json = true) {
    std::vector<std::string> args;
    if (as_json) args.push_back("--json");
    args.insert(args.end(), {"package", "check"});
    args.insert(args.end(), files.begin(), files.end());
    if (keys) args.insert(args.end(), {"--department-key", kDepartmentKey, "--device-key", kDeviceKey});
    return run_cli(args);
}

std::string testing_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += n + " ";
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_package_check)

// Each vector is a named deviation case (or a conforming package): the check names the same
// rule, section and refusal reason as the vector, and exits 4 exactly when the file deviates.
BOOST_AUTO_TEST_CASE(every_vector_is_explained_with_its_rule_and_section) {
    int cases = 0;
    for (const auto& e : fs::directory_iterator(kVectors)) {
        if (e.path().extension() != ".json") continue;
        const std::string name = e.path().stem().string();
        BOOST_TEST_CONTEXT(name) {
            const auto v = vector(name);
            auto r = check({file(name)});
            auto doc = json::parse(r.out);   // one document, whatever the outcome
            const auto& f = doc.at("files").at(0);
            const auto& expect = v.at("expect");
            if (expect.at("accepted").get<bool>()) {
                BOOST_TEST(f.at("refused_as").is_null());
                BOOST_TEST(f.at("payload_read").get<bool>());
                BOOST_TEST(f.at("persons") == expect.at("persons"));
                BOOST_TEST(r.exit_code == (f.at("conforms").get<bool>() ? 0 : 4));
            } else {
                BOOST_TEST(r.exit_code == 4);
                BOOST_TEST(!doc.at("conforms").get<bool>());
                BOOST_TEST(f.at("refused_as") == expect.at("reason"));
                json first;
                for (const auto& x : f.at("findings"))
                    if (x.at("severity") == "refusal") {
                        first = x;
                        break;
                    }
                BOOST_TEST(first.at("severity") == "refusal");
                BOOST_TEST(first.at("check") == expect.at("check"));
                BOOST_TEST(first.at("section") == expect.at("section"));
                BOOST_TEST(!first.at("message").get<std::string>().empty());
            }
            ++cases;
        }
    }
    BOOST_TEST(cases >= 30);
}

BOOST_AUTO_TEST_CASE(every_wrong_manifest_member_is_named_not_only_the_first) {
    auto r = check({file("manifest-several-wrong")});
    BOOST_TEST(r.exit_code == 4);
    std::vector<std::string> subjects;
    const auto doc = json::parse(r.out);
    for (const auto& x : doc.at("files").at(0).at("findings"))
        if (x.at("severity") == "refusal") subjects.push_back(x.at("subject").get<std::string>());
    BOOST_TEST(testing_names(subjects) == "format_version sequence exported_at ");
}

BOOST_AUTO_TEST_CASE(a_conforming_package_exits_0_and_says_what_it_read) {
    auto r = check({file("one-chunk")}, true, false);
    BOOST_TEST(r.exit_code == 0, r.err);
    BOOST_TEST(r.out.find("conforms to the spec") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(upper_case_uuids_deviate_but_would_be_accepted) {
    auto r = check({file("upper-case-uuids")});
    BOOST_TEST(r.exit_code == 4);
    auto f = json::parse(r.out).at("files").at(0);
    BOOST_TEST(f.at("refused_as").is_null());
    BOOST_TEST(f.at("findings").at(0).at("check") == "records.upper_case_uuid");
    BOOST_TEST(f.at("findings").at(0).at("severity") == "deviation");
    BOOST_TEST(f.at("findings").at(0).at("count") == 3);
}

BOOST_AUTO_TEST_CASE(warnings_and_notes_do_not_make_a_file_deviate) {
    auto r = check({file("warnings"), file("many-chunks")});
    BOOST_TEST(r.exit_code == 0, r.err);
    auto doc = json::parse(r.out);
    std::set<std::string> checks;
    for (const auto& f : doc.at("files"))
        for (const auto& x : f.at("findings")) checks.insert(x.at("check").get<std::string>());
    for (const char* want : {"records.empty_iin", "records.impossible_birth_date", "manifest.chunk_size"})
        BOOST_TEST(checks.contains(want), want);
}

BOOST_AUTO_TEST_CASE(the_text_report_names_the_section_and_the_rule) {
    auto r = check({file("encryption-flattened"), file("one-chunk")}, true, false);
    BOOST_TEST(r.exit_code == 4);
    BOOST_TEST(r.out.find("would refuse it as malformed") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("\"Manifest\" (manifest.member)") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("encryption") != std::string::npos, r.out);
    BOOST_TEST(r.err.find("1 of 2") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(without_keys_the_header_and_digest_are_still_checked) {
    auto ok = check({file("one-chunk")}, false);
    BOOST_TEST(ok.exit_code == 0, ok.err);
    auto notes = json::parse(ok.out).at("files").at(0).at("findings");
    BOOST_TEST(notes.size() == 2u);
    BOOST_TEST(notes.at(0).at("check") == "signature.not_checked");
    BOOST_TEST(notes.at(1).at("check") == "encryption.not_checked");

    auto cut = check({file("payload-truncated")}, false);
    BOOST_TEST(cut.exit_code == 4);
    BOOST_TEST(json::parse(cut.out).at("files").at(0).at("refused_as") == "digest_mismatch");

    // The department's public file checks the recipient.
    auto other = run_cli({"--json", "package", "check", file("other-recipient"), "--department-key", kDepartmentPublic});
    BOOST_TEST(other.exit_code == 4);
    BOOST_TEST(json::parse(other.out).at("files").at(0).at("refused_as") == "undecryptable");
}

BOOST_AUTO_TEST_CASE(it_speaks_russian_and_kazakh) {
    for (const char* lang : {"ru", "kk"}) {
        auto r = run_cli({"--lang", lang, "package", "check", file("bad-magic")});
        BOOST_TEST(r.exit_code == 4);
        BOOST_TEST(r.out.find("does not begin") == std::string::npos, lang << ": " << r.out);
        BOOST_TEST(r.out.find("SQPKG") != std::string::npos, lang << ": " << r.out);
    }
}

// Not only the first: a package with three independent deviations — in the manifest, in a record
// of the first chunk, in the framing of the last chunk — gets three findings, each with its rule,
// the section of src/core/package/README.md and the reason, in reading order.
BOOST_AUTO_TEST_CASE(every_independent_deviation_is_its_own_finding) {
    const auto v = vector("three-deviations");
    auto r = check({file("three-deviations")});
    BOOST_TEST(r.exit_code == 4);
    const auto doc = json::parse(r.out);
    const auto& f = doc.at("files").at(0);
    BOOST_TEST(f.at("refused_as") == "malformed");
    json refusals = json::array();
    for (const auto& x : f.at("findings"))
        if (x.at("severity") == "refusal") refusals.push_back(x);
    const auto& want = v.at("expect").at("deviations");
    BOOST_REQUIRE_EQUAL(refusals.size(), 3u);
    BOOST_REQUIRE_EQUAL(want.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(refusals[i].at("check") == want[i].at("check"));
        BOOST_TEST(refusals[i].at("section") == want[i].at("section"));
        BOOST_TEST(refusals[i].at("subject") == want[i].at("subject"));
        BOOST_TEST(refusals[i].at("reason") == want[i].at("reason"));
        BOOST_TEST(!refusals[i].at("message").get<std::string>().empty());
    }
    BOOST_TEST(refusals[1].at("line") == 3);
    // The chunk's finding says what is wrong with it: the last-chunk flag of its AAD.
    BOOST_TEST(refusals[2].at("detail").get<std::string>().find("last-chunk flag") != std::string::npos, refusals[2].dump());

    // The text for people lists the three as well, each with its section.
    auto text = check({file("three-deviations")}, true, false);
    BOOST_TEST(text.out.find("\"Manifest\" (manifest.value)") != std::string::npos, text.out);
    BOOST_TEST(text.out.find("(records.field)") != std::string::npos, text.out);
    BOOST_TEST(text.out.find("\"Encryption\" (encryption.authentication)") != std::string::npos, text.out);
}

BOOST_AUTO_TEST_CASE(no_file_is_a_usage_error_and_a_missing_file_an_io_error_in_one_document) {
    auto none = run_cli({"--json", "package", "check"});
    BOOST_TEST(none.exit_code == 2);
    BOOST_TEST(json::parse(none.out).contains("error"));
    auto missing = run_cli({"--json", "package", "check", "/nonexistent/x.sqpkg"});
    BOOST_TEST(missing.exit_code != 0);
    BOOST_TEST(json::parse(missing.out).contains("error"));
}

BOOST_AUTO_TEST_SUITE_END()

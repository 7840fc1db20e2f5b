// A hostile tablet outbox pulled through the real `sanaq` binary from a folder: junk far over the
// size budget (peak memory of the child measured), junk right at and just over the budget, the
// same junk again under another name, and file names that carry terminal escape sequences.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "core/domain/identifiers.h"
#include "junk_files.h"
#include "support/measured_run.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct HostileOutbox {
    TempDir dir{"sanaq-sec-packages"};
    std::string ws = (dir / "ws").string();
    fs::path tablet = dir / "tablet";
    fs::path outbox = tablet / "Documents/Sanaq/outbox";

    MeasuredRun as(const std::string& user, std::vector<std::string> args,
                   std::map<std::string, std::string> env = {}) {
        args.insert(args.begin(), {"--workspace", ws, "--user", user});
        env.emplace("SANAQ_PASSWORD", "pass-for-" + user);
        return run_sanaq_measured(args, env);
    }
    json must_json(const std::string& user, std::vector<std::string> args) {
        args.insert(args.begin(), "--json");
        auto r = as(user, args);
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "sanaq " << args.at(1) << " failed (" << r.exit_code << "): " << r.err);
        return json::parse(r.out);
    }
    json open_quarantine() { return must_json("officer", {"quarantine", "list"})["quarantine"]; }

    HostileOutbox() {
        auto init = run_sanaq_measured({"--workspace", ws, "init", "--admin", "admin"},
                                 {{"SANAQ_NEW_PASSWORD", "pass-for-admin"}});
        BOOST_REQUIRE_MESSAGE(init.exit_code == 0, init.err);
        auto r = as("admin", {"user", "add", "officer", "--role", "officer"},
                    {{"SANAQ_NEW_PASSWORD", "pass-for-officer"}});
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
        fs::create_directories(outbox);
    }
};

bool has_raw_controls(const std::string& text) {
    return text.find('\x1b') != std::string::npos || text.find('\x07') != std::string::npos ||
           text.find("\xe2\x80\xae") != std::string::npos ||   // U+202E RIGHT-TO-LEFT OVERRIDE
           text.find("\xe2\x81\xa6") != std::string::npos ||   // U+2066 LEFT-TO-RIGHT ISOLATE
           text.find("\xc2\x9b") != std::string::npos;         // U+009B CSI
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(hostile_outbox_cli, HostileOutbox)

BOOST_AUTO_TEST_CASE(a_300_mb_junk_package_keeps_its_first_mib_and_memory_stays_bounded) {
    const auto junk = outbox / "0b7e0c1a-5a7d-4c1e-9f3a-2d6b8e4f1a91.sqpkg";
    write_junk(junk, 300 * kMiB, 1);
    const auto store_before = bytes_under(ws);

    auto r = as("officer", {"--json", "pull", "--from-dir", tablet.string()});
    BOOST_TEST_MESSAGE("peak RSS of `sanaq --json pull --from-dir` over a 300 MB junk package: "
                       << r.peak_rss_kib / 1024 << " MiB");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto s = json::parse(r.out);
    BOOST_TEST(s["packages_quarantined"] == 1);
    BOOST_TEST(s["packages"][0]["reason"] == "too_large");
    // Bounded by the budget, not by the file: 2x a 300 MB file was 600 MB.
    BOOST_TEST(r.peak_rss_kib < 256 * 1024);

    auto q = open_quarantine();
    BOOST_REQUIRE_EQUAL(q.size(), 1u);
    BOOST_TEST(q[0]["reason"] == "too_large");
    BOOST_TEST(q[0]["size"].get<std::uint64_t>() <= kMiB);
    BOOST_TEST(bytes_under(ws) - store_before < 32 * kMiB);
    // The file stays on the tablet, whole.
    BOOST_TEST(fs::file_size(junk) == 300 * kMiB);

    // The same bytes under another name (and under the first name again): nothing stored anew.
    write_junk(outbox / "renamed.sqpkg", 300 * kMiB, 1);
    auto again = as("officer", {"--json", "pull", "--from-dir", tablet.string()});
    BOOST_REQUIRE_MESSAGE(again.exit_code == 0, again.err);
    BOOST_TEST(json::parse(again.out)["packages_quarantined"] == 2);
    BOOST_TEST(open_quarantine().size() == 1u);
    BOOST_TEST(must_json("officer", {"records", "stats"})["quarantined_open"] == 1);
    BOOST_TEST(bytes_under(ws) - store_before < 32 * kMiB);
}

BOOST_AUTO_TEST_CASE(junk_at_the_budget_is_read_and_one_byte_over_is_not) {
    write_junk(outbox / "a-at-budget.sqpkg", kBudget, 2);
    write_junk(outbox / "b-over-budget.sqpkg", kBudget + 1, 3);
    auto r = as("officer", {"--json", "pull", "--from-dir", tablet.string()});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    auto s = json::parse(r.out);
    BOOST_REQUIRE_EQUAL(s["packages"].size(), 2u);
    BOOST_TEST(s["packages"][0]["reason"] == "malformed");   // read, and not a package
    BOOST_TEST(s["packages"][1]["reason"] == "too_large");   // not read as a package at all
    auto q = open_quarantine();
    BOOST_REQUIRE_EQUAL(q.size(), 2u);
    for (const auto& e : q) BOOST_TEST(e["size"].get<std::uint64_t>() <= kMiB);
}

BOOST_AUTO_TEST_CASE(file_names_with_escape_sequences_are_printed_without_their_control_bytes) {
    // Clears the screen, then shows "evil" with the rest reversed.
    const std::string name = "\x1b[2J\xe2\x80\xae" "gepj.exe\xe2\x81\xa6\xc2\x9b" "1m.sqpkg";
    write_junk(outbox / name, 100, 4);

    auto pull = as("officer", {"pull", "--from-dir", tablet.string()});
    BOOST_TEST(pull.exit_code == 0, pull.err);
    BOOST_TEST(!has_raw_controls(pull.out + pull.err), pull.out + pull.err);
    BOOST_TEST(pull.out.find("\\x1B[2J") != std::string::npos, pull.out);
    BOOST_TEST(pull.out.find("\\u202E") != std::string::npos, pull.out);

    auto list = as("officer", {"quarantine", "list"});
    BOOST_TEST(list.exit_code == 0, list.err);
    BOOST_TEST(!has_raw_controls(list.out + list.err), list.out);
    BOOST_TEST(list.out.find("\\x1B[2J") != std::string::npos, list.out);

    // JSON keeps the exact name for programs, written with escapes only.
    auto listed = as("officer", {"--json", "quarantine", "list"});
    BOOST_TEST(listed.exit_code == 0, listed.err);
    BOOST_TEST(!has_raw_controls(listed.out), listed.out);
    BOOST_TEST(json::parse(listed.out)["quarantine"][0]["file"] == name);

    // A name given on the command line is shown, not obeyed, in the error too.
    auto missing = as("officer", {"pull", "--from-dir", (dir / "\x1b]0;owned\x07\xe2\x80\xae" "dir").string()});
    BOOST_TEST(missing.exit_code != 0);
    BOOST_TEST(!has_raw_controls(missing.out + missing.err), missing.err);
    BOOST_TEST(missing.err.find("\\x1B]0;owned\\x07") != std::string::npos, missing.err);
}

BOOST_AUTO_TEST_SUITE_END()

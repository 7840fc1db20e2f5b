// The attacker sends the department a list of respondents built to exhaust the workstation: a
// small workbook whose one shared string fills every cell, a part that inflates a thousand to
// one, a CSV of separators, a megabyte cell, a giant header cell, too many rows, columns or
// cells. Each goes through the real `sanaq list import` in a child process; the import must be
// refused with a message naming the budget and the file, store nothing, stay under a memory
// ceiling and end in seconds. An honest list of 50,000 rows must still import.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "core/usecases/demo.h"
#include "hostile_lists.h"
#include "support/measured_run.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::test::inputs;
using nlohmann::json;
using test::MeasuredRun;
using test::run_sanaq_measured;

namespace {

// The budgets (src/tables/limits.h) appear here as numbers, as the user reads them in the
// messages: 32767 characters a cell, 200000 rows, 512 columns, 2000000 cells, 64 MB of text, 200:1.

// Generous ceilings: a refused bomb costs tens of MiB; before the budgets they took gigabytes
// and minutes. Not performance assertions — "did not blow up, did not hang".
constexpr long kPeakRssCeilingKib = 256 * 1024;
constexpr double kTimeBoundSeconds = 60;

struct ListWorkspace {
    test::TempDir dir{"sanaq-security-inputs"};
    std::string ws = (dir / "ws").string();
    std::string bomb_bin = make_bin(2003, 5, 77);   // the institution the bombs are sent for
    std::string honest_bin = make_bin(2011, 9, 313);

    MeasuredRun as(const std::string& user, std::vector<std::string> args) {
        args.insert(args.begin(), {"--lang", "en", "--workspace", ws, "--user", user});
        return run_sanaq_measured(args, {{"SANAQ_PASSWORD", "pass-for-" + user}});
    }

    ListWorkspace() {
        auto init = run_sanaq_measured({"--workspace", ws, "init", "--admin", "admin"},
                                       {{"SANAQ_NEW_PASSWORD", "pass-for-admin"}});
        if (init.exit_code != 0) throw std::runtime_error("init: " + init.err);
        auto officer = run_sanaq_measured({"--workspace", ws, "--user", "admin", "user", "add", "officer", "--role", "officer"},
                                          {{"SANAQ_PASSWORD", "pass-for-admin"}, {"SANAQ_NEW_PASSWORD", "pass-for-officer"}});
        if (officer.exit_code != 0) throw std::runtime_error("user add: " + officer.err);
        for (const auto& bin : {bomb_bin, honest_bin}) {
            auto added = as("officer", {"institution", "add", "--bin", bin, "--name-kk", "Әскери бөлім " + bin,
                                        "--name-ru", "Воинская часть " + bin, "--type", "military_unit", "--kato", "591010000"});
            if (added.exit_code != 0) throw std::runtime_error("institution add: " + added.err);
        }
    }

    MeasuredRun import(const std::filesystem::path& file, const std::string& bin, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"list", "import", file.string(), "--institution", bin, "--as-of", "2026-11-01"};
        args.insert(args.end(), extra.begin(), extra.end());
        return as("officer", args);
    }

    json versions(const std::string& bin) {
        auto run = as("officer", {"--json", "list", "versions", "--institution", bin});
        if (run.exit_code != 0) throw std::runtime_error("list versions: " + run.err);
        return json::parse(run.out);
    }
};

// One workspace for the whole suite: making it costs more than the checks.
ListWorkspace& workspace() {
    static ListWorkspace w;
    return w;
}

std::filesystem::path file(const std::string& name) { return workspace().dir / name; }

void report(const std::string& what, const MeasuredRun& run) {
    BOOST_TEST_MESSAGE(what << ": exit " << run.exit_code << ", peak RSS " << run.peak_rss_kib / 1024 << " MiB, "
                            << run.seconds << " s");
}

// Refused with exit code 4 (invalid input), the message naming the file and the budget, nothing
// stored, within the memory ceiling and the time bound.
void check_refused(const std::string& what, const std::filesystem::path& path, const MeasuredRun& run,
                   const std::string& budget_words) {
    report(what, run);
    BOOST_TEST(run.exit_code == 4, what << ": " << run.err.substr(0, 400));
    BOOST_TEST(run.err.find(path.filename().string()) != std::string::npos, what << ": " << run.err.substr(0, 400));
    BOOST_TEST(run.err.find(budget_words) != std::string::npos,
               what << ": wanted \"" << budget_words << "\" in: " << run.err.substr(0, 400));
    BOOST_TEST(run.peak_rss_kib < kPeakRssCeilingKib, what << ": peak RSS " << run.peak_rss_kib / 1024 << " MiB");
    BOOST_TEST(run.seconds < kTimeBoundSeconds, what << ": " << run.seconds << " s");
    BOOST_TEST(workspace().versions(workspace().bomb_bin).empty(), what << ": a list version was stored");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(list_budgets)

BOOST_AUTO_TEST_CASE(a_file_past_the_byte_budget) {
    // 65 MiB (sparse: no disk is spent on it), refused on its size before it is read.
    auto path = file("too-large.csv");
    write_file(path, list_header_csv());
    std::filesystem::resize_file(path, std::uintmax_t{65} << 20);
    check_refused("65 MiB file", path, workspace().import(path, workspace().bomb_bin), "more than 64 MB");
}

BOOST_AUTO_TEST_CASE(a_small_workbook_whose_one_shared_string_fills_every_cell) {
    // 32,767 letters (a cell's limit, so each cell alone is allowed) in 50,000 cells: 1.6 GB of
    // copies from a file of tens of KB. The pool holds the string once; the cells refer to it
    // and are copied only within the text budget.
    auto path = file("shared-string-bomb.xlsx");
    write_file(path, shared_string_bomb_xlsx(32767, 50000));
    BOOST_TEST(std::filesystem::file_size(path) < 200u * 1024);
    check_refused("shared-string bomb", path, workspace().import(path, workspace().bomb_bin), "more than 64 MB of text");
}

BOOST_AUTO_TEST_CASE(a_shared_string_longer_than_a_cell_may_be) {
    auto path = file("long-shared-string.xlsx");
    write_file(path, shared_string_bomb_xlsx(1 << 20, 2000));
    check_refused("1 MiB shared string", path, workspace().import(path, workspace().bomb_bin),
                  "longer than 32767 characters");
}

BOOST_AUTO_TEST_CASE(a_sheet_part_that_inflates_a_thousand_to_one) {
    // 200 MiB of empty comments in a file of ~200 KB: stopped by the ratio, long before the end.
    auto path = file("deflate-bomb.xlsx");
    write_file(path, deflate_bomb_xlsx(std::size_t{200} << 20));
    BOOST_TEST(std::filesystem::file_size(path) < 1024u * 1024);
    check_refused("deflate bomb", path, workspace().import(path, workspace().bomb_bin), "more than 200 times");
}

BOOST_AUTO_TEST_CASE(a_sheet_part_declaring_more_than_the_unpacked_budget) {
    // 300 MiB: refused on what the archive's directory declares, before anything inflates.
    auto path = file("deflate-bomb-300.xlsx");
    write_file(path, deflate_bomb_xlsx(std::size_t{300} << 20));
    check_refused("300 MiB part", path, workspace().import(path, workspace().bomb_bin), "more than 256 MB");
}

BOOST_AUTO_TEST_CASE(a_csv_made_only_of_separators) {
    auto path = file("separators.csv");
    write_file(path, std::string(30u << 20, ';'));
    check_refused("30 MiB of separators", path, workspace().import(path, workspace().bomb_bin),
                  "more than 512 columns");
}

BOOST_AUTO_TEST_CASE(lines_of_separators_cost_no_memory) {
    // Excel writes a formatted but empty range as lines of ";;;;": they hold nothing, so the file
    // is empty — said without materialising millions of empty cells first.
    auto path = file("separator-lines.csv");
    std::string lines;
    for (int i = 0; i < 1000000; ++i) lines += ";;;;;;;;;;;;;;;;;;;;;;;;;;;;;\n";
    write_file(path, lines);
    check_refused("lines of separators", path, workspace().import(path, workspace().bomb_bin), "is empty");
}

BOOST_AUTO_TEST_CASE(a_csv_cell_of_one_megabyte) {
    auto path = file("megabyte-cell.csv");
    write_file(path, list_header_csv() + list_rows_csv(3) + "Иванов;" + std::string(1 << 20, 'x') + ";;01.01.1990\r\n");
    check_refused("1 MB cell", path, workspace().import(path, workspace().bomb_bin), "longer than 32767 characters");
    BOOST_TEST(workspace().import(path, workspace().bomb_bin).err.find("B5") != std::string::npos);  // where it is
}

BOOST_AUTO_TEST_CASE(too_many_rows) {
    auto path = file("too-many-rows.csv");
    write_file(path, list_header_csv() + list_rows_csv(200000));  // one past: the header is a row
    check_refused("too many rows", path, workspace().import(path, workspace().bomb_bin), "more than 200000 rows");
}

BOOST_AUTO_TEST_CASE(too_many_columns) {
    auto path = file("too-many-columns.csv");
    std::string header = "Фамилия;Имя;ИИН;Дата рождения";
    for (int c = 5; c <= 600; ++c) header += ";Поле " + std::to_string(c);
    write_file(path, header + "\r\n" + list_rows_csv(10));
    check_refused("too many columns", path, workspace().import(path, workspace().bomb_bin), "more than 512 columns");
}

BOOST_AUTO_TEST_CASE(too_many_cells) {
    // 20,000 rows of 110 short cells: each row and column within its budget, the cells not.
    auto path = file("too-many-cells.csv");
    std::string header = "Фамилия;Имя;ИИН;Дата рождения";
    for (int c = 5; c <= 110; ++c) header += ";Поле " + std::to_string(c);
    std::string row = "Иванов;Иван;;01.01.1990";
    for (int c = 5; c <= 110; ++c) row += ";1";
    std::string bytes = header + "\r\n";
    for (int r = 0; r < 20000; ++r) bytes += row + "\r\n";
    write_file(path, bytes);
    check_refused("too many cells", path, workspace().import(path, workspace().bomb_bin), "more than 2000000 cells");
}

BOOST_AUTO_TEST_CASE(a_giant_header_cell_is_not_matched_and_shown_cut) {
    // A 30,000-letter cell in the header row: never folded and matched as a column name, and the
    // preview names it cut short; the list itself is read.
    auto path = file("giant-header-cell.csv");
    const std::string giant(30000, 'W');
    std::string rows = list_rows_csv(20), with_fifth;
    for (std::size_t at = 0; at < rows.size();) {
        std::size_t end = rows.find("\r\n", at);
        with_fifth += rows.substr(at, end - at) + ";x\r\n";
        at = end + 2;
    }
    write_file(path, "Фамилия;Имя;ИИН;Дата рождения;" + giant + "\r\n" + with_fifth);
    auto run = workspace().import(path, workspace().bomb_bin, {"--dry-run", "--json"});
    report("giant header cell", run);
    BOOST_REQUIRE_MESSAGE(run.exit_code == 0, run.err.substr(0, 400));
    auto preview = json::parse(run.out);
    BOOST_TEST(preview["rows"].get<int>() == 20);
    BOOST_REQUIRE(preview["unknown_columns"].size() == 1u);
    const std::string shown = preview["unknown_columns"][0];
    BOOST_TEST(shown.size() <= 200u + 3u);                // 200 letters and "…"
    BOOST_TEST(shown.substr(shown.size() - 3) == "\u2026");
    BOOST_TEST(run.peak_rss_kib < kPeakRssCeilingKib);
    BOOST_TEST(run.seconds < kTimeBoundSeconds);
    BOOST_TEST(workspace().versions(workspace().bomb_bin).empty());
}

BOOST_AUTO_TEST_CASE(an_honest_list_of_fifty_thousand_rows_still_imports) {
    // Some tens of thousands of rows are what real institutions send (the simulator makes 46,000).
    auto& w = workspace();
    const std::string rows = list_rows_csv(50000);
    auto csv = file("honest-list.csv");
    write_file(csv, list_header_csv() + rows);
    auto run = w.import(csv, w.honest_bin);
    report("honest CSV, 50,000 rows", run);
    BOOST_REQUIRE_MESSAGE(run.exit_code == 0, run.err.substr(0, 400));

    std::vector<std::vector<std::string>> table = {{"Фамилия", "Имя", "ИИН", "Дата рождения"}};
    for (std::size_t at = 0; at < rows.size();) {
        std::size_t end = rows.find("\r\n", at);
        std::vector<std::string> cells;
        std::string line = rows.substr(at, end - at);
        for (std::size_t from = 0;;) {
            std::size_t semi = line.find(';', from);
            cells.push_back(line.substr(from, semi - from));
            if (semi == std::string::npos) break;
            from = semi + 1;
        }
        table.push_back(std::move(cells));
        at = end + 2;
    }
    auto xlsx = file("honest-list.xlsx");
    write_file(xlsx, list_xlsx(table));
    run = w.import(xlsx, w.honest_bin);
    report("honest XLSX, 50,000 rows", run);
    BOOST_REQUIRE_MESSAGE(run.exit_code == 0, run.err.substr(0, 400));

    auto versions = w.versions(w.honest_bin);
    BOOST_REQUIRE(versions.size() == 2u);
    for (const auto& v : versions) BOOST_TEST(v["rows_imported"].get<int>() == 50000);
}

BOOST_AUTO_TEST_SUITE_END()

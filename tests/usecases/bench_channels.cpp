// Figures for people counted elsewhere at the scale of a large region: N listed people in
// institutions of `per_institution` each (lists imported through import_list), and the census
// database's channel file naming all of them (online or VPN tablet) written as CSV and imported
// through app::import_channels — the path `sanaq channels import` takes. The table library keeps
// a file within 200,000 rows (src/tables/limits.h), so the N rows go in as files of 199,999 data
// rows, one source each; a single N-row file is tried first and its refusal timed. Then
// run_reconciliation and coverage_report. Prints figures, one per line. Not run by ctest.
//   bench_channels [persons=1000000] [per_institution=1000] [seed=5]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "app/channel_imports.h"
#include "census_sim/census_sim.h"
#include "core/usecases/demo.h"
#include "core/usecases/registry.h"
#include "core/usecases/users.h"
#include "coverage/coverage_report.h"
#include "coverage/list_import.h"
#include "coverage/reconcile_run.h"
#include "db/workspace.h"
#include "lists/list_reader.h"
#include "support/temp_dir.h"
#include "tables/limits.h"

using namespace sanaq;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

double since(Steady::time_point t) {
    return std::chrono::duration<double>(Steady::now() - t).count();
}
double peak_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}
template <class R>
void must(const R& r, const std::string& what) {
    if (!r) {
        std::fprintf(stderr, "%s: %s %s\n", what.c_str(), r.error().message_id.c_str(),
                     r.error().detail.c_str());
        std::exit(1);
    }
}

struct Row {
    std::string iin, surname, name, birth_date, bin;
};

const char* kSurnames[] = {"Омаров",   "Серікбаев", "Ли",     "Жұмабек", "Петренко",
                           "Алиев",    "Нұрланов",  "Ким",    "Исаев",   "Бекова",
                           "Сидорова", "Тлеуов",    "Абенова"};
const char* kNames[] = {"Айдар", "Мәди",   "Ерлан", "Тимур",   "Бекзат", "Арман",
                        "Дамир", "Руслан", "Олжас", "Айгерім", "Дана",   "Мария",
                        "Жанар", "Әсел",   "Ольга", "Гүлнар",  "Сәуле"};

}  // namespace

int main(int argc, char** argv) {
    const long persons = argc > 1 ? std::atol(argv[1]) : 1000000;
    const long per_inst = argc > 2 ? std::atol(argv[2]) : 1000;
    const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 5;
    test::TempDir dir{"sanaq-bench-channels"};
    SystemClock clock;
    auto created = db::Workspace::create(dir / "ws", "admin", "bench password 1", db::test_kdf());
    must(created, "create workspace");
    auto ws = std::move(*created);
    Session admin{*ws, *ws, clock, {"admin", Role::Administrator}};
    must(record_workspace_created(admin, "Bench"), "record_workspace_created");
    must(add_user(admin, {"officer", "", Role::Officer, "bench password 1"}), "add officer");
    Session officer{*ws, *ws, clock, {"officer", Role::Officer}};

    // ---- institutions and their lists ---------------------------------------------------------
    auto t = Steady::now();
    std::vector<Row> people;
    people.reserve(static_cast<std::size_t>(persons));
    std::set<std::string> bins;
    long serial = 0;
    for (int number = 1; static_cast<long>(people.size()) < persons; ++number) {
        char kit[32];
        std::snprintf(kit, sizeof kit, "KIT-%05d", number);
        auto sim = census_sim::simulated_kit(seed, kit);
        if (!bins.insert(sim.institution.bin).second) continue;
        must(add_institution(officer, sim.institution), "add_institution");
        tables::Table table;
        table.encoding = "UTF-8";
        table.rows.push_back({"ИИН", "Фамилия", "Имя", "Дата рождения", "Категория"});
        for (long i = 0; i < per_inst && static_cast<long>(people.size()) < persons;
             ++i, ++serial) {
            const int year = 1940 + static_cast<int>(serial % 70),
                      month = 1 + static_cast<int>(serial / 70 % 12),
                      day = 1 + static_cast<int>(serial / 840 % 28);
            char date[16];
            std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
            Row p{make_iin(year, month, day, serial % 2 == 0, static_cast<int>(serial % 9000) + 1),
                  kSurnames[serial % 13], kNames[serial / 13 % 17], date, sim.institution.bin};
            table.rows.push_back(
                {p.iin, p.surname, p.name, p.birth_date,
                 serial % 5 == 0 ? "временно проживающий" : "постоянно проживающий"});
            people.push_back(std::move(p));
        }
        ListImportPreview preview;
        preview.request = {std::string(kit) + ".csv", sim.institution.bin, "2026-10-01"};
        auto read =
            lists::read_list(std::move(table), {.mapping = std::nullopt, .as_of = "2026-10-01"});
        must(read, "read_list");
        preview.preview = std::move(*read);
        preview.source_name = std::string(kit) + ".csv";
        must(import_list(officer, preview), "import_list");
    }
    std::printf("institutions                             %zu\n", bins.size());
    std::printf("listed persons                           %zu\n", people.size());
    std::printf("lists built and imported                 %.1f s\n", since(t));

    // ---- the census database's file ------------------------------------------------------------
    auto write_rows = [&](const fs::path& path, std::size_t from, std::size_t to) {
        std::ofstream out(path);
        out << "IIN;Surname;Given name;Date of birth;Channel;Confirmation code;Time of "
               "sync;Institution BIN\n";
        for (std::size_t i = from; i < to; ++i) {
            const auto& p = people[i];
            out << p.iin << ';' << p.surname << ';' << p.name << ';' << p.birth_date << ';'
                << (i % 3 == 2 ? "vpn_tablet" : "online") << ";SQ-" << i << ";2026-10-0"
                << 1 + i % 9 << " 10:00:00;" << p.bin << '\n';
        }
    };
    t = Steady::now();
    write_rows(dir / "all.csv", 0, people.size());
    std::printf("one %zu-row channel file written         %.1f s, %.0f MiB\n", people.size(),
                since(t), static_cast<double>(fs::file_size(dir / "all.csv")) / (1 << 20));
    t = Steady::now();
    auto whole = app::import_channels(officer, {dir / "all.csv", ""}, {});
    std::printf("the whole file refused by the budgets    %s in %.2f s (%s)\n",
                whole ? "NO" : "yes", since(t), whole ? "" : whole.error().message_id.c_str());

    const std::size_t per_file = tables::kMaxRows - 1;  // the header is a row
    double import_s = 0;
    std::int64_t imported = 0;
    int files = 0;
    for (std::size_t from = 0; from < people.size(); from += per_file, ++files) {
        const auto path = dir / ("channels-" + std::to_string(files) + ".csv");
        write_rows(path, from, std::min(people.size(), from + per_file));
        t = Steady::now();
        auto done = app::import_channels(
            officer, {path, "census_database_part_" + std::to_string(files + 1)}, {});
        import_s += since(t);
        must(done, "import_channels");
        imported += done->stored.rows_imported;
        fs::remove(path);
    }
    std::printf(
        "channel files imported                   %d files, %lld rows, %.1f s (%.0f rows/s)\n",
        files, static_cast<long long>(imported), import_s,
        static_cast<double>(imported) / import_s);
    std::printf("peak RSS after import                    %.0f MiB\n", peak_mib());

    // ---- reconciliation
    // --------------------------------------------------------------------------
    t = Steady::now();
    auto summary = run_reconciliation(officer);
    must(summary, "run_reconciliation");
    const auto& r = summary->run;
    std::printf(
        "reconcile                                %.1f s (listed %lld, enumerated %lld, matched "
        "%lld, "
        "missing %lld, review %lld)\n",
        since(t), static_cast<long long>(r.listed), static_cast<long long>(r.enumerated),
        static_cast<long long>(r.matched), static_cast<long long>(r.missing),
        static_cast<long long>(r.review));
    t = Steady::now();
    auto report = coverage_report(officer, CoverageLevel::Institution);
    must(report, "coverage_report");
    std::printf(
        "coverage report                          %.2f s (matched online %lld, vpn tablet %lld, "
        "usb %lld)\n",
        since(t), static_cast<long long>(report->total.matched_by_channel[1]),
        static_cast<long long>(report->total.matched_by_channel[2]),
        static_cast<long long>(report->total.matched_by_channel[0]));
    t = Steady::now();
    auto again = run_reconciliation(officer);
    must(again, "run_reconciliation again");
    std::printf("reconcile again (nothing new)            %.1f s\n", since(t));
    std::printf("peak RSS                                 %.0f MiB\n", peak_mib());
    return 0;
}

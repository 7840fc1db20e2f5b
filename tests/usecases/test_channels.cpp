// People counted by the census database itself — online on sanaq.gov.kz, tablets synced over
// VPN — reach coverage through the channel file: a third of an institution's people answered
// online and must be matched through the imported file, not reported missing; the breakdown by
// channel, source and resident category; versions per source; malformed files store nothing.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "app/channel_imports.h"
#include "census_sim/census_sim.h"
#include "core/package/folder_storage.h"
#include "core/usecases/audit_review.h"
#include "core/usecases/demo.h"
#include "core/usecases/devices.h"
#include "core/usecases/pull.h"
#include "coverage/channel_import.h"
#include "coverage/coverage_report.h"
#include "coverage/list_import.h"
#include "coverage/reconcile_run.h"
#include "support/staffed_workspace.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kSeed = 11;
constexpr const char* kKit = "KIT-1001";

struct Invented {
    std::string iin, surname, name, birth_date;
    EnumerationChannel channel;
};

/// A kit's packages pulled over USB; the institution's list names those people and as many
/// again half over, who answered elsewhere (a third of the list).
struct ChannelsFixture : test::StaffedWorkspace {
    Session officer = as("officer", Role::Officer);
    Session supervisor = as("supervisor", Role::Supervisor);
    census_sim::SimulatedKit sim = census_sim::simulated_kit(kSeed, kKit);
    std::vector<EnumeratedPerson> pulled;
    std::vector<Invented> elsewhere;

    explicit ChannelsFixture(std::int64_t persons = 200) {
        check(issue_kits(officer, {{kKit}, employee_iin, 0, 0, "", ""}));
        auto keys = department_public_keys(officer);
        check(keys);
        census_sim::MakePackagesRequest r;
        r.kit_number = kKit;
        r.department_public_file_text = *keys;
        r.persons = persons;
        r.packages = 2;
        r.seed = kSeed;
        auto made = census_sim::make_packages(dir / "tablet", r);
        check(made);
        check(enroll_device_key(officer, kKit, made->device_public_pem));
        package::FolderTabletStorage tablet(dir / "tablet");
        check(pull_tablet(officer, tablet));
        check(add_institution(officer, sim.institution));
        check(officer.store.read([&](StoreSession& tx) {
            return tx.reconciliation().scan_enumerated(
                "", [&](EnumeratedPerson&& p) { pulled.push_back(std::move(p)); });
        }));
        // Half as many again, so they are a third of the list: names and dates of their own.
        static const char* surnames[] = {"Омаров",   "Серікбаев", "Ли",      "Жұмабек",
                                         "Петренко", "Алиев",     "Нұрланов"};
        static const char* names[] = {"Айдар", "Мәди",  "Ерлан",  "Тимур", "Бекзат",
                                      "Арман", "Дамир", "Руслан", "Олжас"};
        const std::size_t n = pulled.size() / 2;
        for (std::size_t i = 0; i < n; ++i) {
            const int year = 1950 + static_cast<int>(i % 50), month = 1 + static_cast<int>(i % 12),
                      day = 1 + static_cast<int>((i * 7) % 28);
            char date[16];
            std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
            elsewhere.push_back(
                {make_iin(year, month, day, true, 7000 + static_cast<int>(i)), surnames[i % 7],
                 names[(i / 7) % 9], date,
                 i % 3 == 2 ? EnumerationChannel::VpnTablet : EnumerationChannel::Online});
        }
    }

    void write_list(const fs::path& path) {
        std::ofstream out(path);
        out << "ИИН;Фамилия;Имя;Отчество;Дата рождения;Категория\n";
        for (const auto& p : pulled)
            out << p.iin << ';' << p.surname << ';' << p.name << ';' << p.patronymic << ';'
                << p.birth_date << ";постоянно проживающий\n";
        for (const auto& p : elsewhere)
            out << p.iin << ';' << p.surname << ';' << p.name << ";;" << p.birth_date
                << ";временно проживающий\n";
    }

    /// The census database's file, headers in Kazakh; `skip` people left out.
    void write_channel_file(const fs::path& path, std::size_t skip = 0) {
        std::ofstream out(path);
        out << "ЖСН;Тегі;Аты;Әкесінің аты;Туған күні;Арна;Растау коды;Синхрондау уақыты;Мекеменің "
               "БСН\n";
        for (std::size_t i = skip; i < elsewhere.size(); ++i) {
            const auto& p = elsewhere[i];
            out << p.iin << ';' << p.surname << ';' << p.name << ";;" << p.birth_date.substr(8, 2)
                << '.' << p.birth_date.substr(5, 2) << '.' << p.birth_date.substr(0, 4) << ';'
                << (p.channel == EnumerationChannel::Online ? "online" : "vpn_tablet") << ";CONF-"
                << i << ";2026-10-0" << 1 + i % 9 << " 10:15:00;" << sim.institution.bin << '\n';
        }
    }

    StoredList import_list(const fs::path& path) {
        auto preview = preview_list_import(officer, {path, sim.institution.bin});
        check(preview);
        auto stored = sanaq::import_list(officer, *preview);
        check(stored);
        return *stored;
    }

    CoverageRow coverage_row() {
        check(run_reconciliation(officer));
        auto report = coverage_report(officer, CoverageLevel::Institution);
        check(report);
        // The stage-1 register adds a row of zeros for each institution that sent no list.
        std::erase_if(report->rows, [](const CoverageRow& r) { return r.listed == 0 && r.institutions == 0; });
        BOOST_REQUIRE_EQUAL(report->rows.size(), 1u);
        return report->rows.front();
    }

    std::int64_t stored_files() {
        auto v = channel_file_versions(officer, "");
        check(v);
        return static_cast<std::int64_t>(v->size());
    }
};

std::size_t channel_index(EnumerationChannel c) { return static_cast<std::size_t>(c); }

}  // namespace

BOOST_AUTO_TEST_SUITE(channels)

BOOST_AUTO_TEST_CASE(a_third_who_answered_online_are_covered_through_the_channel_file_not_missing) {
    ChannelsFixture f;
    f.write_list(f.dir / "list.csv");
    const auto stored = f.import_list(f.dir / "list.csv");
    const auto third = static_cast<std::int64_t>(f.elsewhere.size());
    // (A pulled record without IIN and birth date, or repeating another's IIN, is not listable.)
    const auto listed = stored.rows_imported;
    BOOST_TEST(listed > 2 * third);

    // Before the census database's file: everyone who answered elsewhere is chased as missing.
    const auto before = f.coverage_row();
    BOOST_TEST(before.listed == listed);
    BOOST_TEST(before.missing == third);

    f.write_channel_file(f.dir / "channels.csv");
    auto done = app::import_channels(f.officer, {f.dir / "channels.csv", ""}, {});
    BOOST_REQUIRE_MESSAGE(done, (done ? "" : done.error().message_id));
    BOOST_TEST(done->stored.rows_imported == third);
    BOOST_TEST(done->stored.source == std::string(kDefaultChannelSource));
    BOOST_TEST(done->stored.version == 1);

    const auto after = f.coverage_row();
    BOOST_TEST(after.missing == 0);
    BOOST_TEST(after.matched == listed);
    BOOST_TEST(after.extra == 0);
    std::int64_t online = 0, vpn = 0;
    for (const auto& p : f.elsewhere) (p.channel == EnumerationChannel::Online ? online : vpn)++;
    BOOST_TEST(after.matched_by_channel[channel_index(EnumerationChannel::TabletUsb)] ==
               listed - third);
    BOOST_TEST(after.matched_by_channel[channel_index(EnumerationChannel::Online)] == online);
    BOOST_TEST(after.matched_by_channel[channel_index(EnumerationChannel::VpnTablet)] == vpn);
    // Answers from the institution's administrative records are told apart from interviews.
    std::int64_t admin = 0;
    for (const auto& p : f.pulled) admin += p.source == "admin";
    BOOST_TEST(admin > 0);
    BOOST_TEST(
        after.matched_by_source[static_cast<std::size_t>(RecordSource::AdministrationRecords)] > 0);
    BOOST_TEST(
        after.matched_by_source[static_cast<std::size_t>(RecordSource::AdministrationRecords)] <=
        admin);
    BOOST_TEST(after.matched_by_source[0] + after.matched_by_source[1] == listed);
    // The list's categories: the ones who answered elsewhere were listed as temporary residents.
    const auto& temporary = after.by_residence[static_cast<std::size_t>(Residence::Temporary)];
    BOOST_TEST(temporary.listed == third);
    BOOST_TEST(temporary.matched == third);
    BOOST_TEST(after.by_residence[static_cast<std::size_t>(Residence::Permanent)].listed ==
               listed - third);

    // The drill-down shows who counted them.
    auto people = coverage_people(f.officer, f.sim.institution.bin);
    BOOST_REQUIRE(people);
    int via_channel = 0;
    for (const auto& p : *people)
        if (p.enumerated_id.starts_with("C:")) {
            ++via_channel;
            BOOST_TEST(p.outcome == "matched");
            BOOST_TEST((p.kit_number == "online" || p.kit_number == "vpn_tablet"));
            BOOST_TEST(!p.enumerated_surname.empty());
        }
    BOOST_TEST(via_channel == third);

    // The table the CLI and the XLSX export show has the channel columns.
    auto report = coverage_report(f.officer, CoverageLevel::Institution);
    BOOST_REQUIRE(report);
    const auto table = coverage_table(*report, [](const char* s) { return std::string(s); });
    BOOST_TEST((std::find(table.header.begin(), table.header.end(), "Online (sanaq.gov.kz)") !=
                table.header.end()));
    BOOST_TEST(coverage_residence_table(*report, [](const char* s) {
                   return std::string(s);
               }).rows.size() == 4u);

    auto entries = list_audit(f.supervisor, {.action_prefix = "channels.import"});
    BOOST_REQUIRE(entries);
    BOOST_TEST(entries->size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_new_file_of_the_same_source_supersedes_the_previous_version) {
    ChannelsFixture f(60);
    f.write_list(f.dir / "list.csv");
    f.import_list(f.dir / "list.csv");
    f.write_channel_file(f.dir / "v1.csv");
    BOOST_REQUIRE(app::import_channels(f.officer, {f.dir / "v1.csv", ""}, {}));
    BOOST_TEST(f.coverage_row().missing == 0);
    // The next file lacks three people (withdrawn by the census database): they are missing again.
    f.write_channel_file(f.dir / "v2.csv", 3);
    auto v2 = app::import_channels(f.officer, {f.dir / "v2.csv", ""}, {});
    BOOST_REQUIRE(v2);
    BOOST_TEST(v2->stored.version == 2);
    BOOST_TEST(f.coverage_row().missing == 3);
    // The old version is kept for history.
    auto versions = channel_file_versions(f.officer, std::string(kDefaultChannelSource));
    BOOST_REQUIRE(versions);
    BOOST_REQUIRE_EQUAL(versions->size(), 2u);
    BOOST_TEST(versions->front().version == 2);
    // Another source is not superseded by this one.
    auto other = app::import_channels(f.officer, {f.dir / "v1.csv", "region_online"}, {});
    BOOST_REQUIRE(other);
    BOOST_TEST(other->stored.version == 1);
}

BOOST_AUTO_TEST_CASE(malformed_channel_files_get_clear_errors_and_store_nothing) {
    ChannelsFixture f(20);
    auto refused = [&](const std::string& text, const std::string& name) {
        std::ofstream(f.dir / name) << text;
        auto r = app::import_channels(f.officer, {f.dir / name, ""}, {});
        BOOST_TEST_CONTEXT(name) {
            BOOST_REQUIRE(!r);
            BOOST_TEST((r.error().code == ErrorCode::InvalidInput));
        }
        return r.error();
    };
    // No header a channel file has.
    refused("a;b;c\n1;2;3\n", "junk.csv");
    // No channel column: the file cannot tell who counted them.
    auto no_channel = refused(
        "IIN;Surname;Given name;Date of birth\n900101300017;Ли;Ерлан;01.01.1990\n", "nochan.csv");
    BOOST_TEST(no_channel.message_id.find("channel column") != std::string::npos);
    // Neither IIN nor date of birth column.
    refused("Surname;Given name;Channel\nЛи;Ерлан;online\n", "noid.csv");
    // A USB pull is never in a channel file; a repeated confirmation code; no identity: rows
    // rejected, and without "valid only" the file is refused whole.
    const std::string rows =
        "ИИН;Фамилия;Имя;Дата рождения;Канал;Код подтверждения\n"
        "900101300017;Ли;Ерлан;01.01.1990;usb;A1\n"
        "900101300017;Ли;Ерлан;01.01.1990;онлайн;A2\n"
        ";Ким;Сергей;;online;A3\n"
        "850314300123;Ким;Айгерим;14.03.1985;VPN;A2\n";
    auto bad = refused(rows, "rows.csv");
    BOOST_TEST(bad.message_id.find("cannot be imported") != std::string::npos);
    BOOST_TEST(f.stored_files() == 0);
    auto preview = preview_channel_import(f.officer, {f.dir / "rows.csv", ""});
    BOOST_REQUIRE(preview);
    BOOST_TEST(preview->preview.rejected_count() == 3);
    BOOST_TEST(preview->preview.rows[0].problems.front().message.args.at(0) == "usb");
    // An empty file.
    refused("", "empty.csv");
    BOOST_TEST(f.stored_files() == 0);
    // Valid rows only, when asked.
    auto valid = app::import_channels(f.officer, {f.dir / "rows.csv", ""}, {.valid_only = true});
    BOOST_REQUIRE(valid);
    BOOST_TEST(valid->stored.rows_imported == 1);
    BOOST_TEST(valid->stored.rows_rejected == 3);
    // Officers import; a custodian may not.
    auto keeper = f.as("keeper", Role::Custodian);
    BOOST_TEST(!preview_channel_import(keeper, {f.dir / "rows.csv", ""}));
}

BOOST_AUTO_TEST_CASE(territory_rows_of_the_coverage_table_read_code_and_name_in_the_output_language) {
    CoverageReport report;
    report.level = CoverageLevel::District;
    CoverageRow known;
    known.key = "3516";
    known.kato_version = "2022";
    known.name_kk = "Абай ауданы";
    known.name_ru = "Абайский район";
    known.institutions = 2;
    CoverageRow old = known;
    old.kato_version = "2013";
    CoverageRow unknown;
    unknown.key = "3520";
    unknown.kato_version = "2022";
    report.rows = {old, known, unknown};
    const auto same = [](const char* s) { return std::string(s); };
    const auto kk = coverage_table(report, same, "kk");
    BOOST_TEST(kk.rows[0][0] == "3516 Абай ауданы (KATO 2013)");
    BOOST_TEST(kk.rows[1][0] == "3516 Абай ауданы");
    BOOST_TEST(kk.rows[1][1] == "2");  // institutions
    BOOST_TEST(kk.rows[2][0] == "3520");  // no name known: the code alone
    const auto ru = coverage_table(report, same, "ru");
    BOOST_TEST(ru.rows[1][0] == "3516 Абайский район");
}

BOOST_AUTO_TEST_SUITE_END()

// The coverage report PDF: both languages or one, Kazakh pages before Russian ones, the
// table over many pages with the total last, the charts, the "no reconciliation yet" case, the
// percent format, landscape pages, and atomic writing.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "acts/coverage_pdf.h"
#include "fixtures.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::acts_test;
namespace fs = std::filesystem;

namespace {

std::string bin_of(int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0601400%05d", n);
    return buf;
}

// `n` institutions, some without a Kazakh name, one with nobody listed, coverage 50..100 %;
// progress over three weeks (one day without pulls) ending at the total matched.
CoverageReport sample_report(int n, bool with_run = true, int days = 21) {
    CoverageReport r;
    r.level = CoverageLevel::Institution;
    r.department_kk = "Алматы облысы бойынша статистика департаменті";
    r.department_ru = "Департамент статистики Алматинской области";
    r.generated_at_utc = "2026-10-05T04:15:00Z";
    // Every Kazakh letter: Ә Ғ Қ Ң Ө Ұ Ү Һ І.
    static const char* const kk_kind[] = {"Балалар үйі", "Ұлттық ұланның әскери бөлімі", "Қарттар үйі",
                                          "«Шаһар» оңалту орталығы", "Өңірлік туберкулезге қарсы диспансер"};
    static const char* const ru_kind[] = {"Детский дом", "Воинская часть", "Дом престарелых", "Реабилитационный центр",
                                          "Областной противотуберкулезный диспансер"};
    for (int i = 1; i <= n; ++i) {
        CoverageRow c;
        c.key = bin_of(i);
        c.kato = "19101" + std::to_string(1000 + i % 9);
        c.institutions = 1;
        if (i % 7 != 0) c.name_kk = std::string(kk_kind[i % 5]) + " № " + std::to_string(i) + " (Үшқоңыр, Ғ.Мүсірепов)";
        c.name_ru = std::string(ru_kind[i % 5]) + " № " + std::to_string(i);
        c.listed = i == 150 ? 0 : 20 + (i * 37) % 180;
        c.matched = c.listed * (50 + (i * 13) % 51) / 100;
        c.review = c.listed - c.matched >= 2 ? i % 2 : 0;
        c.conflict = c.listed - c.matched - c.review >= 1 && i % 3 == 0 ? 1 : 0;
        c.missing = c.listed - c.matched - c.review - c.conflict;
        c.extra = i % 5;
        c.duplicates = i % 7 == 0 ? 1 : 0;
        c.enumerated = c.matched + c.extra + c.duplicates + c.review + c.conflict;
        r.total.institutions += c.institutions;
        r.total.listed += c.listed;
        r.total.enumerated += c.enumerated;
        r.total.matched += c.matched;
        r.total.review += c.review;
        r.total.conflict += c.conflict;
        r.total.missing += c.missing;
        r.total.extra += c.extra;
        r.total.duplicates += c.duplicates;
        r.rows.push_back(std::move(c));
    }
    if (with_run) {
        ReconcileRun run;
        run.id = 7;
        run.finished_at_utc = "2026-10-05T04:12:09Z";
        run.user = "a.serikova";
        run.listed = r.total.listed;
        run.enumerated = r.total.enumerated + 41;
        r.run = run;
        for (int d = 0; d < days; ++d) {
            if (d == 6 && days > 2) continue;  // Sunday: nothing pulled
            char day[16];
            std::snprintf(day, sizeof day, "2026-%02d-%02d", d < 17 ? 9 : 10, d < 17 ? 14 + d : d - 16);
            ProgressPoint p;
            p.day = day;
            p.matched_cumulative = r.total.matched * (d + 1) / days;
            p.enumerated = r.total.enumerated / days;
            r.progress.push_back(p);
        }
    }
    return r;
}

struct CoverageFixture {
    test::TempDir dir{"sanaq-coverage-pdf"};
    Catalogs cat = make_catalogs(dir.path() / "catalogs");
    fs::path out_dir = dir / "out";
    CoverageFixture() { fs::create_directories(out_dir); }

    std::vector<std::string> listing(const fs::path& folder) const {
        std::vector<std::string> names;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(folder, ec)) names.push_back(e.path().filename().string());
        return names;
    }
    int pages(const CoverageReport& r, acts::ReportLanguages langs) const {
        const auto n = acts::coverage_page_count(r, cat.kk, cat.ru, langs);
        BOOST_REQUIRE(n.has_value());
        return *n;
    }
};

// The line of `pdftotext -layout` holding `needle`, its runs of spaces made one space.
std::string layout_line(const fs::path& pdf, const std::string& needle) {
    int status = 0;
    const auto layout = run("pdftotext -layout -enc UTF-8 " + quote(pdf) + " -", &status);
    BOOST_REQUIRE(status == 0);
    const auto at = layout.find(needle);
    if (at == std::string::npos) return {};
    const auto start = layout.rfind('\n', at) + 1;
    const std::string line = layout.substr(start, layout.find('\n', at) - start);
    std::string flat;
    for (char c : line) {
        if (c == ' ' && (flat.empty() || flat.back() == ' ')) continue;
        flat += c;
    }
    return flat;
}

const std::string kKkTitle = "Мекемелердегі халық санағымен қамту";
const std::string kRuTitle = "Охват переписью населения в учреждениях";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(coverage_pdf, CoverageFixture)

BOOST_AUTO_TEST_CASE(three_hundred_institutions_in_both_languages) {
    const CoverageReport r = sample_report(300);
    const auto out = out_dir / "coverage.pdf";
    const auto written = acts::write_coverage_pdf(r, out, cat.kk, cat.ru);
    BOOST_REQUIRE_MESSAGE(written.has_value(), (written ? std::string() : written.error().detail));
    const int n = pdf_pages(out);
    BOOST_TEST(n > 10);  // about ten pages of table per language
    BOOST_TEST(n == pages(r, acts::ReportLanguages::Both));
    BOOST_TEST(listing(out_dir) == std::vector<std::string>{"coverage.pdf"});

    const std::string text = pdf_text(out);
    BOOST_TEST(text.find("Coverage of the census") == std::string::npos);  // nothing left in English
    const auto kk = text.find(kKkTitle);
    const auto ru = text.find(kRuTitle);
    BOOST_REQUIRE(kk != std::string::npos);
    BOOST_REQUIRE(ru != std::string::npos);
    BOOST_TEST(kk < ru);
    BOOST_TEST(text.find("(мекемелер бойынша)") != std::string::npos);
    BOOST_TEST(text.find("(по учреждениям)") != std::string::npos);
    BOOST_TEST(count(text, r.department_kk) == 1u);
    BOOST_TEST(count(text, r.department_ru) == 1u);

    // Every BIN once per table; the 30 lowest also label a bar.
    for (const auto& row : r.rows) BOOST_TEST(count(text, row.key) >= 2u, row.key);
    // Names in the part's language, the Russian one standing in for a missing Kazakh name.
    BOOST_TEST(text.find("Ұлттық ұланның әскери бөлімі № 1 (Үшқоңыр, Ғ.Мүсірепов)") != std::string::npos);
    BOOST_TEST(text.find("«Шаһар» оңалту орталығы № 3") != std::string::npos);
    BOOST_TEST(count(text, "Детский дом № 35") == 2u);  // no Kazakh name: both parts

    // The total row, in both languages, with its figures and coverage with a decimal comma.
    const std::string pct = acts::format_coverage_percent(r.total.matched, r.total.listed);
    BOOST_TEST(pct.find(',') == 2u);
    const std::string figures = std::to_string(r.total.listed) + " " + std::to_string(r.total.enumerated) + " " +
                                std::to_string(r.total.matched) + " " + std::to_string(r.total.missing) + " " +
                                std::to_string(r.total.extra) + " " + std::to_string(r.total.duplicates) + " " +
                                std::to_string(r.total.review + r.total.conflict) + " " + pct;
    BOOST_TEST(layout_line(out, "Барлығы").find(figures) != std::string::npos, layout_line(out, "Барлығы"));
    BOOST_TEST(layout_line(out, "Итого").find(figures) != std::string::npos, layout_line(out, "Итого"));
    BOOST_TEST(count(text, "Барлығы") == 1u);
    BOOST_TEST(count(text, "Итого") == 1u);
    BOOST_TEST(text.find("—") != std::string::npos);  // institution 150 lists nobody

    // The source of the figures.
    BOOST_TEST(count(text, "05.10.2026 04:15 UTC") >= 2u);
    BOOST_TEST(text.find("№ 7, аяқталған уақыты: 05.10.2026 04:12 UTC") != std::string::npos);
    BOOST_TEST(text.find("№ 7, завершена 05.10.2026 04:12 UTC") != std::string::npos);
    BOOST_TEST(count(text, "a.serikova") == 2u);
    BOOST_TEST(text.find("Переписано лиц " + std::to_string(r.run->enumerated)) != std::string::npos);

    // Charts: more than 30 rows, so the 30 lowest; progress with the listed total as reference.
    BOOST_TEST(text.find("Қамту деңгейі ең төмен мекемелер: 30 (барлығы 299), %") != std::string::npos);
    BOOST_TEST(text.find("Учреждения с наименьшим охватом: 30 (всего 299), %") != std::string::npos);
    BOOST_TEST(text.find("Халық санағының күндер бойынша барысы") != std::string::npos);
    BOOST_TEST(text.find("В списках: " + std::to_string(r.total.listed)) != std::string::npos);
    BOOST_TEST(text.find("14.09") != std::string::npos);

    // Every page has its footer; the table header repeats on the pages the table runs over.
    for (int p = 1; p <= n; ++p) {
        const std::string page = pdf_text(out, p, p);
        const bool kk_footer = page.find("Бет " + std::to_string(p) + " / " + std::to_string(n)) != std::string::npos;
        const bool ru_footer =
            page.find("Страница " + std::to_string(p) + " из " + std::to_string(n)) != std::string::npos;
        BOOST_TEST((kk_footer || ru_footer), "page " << p);
    }
    BOOST_TEST(count(text, "Сәйкестендірілген") >= 8u);
    BOOST_TEST(count(text, "Сопоставлено") >= 8u);
}

BOOST_AUTO_TEST_CASE(both_is_the_kazakh_part_then_the_russian_part) {
    const CoverageReport r = sample_report(120);
    const int kk_pages = pages(r, acts::ReportLanguages::Kazakh);
    const int ru_pages = pages(r, acts::ReportLanguages::Russian);
    BOOST_TEST(kk_pages > 1);
    BOOST_TEST(pages(r, acts::ReportLanguages::Both) == kk_pages + ru_pages);

    const auto both = out_dir / "both.pdf";
    BOOST_REQUIRE(acts::write_coverage_pdf(r, both, cat.kk, cat.ru).has_value());
    BOOST_REQUIRE_EQUAL(pdf_pages(both), kk_pages + ru_pages);
    for (int p = 1; p <= kk_pages + ru_pages; ++p) {
        const std::string page = pdf_text(both, p, p);
        const bool kazakh = p <= kk_pages;
        BOOST_TEST((page.find(kKkTitle) != std::string::npos) == kazakh, "page " << p);  // in every footer
        BOOST_TEST((page.find(kRuTitle) != std::string::npos) == !kazakh, "page " << p);
    }
    BOOST_TEST(pdf_text(both, 1, kk_pages).find("Итого") == std::string::npos);
    BOOST_TEST(pdf_text(both, 1, kk_pages).find("Барлығы") != std::string::npos);
    BOOST_TEST(pdf_text(both, kk_pages + 1).find("Барлығы") == std::string::npos);
    BOOST_TEST(pdf_text(both, kk_pages + 1, kk_pages + 1).find("Департамент статистики Алматинской области") !=
               std::string::npos);

    const auto ru_only = out_dir / "ru.pdf";
    BOOST_REQUIRE(acts::write_coverage_pdf(r, ru_only, cat.kk, cat.ru, acts::ReportLanguages::Russian).has_value());
    BOOST_TEST(pdf_pages(ru_only) == ru_pages);
    const std::string ru_text = pdf_text(ru_only);
    BOOST_TEST(ru_text.find(kKkTitle) == std::string::npos);
    BOOST_TEST(ru_text.find("Страница 1 из " + std::to_string(ru_pages)) != std::string::npos);
    // 120 rows: still more than 30 for the chart.
    BOOST_TEST(ru_text.find("Учреждения с наименьшим охватом: 30 (всего 120), %") != std::string::npos);

}

BOOST_AUTO_TEST_CASE(a_report_before_any_reconciliation_says_so) {
    CoverageReport r;
    r.department_kk = "Абай облысы бойынша статистика департаменті";
    r.department_ru = "Департамент статистики области Абай";
    r.generated_at_utc = "2026-09-01T08:00:00Z";
    const auto out = out_dir / "empty.pdf";
    BOOST_REQUIRE(acts::write_coverage_pdf(r, out, cat.kk, cat.ru).has_value());
    BOOST_TEST(pdf_pages(out) == 2);  // one page per language
    const std::string text = pdf_text(out);
    BOOST_TEST(text.find("Тізімдерді салыстырып тексеру әлі жүргізілмеген.") != std::string::npos);
    BOOST_TEST(text.find("Сверка списков еще не проводилась.") != std::string::npos);
    BOOST_TEST(text.find("01.09.2026 08:00 UTC") != std::string::npos);
    BOOST_TEST(count(text, "Жоқ.") == 1u);  // the table is empty
    BOOST_TEST(count(text, "Нет.") == 1u);
    BOOST_TEST(text.find("%") == std::string::npos);  // no chart
}

BOOST_AUTO_TEST_CASE(few_rows_chart_them_all_and_one_day_gives_no_progress_chart) {
    const CoverageReport r = sample_report(12, true, 1);
    BOOST_REQUIRE_EQUAL(r.progress.size(), 1u);
    const auto out = out_dir / "small.pdf";
    BOOST_REQUIRE(acts::write_coverage_pdf(r, out, cat.kk, cat.ru, acts::ReportLanguages::Kazakh).has_value());
    const std::string text = pdf_text(out);
    BOOST_TEST(text.find("Мекемелер бойынша қамту, %") != std::string::npos);
    BOOST_TEST(text.find("ең төмен") == std::string::npos);
    BOOST_TEST(text.find("Барыс диаграммасы кемінде екі күндегі деректер болғанда салынады.") != std::string::npos);
    BOOST_TEST(text.find("Тізімдерде:") == std::string::npos);
    BOOST_TEST(text.find("Охват") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(territory_levels_show_kato_prefixes_and_institution_counts) {
    CoverageReport r = sample_report(8);
    r.level = CoverageLevel::District;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        r.rows[i].key = "19" + std::to_string(10 + i);
        r.rows[i].name_kk = "Іле ауданы " + std::to_string(i);
        r.rows[i].name_ru = "Илийский район " + std::to_string(i);
        r.rows[i].institutions = 3 + static_cast<std::int64_t>(i);
    }
    const auto out = out_dir / "districts.pdf";
    BOOST_REQUIRE(acts::write_coverage_pdf(r, out, cat.kk, cat.ru).has_value());
    const std::string text = pdf_text(out);
    BOOST_TEST(text.find("(аудандар мен қалалар бойынша)") != std::string::npos);
    BOOST_TEST(text.find("(по районам и городам)") != std::string::npos);
    BOOST_TEST(text.find("ӘАОЖ коды") != std::string::npos);
    BOOST_TEST(text.find("Код КАТО") != std::string::npos);
    BOOST_TEST(text.find("Аумақ") != std::string::npos);
    BOOST_TEST(text.find("1910 Іле ауданы 0 3") != std::string::npos);  // key, name, institutions
    BOOST_TEST(text.find("Аудандар мен қалалар бойынша қамту, %") != std::string::npos);
    BOOST_TEST(text.find("Охват по районам и городам, %") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(territories_of_the_2013_edition_say_so_in_both_languages) {
    CoverageReport r = sample_report(2);
    r.level = CoverageLevel::Region;
    r.rows[0].key = "19";
    r.rows[0].kato_version = "2013";
    r.rows[0].name_kk = "Алматы облысы";
    r.rows[0].name_ru = "Алматинская область";
    r.rows[1].key = "33";
    r.rows[1].kato_version = "2022";
    r.rows[1].name_kk = "Жетісу облысы";
    r.rows[1].name_ru = "область Жетісу";
    const auto out = out_dir / "editions.pdf";
    BOOST_REQUIRE(acts::write_coverage_pdf(r, out, cat.kk, cat.ru).has_value());
    const std::string text = pdf_text(out);
    BOOST_TEST(text.find("ӘАОЖ 2013") != std::string::npos);
    BOOST_TEST(text.find("КАТО 2013") != std::string::npos);
    BOOST_TEST(text.find("2022)") == std::string::npos);  // the current edition goes without saying
    BOOST_TEST(text.find("Жетісу облысы") != std::string::npos);
    BOOST_TEST(text.find("область Жетісу") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pages_are_a4_landscape_and_render_as_images) {
    const CoverageReport r = sample_report(40);
    const auto out = out_dir / "landscape.pdf";
    BOOST_REQUIRE(acts::write_coverage_pdf(r, out, cat.kk, cat.ru).has_value());
    int status = 0;
    const auto info = run("pdfinfo " + quote(out), &status);
    BOOST_TEST(info.find("841.89 x 595.2") != std::string::npos, info);

    const auto img = acts::render_coverage_page(r, 0, 150, cat.kk, cat.ru, acts::ReportLanguages::Both);
    BOOST_REQUIRE(img.has_value());
    BOOST_TEST(img->width == 1754);
    BOOST_TEST(img->height == 1240);
    const int n = pages(r, acts::ReportLanguages::Both);
    BOOST_TEST(!acts::render_coverage_page(r, n, 50, cat.kk, cat.ru, acts::ReportLanguages::Both).has_value());
    BOOST_TEST(!acts::render_coverage_page(r, 0, 5, cat.kk, cat.ru, acts::ReportLanguages::Both).has_value());

    // SANAQ_COVERAGE_PNG_DIR=folder keeps every page as PNG, to look at.
    if (const char* keep = std::getenv("SANAQ_COVERAGE_PNG_DIR")) {
        const CoverageReport big = sample_report(300);
        const int pages_big = pages(big, acts::ReportLanguages::Both);
        for (int p = 0; p < pages_big; ++p) {
            const auto page = acts::render_coverage_page(big, p, 110, cat.kk, cat.ru, acts::ReportLanguages::Both);
            BOOST_REQUIRE(page.has_value());
            BOOST_REQUIRE(
                acts::write_png(*page, fs::path(keep) / ("coverage-" + std::to_string(p + 1) + ".png")).has_value());
        }
        BOOST_REQUIRE(acts::write_coverage_pdf(big, fs::path(keep) / "coverage.pdf", cat.kk, cat.ru).has_value());
    }
}

BOOST_AUTO_TEST_CASE(same_report_gives_the_same_bytes) {
    const CoverageReport r = sample_report(50);
    BOOST_REQUIRE(acts::write_coverage_pdf(r, out_dir / "a.pdf", cat.kk, cat.ru).has_value());
    BOOST_REQUIRE(acts::write_coverage_pdf(r, out_dir / "b.pdf", cat.kk, cat.ru).has_value());
    BOOST_TEST(test::read_file(out_dir / "a.pdf") == test::read_file(out_dir / "b.pdf"));
}

BOOST_AUTO_TEST_CASE(missing_folder_gives_io_and_leaves_nothing) {
    const auto out = out_dir / "no-such-folder" / "coverage.pdf";
    const auto s = acts::write_coverage_pdf(sample_report(30), out, cat.kk, cat.ru);
    BOOST_REQUIRE(!s.has_value());
    BOOST_TEST(static_cast<int>(s.error().code) == static_cast<int>(ErrorCode::Io));
    BOOST_TEST(!s.error().message_id.empty());
    BOOST_TEST(!fs::exists(out));
    BOOST_TEST(!fs::exists(out.parent_path()));
    BOOST_TEST(listing(out_dir).empty());
}

BOOST_AUTO_TEST_CASE(an_existing_report_is_replaced_whole) {
    const auto out = out_dir / "coverage.pdf";
    { std::ofstream(out) << "last week's report"; }
    BOOST_REQUIRE(acts::write_coverage_pdf(sample_report(5), out, cat.kk, cat.ru).has_value());
    BOOST_TEST(test::read_file(out).rfind("%PDF-", 0) == 0u);
    BOOST_TEST(listing(out_dir) == std::vector<std::string>{"coverage.pdf"});
}

BOOST_AUTO_TEST_CASE(coverage_prints_one_decimal_with_a_comma) {
    BOOST_TEST(acts::format_coverage_percent(873, 1000) == "87,3");
    BOOST_TEST(acts::format_coverage_percent(1, 3) == "33,3");
    BOOST_TEST(acts::format_coverage_percent(2, 3) == "66,7");
    BOOST_TEST(acts::format_coverage_percent(0, 40) == "0,0");
    BOOST_TEST(acts::format_coverage_percent(40, 40) == "100,0");
    BOOST_TEST(acts::format_coverage_percent(1999, 2000) == "99,9");  // 99.95: not everyone, so not 100
    BOOST_TEST(acts::format_coverage_percent(0, 0) == "—");
    BOOST_TEST(acts::format_utc_time("2026-10-05T04:12:09Z") == "05.10.2026 04:12 UTC");
    BOOST_TEST(acts::format_utc_time("") == "");
    BOOST_TEST(acts::format_utc_time("yesterday") == "yesterday");
}

BOOST_AUTO_TEST_SUITE_END()

// What a printed act says: both languages, Kazakh first, every line, the counts, the parties.
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "acts/act_document.h"
#include "fixtures.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::acts_test;

namespace {

bool fs_exists(const std::filesystem::path& p) { return std::filesystem::exists(p); }

struct PdfFixture {
    test::TempDir dir{"sanaq-acts"};
    Catalogs cat = make_catalogs(dir.path());
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(act_pdf, PdfFixture)

BOOST_AUTO_TEST_CASE(issue_act_has_both_languages_every_serial_and_the_counts) {
    const Act act = sample_act(ActKind::Issue, 2);
    const auto out = dir / "act.pdf";
    const auto written = acts::write_act_pdf(act, out, cat.kk, cat.ru);
    BOOST_REQUIRE_MESSAGE(written.has_value(), (written ? std::string() : written.error().detail));
    const std::string text = pdf_text(out);

    // Titles from the test catalogs, Kazakh text before Russian.
    const auto kk_title = text.find("Қабылдау-тапсыру актісі");
    const auto ru_title = text.find("Акт приема-передачи");
    BOOST_REQUIRE(kk_title != std::string::npos);
    BOOST_REQUIRE(ru_title != std::string::npos);
    BOOST_TEST(kk_title < ru_title);
    BOOST_TEST(text.find("Act of acceptance") == std::string::npos);  // nothing left untranslated

    // Number: in the heading, the QR caption and every footer.
    BOOST_TEST(count(text, act.number) >= 4u);
    for (const auto& line : act.lines) BOOST_TEST(count(text, line.serial) == 2u, line.serial);
    BOOST_TEST(count(text, "KIT-0001") >= 2u);
    BOOST_TEST(count(text, "KIT-0002") >= 2u);

    // The people and organisations, Kazakh letters intact.
    BOOST_TEST(count(text, "Жанбулатова Әйгерім Серікқызы") >= 4u);  // grid + signature, in both parts
    BOOST_TEST(text.find("900315400126") != std::string::npos);
    BOOST_TEST(text.find("050140001238") != std::string::npos);
    BOOST_TEST(text.find("191010000") != std::string::npos);
    BOOST_TEST(text.find("Сәрсенбаева Гүлнұр Әбілқызы") != std::string::npos);
    BOOST_TEST(text.find("Әскери бөлім") != std::string::npos);   // institution type, kk
    BOOST_TEST(text.find("Воинская часть") != std::string::npos);  // institution type, ru

    // Components and paper tools, with counts.
    BOOST_TEST(text.find("Соққыға төзімді қорғау қабы") != std::string::npos);
    BOOST_TEST(text.find("Защитный ударопрочный чехол") != std::string::npos);
    BOOST_TEST(count(text, "тапсырылды") >= 16u);  // outcome of every line, kk
    BOOST_TEST(count(text, "передано") >= 16u);
    BOOST_TEST(text.find("250") != std::string::npos);
    BOOST_TEST(text.find("Санақ парақтарын толтыру жөніндегі түсіндірмелер") != std::string::npos);
    BOOST_TEST(text.find("Бланки справок о прохождении переписи населения") != std::string::npos);
    BOOST_TEST(text.find("Жиынтықтар саны: 2; құрамдас бөліктер саны: 16.") != std::string::npos);
    BOOST_TEST(text.find("Количество комплектов: 2; составных частей: 16.") != std::string::npos);

    // Dates and the due date; signatures for both sides.
    BOOST_TEST(count(text, "14.09.2026") >= 2u);
    BOOST_TEST(text.find("Жабдықты Департаментке қайтару мерзімі: 31.10.2026.") != std::string::npos);
    BOOST_TEST(text.find("Срок возврата оборудования в Департамент: 31.10.2026.") != std::string::npos);
    BOOST_TEST(text.find("Тапсырды") != std::string::npos);
    BOOST_TEST(text.find("Қабылдады") != std::string::npos);
    BOOST_TEST(text.find("Передал") != std::string::npos);
    BOOST_TEST(text.find("Принял") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_part_names_the_organisations_in_its_own_language) {
    const Act act = sample_act(ActKind::Issue, 1);
    const auto out = dir / "act.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(act, out, cat.kk, cat.ru).has_value());
    const int pages = pdf_pages(out);
    BOOST_REQUIRE(pages >= 2);
    const std::string first = pdf_text(out, 1, 1);
    const std::string last = pdf_text(out, pages, pages);
    // Names wrap inside grid cells: look for a word of each.
    BOOST_TEST(first.find("Қабылдау-тапсыру актісі") != std::string::npos);
    BOOST_TEST(first.find("Үшқоңыр") != std::string::npos);
    BOOST_TEST(first.find("статистика департаменті") != std::string::npos);
    BOOST_TEST(first.find("Акт приема-передачи") == std::string::npos);
    BOOST_TEST(last.find("Национальной") != std::string::npos);
    BOOST_TEST(last.find("Үшқоңыр") == std::string::npos);
    BOOST_TEST(last.find("Страница " + std::to_string(pages) + " из " + std::to_string(pages)) != std::string::npos);
    BOOST_TEST(first.find("Бет 1 / " + std::to_string(pages)) != std::string::npos);
    // The institution's region (KATO 191010000, 2022) by name, each part in its language.
    BOOST_TEST(first.find("Алматы облысы") != std::string::npos);
    BOOST_TEST(first.find("Алматинская") == std::string::npos);
    BOOST_TEST(pdf_text(out).find("Алматинская область") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(return_act_shows_outcomes_and_returned_and_used_counts) {
    const Act act = sample_act(ActKind::Return, 3);
    const auto out = dir / "return.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(act, out, cat.kk, cat.ru).has_value());
    const std::string text = pdf_text(out);
    BOOST_TEST(text.find("Санақ жабдығын қайтару актісі") != std::string::npos);
    BOOST_TEST(text.find("Акт возврата переписного оборудования") != std::string::npos);
    BOOST_TEST(text.find("Қабылдау-тапсыру актісі") == std::string::npos);
    for (const auto& line : act.lines) BOOST_TEST(count(text, line.serial) == 2u, line.serial);
    BOOST_TEST(count(text, "зақымдалған күйде") >= 2u);       // the line + the summary
    BOOST_TEST(count(text, "жоқ (қайтарылмады)") == 2u);       // kits 1 and 3 lack a stylus
    BOOST_TEST(count(text, "отсутствует (не возвращено)") == 2u);
    BOOST_TEST(text.find("Жарамды күйде қайтарылды: 21; зақымдалған күйде қайтарылды: 1; жоқ: 2.") != std::string::npos);
    BOOST_TEST(text.find("Возвращено в исправном состоянии: 21; возвращено с повреждениями: 1; отсутствует: 2.") != std::string::npos);
    BOOST_TEST(text.find("Пайдаланылды, дана") != std::string::npos);
    BOOST_TEST(text.find("Использовано, экз.") != std::string::npos);
    BOOST_TEST(count(text, "189") >= 2u);
    BOOST_TEST(count(text, "61") >= 2u);
    BOOST_TEST(text.find("Стилус табылған жағдайда") != std::string::npos);
    BOOST_TEST(text.find("мерзімі") == std::string::npos);  // no due date on a return act
}

BOOST_AUTO_TEST_CASE(return_act_signs_the_employee_as_handing_over) {
    const Act act = sample_act(ActKind::Return, 1);
    const auto out = dir / "return.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(act, out, cat.kk, cat.ru).has_value());
    // pdftotext -layout keeps the two signature columns side by side: "Тапсырды" (left) heads the
    // employee's block, "Қабылдады" (right) the department's.
    int status = 0;
    const auto layout = run("pdftotext -layout -enc UTF-8 " + quote(out) + " -", &status);
    BOOST_REQUIRE(status == 0);
    const auto handed = layout.find("Тапсырды");
    BOOST_REQUIRE(handed != std::string::npos);
    const auto line_end = layout.find('\n', handed);
    const auto line_start = layout.rfind('\n', handed) + 1;
    const std::string line = layout.substr(line_start, line_end - line_start);
    BOOST_TEST(line.find("Қабылдады") > line.find("Тапсырды"));
    const auto after = layout.substr(line_end, layout.find("(қолы)", line_end) - line_end);
    // In the left column (the employee's) comes the institution; the department in the right one.
    BOOST_TEST(after.find("Қонаев") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(forty_kits_paginate_with_every_line) {
    const Act act = sample_act(ActKind::Issue, 40);
    BOOST_REQUIRE_EQUAL(act.lines.size(), 320u);
    const auto out = dir / "forty.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(act, out, cat.kk, cat.ru).has_value());
    const int pages = pdf_pages(out);
    BOOST_TEST(pages > 2);
    const auto counted = acts::act_page_count(act, cat.kk, cat.ru);
    BOOST_REQUIRE(counted.has_value());
    BOOST_TEST(*counted == pages);
    const std::string text = pdf_text(out);
    for (const auto& line : act.lines) BOOST_TEST(count(text, line.serial) == 2u, line.serial);
    BOOST_TEST(text.find("Жиынтықтар саны: 40; құрамдас бөліктер саны: 320.") != std::string::npos);
    // Every page carries the act number and "page X of Y" in its footer.
    for (int p = 1; p <= pages; ++p) {
        const std::string page = pdf_text(out, p, p);
        BOOST_TEST(page.find(act.number) != std::string::npos, "page " << p);
        const bool kk = page.find("Бет " + std::to_string(p) + " / " + std::to_string(pages)) != std::string::npos;
        const bool ru = page.find("Страница " + std::to_string(p) + " из " + std::to_string(pages)) != std::string::npos;
        BOOST_TEST((kk || ru), "page " << p);
    }
}

BOOST_AUTO_TEST_CASE(pdf_is_a4_with_an_embedded_cyrillic_font) {
    const auto out = dir / "act.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(sample_act(ActKind::Issue, 1), out, cat.kk, cat.ru).has_value());
    int status = 0;
    const auto info = run("pdfinfo " + quote(out), &status);
    BOOST_TEST(info.find("(A4)") != std::string::npos, info);
    BOOST_TEST(info.find("Sanaq Station") != std::string::npos);
    if (have_program("pdffonts")) {
        const auto fonts = run("pdffonts " + quote(out), &status);
        const bool ours = fonts.find("NotoSans") != std::string::npos || fonts.find("DejaVuSans") != std::string::npos;
        BOOST_TEST(ours, fonts);
    }
}

BOOST_FIXTURE_TEST_CASE(return_act_prints_the_holders_paper_balance_and_the_discrepancy, PdfFixture) {
    // Paper only, no kit: 250 certificates handed, 189 used, 59 back, 2 not accounted for.
    Act act = sample_act(ActKind::Return, 0);
    act.paper = {{PaperItem::Explanations, 0, 3, 0}, {PaperItem::CompletionCertificates, 0, 59, 189}};
    act.paper_balance = {{PaperItem::Explanations, 3, 0, 3}, {PaperItem::CompletionCertificates, 250, 189, 59}};
    act.paper_discrepancy = true;
    const auto out = dir / "balance.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(act, out, cat.kk, cat.ru).has_value());
    if (const auto png_dir = std::getenv("SANAQ_ACT_PNG_DIR"))  // for a person to look at
        run("pdftoppm -png -r 60 " + quote(out) + " " + quote(std::filesystem::path(png_dir) / "balance"));
    const std::string text = pdf_text(out);
    BOOST_TEST(text.find("Қалдық, дана") != std::string::npos);
    BOOST_TEST(text.find("Остаток, экз.") != std::string::npos);
    BOOST_TEST(text.find("Сәйкессіздік:") != std::string::npos);
    BOOST_TEST(text.find("Расхождение:") != std::string::npos);
    BOOST_TEST(count(text, "250") >= 2u);  // handed, once per language
    // The certificates' line of the balance, read across: handed, used, returned, balance.
    int status = 0;
    const auto layout = run("pdftotext -layout -enc UTF-8 " + quote(out) + " -", &status);
    BOOST_REQUIRE(status == 0);
    std::size_t rows = 0;
    for (std::size_t at = layout.find("250"); at != std::string::npos; at = layout.find("250", at + 1)) {
        const auto line = layout.substr(at, layout.find('\n', at) - at);
        rows += line.find("189") != std::string::npos && line.find("59") != std::string::npos &&
                line.back() == '2';
    }
    BOOST_TEST(rows == 2u);
}

BOOST_FIXTURE_TEST_CASE(an_act_made_before_the_paper_ledger_prints_no_balance, PdfFixture) {
    const Act act = sample_act(ActKind::Return, 1);
    BOOST_TEST(act_to_json(act).find("paper_balance") == std::string::npos);  // its digest is unchanged
    const auto out = dir / "old.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(act, out, cat.kk, cat.ru).has_value());
    const std::string text = pdf_text(out);
    BOOST_TEST(text.find("Остаток, экз.") == std::string::npos);
    BOOST_TEST(text.find("Расхождение") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(long_texts)

BOOST_FIXTURE_TEST_CASE(long_notes_and_addresses_flow_across_pages_and_nothing_is_cut_off, PdfFixture) {
    Act act = sample_act(ActKind::Return, 2);
    auto words = [](const std::string& stem, int n) {
        std::string s;
        for (int i = 1; i <= n; ++i) s += (i > 1 ? " " : "") + stem + std::to_string(1000 + i);
        return s;
    };
    act.lines[3].note = words("жол", 700);          // one table cell longer than a page
    act.institution.address = words("мекенжай", 400);  // one grid cell longer than a page
    act.note = words("ескерту", 900);               // a paragraph over two pages
    const auto out = dir / "long.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(act, out, cat.kk, cat.ru).has_value());
    const int pages = pdf_pages(out);
    BOOST_TEST(pages == *acts::act_page_count(act, cat.kk, cat.ru));
    const std::string text = pdf_text(out);
    for (const auto& [stem, n] : {std::pair{"жол", 700}, {"мекенжай", 400}, {"ескерту", 900}})
        for (int i = 1; i <= n; ++i) {
            const std::string w = stem + std::to_string(1000 + i);
            if (count(text, w) != 2u) BOOST_ERROR(w << " appears " << count(text, w) << " times");
        }
    // Between the text area (20 mm from the bottom) and the footer rule (14 mm) stays empty.
    for (int p = 1; p <= pages; ++p) {
        int status = 0;
        const auto band = run("pdftotext -r 72 -x 0 -y 787 -W 595 -H 13 -f " + std::to_string(p) + " -l " +
                                  std::to_string(p) + " " + quote(out) + " -",
                              &status);
        BOOST_TEST(band.find_first_not_of(" \n\f") == std::string::npos, "page " << p << ": " << band);
    }
}

BOOST_FIXTURE_TEST_CASE(text_that_is_not_utf8_is_refused_not_thrown, PdfFixture) {
    // Core's canonical JSON (behind the QR digest) refuses broken UTF-8; printing reports it.
    Act act = sample_act(ActKind::Issue, 1);
    act.employee.position = std::string("\xd0");  // a truncated Cyrillic letter
    const auto out = dir / "broken.pdf";
    const auto s = acts::write_act_pdf(act, out, cat.kk, cat.ru);
    BOOST_REQUIRE(!s.has_value());
    BOOST_TEST(static_cast<int>(s.error().code) == static_cast<int>(ErrorCode::InvalidInput));
    BOOST_TEST(s.error().args == std::vector<std::string>{act.number});
    BOOST_TEST(!fs_exists(out));
    BOOST_TEST(!acts::act_page_count(act, cat.kk, cat.ru).has_value());
    BOOST_TEST(!acts::render_act_page(act, 0, 50, cat.kk, cat.ru).has_value());
}

BOOST_FIXTURE_TEST_CASE(same_act_gives_the_same_bytes, PdfFixture) {
    // A reprint of a frozen act is byte-identical (creation date comes from the act).
    const Act act = sample_act(ActKind::Issue, 2);
    BOOST_REQUIRE(acts::write_act_pdf(act, dir / "a.pdf", cat.kk, cat.ru).has_value());
    BOOST_REQUIRE(acts::write_act_pdf(act, dir / "b.pdf", cat.kk, cat.ru).has_value());
    BOOST_TEST(test::read_file(dir / "a.pdf") == test::read_file(dir / "b.pdf"));
}

BOOST_FIXTURE_TEST_CASE(empty_act_still_prints_both_parts, PdfFixture) {
    Act act = sample_act(ActKind::Issue, 0);
    act.paper.clear();
    act.due_date.clear();
    const auto out = dir / "empty.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(act, out, cat.kk, cat.ru).has_value());
    const int pages = pdf_pages(out);
    BOOST_TEST(pages >= 2);
    BOOST_TEST(pdf_text(out, 1, 1).find("Қабылдау-тапсыру актісі") != std::string::npos);
    BOOST_TEST(pdf_text(out, pages, pages).find("Принял") != std::string::npos);
    const auto text = pdf_text(out);
    BOOST_TEST(count(text, "Жоқ.") == 2u);
    BOOST_TEST(count(text, "Нет.") == 2u);
}

BOOST_FIXTURE_TEST_CASE(return_act_prints_the_holders_paper_balance_and_the_discrepancy, PdfFixture) {
    // Paper only, no kit: 250 certificates handed, 189 used, 59 back, 2 not accounted for.
    Act act = sample_act(ActKind::Return, 0);
    act.paper = {{PaperItem::Explanations, 0, 3, 0}, {PaperItem::CompletionCertificates, 0, 59, 189}};
    act.paper_balance = {{PaperItem::Explanations, 3, 0, 3}, {PaperItem::CompletionCertificates, 250, 189, 59}};
    act.paper_discrepancy = true;
    const auto out = dir / "balance.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(act, out, cat.kk, cat.ru).has_value());
    if (const auto png_dir = std::getenv("SANAQ_ACT_PNG_DIR"))  // for a person to look at
        run("pdftoppm -png -r 60 " + quote(out) + " " + quote(std::filesystem::path(png_dir) / "balance"));
    const std::string text = pdf_text(out);
    BOOST_TEST(text.find("Қалдық, дана") != std::string::npos);
    BOOST_TEST(text.find("Остаток, экз.") != std::string::npos);
    BOOST_TEST(text.find("Сәйкессіздік:") != std::string::npos);
    BOOST_TEST(text.find("Расхождение:") != std::string::npos);
    BOOST_TEST(count(text, "250") >= 2u);  // handed, once per language
    // The certificates' line of the balance, read across: handed, used, returned, balance.
    int status = 0;
    const auto layout = run("pdftotext -layout -enc UTF-8 " + quote(out) + " -", &status);
    BOOST_REQUIRE(status == 0);
    std::size_t rows = 0;
    for (std::size_t at = layout.find("250"); at != std::string::npos; at = layout.find("250", at + 1)) {
        const auto line = layout.substr(at, layout.find('\n', at) - at);
        rows += line.find("189") != std::string::npos && line.find("59") != std::string::npos &&
                line.back() == '2';
    }
    BOOST_TEST(rows == 2u);
}

BOOST_FIXTURE_TEST_CASE(an_act_made_before_the_paper_ledger_prints_no_balance, PdfFixture) {
    const Act act = sample_act(ActKind::Return, 1);
    BOOST_TEST(act_to_json(act).find("paper_balance") == std::string::npos);  // its digest is unchanged
    const auto out = dir / "old.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(act, out, cat.kk, cat.ru).has_value());
    const std::string text = pdf_text(out);
    BOOST_TEST(text.find("Остаток, экз.") == std::string::npos);
    BOOST_TEST(text.find("Расхождение") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

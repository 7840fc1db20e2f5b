// Preview images: size per dpi, the pixel format, bad arguments, and the QR code decoding back.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <cstring>
#include <set>

#include "acts/act_document.h"
#include "acts/qr_code.h"
#include "fixtures.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::acts_test;

namespace {

struct RenderFixture {
    test::TempDir dir{"sanaq-acts"};
    Catalogs cat = make_catalogs(dir.path());
};

std::uint32_t pixel(const acts::PageImage& img, int x, int y) {
    std::uint32_t v = 0;
    std::memcpy(&v, img.argb.data() + static_cast<std::size_t>(y) * img.stride + 4 * x, 4);
    return v;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(render, RenderFixture)

BOOST_AUTO_TEST_CASE(page_image_has_the_a4_size_for_the_dpi) {
    const Act act = sample_act(ActKind::Issue, 2);
    struct Case {
        double dpi;
        int w, h;
    };
    for (const Case c : {Case{150, 1240, 1754}, Case{72, 595, 842}, Case{96, 794, 1123}, Case{300, 2480, 3508}}) {
        const auto img = acts::render_act_page(act, 0, c.dpi, cat.kk, cat.ru);
        BOOST_REQUIRE_MESSAGE(img.has_value(), "dpi " << c.dpi);
        BOOST_TEST(img->width == c.w, "dpi " << c.dpi);
        BOOST_TEST(img->height == c.h, "dpi " << c.dpi);
        BOOST_TEST(img->stride >= 4 * img->width);
        BOOST_TEST(img->argb.size() == static_cast<std::size_t>(img->stride) * img->height);
    }
}

BOOST_AUTO_TEST_CASE(pixels_are_opaque_argb32_with_ink_on_white) {
    const Act act = sample_act(ActKind::Issue, 1);
    const auto img = acts::render_act_page(act, 0, 100, cat.kk, cat.ru);
    BOOST_REQUIRE(img.has_value());
    BOOST_TEST(pixel(*img, 0, 0) == 0xFFFFFFFFu);  // margin: opaque white
    std::size_t dark = 0;
    bool all_opaque = true;
    for (int y = 0; y < img->height; ++y)
        for (int x = 0; x < img->width; ++x) {
            const auto v = pixel(*img, x, y);
            all_opaque = all_opaque && (v >> 24) == 0xFF;
            dark += (v & 0xFFu) < 0x80 && ((v >> 8) & 0xFFu) < 0x80 && ((v >> 16) & 0xFFu) < 0x80;
        }
    BOOST_TEST(all_opaque);
    BOOST_TEST(dark > 5000u);  // text, rules and the QR code
}

BOOST_AUTO_TEST_CASE(every_page_renders_and_bad_arguments_are_refused) {
    const Act act = sample_act(ActKind::Return, 5);
    const auto pages = acts::act_page_count(act, cat.kk, cat.ru);
    BOOST_REQUIRE(pages.has_value());
    BOOST_TEST(*pages >= 2);
    for (int i = 0; i < *pages; ++i) BOOST_TEST(acts::render_act_page(act, i, 40, cat.kk, cat.ru).has_value());
    for (int bad : {-1, *pages}) {
        const auto img = acts::render_act_page(act, bad, 40, cat.kk, cat.ru);
        BOOST_REQUIRE(!img.has_value());
        BOOST_TEST(static_cast<int>(img.error().code) == static_cast<int>(ErrorCode::InvalidInput));
    }
    for (double dpi : {0.0, -72.0, 5000.0}) {
        const auto img = acts::render_act_page(act, 0, dpi, cat.kk, cat.ru);
        BOOST_REQUIRE(!img.has_value());
        BOOST_TEST(static_cast<int>(img.error().code) == static_cast<int>(ErrorCode::InvalidInput));
    }
}

BOOST_AUTO_TEST_CASE(preview_and_pdf_paginate_alike) {
    // The page count drives both; a page past the PDF's last must not exist in the preview.
    const Act act = sample_act(ActKind::Issue, 12);
    const auto out = dir / "act.pdf";
    BOOST_REQUIRE(acts::write_act_pdf(act, out, cat.kk, cat.ru).has_value());
    const int pages = pdf_pages(out);
    BOOST_TEST(*acts::act_page_count(act, cat.kk, cat.ru) == pages);
    BOOST_TEST(acts::render_act_page(act, pages - 1, 30, cat.kk, cat.ru).has_value());
    BOOST_TEST(!acts::render_act_page(act, pages, 30, cat.kk, cat.ru).has_value());
}

BOOST_AUTO_TEST_CASE(qr_matrix_is_a_valid_size) {
    const auto m = acts::encode_qr(sample_act(ActKind::Issue, 1).qr_payload());
    BOOST_REQUIRE(m.has_value());
    BOOST_TEST((m->size - 17) % 4 == 0);  // versions: 21, 25, 29, ...
    BOOST_TEST(m->size <= 45);             // small enough to print at 26 mm
    BOOST_TEST(m->dark.size() == static_cast<std::size_t>(m->size) * m->size);
    BOOST_TEST(m->at(0, 0));  // finder pattern corner
    BOOST_TEST(!acts::encode_qr("").has_value());
}

BOOST_AUTO_TEST_CASE(qr_code_on_each_language_part_decodes_to_the_payload) {
    if (!have_program("zbarimg")) {
        BOOST_TEST_MESSAGE("zbarimg (Debian package zbar-tools) is not installed: QR decoding not checked");
        return;
    }
    const Act act = sample_act(ActKind::Issue, 3);
    const auto pages = acts::act_page_count(act, cat.kk, cat.ru);
    BOOST_REQUIRE(pages.has_value());
    std::multiset<std::string> decoded;
    for (int i = 0; i < *pages; ++i) {
        const auto img = acts::render_act_page(act, i, 150, cat.kk, cat.ru);
        BOOST_REQUIRE(img.has_value());
        const auto png = dir / ("page-" + std::to_string(i) + ".png");
        BOOST_REQUIRE(acts::write_png(*img, png).has_value());
        int status = 0;
        std::string out = run("zbarimg --quiet --raw -Sdisable -Sqrcode.enable " + quote(png) + " 2>/dev/null", &status);
        while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
        if (status == 0 && !out.empty()) decoded.insert(out);
    }
    BOOST_TEST(decoded.size() == 2u);  // one on the Kazakh part, one on the Russian part
    BOOST_TEST(decoded.count(act.qr_payload()) == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

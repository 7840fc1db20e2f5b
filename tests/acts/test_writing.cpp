// Writing an act is all-or-nothing: errors are Io errors naming the file, and no half-written
// act or temporary file is ever left behind.
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <fstream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acts/act_document.h"
#include "fixtures.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::acts_test;
namespace fs = std::filesystem;

namespace {

struct WriteFixture {
    test::TempDir dir{"sanaq-acts"};
    Catalogs cat = make_catalogs(dir.path() / "catalogs");
    fs::path out_dir = dir / "out";
    WriteFixture() { fs::create_directories(out_dir); }

    std::vector<std::string> listing(const fs::path& folder) const {
        std::vector<std::string> names;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(folder, ec)) names.push_back(e.path().filename().string());
        return names;
    }
};

bool is_io(const Status& s) { return !s && s.error().code == ErrorCode::Io; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(writing, WriteFixture)

BOOST_AUTO_TEST_CASE(success_leaves_only_the_act_and_overwrites_an_old_one) {
    const auto out = out_dir / "SQ-I-2026-000017.pdf";
    { std::ofstream(out) << "an older printout"; }
    BOOST_REQUIRE(acts::write_act_pdf(sample_act(ActKind::Issue, 1), out, cat.kk, cat.ru).has_value());
    BOOST_TEST(listing(out_dir) == std::vector<std::string>{"SQ-I-2026-000017.pdf"});
    const auto bytes = test::read_file(out);
    BOOST_TEST(bytes.rfind("%PDF-", 0) == 0u);
    BOOST_TEST(bytes.find("%%EOF") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_folder_gives_io_and_no_file) {
    const auto out = out_dir / "no-such-folder" / "act.pdf";
    const auto s = acts::write_act_pdf(sample_act(ActKind::Issue, 1), out, cat.kk, cat.ru);
    BOOST_REQUIRE(is_io(s));
    // The message names the folder that is missing, which is what the user has to fix.
    BOOST_TEST(s.error().args == std::vector<std::string>{out.parent_path().string()});
    BOOST_TEST(!s.error().message_id.empty());
    BOOST_TEST(!fs::exists(out));
    BOOST_TEST(listing(out_dir).empty());
}

BOOST_AUTO_TEST_CASE(a_file_where_the_folder_should_be_gives_io) {
    const auto blocker = out_dir / "blocker";
    { std::ofstream(blocker) << "x"; }
    const auto s = acts::write_act_pdf(sample_act(ActKind::Issue, 1), blocker / "act.pdf", cat.kk, cat.ru);
    BOOST_TEST(is_io(s));
    BOOST_TEST(listing(out_dir) == std::vector<std::string>{"blocker"});
}

BOOST_AUTO_TEST_CASE(a_folder_as_the_target_gives_io) {
    fs::create_directories(out_dir / "act.pdf");
    BOOST_TEST(is_io(acts::write_act_pdf(sample_act(ActKind::Issue, 1), out_dir / "act.pdf", cat.kk, cat.ru)));
    BOOST_TEST(fs::is_directory(out_dir / "act.pdf"));
    BOOST_TEST(listing(out_dir).size() == 1u);
}

BOOST_AUTO_TEST_CASE(read_only_folder_gives_io_and_no_file) {
    const auto ro = out_dir / "read-only";
    fs::create_directories(ro);
    ::chmod(ro.c_str(), 0555);
    // root ignores folder permissions; /proc refuses new files to anyone.
    const fs::path folder = ::geteuid() == 0 ? fs::path("/proc") : ro;
    const auto out = folder / "sanaq-act-test.pdf";
    const auto s = acts::write_act_pdf(sample_act(ActKind::Issue, 1), out, cat.kk, cat.ru);
    BOOST_TEST(is_io(s));
    BOOST_TEST(!fs::exists(out));
    BOOST_TEST(listing(ro).empty());
    ::chmod(ro.c_str(), 0755);
}

BOOST_AUTO_TEST_CASE(a_write_failing_midway_keeps_the_old_act_and_no_temporary) {
    // Cap the file size so the PDF cannot be written in full (EFBIG, SIGXFSZ ignored).
    const auto out = out_dir / "act.pdf";
    { std::ofstream(out) << "the act as signed last week"; }
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old_limit{};
    ::getrlimit(RLIMIT_FSIZE, &old_limit);
    rlimit small = old_limit;
    small.rlim_cur = 8 * 1024;
    BOOST_REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const auto s = acts::write_act_pdf(sample_act(ActKind::Issue, 10), out, cat.kk, cat.ru);
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    BOOST_REQUIRE(is_io(s));
    BOOST_TEST(!s.error().detail.empty());
    BOOST_TEST(test::read_file(out) == "the act as signed last week");
    BOOST_TEST(listing(out_dir) == std::vector<std::string>{"act.pdf"});
}

BOOST_AUTO_TEST_CASE(png_of_a_page_is_written_atomically_too) {
    const auto img = acts::render_act_page(sample_act(ActKind::Issue, 1), 0, 50, cat.kk, cat.ru);
    BOOST_REQUIRE(img.has_value());
    const auto png = out_dir / "page.png";
    BOOST_REQUIRE(acts::write_png(*img, png).has_value());
    BOOST_TEST(test::read_file(png).substr(1, 3) == "PNG");
    BOOST_TEST(is_io(acts::write_png(*img, out_dir / "missing" / "page.png")));
    BOOST_TEST(!acts::write_png(acts::PageImage{}, out_dir / "empty.png").has_value());
    BOOST_TEST(listing(out_dir) == std::vector<std::string>{"page.png"});
}

BOOST_AUTO_TEST_CASE(dates_print_day_first) {
    BOOST_TEST(acts::format_act_date("2026-03-15") == "15.03.2026");
    BOOST_TEST(acts::format_act_date("") == "");
    BOOST_TEST(acts::format_act_date("15.03.2026") == "15.03.2026");
}

BOOST_AUTO_TEST_SUITE_END()

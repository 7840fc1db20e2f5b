// Workbook budgets the CLI tests do not reach, tried on the library (tables::parse_table) in a
// forked child with its peak memory: an archive of more entries than any workbook has, a start
// tag of megabytes (the XML parser would hold it whole), a shared-string pool of millions of
// strings. Each is refused with its own message, within the memory ceiling.
#include <boost/test/unit_test.hpp>

#include "forked_read.h"
#include "hostile_lists.h"

using namespace sanaq;
using namespace sanaq::test::inputs;

namespace {

constexpr long kPeakRssCeilingKib = 256 * 1024;

void report(const std::string& what, const ForkedRead& r) {
    BOOST_TEST_MESSAGE(what << ": " << (r.ok ? "read" : r.message_id) << " (" << r.detail << "), peak RSS "
                            << r.peak_rss_kib / 1024 << " MiB, " << r.seconds << " s");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(workbook_budgets)

BOOST_AUTO_TEST_CASE(an_archive_of_more_entries_than_a_workbook_has) {
    auto r = read_in_child([] { return many_parts_xlsx(10001); }, "many-parts.xlsx");
    report("many parts", r);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.message_id == "The workbook {} holds more than {} parts; it is not read.");
    BOOST_TEST((r.args == std::vector<std::string>{"many-parts.xlsx", "10000"}));
    BOOST_TEST(r.peak_rss_kib < kPeakRssCeilingKib);
}

BOOST_AUTO_TEST_CASE(a_start_tag_of_two_megabytes) {
    auto r = read_in_child([] { return long_tag_xlsx(std::size_t{2} << 20); }, "long-tag.xlsx");
    report("long tag", r);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.message_id ==
               "The workbook {} is damaged and cannot be read; open it in Excel or LibreOffice and save it again.");
    BOOST_TEST(r.detail.find("longer than 1 MiB") != std::string::npos, r.detail);
    BOOST_TEST(r.peak_rss_kib < kPeakRssCeilingKib);
}

BOOST_AUTO_TEST_CASE(a_shared_string_pool_of_two_million_strings) {
    // Short strings, but each costs its bookkeeping: the pool's budget counts that too.
    auto r = read_in_child([] { return large_pool_xlsx(2000000); }, "large-pool.xlsx");
    report("large pool", r);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.message_id == "The cells of the file {} hold more than {} MB of text; it is not read.");
    BOOST_TEST((r.args == std::vector<std::string>{"large-pool.xlsx", "64"}));
    BOOST_TEST(r.peak_rss_kib < kPeakRssCeilingKib);
}

BOOST_AUTO_TEST_CASE(a_workbook_just_under_the_budgets_is_read) {
    // The same builders with honest sizes: the budgets refuse the bombs, not workbooks.
    auto parts = read_in_child([] { return many_parts_xlsx(100); }, "some-parts.xlsx");
    BOOST_TEST(parts.ok, parts.message_id << " " << parts.detail);
    auto tag = read_in_child([] { return long_tag_xlsx(100000); }, "long-attribute.xlsx");
    BOOST_TEST(tag.ok, tag.message_id << " " << tag.detail);
    auto pool = read_in_child([] { return large_pool_xlsx(200000); }, "pool.xlsx");
    BOOST_TEST(pool.ok, pool.message_id << " " << pool.detail);
}

BOOST_AUTO_TEST_SUITE_END()

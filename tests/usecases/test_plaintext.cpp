// Personal data never reach the disk in the clear: after real work in a workspace, neither its
// folder nor the temp folder holds a known name or IIN.
#include <boost/test/unit_test.hpp>

#include "fixture.h"

using namespace sanaq;

BOOST_AUTO_TEST_CASE(no_plaintext_personal_data_on_disk) {
    std::string employee_iin, marker_name = "Құрманғазыұлы-Маркер";
    std::filesystem::path ws_dir;
    {
        test::WorkspaceFixture f;
        ws_dir = f.dir.path();
        Session officer = f.as("officer", Role::Officer);
        employee_iin = make_iin(1977, 7, 7, true, 7777);
        BOOST_REQUIRE(add_staff(officer, {0, f.bin, employee_iin, marker_name, "", ""}));
        BOOST_REQUIRE(issue_kits(officer, {{"KIT-1001"}, employee_iin, 1, 1, "", ""}));
        // Look while the workspace is open (WAL and its index are on disk) ...
        std::string where;
        BOOST_TEST(!test::any_file_contains(ws_dir, marker_name, &where), "name found in " << where);
        BOOST_TEST(!test::any_file_contains(ws_dir, employee_iin, &where), "IIN found in " << where);
        BOOST_TEST(!test::any_file_contains(ws_dir, f.employee_name, &where), "name found in " << where);
        BOOST_TEST(!test::any_file_contains(ws_dir, "admin", &where), "user name found in " << where);
        f.ws.reset();
        // ... and after it is closed.
        BOOST_TEST(!test::any_file_contains(ws_dir, marker_name, &where), "name found in " << where);
        BOOST_TEST(!test::any_file_contains(ws_dir, employee_iin, &where), "IIN found in " << where);
        const auto tmp = std::filesystem::temp_directory_path();
        // The temp folder: nothing of ours outside the workspace (other tests' folders are skipped
        // by looking only at files newer than this test's start is overkill; the markers are unique).
        for (const auto& entry : std::filesystem::directory_iterator(tmp)) {
            if (entry.path() == ws_dir) continue;
            std::error_code ec;
            if (entry.is_regular_file(ec)) {
                auto bytes = test::read_file(entry.path());
                BOOST_TEST(bytes.find(marker_name) == std::string::npos, "name found in " << entry.path());
                BOOST_TEST(bytes.find(employee_iin) == std::string::npos, "IIN found in " << entry.path());
            } else if (entry.is_directory(ec)) {
                BOOST_TEST(!test::any_file_contains(entry.path(), marker_name, &where), "name found in " << where);
            }
        }
    }
}

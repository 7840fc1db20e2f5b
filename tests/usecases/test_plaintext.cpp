// Personal data never reach the disk in the clear: after real work in a workspace, neither its
// folder nor the temp folder holds a known name or IIN.
#include <boost/test/unit_test.hpp>

#include "support/staffed_workspace.h"

using namespace sanaq;

BOOST_AUTO_TEST_CASE(no_plaintext_personal_data_on_disk) {
    const auto started = std::filesystem::file_time_type::clock::now() - std::chrono::seconds(1);
    std::string employee_iin, marker_name = std::string("Құрманғазы") + "ұлы-" + "Маркер";
    std::filesystem::path ws_dir;
    {
        test::StaffedWorkspace f;
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
        // The temp folder: nothing written since this test started holds them. Older files are
        // other people's (a checkout of this very source file under /tmp holds the marker's
        // pieces, which is why the marker is also assembled at run time).
        const auto tmp = std::filesystem::temp_directory_path();
        std::error_code ec;
        namespace fs = std::filesystem;
        for (auto it = fs::recursive_directory_iterator(tmp, fs::directory_options::skip_permission_denied, ec);
             it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) break;
            if (!it->is_regular_file(ec) || it->last_write_time(ec) < started || it->file_size(ec) > (64u << 20))
                continue;
            const auto bytes = test::read_file(it->path());
            BOOST_TEST(bytes.find(marker_name) == std::string::npos, "name found in " << it->path());
            BOOST_TEST(bytes.find(employee_iin) == std::string::npos, "IIN found in " << it->path());
        }
    }
}

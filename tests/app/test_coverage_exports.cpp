// The coverage report printed as PDF from either program (src/app/coverage_exports.h): the audit
// entry comes first, so a report never leaves the workspace unrecorded.
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "app/coverage_exports.h"
#include "core/usecases/audit_review.h"
#include "coverage/coverage_report.h"
#include "support/staffed_workspace.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

/// The workspace's store, except that every write fails: what an audit entry that cannot be
/// written looks like to the workflow (a full disk, a lost lock).
class RefusingStore final : public Store {
public:
    explicit RefusingStore(Store& inner) : inner_(inner) {}
    Status write(const StoreWork&) override {
        return fail(ErrorCode::Io, N_("The workspace could not be written."));
    }
    Status read(const StoreWork& work) override { return inner_.read(work); }

private:
    Store& inner_;
};

std::size_t exports_on_the_trail(Session& session) {
    auto entries = list_audit(session, {});
    if (!entries) return 0;
    std::size_t n = 0;
    for (const auto& e : *entries)
        if (e.action == "coverage.export") ++n;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(coverage_exports)

BOOST_FIXTURE_TEST_CASE(the_entry_is_on_the_trail_before_the_file_exists, test::StaffedWorkspace) {
    Session supervisor = as("supervisor", Role::Supervisor);
    auto report = coverage_report(supervisor, CoverageLevel::Institution);
    BOOST_REQUIRE(report);

    // The entry cannot be written: no file.
    RefusingStore refusing(*ws);
    Session refused{refusing, *ws, clock, Actor{"supervisor", Role::Supervisor}};
    const fs::path first = dir / "first.pdf";
    BOOST_TEST(!app::export_coverage_pdf(refused, *report, first));
    BOOST_TEST(!fs::exists(first));
    BOOST_TEST(exports_on_the_trail(supervisor) == 0u);

    // Written: the entry, then the file.
    const fs::path second = dir / "second.pdf";
    auto written = app::export_coverage_pdf(supervisor, *report, second);
    BOOST_REQUIRE_MESSAGE(written, (written ? "" : written.error().message_id));
    BOOST_TEST(fs::file_size(second) > 1000u);
    BOOST_TEST(exports_on_the_trail(supervisor) == 1u);

    // A folder that does not exist: the attempt stays on the trail, the error comes back.
    BOOST_TEST(!app::export_coverage_pdf(supervisor, *report, dir / "missing" / "third.pdf"));
    BOOST_TEST(exports_on_the_trail(supervisor) == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

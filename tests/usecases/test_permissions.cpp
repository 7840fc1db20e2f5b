// Every role × every operation that exists, against a real workspace: the core refuses exactly
// what the matrix in src/README.md refuses, and lets the rest through to the use case's own checks.
#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>

#include "core/usecases/audit_review.h"
#include "core/usecases/backup.h"
#include "core/package/folder_storage.h"
#include "core/usecases/devices.h"
#include "core/usecases/pull.h"
#include "core/usecases/settings.h"
#include "coverage/coverage_report.h"
#include "coverage/list_import.h"
#include "coverage/reconcile_run.h"
#include "coverage/review.h"
#include "support/staffed_workspace.h"
#include "upstream/client/outbox.h"

using namespace sanaq;

namespace {

using Attempt = std::function<Status(Session&, int)>;

template <class T>
Status status_of(const Result<T>& r) {
    if (r) return {};
    return std::unexpected(r.error());
}

// One use case per operation; `n` makes each attempt's data unique.
std::map<Operation, Attempt> attempts(test::StaffedWorkspace& f) {
    return {
        {Operation::ManageUsers, [](Session& s, int n) { return status_of(add_user(s, {"user" + std::to_string(n), "", Role::Officer, test::kPassword})); }},
        {Operation::ChangeOwnPassword, [](Session& s, int) { return change_password(s, s.actor.user, test::kPassword, ""); }},
        {Operation::ManageSettings, [](Session& s, int) { return set_idle_lock_minutes(s, 15); }},
        {Operation::LoadDemoData, [](Session& s, int) {
             // The fixture's workspace is not empty: permitted roles get RefusedByState instead.
             return status_of(load_demo(s)); }},
        {Operation::ViewAudit, [](Session& s, int) { return status_of(list_audit(s, {})); }},
        {Operation::VerifyAudit, [](Session& s, int) { return status_of(verify_audit(s)); }},
        {Operation::ExportAudit, [](Session& s, int) { return record_audit_export(s, "/dev/null", 0); }},
        {Operation::ViewInstitutions, [](Session& s, int) { return status_of(list_institutions(s)); }},
        {Operation::EditInstitutions, [](Session& s, int n) {
             return add_institution(s, {make_bin(2010, 1, 500 + n * 7), "Мекеме", "Учреждение", InstitutionType::Sanatorium, {"591010000", "2022"}, ""}); }},
        {Operation::ViewStaff, [&f](Session& s, int) { return status_of(list_staff(s, f.bin)); }},
        {Operation::ViewStaffIin, [&f](Session& s, int) -> Status {
             // Not a refusal but a view: roles without it get the IIN masked.
             auto staff = list_staff(s, f.bin);
             SANAQ_TRY(staff);
             if (staff->front().iin != f.employee_iin)
                 return fail(ErrorCode::PermissionDenied, "masked");
             return {}; }},
        {Operation::EditStaff, [&f](Session& s, int n) {
             return status_of(add_staff(s, {0, f.bin, make_iin(1990, 1, 1 + n % 28, true, 100 + n * 17), "Сотрудник " + std::to_string(n), "", ""})); }},
        {Operation::ViewKits, [](Session& s, int) { return status_of(list_kits(s, {})); }},
        {Operation::RegisterKits, [](Session& s, int n) { return register_kit(s, test::StaffedWorkspace::kit(100 + n)); }},
        {Operation::IssueKits, [&f](Session& s, int) -> Status {
             return status_of(issue_kits(s, {{"KIT-1001"}, f.employee_iin, 0, 0, "", ""})); }},
        {Operation::ReturnKits, [](Session& s, int) { return status_of(return_kit(s, {"KIT-1001", {}, 0, 0, 0, ""})); }},
        {Operation::ServiceKits, [](Session& s, int) { return service_kit(s, "KIT-1005", KitService::WriteOff, "test"); }},
        {Operation::ManagePaperStock, [](Session& s, int) { return receive_paper(s, 1, 1, ""); }},
        {Operation::ViewActs, [](Session& s, int) { return status_of(list_acts(s, "")); }},
        {Operation::ExportReports, [](Session& s, int) { return status_of(outstanding_kits(s)); }},
        {Operation::ViewCensusData, [](Session& s, int) { return status_of(census_stats(s)); }},
        {Operation::ViewDevices, [](Session& s, int) { return status_of(pull_history(s, "", 10)); }},
        {Operation::EnrollDeviceKeys, [](Session& s, int) { return status_of(department_public_keys(s)); }},
        {Operation::PullData, [&f](Session& s, int) {
             // An empty folder: a complete pull of nothing.
             package::FolderTabletStorage empty(f.dir / "empty-tablet");
             return status_of(pull_tablet(s, empty)); }},
        {Operation::ManageQuarantine, [](Session& s, int) { return status_of(list_quarantine(s, false)); }},
        {Operation::OverrideReturnGate, [](Session& s, int) {
             // Never pulled: permitted roles get RefusedByState (nothing to allow).
             return override_return_gate(s, "KIT-1001", "checked by phone"); }},
        {Operation::ImportLists, [&f](Session& s, int) {
             // A missing file: permitted roles get as far as reading it.
             return status_of(preview_list_import(s, {f.dir / "no-such-list.csv", f.bin})); }},
        {Operation::Reconcile, [](Session& s, int) { return status_of(run_reconciliation(s)); }},
        {Operation::ViewCoverage, [](Session& s, int) { return status_of(coverage_report(s, CoverageLevel::Institution)); }},
        {Operation::DecideReview, [](Session& s, int) {
             // No such item: permitted roles get NotFound.
             return status_of(decide_review(s, 424242, ReviewVerdict::Match, "same person, checked by phone")); }},
        {Operation::ExportRecords, [&f](Session& s, int n) {
             return status_of(export_records(s, f.dir / ("records-" + std::to_string(n) + ".csv"), "")); }},
        {Operation::ViewUpstream, [](Session& s, int) { return status_of(upstream::upstream_status(s)); }},
        // Not configured: permitted roles get RefusedByState.
        {Operation::ForwardUpstream, [](Session& s, int) { return status_of(upstream::send_upstream(s, {})); }},
        // Nothing awaits release: permitted roles release none.
        {Operation::ReleaseBatches, [](Session& s, int) { return status_of(upstream::release_batches(s, {})); }},
        // An empty request: permitted roles get InvalidInput for the URL.
        {Operation::ConfigureUpstream, [](Session& s, int) { return status_of(upstream::configure_upstream(s, {})); }},
        {Operation::BackupWorkspace, [&f](Session& s, int n) {
             return status_of(backup_workspace(s, *f.ws, f.dir / ("backup-" + std::to_string(n) + ".sanaq-backup"))); }},
    };
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_role_times_every_operation) {
    test::StaffedWorkspace f;
    auto table = attempts(f);
    BOOST_REQUIRE_EQUAL(table.size(), std::size(kAllOperations));  // a new operation needs a row here
    int n = 0;
    for (Operation op : kAllOperations) {
        for (Role role : kAllRoles) {
            Session s = f.as(std::string(role_name(role)) == "administrator" ? "admin" : std::string(role_name(role)), role);
            auto result = table.at(op)(s, ++n);
            const bool refused = !result && result.error().code == ErrorCode::PermissionDenied;
            BOOST_TEST_INFO("operation " << operation_name(op) << " as " << role_name(role) << ": "
                                         << (result ? "ok" : result.error().message_id));
            BOOST_TEST(refused == !permits(role, op));
        }
    }
}

BOOST_AUTO_TEST_CASE(refusals_leave_no_trace) {
    test::StaffedWorkspace f;
    Session custodian = f.as("custodian", Role::Custodian);
    Session supervisor = f.as("supervisor", Role::Supervisor);
    auto before = verify_audit(supervisor);
    BOOST_REQUIRE(before);
    auto refused = issue_kits(custodian, {{"KIT-1001"}, f.employee_iin, 0, 0, "", ""});
    BOOST_REQUIRE(!refused);
    BOOST_TEST((refused.error().code == ErrorCode::PermissionDenied));
    auto after = verify_audit(supervisor);
    BOOST_TEST(after->checked == before->checked);
    BOOST_TEST((find_kit(custodian, "KIT-1001")->state == KitState::InStock));
}

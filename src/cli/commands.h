#pragma once
// The command table: each entry is one use case (or a small group) of the core, run headless.
#include <string>
#include <vector>

#include "cli/context.h"

namespace sanaq::cli {

struct CommandSpec {
    std::vector<std::string> words;     // e.g. {"kit", "issue"}
    Command run;
    bool needs_session;                 // opens the workspace as --user first
    const char* synopsis;               // shown in --help (not translated: it is syntax)
    const char* summary;                // msgid
};

const std::vector<CommandSpec>& command_table();

// Workspace, users, settings, demo
Status cmd_init(Context&);
Status cmd_demo(Context&);
Status cmd_user_add(Context&);
Status cmd_user_list(Context&);
Status cmd_user_remove(Context&);
Status cmd_user_role(Context&);
Status cmd_user_passwd(Context&);
Status cmd_user_confirm_access(Context&);
Status cmd_workspace_rekey(Context&);
Status cmd_workspace_convert_keys(Context&);
Status cmd_settings_show(Context&);
Status cmd_settings_department(Context&);
Status cmd_settings_census_show(Context&);
Status cmd_settings_census_set(Context&);
Status cmd_settings_idle_lock(Context&);
Status cmd_workspace_backup(Context&);
Status cmd_workspace_restore(Context&);
// Institutions and staff
Status cmd_institution_add(Context&);
Status cmd_institution_list(Context&);
Status cmd_institution_types(Context&);
Status cmd_staff_add(Context&);
Status cmd_staff_list(Context&);
Status cmd_staff_appoint(Context&);
// The stage-1 register
Status cmd_register_show(Context&);
Status cmd_register_set(Context&);
Status cmd_register_export(Context&);
// Kits, paper, acts
Status cmd_kit_register(Context&);
Status cmd_kit_import(Context&);
Status cmd_territories_import(Context&);
Status cmd_territories_show(Context&);
Status cmd_territories_region(Context&);
Status cmd_kit_template(Context&);
Status cmd_kit_issue(Context&);
Status cmd_kit_return(Context&);
Status cmd_kit_list(Context&);
Status cmd_kit_show(Context&);
Status cmd_kit_service(Context&);
Status cmd_kit_replace(Context&);
Status cmd_stock_show(Context&);
Status cmd_stock_receive(Context&);
Status cmd_paper_issue(Context&);
Status cmd_paper_return(Context&);
Status cmd_paper_balance(Context&);
Status cmd_act_print(Context&);
Status cmd_act_list(Context&);
// Tablets: keys, devices, pulls, quarantine, records
Status cmd_keys_department_public(Context&);
Status cmd_kit_enroll_device(Context&);
Status cmd_kit_allow_return(Context&);
Status cmd_device_list(Context&);
Status cmd_device_watch(Context&);
Status cmd_pull(Context&);
Status cmd_quarantine_list(Context&);
Status cmd_package_check(Context&);
Status cmd_quarantine_retry(Context&);
Status cmd_quarantine_dismiss(Context&);
Status cmd_records_stats(Context&);
// Lists, reconciliation, coverage, review
Status cmd_list_import(Context&);
Status cmd_list_versions(Context&);
Status cmd_channels_import(Context&);
Status cmd_channels_list(Context&);
Status cmd_reconcile(Context&);
Status cmd_coverage(Context&);
Status cmd_records_export(Context&);
Status cmd_review_list(Context&);
Status cmd_review_show(Context&);
Status cmd_review_decide(Context&);
Status cmd_review_confirm(Context&);
Status cmd_review_four_eyes(Context&);
// Forwarding upstream
Status cmd_upstream_configure(Context&);
Status cmd_upstream_send(Context&);
Status cmd_upstream_status(Context&);
Status cmd_upstream_release(Context&);
Status cmd_upstream_retry(Context&);
Status cmd_upstream_discard(Context&);
Status cmd_upstream_four_eyes(Context&);
Status cmd_upstream_mark(Context&);
// Audit
Status cmd_audit_verify(Context&);
Status cmd_audit_list(Context&);
Status cmd_audit_export(Context&);

/// Writes header+rows to FILE.csv or FILE.xlsx (by extension), for explicit exports.
Status write_tabular(const std::string& path, const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows, const std::string& sheet);

}  // namespace sanaq::cli

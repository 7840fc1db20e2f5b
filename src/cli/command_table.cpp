#include "cli/commands.h"

namespace sanaq::cli {

const std::vector<CommandSpec>& command_table() {
    static const std::vector<CommandSpec> table = {
        {{"init"}, cmd_init, false, "init --admin NAME [--full-name TEXT]", N_("Create a new encrypted workspace and its first administrator.")},
        {{"demo"}, cmd_demo, true, "demo", N_("Fill an empty workspace with clearly marked demo data.")},
        {{"user", "add"}, cmd_user_add, true, "user add NAME --role administrator|officer|custodian|supervisor [--full-name TEXT]", N_("Add a user with their own key slot.")},
        {{"user", "list"}, cmd_user_list, true, "user list", N_("List the users and their roles.")},
        {{"user", "remove"}, cmd_user_remove, true, "user remove NAME --reason TEXT", N_("Remove a user and their key slot.")},
        {{"user", "role"}, cmd_user_role, true, "user role NAME --role ROLE --reason TEXT", N_("Change a user's role.")},
        {{"user", "passwd"}, cmd_user_passwd, true, "user passwd [NAME] [--reason TEXT]", N_("Change your password, or reset another user's (administrators).")},
        {{"settings", "show"}, cmd_settings_show, true, "settings show", N_("Show the department details and the idle lock.")},
        {{"settings", "department"}, cmd_settings_department, true, "settings department [--name-kk ...] [--name-ru ...] [--address ...] [--head ...]", N_("Set the department details printed on acts.")},
        {{"settings", "idle-lock"}, cmd_settings_idle_lock, true, "settings idle-lock MINUTES", N_("Set after how many idle minutes the GUI locks itself (0 = never).")},
        {{"institution", "add"}, cmd_institution_add, true, "institution add --bin BIN --name-kk ... --name-ru ... --type TYPE --kato CODE [--kato-version 2022] [--address ...]", N_("Register an institution.")},
        {{"institution", "list"}, cmd_institution_list, true, "institution list", N_("List the institutions.")},
        {{"institution", "types"}, cmd_institution_types, false, "institution types", N_("List the institution types and their codes.")},
        {{"staff", "add"}, cmd_staff_add, true, "staff add --institution BIN --iin IIN --name \"FULL NAME\" [--position ...] [--phone ...]", N_("Register a responsible employee of an institution.")},
        {{"staff", "list"}, cmd_staff_list, true, "staff list [--institution BIN]", N_("List responsible employees.")},
        {{"kit", "register"}, cmd_kit_register, true, "kit register KIT --tablet-serial S --usb-serial U [--imei I] [--model M] [--component TYPE=SERIAL ...]", N_("Register one kit.")},
        {{"kit", "import"}, cmd_kit_import, true, "kit import FILE.csv|FILE.xlsx [--dry-run] [--valid-only]", N_("Register a delivery of kits from an inventory file, after a row-by-row check.")},
        {{"kit", "template"}, cmd_kit_template, false, "kit template --out FILE.csv|FILE.xlsx", N_("Write an empty inventory file with the expected columns.")},
        {{"kit", "issue"}, cmd_kit_issue, true, "kit issue KIT [KIT ...] --to IIN --act FILE.pdf [--explanations N] [--certificates N] [--due YYYY-MM-DD]", N_("Issue kits to a responsible employee under an act.")},
        {{"kit", "return"}, cmd_kit_return, true, "kit return KIT [--missing TYPE,...] [--damaged TYPE,...] [--component-note TYPE=TEXT] --act FILE.pdf [--explanations-returned N] [--certificates-returned N] [--certificates-used N]", N_("Check a kit in part by part under a return act.")},
        {{"kit", "list"}, cmd_kit_list, true, "kit list [--outstanding] [--state STATE] [--search TEXT] [--limit N] [--export FILE.csv|FILE.xlsx]", N_("List kits, or who holds what (--outstanding).")},
        {{"kit", "show"}, cmd_kit_show, true, "kit show KIT", N_("Show a kit's parts and its acts.")},
        {{"kit", "service"}, cmd_kit_service, true, "kit service KIT repair|repaired|write-off [--reason TEXT]", N_("Send a kit to repair, take it back, or write it off.")},
        {{"kit", "replace"}, cmd_kit_replace, true, "kit replace KIT --component TYPE=SERIAL --reason TEXT", N_("Put a new part in place of a missing or damaged one.")},
        {{"stock", "show"}, cmd_stock_show, true, "stock show", N_("Show the paper census tools in stock.")},
        {{"stock", "receive"}, cmd_stock_receive, true, "stock receive [--explanations N] [--certificates N] [--note TEXT]", N_("Add received paper census tools to stock.")},
        {{"act", "print"}, cmd_act_print, true, "act print NUMBER --out FILE.pdf", N_("Print an act again, exactly as it was signed.")},
        {{"act", "list"}, cmd_act_list, true, "act list [--kit KIT]", N_("List acts, newest first.")},
        {{"keys", "department-public"}, cmd_keys_department_public, true, "keys department-public --out FILE.pem", N_("Write the department's public keys, which tablets encrypt their packages to.")},
        {{"kit", "enroll-device"}, cmd_kit_enroll_device, true, "kit enroll-device KIT [--public-key FILE] [--reason TEXT]", N_("Enrol a tablet's device key on its kit (from a file, or from the plugged-in tablet).")},
        {{"kit", "allow-return"}, cmd_kit_allow_return, true, "kit allow-return KIT --reason TEXT", N_("Let a kit be checked in although its last pull left packages behind (supervisors).")},
        {{"device", "list"}, cmd_device_list, true, "device list", N_("List the tablets plugged in now, with their kits and holders.")},
        {{"device", "watch"}, cmd_device_watch, true, "device watch", N_("Report tablets as they are plugged in and out, until Ctrl+C.")},
        {{"pull"}, cmd_pull, true, "pull [--serial S | --all] | pull --from-dir DIR", N_("Pull the census packages from a tablet (or a copy of its storage) into the workspace.")},
        {{"quarantine", "list"}, cmd_quarantine_list, true, "quarantine list [--include-resolved]", N_("List the packages put aside, with the reasons.")},
        {{"quarantine", "retry"}, cmd_quarantine_retry, true, "quarantine retry ID", N_("Try a quarantined package again after its cause was fixed.")},
        {{"quarantine", "dismiss"}, cmd_quarantine_dismiss, true, "quarantine dismiss ID --reason TEXT", N_("Settle a quarantined package without storing it.")},
        {{"records", "stats"}, cmd_records_stats, true, "records stats", N_("Count the census records in the workspace.")},
        {{"tablet-sim", "make-packages"}, cmd_tablet_sim_make_packages, false, "tablet-sim make-packages --out DIR --kit KIT --department-key FILE.pem --persons N [--packages K] [--seed S]", N_("Lay out a simulated tablet's storage with signed, encrypted packages (for demos and tests).")},
        {{"audit", "verify"}, cmd_audit_verify, true, "audit verify", N_("Check the hash chain of the audit trail.")},
        {{"audit", "list"}, cmd_audit_list, true, "audit list [--actor NAME] [--action PREFIX] [--object ID] [--from UTC] [--to UTC] [--limit N]", N_("Show the audit trail, newest first.")},
        {{"audit", "export"}, cmd_audit_export, true, "audit export --out FILE.csv|FILE.xlsx [filters]", N_("Export the audit trail (the export is itself audited).")},
    };
    return table;
}

}  // namespace sanaq::cli

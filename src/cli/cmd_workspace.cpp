// init, demo, user …, settings …
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/usecases/custody.h"
#include "core/usecases/demo.h"
#include "core/usecases/settings.h"
#include "core/usecases/users.h"

namespace sanaq::cli {
namespace {
using nlohmann::ordered_json;
using i18n::format_message;

Result<Role> role_option(const Args& args) {
    auto name = args.need("role");
    if (!name) return std::unexpected(name.error());
    auto role = parse_role(*name);
    if (!role)
        return fail(ErrorCode::Usage, N_("Unknown role {}; use administrator, officer, custodian or supervisor."), {*name});
    return *role;
}
}  // namespace

Status cmd_init(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"admin", "full-name", "keys"}); !ok) return ok;
    auto admin = a.need("admin");
    if (!admin) return std::unexpected(admin.error());
    // Per-role keys unless asked otherwise: the single-key layout is kept only as the legacy
    // layout that `workspace convert-keys` starts from (db/README.md, "Threat model").
    const std::string keys = a.get_or("keys", "per-role");
    if (keys != "single" && keys != "per-role")
        return fail(ErrorCode::Usage, N_("Unknown key layout {}; use single or per-role."), {keys});
    if (auto ok = validate_user_name(*admin); !ok) return ok;
    auto pw = ctx.new_password(*admin);
    if (!pw) return std::unexpected(pw.error());
    if (auto ok = validate_new_password(*pw); !ok) return ok;
    if (auto ok = ctx.create_workspace(*admin, *pw, keys == "per-role"); !ok) return ok;
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    if (auto ok = record_workspace_created(**session, a.get_or("full-name", "")); !ok) return ok;
    if (ctx.json())
        ctx.emit(ordered_json{{"workspace", ctx.globals().workspace.string()}, {"administrator", *admin},
                              {"keys", keys}});
    else
        ctx.say(format_message(tr("Created the encrypted workspace {} with administrator {}."),
                               {ctx.globals().workspace.string(), *admin}));
    return {};
}

Status cmd_demo(Context& ctx) {
    if (auto ok = ctx.args().only({}); !ok) return ok;
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    auto summary = load_demo_accounts(**session);
    if (!summary) return std::unexpected(summary.error());
    // Each account enters its own part, so every audit entry is signed by its actor; the
    // officer's sign-in makes census when nobody has yet.
    for (const auto& [user, step] :
         {std::pair{"officer", &load_demo_registers}, std::pair{"custodian", &load_demo_returns}}) {
        auto as = ctx.sign_in_as(user, std::string(kDemoPassword));
        if (!as) return std::unexpected(as.error());
        // The demo's supervisor sees census too: the officer confirms them (four eyes, audited).
        if (user == std::string_view("officer") && ctx.workspace()->per_role_keys())
            if (auto given = confirm_access(**as, "supervisor"); !given)
                return std::unexpected(given.error());
        if (auto ok = step(**as, *summary); !ok) return ok;
    }
    if (ctx.json()) {
        ctx.emit(ordered_json{{"institutions", summary->institutions}, {"staff", summary->staff},
                              {"kits", summary->kits}, {"issued", summary->issued},
                              {"returned", summary->returned},
                              {"users", {"officer", "custodian", "supervisor"}},
                              {"password", std::string(kDemoPassword)}});
    } else {
        ctx.say(format_message(tr("Demo data loaded: institutions: {}, responsible employees: {}, kits: {} (issued: {}, returned: {})."),

                               {std::to_string(summary->institutions), std::to_string(summary->staff),
                                std::to_string(summary->kits), std::to_string(summary->issued),
                                std::to_string(summary->returned)}));
        ctx.say(format_message(tr("Demo accounts officer, custodian and supervisor have the password {}."),
                               {std::string(kDemoPassword)}));
    }
    return {};
}

Status cmd_user_add(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"role", "full-name"}); !ok) return ok;
    const std::string name = a.positional(0);
    if (name.empty()) return fail(ErrorCode::Usage, N_("Name the new user: sanaq user add NAME --role ROLE."));
    auto role = role_option(a);
    if (!role) return std::unexpected(role.error());
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    // Check the permission before asking for a password nobody may set.
    if (auto ok = require((*session)->actor, Operation::ManageUsers); !ok) return ok;
    auto pw = ctx.new_password(name);
    if (!pw) return std::unexpected(pw.error());
    auto user = add_user(**session, {name, a.get_or("full-name", ""), *role, *pw});
    if (!user) return std::unexpected(user.error());
    if (ctx.json()) ctx.emit(to_json(*user));
    else ctx.say(format_message(tr("User {} added as {}."), {user->name, tr(role_label(user->role))}));
    return {};
}

Status cmd_user_list(Context& ctx) {
    if (auto ok = ctx.args().only({}); !ok) return ok;
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    auto users = list_users(**session);
    if (!users) return std::unexpected(users.error());
    if (ctx.json()) {
        ordered_json list = ordered_json::array();
        for (const auto& u : *users) list.push_back(to_json(u));
        ctx.emit(list);
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& u : *users) rows.push_back({u.name, tr(role_label(u.role)), u.full_name, u.created_at_utc});
    ctx.say(table({tr("User"), tr("Role"), tr("Full name"), tr("Created (UTC)")}, rows));
    return {};
}

Status cmd_user_remove(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"reason"}); !ok) return ok;
    const std::string name = a.positional(0);
    if (name.empty()) return fail(ErrorCode::Usage, N_("Name the user to remove."));
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    if (auto ok = remove_user(**session, name, a.get_or("reason", "")); !ok) return ok;
    if (ctx.json()) ctx.emit(ordered_json{{"removed", name}});
    else ctx.say(format_message(tr("User {} removed; their key slot is gone."), {name}));
    return {};
}

Status cmd_user_role(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"role", "reason"}); !ok) return ok;
    const std::string name = a.positional(0);
    if (name.empty()) return fail(ErrorCode::Usage, N_("Name the user whose role changes."));
    auto role = role_option(a);
    if (!role) return std::unexpected(role.error());
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    if (auto ok = set_user_role(**session, name, *role, a.get_or("reason", "")); !ok) return ok;
    if (ctx.json()) ctx.emit(ordered_json{{"name", name}, {"role", role_name(*role)}});
    else ctx.say(format_message(tr("User {} is now {}."), {name, tr(role_label(*role))}));
    return {};
}

Status cmd_user_passwd(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"reason"}); !ok) return ok;
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    const std::string name = a.positional(0).empty() ? (*session)->actor.user : a.positional(0);
    auto pw = ctx.new_password(name);
    if (!pw) return std::unexpected(pw.error());
    if (auto ok = change_password(**session, name, *pw, a.get_or("reason", "")); !ok) return ok;
    if (ctx.json()) ctx.emit(ordered_json{{"password_changed", name}});
    else ctx.say(format_message(tr("The password of {} is changed; the database was not re-encrypted."), {name}));
    return {};
}

Status cmd_settings_show(Context& ctx) {
    if (auto ok = ctx.args().only({}); !ok) return ok;
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    auto dept = department_details(**session);
    if (!dept) return std::unexpected(dept.error());
    auto idle = idle_lock_minutes(**session);
    if (!idle) return std::unexpected(idle.error());
    if (ctx.json()) {
        ctx.emit(ordered_json{{"department", {{"name_kk", dept->name_kk}, {"name_ru", dept->name_ru},
                                              {"address", dept->address}, {"head_name", dept->head_name}}},
                              {"idle_lock_minutes", *idle}});
        return {};
    }
    ctx.say(tr("Department (Kazakh)") + ": " + dept->name_kk);
    ctx.say(tr("Department (Russian)") + ": " + dept->name_ru);
    ctx.say(tr("Address") + ": " + dept->address);
    ctx.say(tr("Head of department") + ": " + dept->head_name);
    ctx.say(tr("Idle lock, minutes") + ": " + std::to_string(*idle));
    return {};
}

Status cmd_settings_department(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"name-kk", "name-ru", "address", "head"}); !ok) return ok;
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    auto dept = department_details(**session);
    if (!dept) return std::unexpected(dept.error());
    Department d = *dept;
    d.name_kk = a.get_or("name-kk", d.name_kk);
    d.name_ru = a.get_or("name-ru", d.name_ru);
    d.address = a.get_or("address", d.address);
    d.head_name = a.get_or("head", d.head_name);
    if (auto ok = set_department_details(**session, d); !ok) return ok;
    if (ctx.json()) ctx.emit(ordered_json{{"saved", true}});
    else ctx.say(tr("Department details saved; new acts will carry them."));
    return {};
}

Status cmd_settings_idle_lock(Context& ctx) {
    if (auto ok = ctx.args().only({}); !ok) return ok;
    int minutes = 0;
    try {
        minutes = std::stoi(ctx.args().positional(0));
    } catch (...) {
        return fail(ErrorCode::Usage, N_("Give the idle lock in minutes: sanaq settings idle-lock 10."));
    }
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    if (auto ok = set_idle_lock_minutes(**session, minutes); !ok) return ok;
    if (ctx.json()) ctx.emit(ordered_json{{"idle_lock_minutes", minutes}});
    else ctx.say(format_message(tr("Idle lock, minutes: {}."), {std::to_string(minutes)}));
    return {};
}

}  // namespace sanaq::cli

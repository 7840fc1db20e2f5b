// init, demo, user …, settings …
#include <algorithm>
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
    SANAQ_TRY(name);
    auto role = parse_role(*name);
    if (!role)
        return fail(ErrorCode::Usage, N_("Unknown role {}; use administrator, officer, custodian or supervisor."), {*name});
    return *role;
}
}  // namespace

Status cmd_init(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"admin", "full-name", "keys"}));
    auto admin = a.need("admin");
    SANAQ_TRY(admin);
    // Per-role keys unless asked otherwise: the single-key layout is kept only as the legacy
    // layout that `workspace convert-keys` starts from (db/README.md, "Threat model").
    const std::string keys = a.get_or("keys", "per-role");
    if (keys != "single" && keys != "per-role")
        return fail(ErrorCode::Usage, N_("Unknown key layout {}; use single or per-role."), {keys});
    SANAQ_TRY(validate_user_name(*admin));
    auto pw = ctx.new_password(*admin);
    SANAQ_TRY(pw);
    SANAQ_TRY(validate_new_password(*pw));
    SANAQ_TRY(ctx.create_workspace(*admin, *pw, keys == "per-role"));
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(record_workspace_created(**session, a.get_or("full-name", "")));
    if (ctx.json())
        ctx.emit(ordered_json{{"workspace", ctx.globals().workspace.string()}, {"administrator", *admin},
                              {"keys", keys}});
    else
        ctx.say(format_message(tr("Created the encrypted workspace {} with administrator {}."),
                               {ctx.globals().workspace.string(), *admin}));
    return {};
}

Status cmd_demo(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto summary = load_demo_accounts(**session);
    SANAQ_TRY(summary);
    // Each account enters its own part, so every audit entry is signed by its actor; the
    // officer's sign-in makes census when nobody has yet.
    for (const auto& [user, step] :
         {std::pair{"officer", &load_demo_registers}, std::pair{"custodian", &load_demo_returns}}) {
        auto as = ctx.sign_in_as(user, std::string(kDemoPassword));
        SANAQ_TRY(as);
        // The demo's supervisor sees census too: the officer confirms them (four eyes, audited).
        if (user == std::string_view("officer") && ctx.workspace()->per_role_keys())
            SANAQ_TRY(confirm_access(**as, "supervisor"));
        SANAQ_TRY(step(**as, *summary));
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
    SANAQ_TRY(a.only({"role", "full-name"}));
    const std::string name = a.positional(0);
    if (name.empty()) return fail(ErrorCode::Usage, N_("Name the new user: sanaq user add NAME --role ROLE."));
    auto role = role_option(a);
    SANAQ_TRY(role);
    auto session = ctx.session();
    SANAQ_TRY(session);
    // Check the permission before asking for a password nobody may set.
    SANAQ_TRY(require((*session)->actor, Operation::ManageUsers));
    auto pw = ctx.new_password(name);
    SANAQ_TRY(pw);
    auto user = add_user(**session, {name, a.get_or("full-name", ""), *role, *pw});
    SANAQ_TRY(user);
    if (ctx.json()) ctx.emit(to_json(*user));
    else ctx.say(format_message(tr("User {} added as {}."), {user->name, tr(role_label(user->role))}));
    return {};
}

Status cmd_user_list(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto users = list_users(**session);
    SANAQ_TRY(users);
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
    SANAQ_TRY(a.only({"reason"}));
    const std::string name = a.positional(0);
    if (name.empty()) return fail(ErrorCode::Usage, N_("Name the user to remove."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(remove_user(**session, name, a.get_or("reason", "")));
    if (ctx.json()) ctx.emit(ordered_json{{"removed", name}});
    else ctx.say(format_message(tr("User {} removed; their key slot is gone."), {name}));
    return {};
}

Status cmd_user_role(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"role", "reason"}));
    const std::string name = a.positional(0);
    if (name.empty()) return fail(ErrorCode::Usage, N_("Name the user whose role changes."));
    auto role = role_option(a);
    SANAQ_TRY(role);
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(set_user_role(**session, name, *role, a.get_or("reason", "")));
    if (ctx.json()) ctx.emit(ordered_json{{"name", name}, {"role", role_name(*role)}});
    else ctx.say(format_message(tr("User {} is now {}."), {name, tr(role_label(*role))}));
    return {};
}

Status cmd_user_passwd(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"reason"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    const std::string name = a.positional(0).empty() ? (*session)->actor.user : a.positional(0);
    auto pw = ctx.new_password(name);
    SANAQ_TRY(pw);
    SANAQ_TRY(change_password(**session, name, *pw, a.get_or("reason", "")));
    if (ctx.json()) ctx.emit(ordered_json{{"password_changed", name}});
    else ctx.say(format_message(tr("The password of {} is changed; the database was not re-encrypted."), {name}));
    return {};
}

Status cmd_settings_show(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto dept = department_details(**session);
    SANAQ_TRY(dept);
    auto idle = idle_lock_minutes(**session);
    SANAQ_TRY(idle);
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
    SANAQ_TRY(a.only({"name-kk", "name-ru", "address", "head"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto dept = department_details(**session);
    SANAQ_TRY(dept);
    Department d = *dept;
    d.name_kk = a.get_or("name-kk", d.name_kk);
    d.name_ru = a.get_or("name-ru", d.name_ru);
    d.address = a.get_or("address", d.address);
    d.head_name = a.get_or("head", d.head_name);
    SANAQ_TRY(set_department_details(**session, d));
    if (ctx.json()) ctx.emit(ordered_json{{"saved", true}});
    else ctx.say(tr("Department details saved; new acts will carry them."));
    return {};
}

Status cmd_settings_idle_lock(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    int minutes = 0;
    try {
        minutes = std::stoi(ctx.args().positional(0));
    } catch (...) {
        return fail(ErrorCode::Usage, N_("Give the idle lock in minutes: sanaq settings idle-lock 10."));
    }
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(set_idle_lock_minutes(**session, minutes));
    if (ctx.json()) ctx.emit(ordered_json{{"idle_lock_minutes", minutes}});
    else ctx.say(format_message(tr("Idle lock, minutes: {}."), {std::to_string(minutes)}));
    return {};
}

}  // namespace sanaq::cli

namespace sanaq::cli {
namespace {

ordered_json calendar_to_json(const CensusCalendar& c, const std::string& today) {
    ordered_json regions = ordered_json::array();
    for (const auto& r : c.region_list_dates) regions.push_back({{"region", r.region}, {"date", r.date}});
    ordered_json j{{"round", c.round.name},
                   {"reference_moment", c.round.reference_moment()},
                   {"utc_offset", c.round.utc_offset},
                   {"list_date", c.list_date},
                   {"region_list_dates", regions},
                   {"online", {{"from", c.online_from}, {"to", c.online_to}}},
                   {"tablets", {{"from", c.tablet_from}, {"to", c.tablet_to}}},
                   {"end_date", c.end_date},
                   {"kit_due_date", kit_due_date(c)},
                   {"legal_basis", {{"order_number", c.order_number}, {"order_date", c.order_date}}}};
    if (auto next = next_milestone(c, today))
        j["next"] = {{"milestone", milestone_code(next->milestone)}, {"date", next->date}, {"days", next->days}};
    else
        j["next"] = nullptr;
    return j;
}

std::string window_text(const std::string& from, const std::string& to) {
    if (from.empty() && to.empty()) return "";
    return from + " – " + to;
}

}  // namespace

Status cmd_settings_census_show(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto c = census_calendar(**session);
    SANAQ_TRY(c);
    const std::string today = local_date(ctx.clock().now());
    if (ctx.json()) {
        ctx.emit(calendar_to_json(*c, today));
        return {};
    }
    ctx.say(tr("Census round") + ": " + c->round.name);
    ctx.say(tr("Reference moment") + ": " + c->round.reference_moment());
    ctx.say(tr("Stage-1 lists as of") + ": " + c->list_date);
    for (const auto& r : c->region_list_dates)
        ctx.say("  " + format_message(tr("region {}: {}"), {r.region, r.date}));
    ctx.say(tr("Online enumeration") + ": " + window_text(c->online_from, c->online_to));
    ctx.say(tr("Enumeration on tablets") + ": " + window_text(c->tablet_from, c->tablet_to));
    ctx.say(tr("Census ends") + ": " + c->end_date);
    ctx.say(tr("Legal basis") + ": " +
            (c->order_number.empty() ? std::string() : format_message(tr("order No. {} of {}"), {c->order_number, c->order_date})));
    if (auto next = next_milestone(*c, today))
        ctx.say(format_message(trn("Next: {}, {} (in {} day).", "Next: {}, {} (in {} days).", next->days),
                               {tr(milestone_label(next->milestone)), next->date, std::to_string(next->days)}));
    return {};
}

Status cmd_settings_census_set(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"round", "reference-date", "reference-time", "utc-offset", "list-date", "region-list-date",
                          "online-from", "online-to", "tablet-from", "tablet-to", "end", "order-number", "order-date"});
        !ok)
        return ok;
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto current = census_calendar(**session);
    SANAQ_TRY(current);
    // What is not given stays as it is, as `settings department` does.
    CensusCalendar c = *current;
    c.round.name = a.get_or("round", c.round.name);
    c.round.reference_date = a.get_or("reference-date", c.round.reference_date);
    c.round.reference_time = a.get_or("reference-time", c.round.reference_time.empty() ? "00:00" : c.round.reference_time);
    c.round.utc_offset = a.get_or("utc-offset", c.round.utc_offset);
    c.list_date = a.get_or("list-date", c.list_date);
    // REGION=DATE sets one region's date; REGION= removes it.
    for (const auto& spec : a.all("region-list-date")) {
        const auto eq = spec.find('=');
        if (eq == std::string::npos)
            return fail(ErrorCode::Usage, N_("Give a region's list date as REGION=YYYY-MM-DD, such as 59=2021-07-01."));
        const std::string region = spec.substr(0, eq), date = spec.substr(eq + 1);
        std::erase_if(c.region_list_dates, [&](const RegionListDate& r) { return r.region == region; });
        if (!date.empty()) c.region_list_dates.push_back({region, date});
    }
    std::sort(c.region_list_dates.begin(), c.region_list_dates.end(),
              [](const RegionListDate& x, const RegionListDate& y) { return x.region < y.region; });
    c.online_from = a.get_or("online-from", c.online_from);
    c.online_to = a.get_or("online-to", c.online_to);
    c.tablet_from = a.get_or("tablet-from", c.tablet_from);
    c.tablet_to = a.get_or("tablet-to", c.tablet_to);
    c.end_date = a.get_or("end", c.end_date);
    c.order_number = a.get_or("order-number", c.order_number);
    c.order_date = a.get_or("order-date", c.order_date);
    SANAQ_TRY(set_census_calendar(**session, c));
    if (ctx.json()) ctx.emit(calendar_to_json(c, local_date(ctx.clock().now())));
    else ctx.say(format_message(tr("The calendar of census round {} is saved."), {c.round.name}));
    return {};
}

}  // namespace sanaq::cli

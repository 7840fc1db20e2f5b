// user confirm-access, workspace rekey: the per-role keys (db/README.md, "Key hierarchy") as an
// officer, supervisor or administrator drives them from the terminal.
#include <iostream>

#include "cli/commands.h"
#include "core/usecases/users.h"

namespace sanaq::cli {
namespace {
using i18n::format_message;
using nlohmann::ordered_json;

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}
}  // namespace

Status cmd_user_confirm_access(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({}));
    const std::string name = a.positional(0);
    auto session = ctx.session();
    SANAQ_TRY(session);
    if (name.empty()) {  // who is waiting for this member's confirmation
        auto waiting = colleagues_awaiting_access(**session);
        SANAQ_TRY(waiting);
        if (ctx.json())
            ctx.emit(ordered_json{{"awaiting_confirmation", *waiting}});
        else if (waiting->empty())
            ctx.say(tr("Nobody is waiting for you to confirm their access."));
        else
            ctx.say(format_message(tr("Waiting for your confirmation: {}. Confirm one with: sanaq "
                                      "user confirm-access NAME"),
                                   {joined(*waiting)}));
        return {};
    }
    auto given = confirm_access(**session, name);
    SANAQ_TRY(given);
    if (ctx.json())
        ctx.emit(ordered_json{{"user", name}, {"parts_given", *given}});
    else if (given->empty())
        ctx.say(
            format_message(tr("{} already has every part of the workspace you can give."), {name}));
    else
        ctx.say(format_message(tr("{} can now open: {}."), {name, joined(*given)}));
    return {};
}

Status cmd_workspace_rekey(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();  // re-keys at sign-in already; this reports what is left
    SANAQ_TRY(session);
    auto parts = rekey_parts(**session);
    SANAQ_TRY(parts);
    std::vector<std::string> done = ctx.rekeyed_at_sign_in();
    done.insert(done.end(), parts->begin(), parts->end());
    const auto waiting = (*session)->keys.parts_to_rekey();
    if (ctx.json())
        ctx.emit(ordered_json{{"rekeyed", done}, {"still_waiting", waiting}});
    else if (done.empty())
        ctx.say(tr("Nothing is waiting to be re-keyed that your account can re-key."));
    else
        ctx.say(format_message(tr("Re-keyed: {}."), {joined(done)}));
    return {};
}

Status cmd_workspace_convert_keys(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();  // signing in gives this user their member keys
    SANAQ_TRY(session);
    const bool per_role = (*session)->keys.per_role_keys();
    auto waiting = users_awaiting_key_conversion(**session);
    SANAQ_TRY(waiting);
    if (ctx.json())
        ctx.emit(ordered_json{{"key_layout", per_role ? "per-role" : "single-key"},
                              {"awaiting_sign_in", *waiting}});
    else if (per_role)
        ctx.say(tr("This workspace already has per-role keys."));
    else if (!waiting->empty())
        ctx.say(format_message(
            tr("Before this workspace can move to per-role keys, each of these users must sign in "
               "once: {}."),
            {joined(*waiting)}));
    else
        ctx.say(tr("Every user has signed in once and has member keys of their own. Moving the "
                   "data into per-role parts is not available in this version yet."));
    return {};
}

}  // namespace sanaq::cli

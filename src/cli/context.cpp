#include "cli/context.h"

#include <cstdlib>
#include <iostream>

#include "cli/output.h"
#include "command_line/terminal.h"
#include "core/i18n/catalog.h"
#include "core/usecases/users.h"

namespace sanaq::cli {

std::filesystem::path default_workspace() {
    if (const char* v = std::getenv("SANAQ_WORKSPACE"); v && *v) return v;
    if (const char* v = std::getenv("XDG_DATA_HOME"); v && *v)
        return std::filesystem::path(v) / "sanaq" / "workspace";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".local" / "share" / "sanaq" / "workspace";
}

Result<std::string> Context::password() {
    if (globals_.password_file) return read_secret_file(*globals_.password_file);
    if (const char* v = std::getenv("SANAQ_PASSWORD")) return std::string(v);
    return prompt_secret(i18n::format_message(tr("Password for {}: "), {globals_.user}));
}

Result<std::string> Context::new_password(const std::string& for_whom) {
    if (const char* v = std::getenv("SANAQ_NEW_PASSWORD")) return std::string(v);
    auto first = prompt_secret(i18n::format_message(tr("New password for {}: "), {for_whom}));
    if (!first) return first;
    auto second = prompt_secret(tr("Repeat the new password: "));
    if (!second) return second;
    if (*first != *second) return fail(ErrorCode::InvalidInput, N_("The two passwords differ."));
    return first;
}

Result<Session*> Context::session() {
    if (session_) return &*session_;
    if (globals_.user.empty())
        return fail(ErrorCode::Usage, N_("Say who you are: --user NAME or SANAQ_USER."));
    auto pw = password();
    SANAQ_TRY(pw);
    // A single-key workspace split into per-role files at this sign-in says so on stderr once.
    db::OpenOptions options;
    options.key_split_progress = [said = false](std::uint64_t, std::uint64_t) mutable {
        if (!said) std::cerr << tr("Converting the workspace to per-role keys…") << '\n';
        said = true;
        return true;
    };
    auto ws = db::Workspace::open(globals_.workspace, globals_.user, *pw, std::move(options));
    SANAQ_TRY(ws);
    workspace_ = std::move(*ws);
    if (const auto& failed = workspace_->key_split_failure())
        std::cerr << tr("The workspace could not be converted to per-role keys; it keeps its "
                        "single key until the next sign-in of an officer or supervisor.")
                  << ' ' << i18n::render(*failed, i18n::current()) << '\n';
    auto s = sign_in(*workspace_, *workspace_, clock_, globals_.user);
    SANAQ_TRY(s);
    session_.emplace(*s);
    // Parts that a removed colleague could still open are re-keyed by the next member who may
    // (census can take a minute at a million persons: say so on stderr, stdout stays the
    // command's).
    if (!workspace_->parts_to_rekey().empty()) {
        std::cerr << tr("Re-keying the workspace after a change of members…") << '\n';
        auto parts = rekey_parts(*session_);
        SANAQ_TRY(parts);
        rekeyed_at_sign_in_ = std::move(*parts);
    }
    return &*session_;
}

Result<Session*> Context::sign_in_as(const std::string& user, const std::string& password) {
    session_.reset();
    workspace_.reset();  // releases the lock before the next open takes it
    auto ws = db::Workspace::open(globals_.workspace, user, password);
    SANAQ_TRY(ws);
    workspace_ = std::move(*ws);
    auto s = sign_in(*workspace_, *workspace_, clock_, user);
    SANAQ_TRY(s);
    session_.emplace(*s);
    return &*session_;
}

Status Context::create_workspace(const std::string& admin, const std::string& password,
                                 bool per_role) {
    auto ws = per_role ? db::Workspace::create_per_role(globals_.workspace, admin, password,
                                                        db::kdf_from_environment())
                       : db::Workspace::create(globals_.workspace, admin, password,
                                               db::kdf_from_environment());
    SANAQ_TRY(ws);
    workspace_ = std::move(*ws);
    session_.emplace(Session{*workspace_, *workspace_, clock_, Actor{admin, Role::Administrator}});
    return {};
}

}  // namespace sanaq::cli

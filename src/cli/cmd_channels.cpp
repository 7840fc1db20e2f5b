// channels import, channels list: the census database's files of people it counted itself
// (online on sanaq.gov.kz, tablets synced over VPN).
#include <algorithm>
#include <filesystem>

#include "app/channel_imports.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/stop_request.h"
#include "coverage/channel_import.h"

namespace sanaq::cli {
namespace {
using i18n::format_message;
using nlohmann::ordered_json;

ordered_json to_json(const ChannelFile& f) {
    return {{"id", f.id},
            {"source", f.source},
            {"version", f.version},
            {"file", f.source_name},
            {"imported_at", f.imported_at_utc},
            {"imported_by", f.imported_by},
            {"rows_read", f.rows_read},
            {"rows_imported", f.rows_imported},
            {"rows_rejected", f.rows_rejected},
            {"rows_with_warnings", f.rows_with_warnings},
            {"encoding", f.encoding}};
}

}  // namespace

Status cmd_channels_import(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"source", "valid-only"}));
    const std::string file = a.positional(0);
    if (file.empty())
        return fail(ErrorCode::Usage, N_("Name the channel file to import (.csv or .xlsx)."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    ChannelImportRequest request{file, a.get_or("source", "")};
    StopRequest stop;  // Ctrl+C: nothing of the file is stored
    const app::CancelToken cancel(stop.flag());
    auto done =
        app::import_channels(**session, request, {.valid_only = a.flag("valid-only")}, {}, cancel);
    SANAQ_TRY(done);
    const auto& f = done->stored;
    if (ctx.json()) {
        auto j = to_json(f);
        ctx.emit(j);
        return {};
    }
    ctx.say(format_message(
        trn("Version {} of the channel file from {} is stored: {} person counted elsewhere ({} "
            "rows rejected). Run `reconcile` to update coverage.",
            "Version {} of the channel file from {} is stored: {} persons counted elsewhere ({} "
            "rows rejected). Run `reconcile` to update coverage.",
            static_cast<long>(f.rows_imported)),
        {std::to_string(f.version), f.source, std::to_string(f.rows_imported),
         std::to_string(f.rows_rejected)}));
    return {};
}

Status cmd_channels_list(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"source"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto versions = channel_file_versions(**session, a.get_or("source", ""));
    SANAQ_TRY(versions);
    if (ctx.json()) {
        ordered_json rows = ordered_json::array();
        for (const auto& f : *versions) rows.push_back(to_json(f));
        ctx.emit(rows);
        return {};
    }
    if (versions->empty()) {
        ctx.say(tr("No channel files are imported yet. `channels import FILE` imports one."));
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : *versions)
        rows.push_back({f.source, std::to_string(f.version), f.source_name, f.imported_at_utc,
                        f.imported_by, std::to_string(f.rows_imported),
                        std::to_string(f.rows_rejected)});
    ctx.say(table({tr("Source"), tr("Version"), tr("File"), tr("Imported at"), tr("By"),
                   tr("Persons"), tr("Rejected")},
                  rows));
    return {};
}

}  // namespace sanaq::cli

// list import, list versions
#include <filesystem>
#include <iostream>

#include "app/list_imports.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/stop_request.h"
#include "coverage/list_import.h"

namespace sanaq::cli {
namespace {
using i18n::format_message;
using nlohmann::ordered_json;

std::string render(std::string_view msgid, const std::vector<std::string>& args) {
    return format_message(tr(msgid), args);
}
std::string message(const Error& e) { return i18n::render(e, i18n::current()); }

ordered_json to_json(const lists::ListProblem& p) {
    ordered_json j{{"code", lists::problem_code_name(p.code)},
                   {"severity", p.severity == lists::Severity::Error ? "error" : "warning"},
                   {"message", message(p.message)}};
    if (p.field) j["field"] = lists::list_field_code(*p.field);
    return j;
}

ordered_json to_json(const lists::ListEntry& e) {
    return {{"line", e.line},         {"iin", e.iin},         {"surname", e.surname},
            {"name", e.name},         {"patronymic", e.patronymic},
            {"sex", e.sex ? std::string(sex_code(*e.sex)) : std::string()},
            {"birth_date", e.birth_date},
            {"category", e.category ? std::string(lists::list_category_code(*e.category)) : std::string()}};
}

ordered_json to_json(const StoredList& l) {
    return {{"id", l.id},
            {"institution_bin", l.institution_bin},
            {"as_of", l.as_of},
            {"version", l.version},
            {"file", l.source_name},
            {"imported_at", l.imported_at_utc},
            {"imported_by", l.imported_by},
            {"rows_read", l.rows_read},
            {"rows_imported", l.rows_imported},
            {"rows_rejected", l.rows_rejected},
            {"rows_with_warnings", l.rows_with_warnings},
            {"encoding", l.encoding}};
}

ordered_json preview_json(const ListImportPreview& p) {
    const auto& pv = p.preview;
    ordered_json rows = ordered_json::array();
    for (const auto& r : pv.rows) {
        if (r.problems.empty()) continue;   // the clean rows add nothing a person must read
        ordered_json problems = ordered_json::array();
        for (const auto& pr : r.problems) problems.push_back(to_json(pr));
        rows.push_back({{"line", r.entry.line}, {"importable", r.importable()}, {"problems", problems}});
    }
    ordered_json file_problems = ordered_json::array();
    for (const auto& e : pv.file_problems) file_problems.push_back(cli::to_json(e));
    ordered_json j{{"institution_bin", p.request.institution_bin},
                   {"as_of", p.request.as_of},
                   {"file", p.source_name},
                   {"encoding", pv.encoding},
                   {"mapping_detected", pv.mapping_detected},
                   {"mapping", nlohmann::ordered_json::parse(pv.mapping.to_json())},
                   {"unknown_columns", pv.unknown_columns},
                   {"rows", pv.rows.size()},
                   {"importable", pv.importable_count()},
                   {"rejected", pv.rejected_count()},
                   {"with_warnings", pv.warning_count()},
                   {"file_problems", file_problems},
                   {"rows_with_problems", rows},
                   {"version", p.version}};
    if (p.previous) j["previous_version"] = to_json(*p.previous);
    if (p.diff) {
        ordered_json added = ordered_json::array(), removed = ordered_json::array(), changed = ordered_json::array();
        for (const auto& e : p.diff->added) added.push_back(to_json(e));
        for (const auto& e : p.diff->removed) removed.push_back(to_json(e));
        for (const auto& c : p.diff->changed) {
            ordered_json fields = ordered_json::array();
            for (auto f : c.fields) fields.push_back(lists::entry_field_code(f));
            changed.push_back({{"before", to_json(c.before)}, {"after", to_json(c.after)}, {"fields", fields}});
        }
        j["changes"] = {{"added", added}, {"removed", removed}, {"changed", changed}, {"unchanged", p.diff->unchanged}};
    }
    return j;
}

void say_preview(Context& ctx, const ListImportPreview& p) {
    const auto& pv = p.preview;
    ctx.say(format_message(tr("{}: rows read: {} ({}); can be imported: {}, rejected: {}, with warnings: {}."),
                           {p.source_name, std::to_string(pv.rows.size()), pv.encoding,
                            std::to_string(pv.importable_count()), std::to_string(pv.rejected_count()),
                            std::to_string(pv.warning_count())}));
    for (const auto& e : pv.file_problems) ctx.say("  " + message(e));
    if (!pv.unknown_columns.empty()) {
        std::string cols;
        for (const auto& c : pv.unknown_columns) cols += (cols.empty() ? "" : ", ") + c;
        ctx.say(format_message(tr("Columns not recognised (ignored): {}"), {cols}));
    }
    // Errors first (they keep rows out), then warnings; at most 40 lines — --json has them all.
    std::vector<std::vector<std::string>> rows;
    for (auto severity : {lists::Severity::Error, lists::Severity::Warning})
        for (const auto& r : pv.rows)
            for (const auto& pr : r.problems)
                if (pr.severity == severity && rows.size() < 40)
                    rows.push_back({std::to_string(r.entry.line),
                                    severity == lists::Severity::Error ? tr("error") : tr("warning"), message(pr.message)});
    if (!rows.empty()) ctx.say(table({tr("Line"), tr("Severity"), tr("Problem")}, rows));
    if (p.diff)
        ctx.say(format_message(tr("Against version {} of {}: {} added, {} removed, {} changed, {} unchanged."),
                               {std::to_string(p.previous->version), p.previous->as_of,
                                std::to_string(p.diff->added.size()), std::to_string(p.diff->removed.size()),
                                std::to_string(p.diff->changed.size()), std::to_string(p.diff->unchanged)}));
}

}  // namespace

Status cmd_list_import(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"institution", "as-of", "mapping", "save-mapping", "dry-run", "valid-only", "rejected-out"}); !ok)
        return ok;
    const std::string file = a.positional(0);
    if (file.empty()) return fail(ErrorCode::Usage, N_("Name the list file to import (.csv or .xlsx)."));
    auto bin = a.need("institution");
    SANAQ_TRY(bin);
    auto session = ctx.session();
    SANAQ_TRY(session);
    ListImportRequest request;
    request.file = file;
    request.institution_bin = *bin;
    request.as_of = a.get_or("as-of", "");
    request.mapping_name = a.get_or("mapping", "");
    request.save_mapping_as = a.get_or("save-mapping", "");
    StopRequest stop;  // Ctrl+C: nothing of the list is stored
    const app::CancelToken cancel(stop.flag());
    auto preview = app::read_list(**session, request, {}, cancel);
    SANAQ_TRY(preview);
    if (auto out = a.get("rejected-out"); out && preview->preview.rejected_count() > 0) {
        SANAQ_TRY(export_rejected_rows(**session, *preview, *out, render));
        if (!ctx.json())
            ctx.say(format_message(trn("The {} rejected row and its problems are in {}.",
                                       "The {} rejected rows and their problems are in {}.",
                                       static_cast<long>(preview->preview.rejected_count())),
                                   {std::to_string(preview->preview.rejected_count()), *out}));
    }
    const bool dry = a.flag("dry-run");
    const auto& pv = preview->preview;
    if (!ctx.json()) say_preview(ctx, *preview);
    if (!pv.file_problems.empty()) {
        if (ctx.json()) ctx.emit(preview_json(*preview));
        return std::unexpected(pv.file_problems.front());
    }
    if (dry) {
        if (ctx.json()) ctx.emit(preview_json(*preview));
        else ctx.say(tr("Dry run: nothing was stored."));
        return {};
    }
    auto stored = app::store_list(**session, *preview, {.valid_only = a.flag("valid-only")}, {}, cancel);
    if (!stored) {
        // The rows that kept the list out are in the one document too.
        if (ctx.json() && stored.error().code == ErrorCode::InvalidInput) ctx.emit(preview_json(*preview));
        return std::unexpected(stored.error());
    }
    if (ctx.json()) {
        auto j = preview_json(*preview);
        j["stored"] = to_json(*stored);
        ctx.emit(j);
    } else {
        ctx.say(format_message(trn("Version {} of the list of institution {} as of {} is stored: {} person. Run `reconcile` to update coverage.",
                                   "Version {} of the list of institution {} as of {} is stored: {} persons. Run `reconcile` to update coverage.",
                                   static_cast<long>(stored->rows_imported)),
                               {std::to_string(stored->version), stored->institution_bin, stored->as_of,
                                std::to_string(stored->rows_imported)}));
    }
    return {};
}

Status cmd_list_versions(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"institution"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto versions = list_versions(**session, a.get_or("institution", ""));
    SANAQ_TRY(versions);
    if (ctx.json()) {
        ordered_json rows = ordered_json::array();
        for (const auto& l : *versions) rows.push_back(to_json(l));
        ctx.emit(rows);
        return {};
    }
    if (versions->empty()) {
        ctx.say(tr("No lists are imported yet. `list import FILE --institution BIN` imports one."));
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : *versions)
        rows.push_back({l.institution_bin, l.as_of, std::to_string(l.version), l.source_name, l.imported_at_utc,
                        l.imported_by, std::to_string(l.rows_imported), std::to_string(l.rows_rejected)});
    ctx.say(table({tr("BIN"), tr("As of"), tr("Version"), tr("File"), tr("Imported at"), tr("By"), tr("Persons"),
                        tr("Rejected")},
                       rows));
    return {};
}

}  // namespace sanaq::cli

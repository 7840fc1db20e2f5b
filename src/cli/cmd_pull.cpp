// keys department-public, kit enroll-device, kit allow-return, pull, quarantine …, records stats
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/stop_request.h"
#include "app/tablet_pulls.h"
#include "app/tablets.h"
#include "command_line/terminal.h"
#include "core/io/atomic_file.h"
#include "core/domain/printable.h"
#include "core/package/folder_storage.h"
#include "core/usecases/devices.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/pull.h"

namespace sanaq::cli {
namespace {
using i18n::format_message;
using nlohmann::ordered_json;

Result<std::string> read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::Io, N_("The file {} could not be read."), {path});
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Result<std::int64_t> parse_id(const std::string& text) {
    try {
        std::size_t used = 0;
        const auto v = std::stoll(text, &used);
        if (used == text.size() && v > 0) return v;
    } catch (const std::exception&) {
    }
    return fail(ErrorCode::Usage,
                N_("Give the number of the quarantined package, as `quarantine list` shows it."));
}

std::string message(const Error& e) { return i18n::render(e, i18n::current()); }

ordered_json to_json(const PackageOutcome& p) {
    ordered_json j{{"file", p.file_name},
                   {"package_uuid", p.package_uuid},
                   {"status", package_status_code(p.status)},
                   {"households", p.households},
                   {"persons", p.persons},
                   {"ignored_older", p.ignored_older},
                   {"warnings", p.warnings},
                   {"receipt_written", p.receipt_written}};
    if (p.reason) j["reason"] = quarantine_reason_code(*p.reason);
    if (p.error) j["message"] = message(*p.error);
    if (!p.calendar_warnings.empty()) {
        j["calendar_warnings"] = ordered_json::array();
        for (const auto& w : p.calendar_warnings) j["calendar_warnings"].push_back(message(w));
    }
    return j;
}

ordered_json to_json(const PullSummary& s) {
    ordered_json packages = ordered_json::array();
    for (const auto& p : s.packages) packages.push_back(to_json(p));
    ordered_json gaps = ordered_json::array();
    for (const auto& g : s.gaps) gaps.push_back(message(g));
    ordered_json calendar_warnings = ordered_json::array();
    for (const auto& w : s.calendar_warnings)
        calendar_warnings.push_back({{"package_uuid", w.package_uuid},
                                     {"kind", calendar_warning_code(w.kind)},
                                     {"census_round", w.census_round},
                                     {"exported_at", w.exported_at_utc},
                                     {"message", message(calendar_warning_message(w.kind, w.census_round,
                                                                                  w.exported_at_utc, w.expected))}});
    ordered_json j{{"pull_id", s.pull_id},
                   {"source", s.source},
                   {"kit", s.kit_number},
                   {"outcome", pull_outcome_code(s.outcome)},
                   {"packages_received", s.packages_received},
                   {"packages_already_received", s.packages_already},
                   {"packages_quarantined", s.packages_quarantined},
                   {"households_stored", s.households_stored},
                   {"persons_stored", s.persons_stored},
                   {"records_superseded", s.records_superseded},
                   {"records_ignored_older", s.records_ignored_older},
                   {"warnings", s.warnings},
                   {"bytes", s.bytes},
                   {"packages_left_on_tablet", s.packages_left},
                   {"sequence_gaps", gaps},
                   {"clock_skew_seconds", s.clock_skew_seconds},
                   {"calendar_warnings", calendar_warnings},
                   {"packages", packages}};
    if (s.stopped_by) j["stopped_by"] = cli::to_json(*s.stopped_by);
    return j;
}

void say_summary(Context& ctx, const PullSummary& s) {
    ctx.say(
        format_message(tr("Pulled from {}: received: {}, already received: {}, quarantined: {}; "
                          "stored households: {}, persons: {}."),
                       {printable_name(s.source), std::to_string(s.packages_received),
                        std::to_string(s.packages_already), std::to_string(s.packages_quarantined),
                        std::to_string(s.households_stored), std::to_string(s.persons_stored)}));
    for (const auto& p : s.packages)
        if (p.status == PackageStatus::Quarantined && p.error)
            ctx.say("  " + printable_name(p.file_name) + ": " + message(*p.error));
    if (s.records_ignored_older > 0)
        ctx.say(format_message(
            trn("{} record was an older revision than the one stored and was ignored.",
                "{} records were older revisions than those stored and were ignored.",
                static_cast<long>(s.records_ignored_older)),
            {std::to_string(s.records_ignored_older)}));
    if (s.warnings > 0)
        ctx.say(format_message(trn("{} record has warnings (an IIN with a wrong check digit, an "
                                   "unreadable date); it was stored.",
                                   "{} records have warnings (an IIN with a wrong check digit, an "
                                   "unreadable date); they were stored.",
                                   static_cast<long>(s.warnings)),
                               {std::to_string(s.warnings)}));
    for (const auto& g : s.gaps) ctx.say(message(g));
    for (const auto& p : s.packages)
        for (const auto& w : p.calendar_warnings)
            ctx.say(tr("Warning") + ": " + printable_name(p.file_name) + ": " + message(w));
    if (s.clock_skew_seconds > 0)
        ctx.say(format_message(trn("The tablet's clock is ahead of this workstation by {} minute; "
                                   "set its time before the next interviews.",
                                   "The tablet's clock is ahead of this workstation by {} minutes; "
                                   "set its time before the next interviews.",
                                   static_cast<long>(s.clock_skew_seconds / 60)),
                               {std::to_string(s.clock_skew_seconds / 60)}));
    if (s.stopped_by) ctx.say(message(*s.stopped_by));
    if (s.packages_left > 0)
        ctx.say(format_message(trn("{} package remains on the tablet without a receipt.",
                                   "{} packages remain on the tablet without a receipt.",
                                   static_cast<long>(s.packages_left)),
                               {std::to_string(s.packages_left)}));
}

/// Ctrl+C cancels between packages (the pull reports what it committed); a progress line on stderr
/// for people, nothing for --json or when stderr is not a terminal.
app::TabletPullProgressFn pull_progress(Context& ctx) {
    if (ctx.json() || !stderr_is_terminal()) return {};
    return [](const app::TabletPullProgress& t) {
        const PullProgress& p = t.package;
        std::cerr << '\r' << p.index << '/' << p.count << "  " << printable_name(p.file) << "  "
                  << (p.total_bytes >> 10) << " KiB  "
                  << static_cast<long long>(p.bytes_per_second / 1024) << " KiB/s   " << std::flush;
    };
}

}  // namespace

Status cmd_keys_department_public(Context& ctx) {
    SANAQ_TRY(ctx.args().only({"out"}));
    auto out = ctx.args().need("out");
    SANAQ_TRY(out);
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto text = department_public_keys(**session);
    SANAQ_TRY(text);
    SANAQ_TRY(io::write_file_atomically(*out, *text));
    if (ctx.json())
        ctx.emit(ordered_json{{"written", *out}});
    else
        ctx.say(format_message(tr("The department's public keys are in {}. Put this file on each "
                                  "tablet as Documents/Sanaq/department-keys.pem."),
                               {*out}));
    return {};
}

Status cmd_kit_enroll_device(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"public-key", "reason"}));
    const std::string kit = a.positional(0);
    if (kit.empty()) return fail(ErrorCode::Usage, N_("Name the kit whose tablet key to enrol."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    std::string pem;
    if (auto file = a.get("public-key")) {
        auto text = read_text_file(*file);
        SANAQ_TRY(text);
        pem = *text;
    } else {
        // Read it from the kit's tablet, plugged in now.
        auto found = find_kit(**session, kit);
        SANAQ_TRY(found);
        auto key = app::read_kit_tablet_key(*app::Tablets::from_environment(), *found);
        SANAQ_TRY(key);
        pem = *key;
    }
    auto enrolled = enroll_device_key(**session, kit, pem, a.get_or("reason", ""));
    SANAQ_TRY(enrolled);
    if (ctx.json())
        ctx.emit(ordered_json{{"kit", enrolled->kit_number}, {"device_id", enrolled->device_id}});
    else
        ctx.say(format_message(tr("Device key {} is enrolled on kit {}."),
                               {enrolled->device_id.substr(0, 16), enrolled->kit_number}));
    return {};
}

Status cmd_kit_allow_return(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"reason"}));
    const std::string kit = a.positional(0);
    if (kit.empty()) return fail(ErrorCode::Usage, N_("Name the kit whose return to allow."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(override_return_gate(**session, kit, a.get_or("reason", "")));
    if (ctx.json())
        ctx.emit(ordered_json{{"kit", kit}, {"return_allowed", true}});
    else
        ctx.say(format_message(tr("Kit {} may now be checked in."), {kit}));
    return {};
}

Status cmd_pull(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"from-dir", "serial", "all"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto tablets = app::Tablets::from_environment();
    std::vector<app::TabletToPull> chosen;
    if (auto dir = a.get("from-dir")) {
        if (!std::filesystem::is_directory(*dir))
            return fail(ErrorCode::NotFound, N_("The folder {} does not exist."), {*dir});
        chosen.push_back({*dir, "", std::make_unique<package::FolderTabletStorage>(*dir), std::nullopt});
    } else {
        auto found = app::choose_tablets_for_pull(*tablets, a.get_or("serial", ""), a.flag("all"));
        SANAQ_TRY(found);
        chosen = std::move(*found);
    }
    StopRequest stop;
    const bool one = chosen.size() == 1;
    // Every tablet is pulled even when another could not be: what each committed stays, and the
    // run reports them all (one document with --json) with the first failure as its outcome.
    auto pulls = app::pull_tablets(**session, *tablets, std::move(chosen), pull_progress(ctx),
                                   app::CancelToken(stop.flag()));
    if (!ctx.json() && stderr_is_terminal()) std::cerr << '\n';
    if (one && !pulls.empty() && !pulls.front().outcome) return std::unexpected(pulls.front().outcome.error());
    ordered_json reports = ordered_json::array();
    for (const auto& pull : pulls) {
        if (pull.outcome) {
            if (ctx.json()) reports.push_back(to_json(*pull.outcome));
            else say_summary(ctx, *pull.outcome);
        } else if (ctx.json()) {
            reports.push_back({{"source", pull.label}, {"error", cli::to_json(pull.outcome.error())}});
        } else {
            std::cerr << printable_name(pull.label) << ": " << printable_text(message(pull.outcome.error())) << '\n';
        }
    }
    if (ctx.json()) {
        if (one && !reports.empty()) ctx.emit(reports.front());
        else ctx.emit(ordered_json{{"pulls", reports}});
    }
    if (auto failed = app::first_failure(pulls)) return std::unexpected(*failed);
    return {};
}

Status cmd_quarantine_list(Context& ctx) {
    SANAQ_TRY(ctx.args().only({"include-resolved"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto list = list_quarantine(**session, ctx.args().flag("include-resolved"));
    SANAQ_TRY(list);
    if (ctx.json()) {
        ordered_json rows = ordered_json::array();
        for (const auto& q : *list)
            rows.push_back({{"id", q.id},
                            {"file", q.file_name},
                            {"package_uuid", q.package_uuid},
                            {"kit", q.kit_number},
                            {"device_id", q.device_id},
                            {"reason", quarantine_reason_code(q.reason)},
                            {"reason_text", tr(quarantine_reason_label(q.reason))},
                            {"detail", q.detail},
                            {"source", q.source},
                            {"quarantined_at", q.quarantined_at_utc},
                            {"size", q.size},
                            {"file_size", q.file_size},
                            {"sha256", q.sha256},
                            {"resolved", q.resolved},
                            {"resolution", q.resolution}});
        ctx.emit(ordered_json{{"quarantine", rows}});
        return {};
    }
    if (list->empty()) {
        ctx.say(tr("The quarantine is empty."));
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& q : *list)
        rows.push_back({std::to_string(q.id), q.quarantined_at_utc, printable_name(q.kit_number),
                        printable_name(q.file_name),
                        tr(quarantine_reason_label(q.reason)), q.resolution});
    ctx.say(
        table({tr("No."), tr("Quarantined at"), tr("Kit"), tr("File"), tr("Reason"), tr("Settled")},
              rows));
    return {};
}

Status cmd_quarantine_retry(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto id = parse_id(ctx.args().positional(0));
    SANAQ_TRY(id);
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto outcome = retry_quarantined(**session, *id);
    SANAQ_TRY(outcome);
    if (ctx.json()) {
        ctx.emit(to_json(*outcome));
        return {};
    }
    if (outcome->status == PackageStatus::Quarantined)
        ctx.say(
            format_message(tr("Package {} is still refused: {}"),
                           {printable_name(outcome->file_name),
                            outcome->error ? message(*outcome->error) : ""}));
    else
        ctx.say(format_message(tr("Package {} is stored (households: {}, persons: {}). The tablet "
                                  "gets its receipt at the next pull."),
                               {printable_name(outcome->file_name), std::to_string(outcome->households),
                                std::to_string(outcome->persons)}));
    return {};
}

Status cmd_quarantine_dismiss(Context& ctx) {
    SANAQ_TRY(ctx.args().only({"reason"}));
    auto id = parse_id(ctx.args().positional(0));
    SANAQ_TRY(id);
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(dismiss_quarantined(**session, *id, ctx.args().get_or("reason", "")));
    if (ctx.json())
        ctx.emit(ordered_json{{"id", *id}, {"dismissed", true}});
    else
        ctx.say(
            format_message(tr("Quarantined package {} is dismissed; its bytes stay in the store."),
                           {std::to_string(*id)}));
    return {};
}

Status cmd_records_stats(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto s = census_stats(**session);
    SANAQ_TRY(s);
    if (ctx.json()) {
        ctx.emit(ordered_json{{"households", s->households},
                              {"persons", s->persons},
                              {"packages", s->packages},
                              {"kits", s->kits},
                              {"quarantined_open", s->quarantined_open}});
        return {};
    }
    ctx.say(format_message(
        tr("Stored persons: {}, households: {}, from packages: {} of kits: {}; packages in the "
           "quarantine: {}."),

        {std::to_string(s->persons), std::to_string(s->households), std::to_string(s->packages),
         std::to_string(s->kits), std::to_string(s->quarantined_open)}));
    return {};
}

}  // namespace sanaq::cli

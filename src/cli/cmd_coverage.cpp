// reconcile, coverage, records export
#include <cmath>
#include <cstdio>
#include <iostream>

#include "app/coverage_exports.h"
#include "app/reconciliations.h"
#include "app/records_exports.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/stop_request.h"
#include "command_line/terminal.h"
#include "coverage/coverage_report.h"
#include "coverage/reconcile_run.h"
#include "matching/reconcile.h"

namespace sanaq::cli {
namespace {
using i18n::format_message;
using nlohmann::ordered_json;

std::string translate(const char* msgid) { return tr(msgid); }

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", s);
    return buf;
}

ordered_json to_json(const ReconcileRun& r) {
    return {{"id", r.id},
            {"started_at", r.started_at_utc},
            {"finished_at", r.finished_at_utc},
            {"user", r.user},
            {"listed", r.listed},
            {"enumerated", r.enumerated},
            {"matched", r.matched},
            {"review", r.review},
            {"conflict", r.conflict},
            {"missing", r.missing},
            {"extra", r.extra},
            {"duplicate", r.duplicate},
            {"pairs_compared", r.pairs_compared},
            {"decisions_applied", r.decisions_applied},
            {"seconds", r.seconds}};
}

/// `breakdowns`: false when the counts come from the department's summary, which does not carry
/// the channel, source and resident-category breakdowns: they are unknown there, not zero.
ordered_json to_json(const CoverageRow& r, bool breakdowns) {
    ordered_json j{{"key", r.key}};
    if (!r.name_ru.empty() || !r.name_kk.empty()) {
        j["name_kk"] = r.name_kk;
        j["name_ru"] = r.name_ru;
    }
    if (!r.kato.empty()) j["kato"] = r.kato;
    if (r.list_status) j["list_status"] = std::string(list_status_code(*r.list_status));
    j["institutions"] = r.institutions;
    j["listed"] = r.listed;
    j["enumerated"] = r.enumerated;
    j["matched"] = r.matched;
    j["review"] = r.review;
    j["conflict"] = r.conflict;
    j["missing"] = r.missing;
    j["extra"] = r.extra;
    j["duplicates"] = r.duplicates;
    if (!breakdowns) {
        j["coverage_percent"] = std::round(r.coverage_percent() * 10) / 10;
        return j;
    }
    ordered_json channels;
    for (std::size_t c = 0; c < kEnumerationChannelCount; ++c)
        channels[std::string(enumeration_channel_code(static_cast<EnumerationChannel>(c)))] = r.matched_by_channel[c];
    j["matched_by_channel"] = channels;
    ordered_json sources;
    for (std::size_t s = 0; s < r.matched_by_source.size(); ++s)
        sources[std::string(record_source_code(static_cast<RecordSource>(s)))] = r.matched_by_source[s];
    j["matched_by_source"] = sources;
    ordered_json residence;
    for (std::size_t i = 0; i < r.by_residence.size(); ++i) {
        const std::string key = i < 3 ? std::string(residence_code(static_cast<Residence>(i))) : "not_given";
        residence[key] = {{"listed", r.by_residence[i].listed},
                          {"matched", r.by_residence[i].matched},
                          {"missing", r.by_residence[i].missing}};
    }
    j["by_residence"] = residence;
    j["coverage_percent"] = std::round(r.coverage_percent() * 10) / 10;
    return j;
}

const char* outcome_label_of(const std::string& code) {
    for (int o = 0; o < 6; ++o)
        if (code == matching::outcome_code(static_cast<matching::Outcome>(o)))
            return matching::outcome_label(static_cast<matching::Outcome>(o));
    return N_("not reconciled yet");
}

Status people(Context& ctx, Session& session, const std::string& bin) {
    auto list = coverage_people(session, bin);
    SANAQ_TRY(list);
    if (ctx.json()) {
        ordered_json rows = ordered_json::array();
        for (const auto& p : *list) {
            ordered_json j{{"outcome", p.outcome.empty() ? "not_reconciled" : p.outcome}};
            if (!p.listed_id.empty())
                j["listed"] = {{"id", p.listed_id},         {"line", p.listed_line},
                               {"iin", p.listed_iin},       {"surname", p.listed_surname},
                               {"name", p.listed_name},     {"patronymic", p.listed_patronymic},
                               {"birth_date", p.listed_birth_date}};
            if (!p.enumerated_id.empty())
                j["enumerated"] = {{"uuid", p.enumerated_id},       {"iin", p.enumerated_iin},
                                   {"surname", p.enumerated_surname}, {"name", p.enumerated_name},
                                   {"patronymic", p.enumerated_patronymic},
                                   {"birth_date", p.enumerated_birth_date}, {"kit", p.kit_number}};
            if (p.score != 0) j["score"] = std::round(p.score * 10) / 10;
            if (!p.levels.empty()) j["levels"] = p.levels;
            j["by_supervisor"] = p.by_supervisor;
            if (p.review_id) j["review_id"] = p.review_id;
            rows.push_back(std::move(j));
        }
        ctx.emit(ordered_json{{"institution_bin", bin}, {"people", rows}});
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : *list) {
        auto full = [](const std::string& s, const std::string& n, const std::string& pa) {
            std::string out = s;
            for (const auto* part : {&n, &pa})
                if (!part->empty()) out += " " + *part;
            return out;
        };
        char score[16] = "";
        if (p.score != 0) std::snprintf(score, sizeof score, "%.1f", p.score);
        rows.push_back({tr(outcome_label_of(p.outcome)), p.listed_line ? std::to_string(p.listed_line) : "",
                        full(p.listed_surname, p.listed_name, p.listed_patronymic), p.listed_iin,
                        p.listed_birth_date, full(p.enumerated_surname, p.enumerated_name, p.enumerated_patronymic),
                        p.enumerated_iin, p.enumerated_birth_date, score});
    }
    ctx.say(table({tr("Outcome"), tr("Line"), tr("Listed as"), tr("IIN"), tr("Born"), tr("Enumerated as"), tr("IIN"),
                        tr("Born"), tr("Score")},
                       rows));
    return {};
}

}  // namespace

Status cmd_reconcile(Context& ctx) {
    SANAQ_TRY(ctx.args().only({"threads"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto threads = ctx.args().integer("threads", 0);
    SANAQ_TRY(threads);
    StopRequest stop;   // Ctrl+C: nothing of the run is stored, the last results stay
    app::JobProgressFn progress;
    if (!ctx.json() && stderr_is_terminal())
        progress = [](const app::JobProgress& p) {
            std::cerr << '\r' << tr(p.stage) << " " << p.done / 10 << "%   " << std::flush;
        };
    auto summary = app::reconcile(**session, progress, app::CancelToken(stop.flag()),
                                  static_cast<unsigned>(std::max(0, *threads)));
    if (!ctx.json() && stderr_is_terminal()) std::cerr << '\n';
    SANAQ_TRY(summary);
    const auto& r = summary->run;
    if (ctx.json()) {
        auto j = to_json(r);
        j["institutions"] = summary->institutions;
        j["review_open"] = summary->review_open;
        j["review_new"] = summary->review_new;
        j["awaiting_confirmation"] = summary->awaiting_confirmation;
        ctx.emit(j);
        return {};
    }
    ctx.say(format_message(tr("Reconciled: listed persons: {}, institutions: {}, enumerated persons: {}; time: {} s."),
                           {std::to_string(r.listed), std::to_string(summary->institutions),
                            std::to_string(r.enumerated), seconds_text(r.seconds)}));
    ctx.say(format_message(tr("Matched {}, for review {}, conflicts {}, missing {}, extra {}, counted twice {}."),
                           {std::to_string(r.matched), std::to_string(r.review), std::to_string(r.conflict),
                            std::to_string(r.missing), std::to_string(r.extra), std::to_string(r.duplicate)}));
    ctx.say(format_message(tr("Items in the review queue: {} (new: {}); `review list` shows them."),
                           {std::to_string(summary->review_open), std::to_string(summary->review_new)}));
    if (summary->awaiting_confirmation)
        ctx.say(format_message(trn("{} decision waits for a second supervisor's confirmation.",
                                   "{} decisions wait for a second supervisor's confirmation.",
                                   static_cast<long>(summary->awaiting_confirmation)),
                               {std::to_string(summary->awaiting_confirmation)}));
    return {};
}

Status cmd_coverage(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"by", "xlsx", "pdf", "lang", "institution", "people"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    if (a.flag("people")) {
        auto bin = a.need("institution");
        SANAQ_TRY(bin);
        return people(ctx, **session, *bin);
    }
    const auto level = parse_coverage_level(a.get_or("by", "institution"));
    if (!level) return fail(ErrorCode::Usage, N_("--by takes institution, district or region."));
    auto report = coverage_report(**session, *level);
    SANAQ_TRY(report);
    if (auto bin = a.get("institution")) {
        std::erase_if(report->rows, [&](const CoverageRow& r) { return r.key != *bin; });
        report->total = report->rows.empty() ? CoverageRow{} : report->rows.front();
        report->total.key.clear();
    }
    if (auto path = a.get("xlsx")) {
        SANAQ_TRY(export_coverage_xlsx(**session, *report, *path, translate));
        if (ctx.json()) ctx.emit(ordered_json{{"file", *path}, {"rows", report->rows.size()}});
        else ctx.say(format_message(tr("The coverage report is in {}."), {*path}));
        return {};
    }
    if (auto path = a.get("pdf")) {
        const std::string lang = a.get_or("lang", "both");
        acts::ReportLanguages langs = lang == "kk" ? acts::ReportLanguages::Kazakh
                                      : lang == "ru" ? acts::ReportLanguages::Russian
                                                     : acts::ReportLanguages::Both;
        if (lang != "kk" && lang != "ru" && lang != "both")
            return fail(ErrorCode::Usage, N_("--lang takes kk, ru or both for the PDF report."));
        SANAQ_TRY(app::export_coverage_pdf(**session, *report, *path, langs));
        if (ctx.json()) ctx.emit(ordered_json{{"file", *path}, {"rows", report->rows.size()}});
        else ctx.say(format_message(tr("The coverage report is in {}."), {*path}));
        return {};
    }
    if (ctx.json()) {
        ordered_json rows = ordered_json::array();
        const bool breakdowns = !report->source.summary;
        for (const auto& r : report->rows) rows.push_back(to_json(r, breakdowns));
        ordered_json progress = ordered_json::array();
        for (const auto& p : report->progress)
            progress.push_back({{"day", p.day}, {"enumerated", p.enumerated}, {"matched_cumulative", p.matched_cumulative}});
        ordered_json j{{"by", coverage_level_code(report->level)}, {"rows", rows}, {"total", to_json(report->total, breakdowns)},
                       {"progress", progress}};
        j["run"] = report->run ? to_json(*report->run) : ordered_json(nullptr);
        j["counts"] = cli::to_json(report->source);
        ctx.emit(j);
        return {};
    }
    if (report->source.summary) ctx.say(counts_source_text(report->source));
    if (!report->run)
        ctx.say(tr("Reconciliation has not been run yet: the figures below count lists only. Run `reconcile`."));
    else
        ctx.say(format_message(tr("From the reconciliation of {} by {}."), {report->run->finished_at_utc, report->run->user}));
    const CoverageTable t = coverage_table(*report, translate);
    ctx.say(table(t.header, t.rows));
    const CoverageTable residence = coverage_residence_table(*report, translate);
    ctx.say(table(residence.header, residence.rows));
    return {};
}

Status cmd_records_export(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"out", "institution"}));
    auto out = a.need("out");
    SANAQ_TRY(out);
    auto session = ctx.session();
    SANAQ_TRY(session);
    StopRequest stop;  // Ctrl+C while reading: nothing is recorded and no file is written
    app::JobProgressFn progress;
    if (!ctx.json() && stderr_is_terminal())
        progress = [](const app::JobProgress& p) {
            std::cerr << '\r' << format_message(tr("{}: {}"), {tr(p.stage), std::to_string(p.done)}) << "   "
                      << std::flush;
        };
    auto n = app::export_records(**session, *out, a.get_or("institution", ""), progress,
                                 app::CancelToken(stop.flag()));
    if (!ctx.json() && stderr_is_terminal()) std::cerr << '\n';
    SANAQ_TRY(n);
    if (ctx.json()) ctx.emit(ordered_json{{"file", *out}, {"persons", *n}});
    else
        ctx.say(format_message(trn("{} person is exported to {}. The file holds personal data outside the encrypted workspace: keep it safe and delete it when done; the export is in the audit trail.",
                                   "{} persons are exported to {}. The file holds personal data outside the encrypted workspace: keep it safe and delete it when done; the export is in the audit trail.",
                                   static_cast<long>(*n)),

                               {std::to_string(*n), *out}));
    return {};
}

}  // namespace sanaq::cli

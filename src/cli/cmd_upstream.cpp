// upstream configure / send / status / release / retry / discard / four-eyes / mark
#include <algorithm>
#include <atomic>
#include <fstream>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "app/upstream_sending.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/stop_request.h"
#include "command_line/terminal.h"
#include "upstream/client/outbox.h"

namespace sanaq::cli {
namespace {
using i18n::format_message;
using nlohmann::ordered_json;


Result<std::string> read_whole_file(const std::string& path, const char* what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::Io, N_("Cannot read the {} file {}."), {label_arg(what), path});
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The PKCS#12 password: SANAQ_P12_PASSWORD, --p12-password-file, else asked at the terminal.
Result<std::string> p12_password(const Args& a) {
    if (const char* env = std::getenv("SANAQ_P12_PASSWORD")) return std::string(env);
    if (auto file = a.get("p12-password-file")) return read_secret_file(*file);
    return prompt_secret(tr("Password of the client certificate file: "));
}

ordered_json to_json(const upstream::ConfigSummary& c) {
    return {{"url", c.url},
            {"workstation", c.workstation},
            {"certificate_not_after", c.certificate_not_after},
            {"certificate_sha256", c.certificate_fingerprint},
            {"ca", c.ca_subject},
            {"receipts_verified", c.receipts_verified},
            {"proxy", c.proxy_url},
            {"release_required", c.release_required},
            {"max_batch", c.max_batch}};
}

ordered_json to_json(const UpstreamBatch& b) {
    ordered_json j{{"uuid", b.uuid},
                   {"state", batch_state_code(b.state)},
                   {"created_at", b.created_at_utc},
                   {"created_by", b.created_by},
                   {"households", b.households},
                   {"persons", b.persons},
                   {"digest", b.digest},
                   {"bytes", b.compressed_size},
                   {"attempts", b.attempts},
                   {"last_attempt_at", b.last_attempt_at_utc},
                   {"next_attempt_at", b.next_attempt_at_utc},
                   {"error", b.last_error_code},
                   {"error_detail", b.last_error},
                   {"accepted_at", b.accepted_at_utc}};
    if (!b.released_by.empty()) {
        j["released_by"] = b.released_by;
        j["released_at"] = b.released_at_utc;
    }
    if (!b.receipt_json.empty()) j["receipt"] = ordered_json::parse(b.receipt_json, nullptr, false);
    return j;
}

ordered_json to_json(const OutboxStats& s) {
    return {{"pending_households", s.pending_households},
            {"pending_persons", s.pending_persons},
            {"batches_awaiting_release", s.batches_awaiting_release},
            {"batches_queued", s.batches_queued},
            {"batches_accepted", s.batches_accepted},
            {"batches_held", s.batches_held},
            {"batches_discarded", s.batches_discarded},
            {"persons_queued", s.persons_queued},
            {"persons_accepted", s.persons_accepted},
            {"last_accepted_at", s.last_accepted_at_utc},
            {"counts", cli::to_json(s.source)}};
}

// "accepted", "held", "retry", or the refusal of this workstation's certificate, which no retry mends.
const char* attempt_result(const upstream::SendOutcome& o) {
    switch (o.verdict) {
        case upstream::SendVerdict::Accepted: return "accepted";
        case upstream::SendVerdict::Conflict:
        case upstream::SendVerdict::Refused: return "held";
        default: return o.error_code == "client_certificate_rejected" ? "client_certificate_rejected" : "retry";
    }
}

// The run worked, but the exit status must say when nothing got through: the server unreachable,
// this workstation's certificate refused, every batch tried failed, or the queued ones all wait for
// their next try. Nothing to send (or only batches awaiting release) is success.
std::optional<Error> send_failure(const upstream::SendReport& r) {
    if (r.cancelled) return Error::make(ErrorCode::Cancelled, N_("Sending was stopped."));
    if (r.batches_accepted > 0) return std::nullopt;
    if (r.attempts.empty()) {
        if (r.batches_left == 0) return std::nullopt;   // nothing was due and nothing waits
        // Batches wait for their next try (after a failure): this run delivered none of them.
        return Error::make(ErrorCode::DeviceUnavailable,
                           N_("No batch was accepted this time. `upstream status` shows each batch's problem."));
    }
    if (r.stopped_by) {
        Error e = *r.stopped_by;
        e.message_id = N_("Nothing was sent; the batches stay queued.");
        e.args.clear();
        return e;
    }
    const bool all_held = std::ranges::all_of(r.attempts, [](const upstream::BatchAttempt& t) {
        return t.outcome.verdict == upstream::SendVerdict::Conflict || t.outcome.verdict == upstream::SendVerdict::Refused;
    });
    return Error::make(all_held ? ErrorCode::RefusedByState : ErrorCode::DeviceUnavailable,
                       N_("No batch was accepted this time. `upstream status` shows each batch's problem."));
}

std::string batch_error_text(const UpstreamBatch& b) {
    if (b.last_error_code.empty()) return "";
    return tr(upstream::failure_message(b.last_error_code));
}

}  // namespace

Status cmd_upstream_configure(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"url", "ca", "client-cert", "p12-password-file", "receipt-key", "proxy", "release-required",
                          "max-batch"});
        !ok)
        return ok;
    upstream::ConfigureRequest req;
    auto url = a.need("url");
    SANAQ_TRY(url);
    req.url = *url;
    auto ca_path = a.need("ca");
    SANAQ_TRY(ca_path);
    auto ca = read_whole_file(*ca_path, N_("CA"));
    SANAQ_TRY(ca);
    req.ca_pem = *ca;
    auto p12_path = a.need("client-cert");
    SANAQ_TRY(p12_path);
    auto p12 = read_whole_file(*p12_path, N_("client certificate"));
    SANAQ_TRY(p12);
    req.client_p12 = *p12;
    if (auto key = a.get("receipt-key")) {
        auto pem = read_whole_file(*key, N_("receipt key"));
        SANAQ_TRY(pem);
        req.receipt_public_pem = *pem;
    }
    if (auto proxy = a.get("proxy")) req.proxy_url = *proxy;
    if (auto r = a.get("release-required")) {
        if (*r != "on" && *r != "off") return fail(ErrorCode::Usage, N_("--release-required takes on or off."));
        req.release_required = *r == "on";
    }
    if (a.get("max-batch")) {
        auto n = a.integer("max-batch", 0);
        SANAQ_TRY(n);
        req.max_batch = *n;
    }
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto password = p12_password(a);
    SANAQ_TRY(password);
    req.client_p12_password = *password;
    auto summary = upstream::configure_upstream(**session, req);
    SANAQ_TRY(summary);
    if (ctx.json()) {
        ctx.emit(to_json(*summary));
        return {};
    }
    ctx.say(format_message(tr("Upstream: {} as workstation {} (certificate valid until {}; server CA \"{}\")."),
                           {summary->url, summary->workstation, summary->certificate_not_after, summary->ca_subject}));
    ctx.say(summary->receipts_verified
                ? tr("Receipts are checked with the configured receipt key.")
                : tr("No receipt key is configured: `upstream send` refuses to send until an administrator adds one "
                     "(--receipt-key FILE)."));
    if (summary->release_required) ctx.say(tr("A supervisor must release each batch before it goes."));
    return {};
}

Status cmd_upstream_send(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"max-batch", "wait", "no-form"}));
    upstream::SendOptions options;
    auto max_batch = a.integer("max-batch", 0);
    SANAQ_TRY(max_batch);
    options.max_batch = *max_batch;
    auto wait = a.integer("wait", 0);
    SANAQ_TRY(wait);
    options.wait = std::chrono::seconds(std::max(0, *wait));
    options.form = !a.flag("no-form");
    StopRequest stop;   // Ctrl+C: the batches formed stay in the outbox, the report still comes
    auto session = ctx.session();
    SANAQ_TRY(session);
    upstream::SendProgressFn progress;
    if (!ctx.json() && stderr_is_terminal())
        progress = [](const upstream::SendProgress& p) {
            if (p.stage == upstream::SendStage::Forming)
                // Batches go out while the next are formed: what has landed is said as well.
                std::cerr << '\r'
                          << format_message(tr("Forming batches: {} (persons: {}); accepted: {} (persons: {})"),
                                            {std::to_string(p.batches_formed), std::to_string(p.persons_formed),
                                             std::to_string(p.batches_accepted), std::to_string(p.persons_accepted)});
            else if (p.stage == upstream::SendStage::Sending)
                std::cerr << '\r' << format_message(tr("Sending: batches accepted: {} of {}, persons: {}"),
                                                    {std::to_string(p.batches_accepted), std::to_string(p.batches_due),
                                                     std::to_string(p.persons_accepted)});
            else if (p.stage == upstream::SendStage::Waiting)
                std::cerr << '\r' << format_message(tr("Waiting until {} to try again"), {p.waiting_until_utc});
            std::cerr << "      " << std::flush;
        };
    auto report = app::send_upstream(**session, options, progress, app::CancelToken(stop.flag()));
    if (!ctx.json() && stderr_is_terminal()) std::cerr << '\n';
    SANAQ_TRY(report);
    const auto failure = send_failure(*report);
    if (ctx.json()) {
        ordered_json attempts = ordered_json::array();
        for (const auto& t : report->attempts)
            attempts.push_back({{"batch", t.batch_uuid},
                                {"persons", t.persons},
                                {"http_status", t.outcome.http_status},
                                {"result", attempt_result(t.outcome)},
                                {"error", t.outcome.error_code},
                                {"next_attempt_at", t.next_attempt_at_utc}});
        ordered_json j{{"batches_formed", report->batches_formed},
                       {"households_formed", report->households_formed},
                       {"persons_formed", report->persons_formed},
                       {"batches_accepted", report->batches_accepted},
                       {"persons_accepted", report->persons_accepted},
                       {"bytes_sent", report->bytes_sent},
                       {"batches_held", report->batches_held},
                       {"batches_left", report->batches_left},
                       {"batches_awaiting_release", report->batches_awaiting_release},
                       {"next_attempt_at", report->next_attempt_at_utc},
                       {"cancelled", report->cancelled},
                       {"attempts", attempts}};
        if (report->stopped_by) {
            j["stopped_by"] = cli::to_json(*report->stopped_by);
            j["stop_reason"] = report->stop_reason;
        }
        // One document, also on failure: the error goes in it (main prints no second one).
        if (failure) j["error"] = cli::to_json(*failure);
        ctx.emit(j);
    } else {
        if (report->batches_formed)
            ctx.say(format_message(tr("Batches formed: {} (households: {}, persons: {})."),
                                   {std::to_string(report->batches_formed), std::to_string(report->households_formed),
                                    std::to_string(report->persons_formed)}));
        ctx.say(format_message(tr("Batches sent with receipts: {} (persons: {})."),
                               {std::to_string(report->batches_accepted), std::to_string(report->persons_accepted)}));
        for (const auto& t : report->attempts)
            if (t.outcome.verdict == upstream::SendVerdict::Conflict || t.outcome.verdict == upstream::SendVerdict::Refused)
                ctx.say(format_message(tr("Batch {} is held: {}"), {t.batch_uuid, tr(upstream::failure_message(t.outcome.error_code))}));
        if (report->stopped_by) ctx.say(i18n::render(*report->stopped_by, i18n::current()));
        if (report->batches_left)
            ctx.say(format_message(trn("{} batch waits in the outbox; the next try is at {}. Run `upstream send` again "
                                       "(or with --wait SECONDS) to retry.",
                                       "{} batches wait in the outbox; the next try is at {}. Run `upstream send` again "
                                       "(or with --wait SECONDS) to retry.",
                                       static_cast<long>(report->batches_left)),
                                   {std::to_string(report->batches_left), report->next_attempt_at_utc}));
        if (report->batches_awaiting_release)
            ctx.say(format_message(trn("{} batch waits for a supervisor's release (`upstream release`).",
                                       "{} batches wait for a supervisor's release (`upstream release`).",
                                       static_cast<long>(report->batches_awaiting_release)),
                                   {std::to_string(report->batches_awaiting_release)}));
        if (report->cancelled) ctx.say(tr("Stopped. Every batch already formed stays in the outbox."));
    }
    if (failure) return std::unexpected(*failure);
    return {};
}

Status cmd_upstream_status(Context& ctx) {
    SANAQ_TRY(ctx.args().only({"batches"}));
    auto n = ctx.args().integer("batches", 20);
    SANAQ_TRY(n);
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto status = upstream::upstream_status(**session, static_cast<std::size_t>(std::max(0, *n)));
    SANAQ_TRY(status);
    if (ctx.json()) {
        ordered_json batches = ordered_json::array();
        for (const auto& b : status->recent) batches.push_back(to_json(b));
        ordered_json j{{"configured", status->config.has_value()}, {"outbox", to_json(status->stats)}, {"batches", batches}};
        if (status->config) j["config"] = to_json(*status->config);
        ctx.emit(j);
        return {};
    }
    if (!status->config)
        ctx.say(tr("Upstream forwarding is not configured. An administrator runs `upstream configure` first."));
    else
        ctx.say(format_message(tr("Upstream: {} as workstation {}."), {status->config->url, status->config->workstation}));
    const auto& s = status->stats;
    if (s.source.summary) ctx.say(counts_source_text(s.source));
    ctx.say(format_message(tr("Waiting to be batched: households: {}, persons: {}."),
                           {std::to_string(s.pending_households), std::to_string(s.pending_persons)}));
    ctx.say(format_message(tr("Batches queued: {} (persons: {}); awaiting release: {}; accepted: {} (persons: {}); held: {}; discarded: {}."),
                           {std::to_string(s.batches_queued), std::to_string(s.persons_queued),
                            std::to_string(s.batches_awaiting_release), std::to_string(s.batches_accepted),
                            std::to_string(s.persons_accepted), std::to_string(s.batches_held),
                            std::to_string(s.batches_discarded)}));
    ctx.say(s.last_accepted_at_utc.empty() ? tr("Nothing has gone upstream yet.")
                                           : format_message(tr("Last success: {}."), {s.last_accepted_at_utc}));
    if (status->recent.empty()) return {};
    std::vector<std::vector<std::string>> rows;
    for (const auto& b : status->recent)
        rows.push_back({b.uuid, tr(batch_state_label(b.state)), std::to_string(b.persons), std::to_string(b.attempts),
                        b.state == BatchState::Accepted ? b.accepted_at_utc : b.next_attempt_at_utc, batch_error_text(b)});
    ctx.say(table({tr("Batch"), tr("State"), tr("Persons"), tr("Attempts"), tr("Accepted / next try"), tr("Problem")}, rows));
    return {};
}

Status cmd_upstream_release(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto n = upstream::release_batches(**session, ctx.args().positional());
    SANAQ_TRY(n);
    if (ctx.json()) ctx.emit(ordered_json{{"released", *n}});
    else
        ctx.say(format_message(trn("Released {} batch; `upstream send` sends it.",
                                   "Released {} batches; `upstream send` sends them.", static_cast<long>(*n)),
                               {std::to_string(*n)}));

    return {};
}

Status cmd_upstream_retry(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    if (ctx.args().positional(0).empty()) return fail(ErrorCode::Usage, N_("Name the batch: upstream retry UUID."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(upstream::retry_batch_now(**session, ctx.args().positional(0)));
    if (ctx.json()) ctx.emit(ordered_json{{"batch", ctx.args().positional(0)}, {"state", "queued"}});
    else ctx.say(format_message(tr("Batch {} goes with the next `upstream send`."), {ctx.args().positional(0)}));
    return {};
}

Status cmd_upstream_discard(Context& ctx) {
    SANAQ_TRY(ctx.args().only({"reason"}));
    if (ctx.args().positional(0).empty()) return fail(ErrorCode::Usage, N_("Name the batch: upstream discard UUID --reason TEXT."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(upstream::discard_batch(**session, ctx.args().positional(0), ctx.args().get_or("reason", "")));
    if (ctx.json()) ctx.emit(ordered_json{{"batch", ctx.args().positional(0)}, {"state", "discarded"}});
    else
        ctx.say(format_message(tr("Batch {} is discarded; its records go again in a new batch."), {ctx.args().positional(0)}));
    return {};
}

Status cmd_upstream_four_eyes(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    const std::string v = ctx.args().positional(0);
    if (v != "on" && v != "off") return fail(ErrorCode::Usage, N_("Say on or off."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(upstream::set_release_required(**session, v == "on"));
    if (ctx.json()) ctx.emit(ordered_json{{"release_required", v == "on"}});
    else
        ctx.say(v == "on" ? tr("New batches now wait for a supervisor's release before they go.")
                          : tr("New batches now go without a release."));
    return {};
}

Status cmd_upstream_mark(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    const std::string uuid = ctx.args().positional(0);
    if (uuid.empty()) return fail(ErrorCode::Usage, N_("Name the record: upstream mark UUID."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    std::optional<SendingMark> mark;
    RecordKind kind = RecordKind::Person;
    for (auto k : {RecordKind::Person, RecordKind::Household}) {
        auto m = upstream::sending_mark(**session, k, uuid);
        SANAQ_TRY(m);
        if (*m) {
            mark = **m;
            kind = k;
            break;
        }
    }
    if (ctx.json()) {
        ordered_json j{{"record", uuid}, {"sent", mark && mark->state == BatchState::Accepted}};
        if (mark) {
            j["kind"] = record_kind_code(kind);
            j["batch"] = mark->batch_uuid;
            j["revision"] = mark->revision;
            j["state"] = batch_state_code(mark->state);
            j["sent_at"] = mark->sent_at_utc;
            if (!mark->receipt_json.empty()) j["receipt"] = ordered_json::parse(mark->receipt_json, nullptr, false);
        }
        ctx.emit(j);
        return {};
    }
    if (!mark) ctx.say(format_message(tr("Record {} has not been put in a batch yet."), {uuid}));
    else if (mark->state == BatchState::Accepted)
        ctx.say(format_message(tr("Record {} (revision {}) went upstream at {} in batch {}."),
                               {uuid, std::to_string(mark->revision), mark->sent_at_utc, mark->batch_uuid}));
    else
        ctx.say(format_message(tr("Record {} (revision {}) is in batch {}, which is {}."),
                               {uuid, std::to_string(mark->revision), mark->batch_uuid, tr(batch_state_label(mark->state))}));
    return {};
}

}  // namespace sanaq::cli

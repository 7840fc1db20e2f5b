#include "upstream/client/outbox.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <future>
#include <random>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "crypto/crypto.h"
#include "upstream/client/https_transport.h"
#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/gzip.h"
#include "upstream/protocol/receipt.h"

namespace sanaq::upstream {
namespace {

using Clock = std::chrono::system_clock;

std::string new_batch_uuid() {
    unsigned char b[16];
    // Without randomness the uuid would repeat; there is no way on without it.
    if (!crypto::fill_random(b, sizeof b)) throw std::runtime_error("no randomness for a batch uuid");
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);   // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);   // RFC 4122 variant
    return fmt::format("{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
                       b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                       b[15]);
}

Result<UpstreamSettings> configured(StoreSession& tx) {
    auto s = load_upstream_settings(tx);
    SANAQ_TRY(s);
    if (!*s)
        return fail(ErrorCode::RefusedByState,
                    N_("Upstream forwarding is not configured. An administrator runs `upstream configure` first."));
    return std::move(**s);
}

ConfigSummary summarize(const UpstreamSettings& s, const Identity* identity) {
    ConfigSummary c;
    c.url = s.url;
    if (identity) {
        c.workstation = identity->info().subject_cn;
        c.certificate_not_after = identity->info().not_after;
        c.certificate_fingerprint = identity->info().sha256_fingerprint;
    }
    if (auto ca = certificate_info(s.ca_pem)) c.ca_subject = ca->subject_cn;
    c.receipts_verified = !s.receipt_public_pem.empty();
    c.proxy_url = s.proxy_url;
    c.release_required = s.release_required;
    c.max_batch = s.max_batch;
    return c;
}

// The certificate must be valid now: an expired one would only be refused by the server after
// the connection, in words a person cannot act on.
Status check_validity(const Identity& identity, const std::string& now_utc) {
    const auto& info = identity.info();
    if (!info.not_after.empty() && info.not_after < now_utc)
        return fail(ErrorCode::RefusedByState,
                    N_("This workstation's client certificate expired on {}. Nothing was sent. Ask the administrator "
                       "for a new certificate and run `upstream configure` again."),
                    {info.not_after});
    if (!info.not_before.empty() && info.not_before > now_utc)
        return fail(ErrorCode::RefusedByState,
                    N_("This workstation's client certificate is valid only from {}. Check the computer's clock."),
                    {info.not_before});
    return {};
}

double jitter_unit() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

/// A stored retry time; an unreadable one (never written by this program) means "now".
Clock::time_point stored_time(const std::string& iso) {
    const auto t = parse_utc(iso);
    return t ? Clock::time_point{*t} : Clock::time_point{};
}

// Builds one batch from pending records and stores it, in the caller's transaction. The grouping
// rule (README.md, "Households and their persons"): a household goes with all its pending persons;
// a batch closes before a household that would take it past max_batch, and only a household too
// big for an empty batch is split (the rest of its persons open the next batch); persons whose
// household is not pending (sent before, or never received) go after every pending household.
struct Former {
    Session& session;
    const Identity& identity;
    int max_batch;
    bool release_required;
    std::int64_t household_cursor = 0;
    std::int64_t person_cursor = 0;
    // A household whose pending persons did not all fit in the last batch: they open the next.
    std::optional<std::int64_t> open_household;
    std::int64_t open_household_after = 0;
    // Reused from batch to batch: a body is ~10 MB, and memory fresh from the system costs a
    // page fault per 4 KiB the first time it is written.
    std::string household_lines;        // the record lines, before the manifest that counts them
    std::string person_lines;           // after every household line of the batch
    std::string body;                   // manifest + lines: what is hashed, signed and compressed
    std::string packed;                 // the gzip of body, as stored and sent
    std::vector<BatchMember> members;
    std::unordered_set<std::int64_t> grouped_persons;   // formed with their household in this batch

    // Households are read a few at a time: each brings its persons, and those fetched beyond a
    // full batch are read again for the next one. The persons walk reads 1,000 at a time (~1 MB,
    // within the CPU's caches).
    static constexpr std::size_t kHouseholdPage = 100;
    static constexpr std::size_t kPage = 1000;

    std::size_t append_persons(const std::vector<PendingPerson>& persons, bool grouped) {
        for (const auto& r : persons) {
            append_person_line(person_lines, r.record, r.from);
            members.push_back({RecordKind::Person, r.row_id, r.record.uuid, r.record.revision});
            if (grouped) grouped_persons.insert(r.row_id);
        }
        return persons.size();
    }

    // The rest of a split household's persons, up to `room`; keeps it open while the batch fills.
    Result<std::size_t> rest_of_open_household(StoreSession& tx, std::size_t room) {
        auto persons = tx.outbox().pending_persons_of_household(*open_household, open_household_after, room);
        SANAQ_TRY(persons);
        const auto n = append_persons(*persons, true);
        if (n == room && n > 0)
            open_household_after = persons->back().row_id;
        else
            open_household.reset();
        return n;
    }

    // Formed batch, or nullopt when nothing is pending. At most max_batch records in all.
    Result<std::optional<UpstreamBatch>> form(StoreSession& tx) {
        const auto limit = static_cast<std::size_t>(max_batch);
        household_lines.clear();
        person_lines.clear();
        members.clear();
        grouped_persons.clear();
        std::size_t households = 0, persons = 0;

        if (open_household) {
            auto n = rest_of_open_household(tx, limit);
            SANAQ_TRY(n);
            persons += *n;
        }
        bool households_left = true, closed = false;
        while (households_left && !closed && !open_household && households + persons < limit) {
            const std::size_t want = std::min(kHouseholdPage, limit - households - persons);
            auto page = tx.outbox().pending_households(household_cursor, want);
            SANAQ_TRY(page);
            households_left = page->size() == want;
            for (const auto& h : *page) {
                if (households + persons == limit) {
                    households_left = true;   // fetched, not formed: read again for the next batch
                    break;
                }
                const std::size_t room = limit - households - persons - 1;   // after the household's line
                auto with = tx.outbox().pending_persons_of_household(h.row_id, 0, room + 1);
                SANAQ_TRY(with);
                const bool split = with->size() > room;
                if (split && households + persons > 0) {
                    households_left = closed = true;   // the household opens the next batch, whole
                    break;
                }
                append_household_line(household_lines, h.record, h.from);
                members.push_back({RecordKind::Household, h.row_id, h.record.uuid, h.record.revision});
                household_cursor = h.row_id;
                ++households;
                if (split) {   // more persons than an empty batch holds: the rest open the next one
                    with->resize(room);
                    open_household = h.row_id;
                    open_household_after = room > 0 ? with->back().row_id : 0;
                }
                persons += append_persons(*with, true);
                if (split) break;
            }
        }
        // Every pending household is formed: the persons left have theirs in an earlier batch, or
        // none stored. Those grouped into this batch above are still pending in the store (the
        // batch is not inserted yet) and are skipped.
        while (!households_left && !open_household && households + persons < limit) {
            auto page = tx.outbox().pending_persons(person_cursor, kPage);
            SANAQ_TRY(page);
            for (const auto& r : *page) {
                if (households + persons == limit) break;
                person_cursor = r.row_id;
                if (grouped_persons.contains(r.row_id)) continue;
                append_person_line(person_lines, r.record, r.from);
                members.push_back({RecordKind::Person, r.row_id, r.record.uuid, r.record.revision});
                ++persons;
            }
            if (page->size() < kPage) break;
        }
        if (households == 0 && persons == 0) return std::optional<UpstreamBatch>{};

        auto now = session.clock.now();
        UpstreamBatch b;
        b.uuid = new_batch_uuid();
        b.state = release_required ? BatchState::AwaitingRelease : BatchState::Queued;
        b.created_at_utc = iso_utc(now);
        b.created_by = session.actor.user;
        b.households = static_cast<std::int64_t>(households);
        b.persons = static_cast<std::int64_t>(persons);

        body.clear();
        body.reserve(household_lines.size() + person_lines.size() + 512);
        append_manifest_line(body, {b.uuid, identity.info().subject_cn, b.created_at_utc, b.households, b.persons});
        body += household_lines;
        body += person_lines;
        b.digest = crypto::sha256_hex(body);
        auto signature = identity.sign(batch_signing_text(b.uuid, b.digest));
        if (!signature) return fail(ErrorCode::Unexpected, N_("The batch could not be signed with the client key."));
        b.signature = crypto::to_base64(*signature);
        b.body_size = static_cast<std::int64_t>(body.size());
        gzip_compress_into(packed, body);
        b.compressed_size = static_cast<std::int64_t>(packed.size());
        SANAQ_TRY(tx.outbox().insert_batch(b, packed, members));
        nlohmann::json details = {{"households", b.households}, {"persons", b.persons}, {"digest", b.digest},
                                  {"bytes", b.compressed_size}, {"state", batch_state_code(b.state)}};
        if (auto ok = record(tx, session, {"upstream.batch_formed", "upstream_batch", b.uuid, "", details.dump()}); !ok)
            return std::unexpected(ok.error());
        return std::optional<UpstreamBatch>{std::move(b)};
    }
};

// Why the receipt of a 201/200 cannot be accepted for batch `b` (English, for the batch's
// last_error), or nullopt when it can: read by the rule, verified over what was received, and
// naming this batch, its digest and its counts.
std::optional<std::string> receipt_refusal(const std::string& json, const UpstreamBatch& b, const std::string& public_pem) {
    auto receipt = parse_receipt(json);
    if (!receipt) return receipt.error().detail;
    if (public_pem.empty() || !receipt_verifies(*receipt, public_pem))
        return std::string("its signature does not verify with the configured receipt key");
    if (receipt->batch_uuid != b.uuid) return fmt::format("it names batch {}", receipt->batch_uuid);
    if (receipt->digest != b.digest) return fmt::format("it names digest {}, not this batch's {}", receipt->digest, b.digest);
    if (receipt->households != b.households || receipt->persons != b.persons)
        return fmt::format("it counts {} households and {} persons; the batch holds {} and {}", receipt->households,
                           receipt->persons, b.households, b.persons);
    return std::nullopt;
}

// What a send outcome does to the batch; returns true when the batch was accepted.
bool apply_outcome(UpstreamBatch& b, SendOutcome& outcome, const UpstreamSettings& settings, Clock::time_point now) {
    b.attempts += 1;
    b.last_attempt_at_utc = iso_utc(now);
    if (outcome.verdict == SendVerdict::Accepted) {
        // The receipt rule (README.md, "Receipt"). Always verified: send_upstream refuses to
        // start without a receipt key.
        auto refused = receipt_refusal(outcome.receipt_json, b, settings.receipt_public_pem);
        if (!refused) {
            b.state = BatchState::Accepted;
            b.accepted_at_utc = iso_utc(now);
            b.receipt_json = outcome.receipt_json;
            b.next_attempt_at_utc.clear();
            b.last_error_code.clear();
            b.last_error.clear();
            return true;
        }
        // Permanent: a 200 repeats the same receipt, so sending again would get the same answer
        // forever. The batch is held under its UUID (the census database may hold it already:
        // only a retry under that UUID, never a discard, keeps it counted once) until a person
        // has the receipt key or the receiver put right.
        outcome.verdict = SendVerdict::Refused;
        outcome.error_code = "bad_receipt";
        outcome.detail = fmt::format("HTTP {}, the receipt is refused: {}", outcome.http_status, *refused);
    }
    std::string detail = outcome.detail;
    if (outcome.http_status >= 400) {
        auto server = parse_error_body(outcome.detail);
        detail = fmt::format("HTTP {}{}{}", outcome.http_status, server.code.empty() ? "" : " " + server.code,
                             server.message.empty() ? "" : ": " + server.message);
    }
    b.last_error_code = outcome.error_code;
    b.last_error = detail;
    if (outcome.verdict == SendVerdict::Conflict || outcome.verdict == SendVerdict::Refused) {
        b.state = BatchState::Held;
        b.next_attempt_at_utc.clear();
    } else {
        auto delay = retry_delay(b.attempts, outcome.retry_after_seconds, jitter_unit());
        // Rounded up to the whole second the stored time can say, so the wait is never shorter.
        b.next_attempt_at_utc = iso_utc(std::chrono::ceil<std::chrono::seconds>(now + delay));
    }
    return false;
}

Error stop_error(const SendOutcome& outcome, const std::string& url) {
    if (outcome.error_code == "server_certificate")
        return Error::make(ErrorCode::RefusedByState, failure_message(outcome.error_code), {}, outcome.detail);
    if (outcome.error_code == "client_certificate_rejected")
        return Error::make(ErrorCode::RefusedByState, failure_message(outcome.error_code), {}, outcome.detail);
    if (outcome.error_code == "unavailable")
        return Error::make(ErrorCode::DeviceUnavailable, failure_message(outcome.error_code), {}, outcome.detail);
    return Error::make(ErrorCode::DeviceUnavailable,
                       N_("The upstream server at {} cannot be reached. The batches stay queued and go when it "
                          "answers."),
                       {url}, outcome.detail);
}

}  // namespace

std::chrono::seconds retry_delay(int failures, int retry_after_seconds, double unit) {
    double cap = std::min(600.0, 2.0 * std::pow(2.0, std::max(0, failures - 1)));
    auto seconds = static_cast<long>(std::floor(cap * std::clamp(unit, 0.0, 1.0)));
    seconds = std::max<long>(seconds, 1);
    if (retry_after_seconds >= 0) seconds = std::max<long>(seconds, retry_after_seconds);
    return std::chrono::seconds(seconds);
}

const char* failure_message(const std::string& code) {
    if (code == "server_unreachable")
        return N_("The upstream server cannot be reached. The batch stays queued and goes when it answers.");
    if (code == "server_certificate")
        return N_("The server's certificate does not match the configured one (not issued by the pinned CA, or for "
                  "another host name). Nothing was sent. Check the URL and the CA file with the administrator.");
    if (code == "client_certificate_rejected")
        return N_("The census database refused this workstation's certificate, so nothing was sent; the batches stay "
                  "queued. Ask the administrator to check the upstream identity (the certificate, its expiry and the "
                  "CA that issued it) and to run `upstream configure` again. Until then every send is refused the "
                  "same way.");
    if (code == "tls_failed") return N_("The secure connection to the upstream server failed. The batch stays queued.");
    if (code == "timeout") return N_("The upstream server did not answer in time. The batch will be sent again.");
    if (code == "connection_lost")
        return N_("The connection broke while sending. The batch will be sent again under the same number, so nothing "
                  "is counted twice.");
    if (code == "unavailable")
        return N_("The upstream server is busy or under maintenance and asked to wait. The batch will be sent again.");
    if (code == "server_error") return N_("The upstream server failed. The batch will be sent again later.");
    if (code == "unexpected_status")
        return N_("The upstream server gave an answer the protocol does not know. The batch will be sent again.");
    if (code == "bad_receipt")
        return N_("The census database answered that it holds the batch, but its receipt cannot be accepted (it does "
                  "not verify with the configured receipt key, or it does not name this batch, its digest or its "
                  "counts). The batch is held and counts as not sent. Do not discard it: the census database may "
                  "hold it already. Ask the administrator to compare the receipt key with the census database's "
                  "operators (`upstream configure --receipt-key`), then run `upstream retry` for the batch: it goes "
                  "again under the same number, so nothing is counted twice.");
    if (code == "conflict")
        return N_("The server already holds a different batch under this number. The batch is held; a person must "
                  "look at it.");
    if (code == "refused")
        return N_("The server refused the batch for good. It is held; fix the cause with the census database's "
                  "operators, then retry or discard it.");
    return N_("The batch could not be sent.");
}

Result<ConfigSummary> configure_upstream(Session& session, const ConfigureRequest& req) {
    SANAQ_TRY(require(session.actor, Operation::ConfigureUpstream));
    SANAQ_TRY(parse_https_url(req.url));
    auto ca = certificate_info(req.ca_pem);
    if (!ca)
        return fail(ErrorCode::InvalidInput, N_("The CA file is not a PEM certificate. Ask the census database's "
                                                "operators for their CA certificate (.pem)."));
    auto identity = Identity::from_pkcs12(req.client_p12, req.client_p12_password);
    SANAQ_TRY(identity);
    SANAQ_TRY(check_validity(*identity, iso_utc(session.clock.now())));
    if (identity->info().subject_cn.empty())
        return fail(ErrorCode::InvalidInput,
                    N_("The client certificate names no workstation (its subject has no common name)."));
    // The CN is the workstation id every batch names; the census database files batches by it.
    if (!is_workstation_id(identity->info().subject_cn))
        return fail(ErrorCode::InvalidInput,
                    N_("The client certificate names the workstation {}, which is not a workstation id: the census "
                       "database expects ws-<region code>-<number>, two digits each, e.g. ws-59-01. Nothing was "
                       "stored. Ask the census database's operators for a certificate issued to this workstation's "
                       "id."),
                    {identity->info().subject_cn});
    std::optional<ConfigSummary> summary;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto stored = load_upstream_settings(tx);
        SANAQ_TRY(stored);
        UpstreamSettings s = stored->value_or(UpstreamSettings{});
        s.url = req.url;
        s.ca_pem = req.ca_pem;
        s.client_p12 = req.client_p12;
        s.client_p12_password = req.client_p12_password;
        if (req.receipt_public_pem) {
            if (req.receipt_public_pem->empty()) {
                s.receipt_public_pem.clear();
            } else {
                auto pem = normalize_public_pem(*req.receipt_public_pem);
                if (!pem)
                    return fail(ErrorCode::InvalidInput, N_("The receipt key file is not a PEM public key."));
                s.receipt_public_pem = *pem;
            }
        }
        if (req.proxy_url) {
            SANAQ_TRY(parse_proxy_url(*req.proxy_url));
            s.proxy_url = *req.proxy_url;
        }
        if (req.release_required) s.release_required = *req.release_required;
        if (req.max_batch) {
            if (*req.max_batch < 1 || *req.max_batch > 200000)
                return fail(ErrorCode::InvalidInput, N_("A batch holds from 1 to 200,000 records."));
            s.max_batch = *req.max_batch;
        }
        SANAQ_TRY(save_upstream_settings(tx, s));
        summary = summarize(s, &*identity);
        nlohmann::json details = {{"url", s.url},
                                  {"workstation", summary->workstation},
                                  {"certificate_sha256", summary->certificate_fingerprint},
                                  {"certificate_not_after", summary->certificate_not_after},
                                  {"ca", summary->ca_subject},
                                  {"receipts_verified", summary->receipts_verified},
                                  {"proxy", s.proxy_url},
                                  {"release_required", s.release_required},
                                  {"max_batch", s.max_batch}};
        return record(tx, session, {"upstream.configure", "setting", "upstream", "", details.dump()});
    });
    SANAQ_TRY(st);
    return *summary;
}

Status set_release_required(Session& session, bool required) {
    SANAQ_TRY(require(session.actor, Operation::ConfigureUpstream));
    return session.store.write([&](StoreSession& tx) -> Status {
        auto s = configured(tx);
        SANAQ_TRY(s);
        s->release_required = required;
        SANAQ_TRY(save_upstream_settings(tx, *s));
        return record(tx, session, {"upstream.release_required", "setting", "upstream", "",
                                    nlohmann::json{{"required", required}}.dump()});
    });
}

Result<UpstreamStatus> upstream_status(Session& session, std::size_t recent) {
    SANAQ_TRY(require(session.actor, Operation::ViewUpstream));
    return query<UpstreamStatus>(session.store, [&](StoreSession& tx) -> Result<UpstreamStatus> {
        UpstreamStatus status;
        auto stats = tx.outbox().stats();
        SANAQ_TRY(stats);
        status.stats = *stats;
        auto s = load_upstream_settings(tx);
        SANAQ_TRY(s);
        if (*s) {
            auto identity = Identity::from_pkcs12((*s)->client_p12, (*s)->client_p12_password);
            status.config = summarize(**s, identity ? &*identity : nullptr);
        }
        // Counts from the department's summary: the batches are census's, which this session
        // does not open (an administrator of a per-role workspace).
        if (status.stats.source.summary) return status;
        auto batches = tx.outbox().batches(std::nullopt, recent);
        SANAQ_TRY(batches);
        status.recent = std::move(*batches);
        return status;
    });
}

namespace {
Result<SendReport> send_through(Session& session, const SendOptions& options, BatchTransport* transport,
                                const TransportFactory& make_transport) {
    SANAQ_TRY(require(session.actor, Operation::ForwardUpstream));
    auto settings = query<UpstreamSettings>(session.store, [](StoreSession& tx) { return configured(tx); });
    SANAQ_TRY(settings);
    // A receipt is the census database's word that it holds the batch; one nobody can check is
    // worth nothing (anyone on the path could have written it). Refused before anything is formed.
    if (settings->receipt_public_pem.empty())
        return fail(ErrorCode::RefusedByState,
                    N_("No receipt key is configured, so the census database's receipts cannot be checked. Nothing "
                       "was formed or sent. An administrator runs `upstream configure` again with --receipt-key FILE "
                       "(the receiver's public receipt key)."));
    auto identity = Identity::from_pkcs12(settings->client_p12, settings->client_p12_password);
    SANAQ_TRY(identity);
    SANAQ_TRY(check_validity(*identity, iso_utc(session.clock.now())));

    std::unique_ptr<BatchTransport> owned;
    if (!transport) {
        auto endpoint = parse_https_url(settings->url);
        SANAQ_TRY(endpoint);
        auto proxy = parse_proxy_url(settings->proxy_url);
        SANAQ_TRY(proxy);
        auto made = make_transport({*endpoint, *proxy, settings->ca_pem, identity->certificate_pem(),
                                    identity->private_key_pem()});
        SANAQ_TRY(made);
        owned = std::move(*made);
        transport = owned.get();
    }

    auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    SendReport report;
    SendProgress progress;
    auto tell = [&](SendStage stage) {
        progress.stage = stage;
        if (options.progress) options.progress(progress);
    };

    // One batch's trip, in three steps so that only the middle one leaves this thread: its body
    // read from the store with the audit head it witnesses (README.md, "Audit head"), the PUT, and
    // the outcome written back. The store is only ever touched from the thread that runs the job.
    auto outgoing = [&](const UpstreamBatch& batch) -> Result<OutgoingBatch> {
        std::string audit_head;
        auto body = query<std::string>(session.store, [&](StoreSession& tx) -> Result<std::string> {
            auto head = tx.audit().head();
            SANAQ_TRY(head);
            if (head->seq > 0) audit_head = audit_head_header({head->seq, head->hash});
            return tx.outbox().batch_body(batch.uuid);
        });
        SANAQ_TRY(body);
        return OutgoingBatch{batch.uuid, batch.digest, batch.signature, std::move(*body), std::move(audit_head)};
    };
    Clock::time_point blocked_until{};
    bool give_up = false;   // a refused certificate: trying again changes nothing until a person acts
    bool blocked_pass = false;   // the first pass below starts by waiting (nothing got through)
    // Writes what the census database answered. True when sending should stop for this pass
    // (nothing gets through right now: do not knock with every other batch).
    auto settle = [&](UpstreamBatch& batch, SendOutcome& outcome) -> Result<bool> {
        auto now = session.clock.now();
        bool accepted = apply_outcome(batch, outcome, *settings, now);
        auto st = session.store.write([&](StoreSession& tx) -> Status {
            // Someone may have discarded or released the batch while it was on the wire. An
            // acceptance still counts (the receiver holds it); anything else leaves their change.
            auto current = tx.outbox().find_batch(batch.uuid);
            SANAQ_TRY(current);
            if (*current && (*current)->state != BatchState::Queued && !accepted) {
                batch = **current;
                return {};
            }
            SANAQ_TRY(tx.outbox().update_batch(batch));
            if (accepted) {
                nlohmann::json d = {{"persons", batch.persons}, {"households", batch.households},
                                    {"attempts", batch.attempts}, {"receipt", batch.receipt_json}};
                return record(tx, session, {"upstream.batch_accepted", "upstream_batch", batch.uuid, "", d.dump()});
            }
            if (batch.state == BatchState::Held) {
                nlohmann::json d = {{"error", batch.last_error_code}, {"detail", batch.last_error}};
                return record(tx, session, {"upstream.batch_held", "upstream_batch", batch.uuid, "", d.dump()});
            }
            return {};
        });
        SANAQ_TRY(st);
        report.attempts.push_back({batch.uuid, batch.persons, outcome, batch.next_attempt_at_utc});
        if (accepted) {
            report.batches_accepted += 1;
            report.persons_accepted += batch.persons;
            report.bytes_sent += batch.compressed_size;
            progress.batches_accepted = report.batches_accepted;
            progress.persons_accepted = report.persons_accepted;
            progress.bytes_sent = report.bytes_sent;
            report.stopped_by.reset();
            report.stop_reason.clear();
        } else if (batch.state == BatchState::Held) {
            report.batches_held += 1;
        } else if (outcome.verdict == SendVerdict::NotConnected || outcome.error_code == "unavailable") {
            report.stopped_by = stop_error(outcome, settings->url);
            report.stop_reason = outcome.error_code;
            blocked_until = stored_time(batch.next_attempt_at_utc);
            if (outcome.error_code == "client_certificate_rejected") give_up = true;
            return true;
        }
        return false;
    };

    // 1. Form, one transaction per batch so that a crash loses at most the batch being formed,
    // while the batch formed before is on the wire: forming is work for this thread and the store,
    // sending waits on the network and the census database, so the two overlap (batch n+1 forms
    // while batch n is sent). A batch is sent only after the transaction that formed it committed.
    if (options.form) {
        Former former{session, *identity, options.max_batch > 0 ? options.max_batch : settings->max_batch,
                      settings->release_required};
        tell(SendStage::Forming);
        struct InFlight {
            UpstreamBatch batch;
            std::future<SendOutcome> outcome;
        };
        std::optional<InFlight> in_flight;
        std::deque<UpstreamBatch> formed_due;   // formed in this run and queued (not awaiting release)
        bool forming = true, stop_sending = false;
        // An in-flight request is always waited for, even on an error or a cancel: its thread
        // holds the transport and the batch's bytes.
        auto land = [&]() -> Status {
            if (!in_flight) return {};
            SendOutcome outcome = in_flight->outcome.get();
            UpstreamBatch batch = std::move(in_flight->batch);
            in_flight.reset();
            auto stop = settle(batch, outcome);
            SANAQ_TRY(stop);
            if (*stop) stop_sending = true;
            return {};
        };
        auto take_off = [&]() -> Status {
            if (in_flight || stop_sending || formed_due.empty() || cancelled()) return {};
            UpstreamBatch batch = std::move(formed_due.front());
            formed_due.pop_front();
            auto out = outgoing(batch);
            SANAQ_TRY(out);
            progress.current_batch = batch.uuid;
            in_flight = InFlight{std::move(batch),
                                 std::async(std::launch::async, [transport, out = std::move(*out)] {
                                     return transport->put_batch(out);
                                 })};
            return {};
        };
        auto pipeline = [&]() -> Status {
            while (forming && !cancelled()) {
                std::optional<UpstreamBatch> formed;
                auto st = session.store.write([&](StoreSession& tx) -> Status {
                    auto b = former.form(tx);
                    SANAQ_TRY(b);
                    formed = std::move(*b);
                    return {};
                });
                SANAQ_TRY(st);
                if (!formed) {
                    forming = false;
                    break;
                }
                report.batches_formed += 1;
                report.households_formed += formed->households;
                report.persons_formed += formed->persons;
                progress.batches_formed = report.batches_formed;
                progress.persons_formed = report.persons_formed;
                if (formed->state == BatchState::Queued) formed_due.push_back(std::move(*formed));
                tell(SendStage::Forming);
                // The batch on the wire lands once the next is formed: whichever took longer
                // set the pace, and at most one batch's bytes wait in memory.
                SANAQ_TRY(land());
                SANAQ_TRY(take_off());
            }
            return land();
        };
        auto done = pipeline();
        if (!done) {
            if (in_flight) in_flight->outcome.wait();
            return std::unexpected(done.error());
        }
        // What was formed but not sent yet (and anything queued before) goes in the pass below,
        // unless the census database could not be reached: then the pass starts by waiting.
        blocked_pass = stop_sending;
    }

    // 2. Send every due batch; keep at it while `wait` lasts.
    const auto deadline = session.clock.now() + options.wait;
    while (!cancelled() && !give_up) {
        auto due = query<std::vector<UpstreamBatch>>(session.store, [&](StoreSession& tx) {
            return tx.outbox().due_batches(iso_utc(session.clock.now()));
        });
        SANAQ_TRY(due);
        progress.batches_due = static_cast<std::int64_t>(due->size());
        if (blocked_pass) due->clear();
        blocked_pass = false;
        for (auto& batch : *due) {
            if (cancelled()) break;
            auto out = outgoing(batch);
            SANAQ_TRY(out);
            progress.current_batch = batch.uuid;
            tell(SendStage::Sending);
            SendOutcome outcome = transport->put_batch(*out);
            auto stop = settle(batch, outcome);
            SANAQ_TRY(stop);
            if (*stop) break;
        }
        if (cancelled() || give_up) break;
        // What is left, and when it may go.
        auto queued = query<std::vector<UpstreamBatch>>(session.store, [](StoreSession& tx) {
            return tx.outbox().batches(BatchState::Queued, 0);
        });
        SANAQ_TRY(queued);
        if (queued->empty() || options.wait.count() <= 0) break;
        Clock::time_point wake = Clock::time_point::max();
        for (const auto& b : *queued)
            wake = std::min(wake, b.next_attempt_at_utc.empty() ? session.clock.now() : stored_time(b.next_attempt_at_utc));
        wake = std::max(wake, blocked_until);
        if (wake > deadline) break;
        progress.waiting_until_utc = iso_utc(wake);
        tell(SendStage::Waiting);
        while (!cancelled() && session.clock.now() < wake)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    report.cancelled = cancelled();

    // What is left, by state (not stats(): its pending counts read every record of the workspace).
    std::int64_t awaiting_release = 0;
    auto queued = query<std::vector<UpstreamBatch>>(session.store, [&](StoreSession& tx) -> Result<std::vector<UpstreamBatch>> {
        auto awaiting = tx.outbox().batches(BatchState::AwaitingRelease, 0);
        SANAQ_TRY(awaiting);
        awaiting_release = static_cast<std::int64_t>(awaiting->size());
        return tx.outbox().batches(BatchState::Queued, 0);
    });
    SANAQ_TRY(queued);
    report.batches_left = static_cast<std::int64_t>(queued->size());
    report.batches_awaiting_release = awaiting_release;
    for (const auto& b : *queued)
        if (report.next_attempt_at_utc.empty() || stored_time(b.next_attempt_at_utc) < stored_time(report.next_attempt_at_utc))
            report.next_attempt_at_utc = b.next_attempt_at_utc;
    tell(SendStage::Done);
    return report;
}
}  // namespace

Result<std::unique_ptr<BatchTransport>> make_https_transport(const TransportSettings& settings) {
    auto https = HttpsTransport::create(settings);
    SANAQ_TRY(https);
    return std::unique_ptr<BatchTransport>(std::move(*https));
}

Result<SendReport> send_upstream(Session& session, const SendOptions& options, BatchTransport* transport) {
    return send_through(session, options, transport, make_https_transport);
}

Result<SendReport> send_upstream(Session& session, const SendOptions& options, const TransportFactory& make_transport) {
    return send_through(session, options, nullptr, make_transport);
}

Result<int> release_batches(Session& session, const std::vector<std::string>& uuids) {
    SANAQ_TRY(require(session.actor, Operation::ReleaseBatches));
    int released = 0;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        std::vector<UpstreamBatch> chosen;
        if (uuids.empty()) {
            auto all = tx.outbox().batches(BatchState::AwaitingRelease, 0);
            SANAQ_TRY(all);
            for (auto& b : *all)
                if (b.created_by != session.actor.user) chosen.push_back(std::move(b));
        } else {
            for (const auto& uuid : uuids) {
                auto b = tx.outbox().find_batch(uuid);
                SANAQ_TRY(b);
                if (!*b) return fail(ErrorCode::NotFound, N_("There is no batch {}. `upstream status` lists them."), {uuid});
                if ((*b)->state != BatchState::AwaitingRelease)
                    return fail(ErrorCode::RefusedByState, N_("Batch {} is not awaiting release."), {uuid});
                if ((*b)->created_by == session.actor.user)
                    return fail(ErrorCode::RefusedByState,
                                N_("You formed batch {}; another supervisor must release it."), {uuid});
                chosen.push_back(std::move(**b));
            }
        }
        auto now = iso_utc(session.clock.now());
        for (auto& b : chosen) {
            b.state = BatchState::Queued;
            b.released_by = session.actor.user;
            b.released_at_utc = now;
            b.next_attempt_at_utc.clear();
            SANAQ_TRY(tx.outbox().update_batch(b));
            if (auto ok = record(tx, session, {"upstream.batch_released", "upstream_batch", b.uuid, "",
                                               nlohmann::json{{"persons", b.persons}, {"formed_by", b.created_by}}.dump()});
                !ok)
                return ok;
            ++released;
        }
        return {};
    });
    SANAQ_TRY(st);
    return released;
}

Status retry_batch_now(Session& session, const std::string& uuid) {
    SANAQ_TRY(require(session.actor, Operation::ForwardUpstream));
    return session.store.write([&](StoreSession& tx) -> Status {
        auto b = tx.outbox().find_batch(uuid);
        SANAQ_TRY(b);
        if (!*b) return fail(ErrorCode::NotFound, N_("There is no batch {}. `upstream status` lists them."), {uuid});
        auto& batch = **b;
        if (batch.state != BatchState::Queued && batch.state != BatchState::Held)
            return fail(ErrorCode::RefusedByState, N_("Batch {} is {}; only a queued or held batch can be retried."),
                        {uuid, label_arg(batch_state_label(batch.state))});
        auto was = batch.state;
        batch.state = BatchState::Queued;
        batch.next_attempt_at_utc.clear();
        SANAQ_TRY(tx.outbox().update_batch(batch));
        return record(tx, session, {"upstream.batch_retry", "upstream_batch", uuid, "",
                                    nlohmann::json{{"was", batch_state_code(was)}}.dump()});
    });
}

Status discard_batch(Session& session, const std::string& uuid, const std::string& reason) {
    SANAQ_TRY(require(session.actor, Operation::ForwardUpstream));
    SANAQ_TRY(require_reason(reason));
    return session.store.write([&](StoreSession& tx) -> Status {
        auto b = tx.outbox().find_batch(uuid);
        SANAQ_TRY(b);
        if (!*b) return fail(ErrorCode::NotFound, N_("There is no batch {}. `upstream status` lists them."), {uuid});
        auto& batch = **b;
        if (batch.state == BatchState::Accepted || batch.state == BatchState::Discarded)
            return fail(ErrorCode::RefusedByState, N_("Batch {} is {}; it cannot be discarded."),
                        {uuid, label_arg(batch_state_label(batch.state))});
        batch.state = BatchState::Discarded;
        batch.next_attempt_at_utc.clear();
        SANAQ_TRY(tx.outbox().update_batch(batch));
        SANAQ_TRY(tx.outbox().release_members(uuid));
        return record(tx, session, {"upstream.batch_discarded", "upstream_batch", uuid, reason,
                                    nlohmann::json{{"persons", batch.persons}, {"households", batch.households}}.dump()});
    });
}

Result<std::optional<SendingMark>> sending_mark(Session& session, RecordKind kind, const std::string& uuid) {
    SANAQ_TRY(require(session.actor, Operation::ViewCensusData));
    return query<std::optional<SendingMark>>(session.store,
                                             [&](StoreSession& tx) { return tx.outbox().mark_of(kind, uuid); });
}

}  // namespace sanaq::upstream

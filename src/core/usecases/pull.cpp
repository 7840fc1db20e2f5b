#include "core/usecases/pull.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/domain/clock.h"
#include "core/domain/identifiers.h"
#include "core/domain/printable.h"
#include "crypto/crypto.h"
#include "core/package/package_reader.h"
#include "core/package/receipt.h"
#include "core/usecases/devices.h"
#include "core/usecases/settings.h"

namespace sanaq {
namespace {

using Clock = std::chrono::system_clock;

/// A device clock ahead of the workstation by more than this is flagged (behind is normal:
/// packages wait on the tablet for days).
constexpr std::int64_t kSkewToleranceSeconds = 300;

/// "14–16, 20" from the sorted sequence numbers received so far (expected from 1 up).
std::string missing_ranges(const std::vector<std::int64_t>& seqs) {
    std::string out;
    std::int64_t expect = 1;
    for (auto s : seqs) {
        if (s > expect) {
            if (!out.empty()) out += ", ";
            out += std::to_string(expect);
            if (s - 1 > expect) out += "\u2013" + std::to_string(s - 1);
        }
        expect = std::max(expect, s + 1);
    }
    return out;
}

/// Who held the kit when the package was exported: the hand-over open at that moment, else the
/// one open now (a device clock can be wrong), else nobody.
Result<std::int64_t> holder_at(StoreSession& tx, const std::string& kit,
                               const std::string& exported_at) {
    auto history = tx.custody().history(kit);
    SANAQ_TRY(history);
    const auto exported = parse_utc(exported_at);
    std::int64_t open_now = 0;
    for (const auto& issue : *history) {
        const bool open = !issue.closed_at_utc || issue.closed_at_utc->empty();
        if (open) open_now = issue.employee_id;
        if (!exported) continue;  // a time that does not read names no moment: the holder now
        const auto issued = parse_utc(issue.issued_at_utc);
        const auto closed = open ? std::nullopt : parse_utc(*issue.closed_at_utc);
        if (issued && *issued <= *exported && (open || (closed && *closed > *exported)))
            return issue.employee_id;
    }
    return open_now;
}

/// What one attempt to read one package came to.
enum class Verdict { Stored, AlreadyHeld, Quarantine, Stopped };

struct Attempt {
    Verdict verdict = Verdict::Stopped;
    PackageOutcome outcome;
    PackageManifest manifest;
    bool header = false;
    QuarantineReason reason = QuarantineReason::Malformed;
    Error error;  // quarantine reason for people, or why it stopped
    ReceivedPackage received;
    std::uint64_t bytes = 0;
};

/// A stream source: calls the sink with the package's bytes in order.
using Source = std::function<Status(const ByteSink&)>;

Error quarantine_error(QuarantineReason reason, const PackageManifest& m,
                       const std::string& detail) {
    switch (reason) {
        case QuarantineReason::UnknownDevice:
            return Error::make(ErrorCode::InvalidInput,
                               N_("Package {} comes from a tablet whose device key is not enrolled "
                                  "on kit {}. Enrol the tablet's device key on its kit, then retry "
                                  "the package from the quarantine."),
                               {m.package_uuid, printable_name(m.kit_number)}, detail);
        case QuarantineReason::WrongDeviceKey:
            return Error::make(ErrorCode::InvalidInput,
                               N_("Package {} is signed by a different tablet than the one "
                                  "enrolled on kit {}. Check "
                                  "which tablet this is before enrolling its key."),
                               {m.package_uuid, printable_name(m.kit_number)}, detail);
        case QuarantineReason::Conflict:
            return Error::make(ErrorCode::InvalidInput,
                               N_("Package {} was received before with different content. The "
                                  "stored data were kept; "
                                  "this copy is in the quarantine for a supervisor to look at."),
                               {m.package_uuid}, detail);
        default:
            break;
    }
    return Error::make(ErrorCode::InvalidInput, N_("Package {} could not be read."),
                       {m.package_uuid}, detail);
}

std::string mib(std::uint64_t bytes) { return std::to_string(bytes >> 20); }

Error too_large_error(const std::string& file_name, std::uint64_t budget) {
    return Error::make(ErrorCode::InvalidInput,
                       N_("{} is larger than any census package may be ({} MiB): it was not read as "
                          "a package. Its first MiB is kept in the quarantine; the file stays on "
                          "the tablet. Check what put it in the tablet's outbox."),
                       {printable_name(file_name), mib(budget)});
}

Error record_conflict_error(const PackageManifest& m, const Household& h) {
    return Error::make(ErrorCode::InvalidInput,
                       N_("Package {} from kit {} carries household {}, which was received before "
                          "from another tablet. Nothing of the package was stored and the household "
                          "was kept as it was; the package is in the quarantine for a supervisor to "
                          "look at."),
                       {m.package_uuid, printable_name(m.kit_number), h.uuid},
                       "record held from another device");
}

Error record_conflict_error(const PackageManifest& m, const Person& p) {
    return Error::make(ErrorCode::InvalidInput,
                       N_("Package {} from kit {} carries person record {}, which was received "
                          "before from another tablet. Nothing of the package was stored and the "
                          "record was kept as it was; the package is in the quarantine for a "
                          "supervisor to look at."),
                       {m.package_uuid, printable_name(m.kit_number), p.uuid},
                       "record held from another device");
}

/// One package read and stored in one transaction, as a small state machine. The tablet pushes
/// the bytes (a sink called per piece), so the machine advances on each piece and once more when
/// the stream has ended. Each state is a function returning the next state, or an error when the
/// store failed under it (which stops the pull). The order of the states is the order of trust:
/// nothing the manifest says is looked up or stored by before its signature verified.
///
///   Read → Verify → CheckHeld → Decrypt → Decode → (end of stream) → Store → Stored
///                        ↘ AlreadyHeld
///   Read … Decode, or Store → Quarantine        (the package is put aside; nothing of it is kept)
///   any state but the decided ones → Stop       (unplugged, cancelled, a store failure)
///
/// AlreadyHeld and Quarantine are decided before the last byte: the rest of the file is read and
/// dropped rather than the transfer aborted, because aborting an MTP GetObject with megabytes to
/// go costs the USB session and the next package would fail. A decision stands even when the
/// transfer fails while the rest is dropped. Only a file over the budget overrides it.
class PackageIngest {
public:
    enum class State {
        Read,         // the header is not in yet
        Verify,       // whose key signs the manifest, and does the signature verify
        CheckHeld,    // the verified package is new, held already, or in conflict
        Decrypt,      // the payload key; decoding of the payload held back so far starts
        Decode,       // payload bytes are decoded and each record stored as it comes
        Store,        // the last byte is in: the package row, only once everything checked
        Stored,       // committed with its records
        AlreadyHeld,  // the same package (same signed digest) is held: nothing to store
        Quarantine,   // refused: `a.reason` and `a.error` say why
        Stop,         // the pull stops here: `a.error` says why
    };

    PackageIngest(Session& session, StoreSession& tx, const DepartmentSecrets& secrets, Attempt& a,
                  std::int64_t pull_id, const PullOptions& options,
                  const std::function<void(std::uint64_t)>& on_bytes, std::uint64_t budget)
        : session_(session), tx_(tx), a_(a), pull_id_(pull_id), options_(options),
          on_bytes_(on_bytes), budget_(budget), now_(session.clock.now()), now_iso_(iso_utc(now_)),
          reader_(secrets.encryption_private_pem) {
        from_.pulled_at_utc = now_iso_;
        reader_.on_household = [this](const Household& h) {
            auto& rp = a_.received;
            return store_record(h, rp.households_new, rp.households_superseded,
                                rp.households_ignored);
        };
        reader_.on_person = [this](const Person& p) {
            auto& rp = a_.received;
            // An empty or wrong IIN and an impossible birth date are stored as entered, and warned.
            rp.warnings += static_cast<std::int64_t>(person_warnings(p.iin, p.birth_date).size());
            return store_record(p, rp.persons_new, rp.persons_superseded, rp.persons_ignored);
        };
    }
    PackageIngest(const PackageIngest&) = delete;             // the reader's callbacks hold `this`
    PackageIngest& operator=(const PackageIngest&) = delete;

    State state() const { return state_; }

    /// The sink the tablet streams the package into. An error aborts the transfer: only a cancel
    /// or a stop does (see the class comment for why a decided package is read to its end).
    Status on_piece(std::string_view piece) {
        if (options_.cancel_requested && options_.cancel_requested())
            return fail(ErrorCode::Cancelled,
                        N_("The pull was cancelled. Nothing of the package being read was kept."));
        a_.bytes += piece.size();
        if (on_bytes_) on_bytes_(piece.size());
        if (a_.bytes > budget_ && !(state_ == State::Quarantine &&
                                    a_.reason == QuarantineReason::TooLarge)) {
            // More than the tablet said, or than any package may be: whatever was decided about
            // its first bytes, this file is not read as a package.
            state_ = quarantine(QuarantineReason::TooLarge,
                                too_large_error(a_.outcome.file_name, budget_));
            return {};
        }
        if (state_ != State::Read && state_ != State::Decode) return {};  // decided: dropped
        advance(piece);
        if (state_ == State::Stop) return std::unexpected(a_.error);
        return {};
    }

    /// The stream has ended, with `read` saying how.
    void on_end(const Status& read) {
        if (state_ == State::AlreadyHeld || state_ == State::Quarantine) return;  // decided
        if (!read) {
            // Unplugged, timed out, cancelled, or the store failed under a record.
            stop(read.error());
            return;
        }
        if (state_ == State::Read) {
            state_ = quarantine(QuarantineReason::Malformed,
                                Error::make(ErrorCode::InvalidInput,
                                            N_("{} is not a Sanaq package or is cut short."),
                                            {printable_name(a_.outcome.file_name)}));
            return;
        }
        if (state_ != State::Decode) return;
        state_ = State::Store;
        apply(store());
    }

private:
    /// Runs the states that need no further bytes, one after the other, from the state `piece`
    /// moved the machine to.
    void advance(std::string_view piece) {
        apply(state_ == State::Read ? read(piece) : decode(piece));
        while (state_ == State::Verify || state_ == State::CheckHeld || state_ == State::Decrypt) {
            switch (state_) {
                case State::Verify:
                    apply(verify());
                    break;
                case State::CheckHeld:
                    apply(check_held());
                    break;
                default:
                    apply(decrypt());
                    break;
            }
        }
    }

    void apply(Result<State> next) {
        if (next)
            state_ = *next;
        else
            stop(next.error());
    }

    void stop(Error why) {
        state_ = State::Stop;
        a_.error = std::move(why);
    }

    State quarantine(QuarantineReason reason, Error why) {
        a_.reason = reason;
        a_.error = std::move(why);
        return State::Quarantine;
    }

    /// The reader refused: a record this package may not write, a package that fails its format
    /// or cryptography (quarantined with the reader's reason), or the store failed under a record
    /// (the pull stops: nothing says the package is bad).
    Result<State> refused(const Error& error) {
        if (record_conflict_)
            return quarantine(QuarantineReason::RecordConflict, *record_conflict_);
        if (const auto* f = reader_.failure()) return quarantine(f->reason, f->error);
        return std::unexpected(error);
    }

    // Read: the manifest arrives first; payload bytes after it are held back by the reader.
    Result<State> read(std::string_view piece) {
        if (auto fed = reader_.feed(piece); !fed) return refused(fed.error());
        return reader_.header_ready() ? State::Verify : State::Read;
    }

    // Verify: the device key the package is checked against comes from the enrolment, found by
    // the kit the manifest names or else by its device id; only then is the signature checked.
    Result<State> verify() {
        a_.header = true;
        a_.manifest = reader_.manifest();
        const auto& m = a_.manifest;
        a_.outcome.package_uuid = m.package_uuid;
        auto enrolled = tx_.device_keys().for_kit(m.kit_number);
        SANAQ_TRY(enrolled);
        key_ = *enrolled;
        if (!key_) {
            auto by_id = tx_.device_keys().by_device_id(m.device_id);
            SANAQ_TRY(by_id);
            // A key enrolled on another kit: the signature decides, the kit is the key's.
            key_ = *by_id;
        }
        if (!key_)
            return quarantine(QuarantineReason::UnknownDevice,
                              quarantine_error(QuarantineReason::UnknownDevice, m,
                                               "device " + m.device_id));
        if (key_->device_id != m.device_id)
            return quarantine(QuarantineReason::WrongDeviceKey,
                              quarantine_error(QuarantineReason::WrongDeviceKey, m,
                                               "enrolled " + key_->device_id + ", manifest " +
                                                   m.device_id));
        if (auto ok = reader_.check_signature(key_->public_key_pem); !ok)
            return refused(ok.error());  // a bad signature: failure() says so
        return State::CheckHeld;
    }

    // CheckHeld: a package pulled twice stores nothing twice; the same UUID with another signed
    // digest is a conflict for a supervisor, and the held data are kept.
    Result<State> check_held() {
        const auto& m = a_.manifest;
        auto held = tx_.packages().find(m.package_uuid);
        SANAQ_TRY(held);
        if (!*held) return State::Decrypt;
        if ((*held)->manifest.payload_sha256 == m.payload_sha256) {
            a_.received = **held;
            return State::AlreadyHeld;
        }
        return quarantine(QuarantineReason::Conflict,
                          quarantine_error(QuarantineReason::Conflict, m,
                                           "digest " + (*held)->manifest.payload_sha256 +
                                               " held, " + m.payload_sha256 + " offered"));
    }

    // Decrypt: the provenance first, because verify() goes straight on to decode (and store)
    // the payload bytes held back so far.
    Result<State> decrypt() {
        const auto& m = a_.manifest;
        from_.package_uuid = m.package_uuid;
        from_.kit_number = key_->kit_number;
        from_.device_id = m.device_id;
        auto holder = holder_at(tx_, key_->kit_number, m.exported_at);
        SANAQ_TRY(holder);
        from_.holder_employee_id = *holder;
        if (auto ok = reader_.verify(key_->public_key_pem); !ok)
            return refused(ok.error());  // undecryptable: failure() says so
        return State::Decode;
    }

    // Decode: the records are stored as they come, in this package's transaction.
    Result<State> decode(std::string_view piece) {
        if (auto fed = reader_.feed(piece); !fed) return refused(fed.error());
        return State::Decode;
    }

    // Store: a cut-short file, a wrong digest or wrong counts show only at the end; the package
    // row is written only once all of it checked.
    Result<State> store() {
        if (auto ok = reader_.finish(); !ok) {
            const auto* f = reader_.failure();
            return quarantine(f ? f->reason : QuarantineReason::Malformed,
                              f ? f->error : ok.error());
        }
        const auto& m = a_.manifest;
        ReceivedPackage& rp = a_.received;
        rp.manifest = m;
        rp.pulled_at_utc = now_iso_;
        rp.pulled_by = session_.actor.user;
        rp.pull_id = pull_id_;
        rp.holder_employee_id = from_.holder_employee_id;
        if (auto exported = parse_utc(m.exported_at)) {
            const auto lead = (*exported - std::chrono::floor<std::chrono::seconds>(now_)).count();
            if (lead > kSkewToleranceSeconds) rp.clock_skew_seconds = lead;
        }
        SANAQ_TRY(tx_.packages().insert(rp));
        // A copy of this package that was quarantined earlier (e.g. before its key was enrolled)
        // is settled now.
        auto open = tx_.packages().quarantined(false);
        SANAQ_TRY(open);
        for (const auto& q : *open)
            if (q.package_uuid == m.package_uuid && q.reason != QuarantineReason::Conflict)
                SANAQ_TRY(tx_.packages().resolve_quarantined(q.id, "stored"));
        nlohmann::json details{{"kit", from_.kit_number},
                               {"sequence", m.sequence},
                               {"households", rp.households_new + rp.households_superseded},
                               {"persons", rp.persons_new + rp.persons_superseded},
                               {"ignored_older", rp.households_ignored + rp.persons_ignored},
                               {"warnings", rp.warnings},
                               {"pull", pull_id_}};
        if (auto ok = record(tx_, session_,
                             {"package.received", "package", m.package_uuid, "", details.dump()});
            !ok)
            return std::unexpected(ok.error());
        return State::Stored;
    }

    /// Stores one record and counts what that did, per kind of record. A record held from
    /// another tablet is not this package's to change: the reader stops there (its error is the
    /// one people see) and the whole package goes to the quarantine.
    template <class Record>
    Status store_record(const Record& record, std::int64_t& inserted, std::int64_t& superseded,
                        std::int64_t& ignored) {
        auto r = tx_.census().upsert(record, from_);
        SANAQ_TRY(r);
        if (*r == UpsertOutcome::HeldByAnotherDevice) {
            record_conflict_ = record_conflict_error(a_.manifest, record);
            return std::unexpected(*record_conflict_);
        }
        if (*r == UpsertOutcome::Inserted) ++inserted;
        if (*r == UpsertOutcome::Superseded) ++superseded;
        if (*r == UpsertOutcome::IgnoredOlder) ++ignored;
        return {};
    }

    Session& session_;
    StoreSession& tx_;
    Attempt& a_;
    std::int64_t pull_id_;
    const PullOptions& options_;
    const std::function<void(std::uint64_t)>& on_bytes_;
    std::uint64_t budget_;
    Clock::time_point now_;
    std::string now_iso_;
    package::PackageReader reader_;
    RecordProvenance from_;
    std::optional<DeviceKey> key_;              // the enrolled key the manifest is checked against
    std::optional<Error> record_conflict_;      // the record this package may not write
    State state_ = State::Read;
};

/// Reads one package from `source` and, when it verifies, stores its records in one transaction:
/// committed when stored (or already held, which wrote nothing), rolled back otherwise, so a
/// refused or stopped package keeps nothing of what it stored before the refusal.
Attempt ingest(Session& session, const Source& source, const std::string& file_name,
               std::int64_t pull_id, const PullOptions& options,
               const std::function<void(std::uint64_t)>& on_bytes, std::uint64_t budget) {
    using State = PackageIngest::State;
    Attempt a;
    a.outcome.file_name = file_name;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto secrets = department_secrets(tx, session);
        SANAQ_TRY(secrets);
        PackageIngest machine(session, tx, *secrets, a, pull_id, options, on_bytes, budget);
        machine.on_end(source([&](std::string_view piece) { return machine.on_piece(piece); }));
        switch (machine.state()) {
            case State::Stored:
                a.verdict = Verdict::Stored;
                return {};
            case State::AlreadyHeld:
                a.verdict = Verdict::AlreadyHeld;
                return {};
            case State::Quarantine:
                a.verdict = Verdict::Quarantine;
                return std::unexpected(a.error);
            default:
                a.verdict = Verdict::Stopped;
                return std::unexpected(a.error);
        }
    });
    if (!st && (a.verdict == Verdict::Stored || a.verdict == Verdict::AlreadyHeld)) {
        a.verdict = Verdict::Stopped;  // the commit itself failed: nothing was kept
        a.error = st.error();
    }
    if (!st && a.verdict == Verdict::Stopped && a.error.message_id.empty()) a.error = st.error();

    const auto& rp = a.received;
    a.outcome.households = rp.households_new + rp.households_superseded;
    a.outcome.persons = rp.persons_new + rp.persons_superseded;
    a.outcome.ignored_older = rp.households_ignored + rp.persons_ignored;
    a.outcome.warnings = rp.warnings;
    switch (a.verdict) {
        case Verdict::Stored:
            a.outcome.status = PackageStatus::Received;
            break;
        case Verdict::AlreadyHeld:
            a.outcome.status = PackageStatus::AlreadyReceived;
            a.outcome.households = a.outcome.persons = a.outcome.ignored_older =
                a.outcome.warnings = 0;
            break;
        case Verdict::Quarantine:
            a.outcome.status = PackageStatus::Quarantined;
            a.outcome.reason = a.reason;
            a.outcome.error = a.error;
            a.outcome.households = a.outcome.persons = a.outcome.ignored_older =
                a.outcome.warnings = 0;
            break;
        case Verdict::Stopped:
            a.outcome.error = a.error;
            break;
    }
    return a;
}

/// Keeps a bad package in the store with its reason, streamed from the tablet (the file itself
/// stays there). A file over the budget or one that is not a package keeps only its first
/// kQuarantinePrefixSize bytes: enough to see what it is, never a way to fill the store. The
/// same bytes already in the open quarantine are not kept again, whatever the file is called now.
Status keep_in_quarantine(Session& session, TabletStorage& tablet, const TabletFile& file,
                          const Attempt& a, const std::string& source,
                          const std::string& identified_kit, std::uint64_t budget) {
    const bool prefix_only =
        a.reason == QuarantineReason::TooLarge || a.reason == QuarantineReason::Malformed;
    const std::uint64_t limit = prefix_only ? package::kQuarantinePrefixSize : budget;
    bool duplicate = false;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        QuarantinedPackage q;
        q.file_name = a.outcome.file_name;
        q.package_uuid = a.header ? a.manifest.package_uuid : "";
        q.kit_number =
            a.header && !a.manifest.kit_number.empty() ? a.manifest.kit_number : identified_kit;
        q.device_id = a.header ? a.manifest.device_id : "";
        q.reason = a.reason;
        q.detail = printable_name(a.error.detail);
        q.source = source;
        q.quarantined_at_utc = iso_utc(session.clock.now());
        q.file_size = static_cast<std::int64_t>(file.size);
        auto id = tx.packages().begin_quarantine(q);
        SANAQ_TRY(id);
        crypto::Sha256 digest;
        std::uint64_t kept = 0;
        auto read = tablet.read_prefix(file, limit, [&](std::string_view piece) -> Status {
            if (kept + piece.size() > limit) piece = piece.substr(0, limit - kept);  // a storage that overran
            digest.update(piece);
            kept += piece.size();
            return tx.packages().add_quarantined_bytes(*id, piece);
        });
        if (!read) return read;
        const auto sha256 = digest.final_hex();
        auto same = tx.packages().open_quarantine_with_digest(sha256, *id);
        SANAQ_TRY(same);
        if (*same) {
            duplicate = true;  // kept already (another name, an earlier pull): roll this copy back
            return fail(ErrorCode::Cancelled, "");
        }
        SANAQ_TRY(tx.packages().finish_quarantine(*id, static_cast<std::int64_t>(kept), sha256));
        nlohmann::json details{{"reason", quarantine_reason_code(a.reason)},
                               {"file", printable_name(q.file_name)},
                               {"kit", printable_name(q.kit_number)},
                               {"kept", kept},
                               {"file_size", file.size},
                               {"sha256", sha256}};
        return record(tx, session,
                      {"package.quarantined", "package",
                       q.package_uuid.empty() ? printable_name(q.file_name) : q.package_uuid, "",
                       details.dump()});
    });
    if (!st && duplicate) return {};
    return st;
}

Status write_receipt(Session& session, TabletStorage& tablet, const Attempt& a) {
    package::Receipt receipt;
    receipt.package_uuid = a.manifest.package_uuid;
    receipt.payload_sha256 = a.manifest.payload_sha256;
    receipt.status = a.verdict == Verdict::Stored ? "received" : "already_received";
    receipt.kit_number = a.manifest.kit_number;
    receipt.pulled_at_utc =
        a.received.pulled_at_utc.empty() ? iso_utc(session.clock.now()) : a.received.pulled_at_utc;
    receipt.households = a.received.manifest.households;
    receipt.persons = a.received.manifest.persons;
    std::string text;
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto secrets = department_secrets(tx, session);
        SANAQ_TRY(secrets);
        receipt.department_key = secrets->signing_fingerprint;
        auto signed_text = package::sign_receipt(receipt, secrets->signing_private_pem);
        SANAQ_TRY(signed_text);
        text = std::move(*signed_text);
        return {};
    });
    if (!st) return st;
    return tablet.write_receipt(package::receipt_file_name(receipt.package_uuid), text);
}

}  // namespace

bool left_work_behind(const PullRecord& pull) {
    return pull.outcome != PullOutcome::Complete || pull.packages_left > 0 ||
           !pull.missing_sequences.empty();
}

const char* package_status_code(PackageStatus status) {
    switch (status) {
        case PackageStatus::Received:
            return "received";
        case PackageStatus::AlreadyReceived:
            return "already_received";
        case PackageStatus::Quarantined:
            return "quarantined";
    }
    return "received";
}

Result<PullSummary> pull_tablet(Session& session, TabletStorage& tablet,
                                const PullOptions& options) {
    SANAQ_TRY(require(session.actor, Operation::PullData));
    PullSummary summary;
    summary.source = tablet.describe();

    // Which kit this is, for the history and messages; packages still name their own kit.
    auto device_key = tablet.read_device_key();
    auto identity =
        identify_tablet(session, tablet.usb_serial(), device_key ? *device_key : std::string());
    SANAQ_TRY(identity);
    if (identity->kit) summary.kit_number = identity->kit->number;
    if (identity->holder) summary.holder = identity->holder->full_name;

    auto files = tablet.list_outbox();
    SANAQ_TRY(files);
    // The calendar as it stands when the pull starts: what its packages are compared against.
    auto loaded_calendar = census_calendar(session);
    SANAQ_TRY(loaded_calendar);
    const CensusCalendar calendar = std::move(*loaded_calendar);

    PullRecord pull;
    pull.kit_number = summary.kit_number;
    pull.source = summary.source;
    pull.usb_serial = tablet.usb_serial();
    pull.started_at_utc = iso_utc(session.clock.now());
    pull.user = session.actor.user;
    pull.outcome = PullOutcome::Interrupted;  // until it is known to have finished
    std::int64_t pull_id = 0;
    if (auto st = session.store.write([&](StoreSession& tx) -> Status {
            auto id = tx.packages().begin_pull(pull);
            SANAQ_TRY(id);
            pull_id = *id;
            return {};
        });
        !st)
        return std::unexpected(st.error());
    pull.id = summary.pull_id = pull_id;

    PullProgress progress;
    progress.count = files->size();
    for (const auto& f : *files) progress.total_size += f.size;
    const auto started = std::chrono::steady_clock::now();
    auto report = [&](std::uint64_t n) {
        progress.file_bytes += n;
        progress.total_bytes += n;
        const double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        progress.bytes_per_second = secs > 0 ? progress.total_bytes / secs : 0;
        if (options.on_progress) options.on_progress(progress);
    };

    std::set<std::string> devices_seen;
    std::map<std::string, std::vector<std::int64_t>> refused_sequences;   // arrived, but quarantined
    std::string kit_for_gaps = summary.kit_number;
    summary.outcome = PullOutcome::Complete;
    for (std::size_t i = 0; i < files->size(); ++i) {
        const auto& file = (*files)[i];
        progress.file = file.name;
        progress.index = i + 1;
        progress.file_bytes = 0;
        progress.file_size = file.size;
        if (options.on_progress) options.on_progress(progress);
        if (options.cancel_requested && options.cancel_requested()) {
            summary.outcome = PullOutcome::Cancelled;
            summary.stopped_by = Error::make(
                ErrorCode::Cancelled,
                N_("The pull was cancelled. Nothing of the package being read was kept."));
            break;
        }
        // The budget first from the size the tablet reports, then while streaming (it may lie).
        const std::uint64_t budget = options.max_package_size;
        Attempt a;
        if (file.size > budget) {
            a.verdict = Verdict::Quarantine;
            a.reason = QuarantineReason::TooLarge;
            a.error = too_large_error(file.name, budget);
            a.outcome.file_name = file.name;
            a.outcome.status = PackageStatus::Quarantined;
            a.outcome.reason = a.reason;
            a.outcome.error = a.error;
        } else {
            Source source = [&](const ByteSink& sink) {
                return tablet.read_prefix(file, budget + 1, sink);
            };
            a = ingest(session, source, file.name, pull_id, options, report, budget);
        }
        summary.bytes += static_cast<std::int64_t>(a.bytes);
        if (a.verdict == Verdict::Stopped) {
            summary.outcome = a.error.code == ErrorCode::Cancelled ? PullOutcome::Cancelled
                                                                  : PullOutcome::Interrupted;
            summary.stopped_by = a.error;
            break;
        }
        if (a.verdict == Verdict::Quarantine) {
            if (auto ok = keep_in_quarantine(session, tablet, file, a, summary.source,
                                             summary.kit_number, budget);
                !ok) {
                // The tablet went away while its bytes were read: nothing of this entry was kept.
                summary.outcome = PullOutcome::Interrupted;
                summary.stopped_by = ok.error();
                break;
            }
            ++summary.packages_quarantined;
            if (a.header) refused_sequences[a.manifest.device_id].push_back(a.manifest.sequence);
        } else {
            if (a.verdict == Verdict::Stored) {
                ++summary.packages_received;
                summary.households_stored += a.outcome.households;
                summary.persons_stored += a.outcome.persons;
                summary.records_superseded +=
                    a.received.households_superseded + a.received.persons_superseded;
                summary.records_ignored_older += a.outcome.ignored_older;
                summary.warnings += a.outcome.warnings;
                summary.clock_skew_seconds =
                    std::max(summary.clock_skew_seconds, a.received.clock_skew_seconds);
                // Noted, never refused: a tablet's clock or a leftover package of a trial round
                // is for a person to look into, and its records are safe either way.
                const auto& m = a.received.manifest;
                for (const auto& w : package_calendar_warnings(calendar, m.census_round, m.exported_at)) {
                    a.outcome.calendar_warnings.push_back(calendar_warning_message(w.kind, m.census_round, m.exported_at, w.expected));
                    summary.calendar_warnings.push_back(
                        {pull_id, m.package_uuid, w.kind, m.census_round, m.exported_at, w.expected});
                }
            } else {
                ++summary.packages_already;
            }
            devices_seen.insert(a.manifest.device_id);
            if (kit_for_gaps.empty()) kit_for_gaps = a.received.manifest.kit_number;
            // Only now, with the records committed, may the tablet learn it can delete the package.
            if (auto ok = write_receipt(session, tablet, a); ok) {
                a.outcome.receipt_written = true;
            } else {
                // The data are safe; the next pull finds the package held and writes the receipt.
                summary.outcome = PullOutcome::Interrupted;
                summary.stopped_by = ok.error();
                summary.packages.push_back(a.outcome);
                break;
            }
        }
        summary.packages.push_back(a.outcome);
    }
    std::int64_t receipts = 0;
    for (const auto& p : summary.packages) receipts += p.receipt_written ? 1 : 0;
    summary.packages_left = static_cast<std::int64_t>(files->size()) - receipts;

    // Gaps in each device's sequence, counted over everything ever received from it — only after
    // a pull that went through the whole outbox: packages still waiting there have not gone missing.
    std::string missing;
    if (summary.outcome != PullOutcome::Complete) devices_seen.clear();
    auto gaps = query<std::vector<std::pair<std::string, std::string>>>(
        session.store,
        [&](StoreSession& tx) -> Result<std::vector<std::pair<std::string, std::string>>> {
            std::vector<std::pair<std::string, std::string>> out;
            for (const auto& device : devices_seen) {
                auto seqs = tx.packages().sequences(device);
                SANAQ_TRY(seqs);
                // A package refused in this pull did arrive (the quarantine says why).
                if (auto r = refused_sequences.find(device); r != refused_sequences.end()) {
                    seqs->insert(seqs->end(), r->second.begin(), r->second.end());
                    std::sort(seqs->begin(), seqs->end());
                }
                auto ranges = missing_ranges(*seqs);
                if (ranges.empty()) continue;
                auto key = tx.device_keys().by_device_id(device);
                SANAQ_TRY(key);
                out.emplace_back(*key ? (*key)->kit_number : device.substr(0, 12), ranges);
            }
            return out;
        });
    SANAQ_TRY(gaps);
    for (const auto& [kit, ranges] : *gaps) {
        summary.gaps.push_back(Error::make(ErrorCode::InvalidInput,
                                           N_("Packages {} from tablet {} never arrived."),
                                           {ranges, kit}));
        if (!missing.empty()) missing += "; ";
        missing += ranges;
    }

    pull.finished_at_utc = iso_utc(session.clock.now());
    pull.outcome = summary.outcome;
    pull.kit_number = kit_for_gaps;
    pull.packages_received = summary.packages_received;
    pull.packages_already = summary.packages_already;
    pull.packages_quarantined = summary.packages_quarantined;
    pull.households = summary.households_stored;
    pull.persons = summary.persons_stored;
    pull.bytes = summary.bytes;
    pull.packages_left = summary.packages_left;
    pull.missing_sequences = missing;
    pull.clock_skew_seconds = summary.clock_skew_seconds;
    auto finished = session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.packages().finish_pull(pull));
        for (const auto& w : summary.calendar_warnings)
            SANAQ_TRY(tx.packages().add_calendar_warning(w));
        nlohmann::json details{
            {"outcome", pull_outcome_code(pull.outcome)},
            {"received", pull.packages_received},
            {"already", pull.packages_already},  {"quarantined", pull.packages_quarantined},
            {"persons", pull.persons},           {"left", pull.packages_left},
            {"missing", pull.missing_sequences}, {"source", printable_name(pull.source)},
            {"calendar_warnings", summary.calendar_warnings.size()}};
        return record(tx, session, {"pull", "kit", pull.kit_number, "", details.dump()});
    });
    SANAQ_TRY(finished);
    // The counts are derived, and counted again from the records at the next change when this
    // is lost: the pull has finished either way, so a failure here is not the pull's.
    (void)session.store.write([](StoreSession& tx) { return tx.packages().count_pulled(); });
    if (summary.kit_number.empty()) summary.kit_number = kit_for_gaps;
    return summary;
}

Result<PackageOutcome> retry_quarantined(Session& session, std::int64_t id) {
    SANAQ_TRY(require(session.actor, Operation::ManageQuarantine));
    SANAQ_TRY(require(session.actor, Operation::PullData));
    auto entry = query<std::optional<QuarantinedPackage>>(
        session.store, [&](StoreSession& tx) { return tx.packages().find_quarantined(id); });
    SANAQ_TRY(entry);
    if (!*entry)
        return fail(ErrorCode::NotFound, N_("There is no quarantined package {}."),
                    {std::to_string(id)});
    if ((*entry)->resolved)
        return fail(ErrorCode::RefusedByState,
                    N_("Quarantined package {} is already settled ({})."),
                    {std::to_string(id), (*entry)->resolution});
    auto bytes = query<std::string>(
        session.store, [&](StoreSession& tx) { return tx.packages().quarantined_bytes(id); });
    SANAQ_TRY(bytes);
    Source source = [&](const ByteSink& sink) -> Status {
        constexpr std::size_t kPiece = 1 << 20;
        for (std::size_t at = 0; at < bytes->size(); at += kPiece)
            SANAQ_TRY(sink(std::string_view(*bytes).substr(at, kPiece)));
        return {};
    };
    Attempt a = ingest(session, source, (*entry)->file_name, 0, {}, {}, package::kMaxPackageSize);
    if (a.verdict == Verdict::Stopped) return std::unexpected(a.error);
    if (a.verdict == Verdict::Stored || a.verdict == Verdict::AlreadyHeld) {
        auto st = session.store.write([&](StoreSession& tx) -> Status {
            SANAQ_TRY(tx.packages().resolve_quarantined(id, "stored"));
            return record(
                tx, session,
                {"quarantine.retried", "package", a.manifest.package_uuid, "",
                 nlohmann::json{{"id", id}, {"result", package_status_code(a.outcome.status)}}
                     .dump()});
        });
        SANAQ_TRY(st);
    }
    return a.outcome;
}

Status dismiss_quarantined(Session& session, std::int64_t id, const std::string& reason) {
    SANAQ_TRY(require(session.actor, Operation::ManageQuarantine));
    SANAQ_TRY(require_reason(reason));
    return session.store.write([&](StoreSession& tx) -> Status {
        auto entry = tx.packages().find_quarantined(id);
        SANAQ_TRY(entry);
        if (!*entry)
            return fail(ErrorCode::NotFound, N_("There is no quarantined package {}."),
                        {std::to_string(id)});
        if ((*entry)->resolved)
            return fail(ErrorCode::RefusedByState,
                        N_("Quarantined package {} is already settled ({})."),
                        {std::to_string(id), (*entry)->resolution});
        SANAQ_TRY(tx.packages().resolve_quarantined(id, "dismissed: " + reason));
        return record(
            tx, session,
            {"quarantine.dismissed", "package",
             (*entry)->package_uuid.empty() ? (*entry)->file_name : (*entry)->package_uuid, reason,
             nlohmann::json{{"id", id}}.dump()});
    });
}

Result<std::vector<QuarantinedPackage>> list_quarantine(Session& session, bool include_resolved) {
    SANAQ_TRY(require(session.actor, Operation::ManageQuarantine));
    return query<std::vector<QuarantinedPackage>>(session.store, [&](StoreSession& tx) {
        return tx.packages().quarantined(include_resolved);
    });
}

Result<std::vector<PullRecord>> pull_history(Session& session, const std::string& kit_number,
                                             std::size_t limit) {
    SANAQ_TRY(require(session.actor, Operation::ViewDevices));
    return query<std::vector<PullRecord>>(
        session.store, [&](StoreSession& tx) { return tx.packages().pulls(kit_number, limit); });
}

Result<std::vector<PullCalendarWarning>> pull_calendar_warnings(Session& session, std::int64_t pull_id) {
    SANAQ_TRY(require(session.actor, Operation::ViewDevices));
    return query<std::vector<PullCalendarWarning>>(
        session.store, [&](StoreSession& tx) { return tx.packages().calendar_warnings(pull_id); });
}

Result<std::vector<ReceivedPackage>> received_packages(Session& session,
                                                       const std::string& kit_number) {
    SANAQ_TRY(require(session.actor, Operation::ViewDevices));
    return query<std::vector<ReceivedPackage>>(
        session.store, [&](StoreSession& tx) { return tx.packages().list(kit_number); });
}

Result<CensusStats> census_stats(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::ViewCensusData));
    return query<CensusStats>(session.store, [](StoreSession& tx) { return tx.census().stats(); });
}

namespace {
std::string gate_key(const std::string& kit) { return "gate_override." + kit; }
}  // namespace

Result<std::optional<Error>> return_gate(StoreSession& tx, const std::string& kit_number) {
    auto last = tx.packages().pulls(kit_number, 1);
    SANAQ_TRY(last);
    if (last->empty()) return std::optional<Error>{};
    const auto& pull = last->front();
    if (!left_work_behind(pull)) return std::optional<Error>{};
    auto overridden = tx.settings().get(gate_key(kit_number));
    SANAQ_TRY(overridden);
    if (overridden->value_or("") == std::to_string(pull.id)) return std::optional<Error>{};
    if (!pull.missing_sequences.empty())
        return std::optional<Error>{
            Error::make(ErrorCode::RefusedByState,
                        N_("Kit {} cannot be checked in yet: packages {} from its tablet never "
                           "arrived. Pull the tablet again, or "
                           "ask a supervisor to allow the return with a reason."),
                        {kit_number, pull.missing_sequences})};
    const auto left = std::max<std::int64_t>(pull.packages_left, 1);
    return std::optional<Error>{
        Error::make_n(ErrorCode::RefusedByState,
                      N_n("Kit {} cannot be checked in yet: its last pull left {} package on the "
                          "tablet. Pull it again, or ask a supervisor to allow the return with a reason.",
                          "Kit {} cannot be checked in yet: its last pull left {} packages on the "
                          "tablet. Pull it again, or ask a supervisor to allow the return with a reason."),
                      static_cast<long>(left), {kit_number, std::to_string(left)})};

}

Status override_return_gate(Session& session, const std::string& kit_number,
                            const std::string& reason) {
    SANAQ_TRY(require(session.actor, Operation::OverrideReturnGate));
    SANAQ_TRY(require_reason(reason));
    return session.store.write([&](StoreSession& tx) -> Status {
        auto kit = tx.kits().find(kit_number);
        SANAQ_TRY(kit);
        if (!*kit) return fail(ErrorCode::NotFound, N_("There is no kit {}."), {kit_number});
        auto gate = return_gate(tx, kit_number);
        SANAQ_TRY(gate);
        if (!*gate)
            return fail(ErrorCode::RefusedByState,
                        N_("Kit {} may be checked in already; there is nothing to allow."),
                        {kit_number});
        auto last = tx.packages().pulls(kit_number, 1);
        SANAQ_TRY(last);
        if (auto ok = tx.settings().set(gate_key(kit_number), std::to_string(last->front().id));
            !ok)
            return ok;
        return record(tx, session,
                      {"kit.return_gate_override", "kit", kit_number, reason,
                       nlohmann::json{{"pull", last->front().id}}.dump()});
    });
}

}  // namespace sanaq

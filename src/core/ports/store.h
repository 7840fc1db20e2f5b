#pragma once
// The ports the core needs from a store. The SQLCipher workspace in db/ implements them; the
// core never sees SQL. Every write happens inside Store::write, which is one transaction: if the
// work returns an error (or throws) nothing of it is kept, so an audit entry can never exist
// without its change, nor a change without its audit entry.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/act.h"
#include "core/domain/audit.h"
#include "core/domain/custody.h"
#include "core/domain/institution.h"
#include "core/domain/kit.h"
#include "core/domain/territories.h"
#include "core/domain/list_register.h"
#include "core/domain/user.h"
#include "core/error.h"
#include "core/ports/census_store.h"
#include "core/ports/coverage_store.h"
#include "core/ports/upstream_store.h"

namespace sanaq {

class UserRepository {
  public:
    virtual ~UserRepository() = default;
    virtual Result<std::optional<User>> find(std::string_view name) = 0;
    virtual Result<std::vector<User>> list() = 0;  // by name
    virtual Result<std::int64_t> insert(
        const User& user) = 0;                         // AlreadyExists if the name is taken
    virtual Status update(const User& user) = 0;       // full_name, role, active (by name)
    virtual Status remove(std::string_view name) = 0;  // NotFound if absent
};

class AuditTrail {
  public:
    virtual ~AuditTrail() = default;
    /// Assigns the next sequence number, seals the entry against the current head (core's
    /// seal()), stores it and moves the head. at_utc/at_local/actor come filled in.
    virtual Result<AuditEntry> append(AuditEntry entry) = 0;
    /// Newest first, filtered; for the GUI and `audit list`.
    virtual Result<std::vector<AuditEntry>> list(const AuditFilter& filter) = 0;
    /// Every entry in storage order (the order they were written), for verification.
    virtual Result<std::vector<AuditEntry>> all_in_storage_order() = 0;
    virtual Result<AuditHead> head() = 0;
    virtual Result<std::int64_t> count() = 0;
    /// Every entry against the chain and the head, with the store's own (keyed) hash; then, when
    /// the chain holds, against the heads the census database witnessed (check_witnessed_heads).
    virtual Result<AuditVerification> verify(const std::vector<WitnessedHead>& witnessed) = 0;
    Result<AuditVerification> verify() { return verify({}); }
};

class InstitutionRepository {
  public:
    virtual ~InstitutionRepository() = default;
    virtual Result<std::optional<Institution>> find(std::string_view bin) = 0;
    virtual Result<std::vector<Institution>> list() = 0;        // by name_ru
    virtual Status insert(const Institution& institution) = 0;  // AlreadyExists on the BIN
    virtual Status update(const Institution& institution) = 0;
};

class StaffRepository {
  public:
    virtual ~StaffRepository() = default;
    virtual Result<std::optional<ResponsibleEmployee>> find(std::int64_t id) = 0;
    virtual Result<std::optional<ResponsibleEmployee>> find_by_iin(std::string_view iin) = 0;
    /// All staff, or one institution's when `institution_bin` is not empty; by full name.
    virtual Result<std::vector<ResponsibleEmployee>> list(std::string_view institution_bin) = 0;
    virtual Result<std::int64_t> insert(
        const ResponsibleEmployee& employee) = 0;  // AlreadyExists on the IIN
    virtual Status update(const ResponsibleEmployee& employee) = 0;
};

struct KitQuery {
    std::optional<KitState> state;
    bool outstanding_only = false;  // issued or partly returned
    std::string text;               // substring of number, tablet serial, USB serial, model
    std::size_t offset = 0;
    std::size_t limit = 0;  // 0 = all
};

class KitRepository {
  public:
    virtual ~KitRepository() = default;
    virtual Result<std::optional<Kit>> find(std::string_view number) = 0;
    virtual Result<std::optional<Kit>> find_by_usb_serial(std::string_view usb_serial) = 0;
    virtual Result<std::vector<Kit>> list(const KitQuery& query) = 0;  // by number
    virtual Result<std::int64_t> count(const KitQuery& query) = 0;
    /// AlreadyExists when the number, the tablet serial or the USB serial is taken.
    virtual Status insert(const Kit& kit) = 0;
    /// Replaces state, note, tablet details and every component's serial/status/note.
    virtual Status update(const Kit& kit) = 0;
};

class CustodyRepository {
  public:
    virtual ~CustodyRepository() = default;
    virtual Result<std::int64_t> open_issue(const KitIssue& issue) = 0;
    /// The issue of this kit not yet closed, if any.
    virtual Result<std::optional<KitIssue>> open_issue_for(std::string_view kit_number) = 0;
    virtual Status update_issue(const KitIssue& issue) = 0;  // closed_at_utc, return_acts
    virtual Result<std::vector<KitIssue>> history(std::string_view kit_number) = 0;  // oldest first
    /// Every open issue joined with its kit, holder and institution; `today` (YYYY-MM-DD) decides
    /// overdue and days_out. Sorted by institution BIN, then kit number. For speed with a
    /// national fleet, `kit.components` and `issue.return_acts` are left empty: `owed` says what
    /// the holder still has (find the kit for the rest).
    virtual Result<std::vector<OutstandingKit>> outstanding(const std::string& today) = 0;
    /// How many kits the employee holds now (open issues): a return that leaves none settles
    /// their paper.
    virtual Result<int> open_issues_of(std::int64_t employee_id) = 0;
};

struct ActSummary {
    std::string number;
    ActKind kind = ActKind::Issue;
    std::string date;
    std::string institution_bin;
    std::int64_t employee_id = 0;
    std::vector<std::string> kits;
};

class ActRepository {
  public:
    virtual ~ActRepository() = default;
    /// Allocates the next number for the kind and year: "SQ-I-2026-000001" / "SQ-R-2026-000001".
    virtual Result<std::string> next_number(ActKind kind, int year) = 0;
    virtual Status insert(const Act& act) = 0;  // freezes act_to_json(act)
    virtual Result<std::optional<Act>> find(std::string_view number) = 0;
    /// Newest first; only acts that name this kit when `kit_number` is not empty.
    virtual Result<std::vector<ActSummary>> list(std::string_view kit_number) = 0;
};

class PaperStockRepository {
  public:
    virtual ~PaperStockRepository() = default;
    virtual Result<int> on_hand(PaperItem item) = 0;
    /// Adds `delta` (negative to hand out). RefusedByState when the stock would go below zero.
    virtual Status adjust(PaperItem item, int delta) = 0;

    // The ledger of what each holder was handed, used and brought back (the stock counts only
    // what is on the department's shelf).
    virtual Status record_movement(const PaperMovement& movement) = 0;
    /// The holder's account, one balance per item in kAllPaperItems order (zeros when none).
    virtual Result<std::vector<PaperBalance>> account_of(std::int64_t employee_id) = 0;
    /// Every holder whose balance is not zero for some item, with their account; sorted by
    /// institution BIN, then holder's name. Holders missing from the registers are left out.
    virtual Result<std::vector<HeldPaper>> holders() = 0;
};

class SettingsRepository {
  public:
    virtual ~SettingsRepository() = default;
    virtual Result<std::optional<std::string>> get(std::string_view key) = 0;
    virtual Status set(std::string_view key, std::string_view value) = 0;
};

/// The imported KATO classifier, per edition (common: not personal data).
class TerritoryRepository {
  public:
    virtual ~TerritoryRepository() = default;
    /// The editions imported, by edition.
    virtual Result<std::vector<KatoEdition>> editions() = 0;
    /// Replaces everything held of `edition.edition` by `entries` (each of that edition).
    virtual Status replace(const KatoEdition& edition, const std::vector<KatoTerritory>& entries) = 0;
    virtual Result<std::optional<KatoTerritory>> find(std::string_view edition, std::string_view code) = 0;
    /// The entries one level below `code` (a region's districts, a district's okrugs and
    /// settlements), by code; at most `limit`.
    virtual Result<std::vector<KatoTerritory>> below(std::string_view edition, std::string_view code,
                                                     std::size_t limit) = 0;
};

/// The stage-1 register (core/domain/list_register.h): the department's planning of who owes a
/// list. Per-role keys keep it in dept, so a session without dept (a custodian) does not reach it.
class ListRegisterRepository {
  public:
    virtual ~ListRegisterRepository() = default;
    /// Whether this session reaches the register at all (false: a member without dept).
    virtual bool available() = 0;
    virtual Result<std::vector<ListDuty>> list() = 0;  // by BIN
    virtual Result<std::optional<ListDuty>> find(std::string_view bin) = 0;
    /// Inserts or replaces the institution's row; NotFound for an institution not registered.
    virtual Status put(const ListDuty& duty) = 0;
};

/// The repositories, valid only inside one Store::write or Store::read call.
class StoreSession {
  public:
    virtual ~StoreSession() = default;
    virtual UserRepository& users() = 0;
    virtual AuditTrail& audit() = 0;
    virtual InstitutionRepository& institutions() = 0;
    virtual StaffRepository& staff() = 0;
    virtual KitRepository& kits() = 0;
    virtual CustodyRepository& custody() = 0;
    virtual ActRepository& acts() = 0;
    virtual PaperStockRepository& paper() = 0;
    virtual SettingsRepository& settings() = 0;
    virtual TerritoryRepository& territories() = 0;
    virtual DeviceKeyRepository& device_keys() = 0;
    virtual PackageRepository& packages() = 0;
    virtual CensusRecordRepository& census() = 0;
    virtual ListRepository& lists() = 0;
    virtual ChannelRepository& channels() = 0;
    virtual ReconciliationRepository& reconciliation() = 0;
    virtual ReviewRepository& reviews() = 0;
    virtual OutboxRepository& outbox() = 0;
    virtual ListRegisterRepository& list_register() = 0;
};

using StoreWork = std::function<Status(StoreSession&)>;

class Store {
  public:
    virtual ~Store() = default;
    /// One write transaction: commit when `work` succeeds, roll back on error or exception.
    virtual Status write(const StoreWork& work) = 0;
    /// A consistent read snapshot; writes inside it are a programming error.
    virtual Status read(const StoreWork& work) = 0;
};

/// Per-user key slots: the master key wrapped by a key derived from the user's password.
/// Changing slots never re-encrypts the database.
class KeyVault {
  public:
    virtual ~KeyVault() = default;
    /// With per-role keys the slot opens only the parts `role` holds (AlreadyExists).
    virtual Status add_slot(std::string_view user, std::string_view password, Role role) = 0;
    /// Per-role keys: the member's keys follow their new role (NotFound). Single key: nothing to
    /// do.
    virtual Status set_role(std::string_view user, Role role) = 0;
    virtual Status remove_slot(std::string_view user) = 0;  // NotFound
    virtual Status change_password(std::string_view user, std::string_view new_password) = 0;
    virtual bool has_slot(std::string_view user) const = 0;

    // Per-role keys (db/README.md, "Key hierarchy"); with a single key there is nothing to do.
    virtual bool per_role_keys() const { return false; }
    /// Whether removing `user` (no `role`) or giving them `role` leaves census and the root key
    /// with somebody to open them (RefusedByState naming why not).
    virtual Status check_membership_change(std::string_view user, std::optional<Role> role) const {
        (void)user;
        (void)role;
        return {};
    }
    /// The signed-in member gives `user` the parts they hold and `user`'s role needs (census for a
    /// colleague an administrator added). Returns the parts given. RefusedByState with one key.
    virtual Result<std::vector<std::string>> confirm_access(std::string_view user) = 0;
    /// Those of `users` to whom confirm_access would give something now.
    virtual std::vector<std::string> awaiting_confirmation(
        const std::vector<std::string>& users) const {
        (void)users;
        return {};
    }
    /// A single-key workspace on its way to per-role keys: those of `users` (active users' names)
    /// who have not signed in since, so have no member keys of their own yet. Empty otherwise.
    virtual std::vector<std::string> awaiting_enrolment(
        const std::vector<std::string>& users) const {
        (void)users;
        return {};
    }
    /// Parts of the signed-in member's role that have not reached them yet ("census").
    virtual std::vector<std::string> awaiting_parts() const { return {}; }
    /// Parts waiting to be re-keyed (someone who could open them was removed or lost them with a
    /// new role) that the signed-in member may re-key now.
    virtual std::vector<std::string> parts_to_rekey() const { return {}; }
    /// Re-keys them; `progress(done, total)` in bytes, false cancels (the old keys stay).
    /// RefusedByState while a pull or another job has the store open.
    virtual Result<std::vector<std::string>> rekey_pending_parts(
        const std::function<bool(std::uint64_t, std::uint64_t)>& progress) = 0;
};

}  // namespace sanaq

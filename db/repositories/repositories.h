#pragma once
// Private to db/repositories: the SQL implementations of the core's repository ports.
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/ports/store.h"
#include "db/crypto.h"
#include "db/errors.h"
#include "db/member_signatures.h"
#include "db/sqlite/database.h"

namespace sanaq::db {

/// A reconcile run from a row whose columns are, in order: id, started and finished at, user,
/// listed, enumerated, matched, review, conflict, missing, extra, duplicate, pairs compared,
/// decisions applied, seconds (reconciliation.cpp; the department summary reads the same shape).
ReconcileRun read_reconcile_run(const Statement& st);

/// Runs repository work, turning DbFailure (and any other exception) into an Error value.
template <class F>
auto guarded(F&& work) -> decltype(work()) {
    try {
        return work();
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    } catch (const std::exception& ex) {
        return std::unexpected(Error::make(ErrorCode::Unexpected, N_("The workspace database reported an error."),
                                           {}, ex.what()));
    }
}

/// A stored code this version does not know: the file was altered or written by something else.
template <class T>
T known_or_damaged(std::optional<T> value, const Database& db, std::string_view what, std::string_view code) {
    if (!value)
        throw DbFailure(damaged_file_error(db.file(), std::string("unknown ") + std::string(what) + " '" +
                                                          std::string(code) + "'"));
    return *value;
}

/// `%text%` for LIKE … ESCAPE '\', with the text's own % _ \ taken literally.
std::string like_substring(std::string_view text);

class SqlUserRepository final : public UserRepository {
public:
    explicit SqlUserRepository(Database& db) : db_(db) {}
    Result<std::optional<User>> find(std::string_view name) override;
    Result<std::vector<User>> list() override;
    Result<std::int64_t> insert(const User& user) override;
    Status update(const User& user) override;
    Status remove(std::string_view name) override;

private:
    User read(const Statement& st) const;
    Database& db_;
};

/// The audit chain, keyed (db/README.md, "Audit chain"): entries from `audit_keyed_from` on are
/// sealed with HMAC-SHA256 under the chain key, earlier ones keep their plain SHA-256. A trail made
/// without a chain key (tests' raw sessions) seals and checks every entry plain.
/// Per-role keys: the rows of common that a custodian's key could otherwise rewrite (settings,
/// device_keys, pulls) signed by the member who wrote them, each table's row count signed as its
/// head so a deleted row shows too (README.md "Signed rows in common"). Without member signatures
/// (the single-key layout) nothing is signed or checked. Everything throws DbFailure: call inside
/// guarded().
class RowSignatures {
  public:
    explicit RowSignatures(Database& db) : db_(db) {}
    void use(std::shared_ptr<const MemberSignatures> signatures) {
        signatures_ = std::move(signatures);
    }
    const MemberSignatures* signatures() const { return signatures_.get(); }
    bool active() const { return signatures_ != nullptr; }

    /// Signs a row of `table` (one of settings, device_keys, pulls), and the table's head.
    void sign(std::string_view table, std::string_view key,
              const std::vector<std::string>& columns);
    /// WorkspaceDamaged naming the table and row unless it is signed by a member whose role may
    /// write it (`writers`; administrators may sign every table).
    void check(std::string_view table, std::string_view key,
               const std::vector<std::string>& columns, std::initializer_list<Role> writers);
    /// The same for the table's head against the rows it has now.
    void check_head(std::string_view table, std::initializer_list<Role> writers);
    /// Signs the head of every signed table as it is now (a new workspace's empty tables).
    void sign_heads();
    /// A member's role changed to one that may not write some of the rows they signed: the
    /// signed-in administrator signs again each row whose signature by `slot` verifies and which
    /// `previous` role could write. Inside the role change's transaction.
    void sign_again_rows_of(std::string_view slot, Role previous);

    /// Signs every row of the signed tables as they are, and their heads (the split of a
    /// single-key workspace, whose rows nobody had signed).
    void sign_every_row();

  private:
    std::string head_columns(std::string_view table);
    std::optional<std::vector<std::string>> stored_columns(std::string_view table,
                                                           std::string_view key);
    void store(std::string_view table, std::string_view key, const std::string& message);
    Database& db_;
    std::shared_ptr<const MemberSignatures> signatures_;
};

/// The audit chain key HMAC-SHA256(`master`, "sanaq-audit-chain-v2") (README.md "Audit chain").
SecretKey audit_chain_key(const SecretKey& master);

/// A workspace split from a single key (README.md "Converting a single-key workspace"): the split's
/// audit entry, once checked.
struct KeySplitBoundary {
    std::int64_t seq = 0;  // entries before it need no member's signature
    std::string signer;    // slot of the officer or supervisor who split
};
/// common's store_parameters rows naming the split's entry and the conversion root's signature.
inline constexpr std::string_view kKeySplitEntryParameter = "key_split_entry";
inline constexpr std::string_view kKeySplitRootSignatureParameter = "key_split_root_signature";
/// The split's entry, when store_parameters names one whose action is keys.split, signed by its
/// actor as an officer or supervisor and by the roster's first root (the conversion root). Nothing
/// otherwise: a custodian holds no officer's key to sign one of their own. Throws DbFailure.
std::optional<KeySplitBoundary> verified_key_split(Database& db, const MemberSignatures& members);

class SqlAuditTrail final : public AuditTrail {
public:
  SqlAuditTrail(Database& db, RowSignatures& signatures) : db_(db), signatures_(signatures) {}
  /// The chain key: HMAC-SHA256(master key, "sanaq-audit-chain-v2"), or `key` itself when
  /// `derived` (a split workspace keeps the chain key, never the old master key it came from).
  /// Wiped with the trail.
  void use_chain_key(const SecretKey& master, bool derived = false);
  ~SqlAuditTrail() override;
  Result<AuditEntry> append(AuditEntry entry) override;
  Result<std::vector<AuditEntry>> list(const AuditFilter& filter) override;
  Result<std::vector<AuditEntry>> all_in_storage_order() override;
  Result<AuditHead> head() override;
  Result<std::int64_t> count() override;
  Result<AuditVerification> verify(const std::vector<WitnessedHead>& witnessed) override;
  using AuditTrail::verify;

private:
    std::string hash_of(const AuditEntry& entry);
    std::int64_t keyed_from();
    Database& db_;
    RowSignatures& signatures_;
    std::array<unsigned char, 32> chain_key_{};
    bool keyed_ = false;
    std::optional<std::int64_t> keyed_from_;
};

class SqlInstitutionRepository final : public InstitutionRepository {
public:
    explicit SqlInstitutionRepository(Database& db) : db_(db) {}
    Result<std::optional<Institution>> find(std::string_view bin) override;
    Result<std::vector<Institution>> list() override;
    Status insert(const Institution& institution) override;
    Status update(const Institution& institution) override;

private:
    Database& db_;
};

class SqlTerritoryRepository final : public TerritoryRepository {
public:
    explicit SqlTerritoryRepository(Database& db) : db_(db) {}
    Result<std::vector<KatoEdition>> editions() override;
    Status replace(const KatoEdition& edition, const std::vector<KatoTerritory>& entries) override;
    Result<std::optional<KatoTerritory>> find(std::string_view edition, std::string_view code) override;
    Result<std::vector<KatoTerritory>> below(std::string_view edition, std::string_view code,
                                             std::size_t limit) override;

private:
    Database& db_;
};

class SqlListRegisterRepository final : public ListRegisterRepository {
public:
    explicit SqlListRegisterRepository(Database& db) : db_(db) {}
    bool available() override;
    Result<std::vector<ListDuty>> list() override;
    Result<std::optional<ListDuty>> find(std::string_view bin) override;
    Status put(const ListDuty& duty) override;

private:
    Database& db_;
};

class SqlStaffRepository final : public StaffRepository {
public:
    explicit SqlStaffRepository(Database& db) : db_(db) {}
    Result<std::optional<ResponsibleEmployee>> find(std::int64_t id) override;
    Result<std::optional<ResponsibleEmployee>> find_by_iin(std::string_view iin) override;
    Result<std::vector<ResponsibleEmployee>> list(std::string_view institution_bin) override;
    Result<std::int64_t> insert(const ResponsibleEmployee& employee) override;
    Status update(const ResponsibleEmployee& employee) override;

private:
    void check_institution(const std::string& bin);
    void store_appointment(std::int64_t id, const ResponsibleEmployee& employee);
    std::string select();
    bool has_appointments();
    Database& db_;
};

class SqlKitRepository final : public KitRepository {
public:
    explicit SqlKitRepository(Database& db) : db_(db) {}
    Result<std::optional<Kit>> find(std::string_view number) override;
    Result<std::optional<Kit>> find_by_usb_serial(std::string_view usb_serial) override;
    Result<std::vector<Kit>> list(const KitQuery& query) override;
    Result<std::int64_t> count(const KitQuery& query) override;
    Status insert(const Kit& kit) override;
    Status update(const Kit& kit) override;

private:
    std::optional<Kit> find_where(const char* sql, std::string_view value);
    void check_serials_free(const Kit& kit, std::int64_t own_id);
    void write_components(std::int64_t kit_id, const Kit& kit);
    Database& db_;
};

class SqlCustodyRepository final : public CustodyRepository {
public:
    explicit SqlCustodyRepository(Database& db) : db_(db) {}
    Result<std::int64_t> open_issue(const KitIssue& issue) override;
    Result<std::optional<KitIssue>> open_issue_for(std::string_view kit_number) override;
    Status update_issue(const KitIssue& issue) override;
    Result<std::vector<KitIssue>> history(std::string_view kit_number) override;
    Result<std::vector<OutstandingKit>> outstanding(const std::string& today) override;
    Result<int> open_issues_of(std::int64_t employee_id) override;

private:
    void write_return_acts(std::int64_t issue_id, const std::vector<std::string>& acts);
    Database& db_;
};

class SqlActRepository final : public ActRepository {
public:
    explicit SqlActRepository(Database& db) : db_(db) {}
    Result<std::string> next_number(ActKind kind, int year) override;
    Status insert(const Act& act) override;
    Result<std::optional<Act>> find(std::string_view number) override;
    Result<std::vector<ActSummary>> list(std::string_view kit_number) override;

private:
    Database& db_;
};

class SqlPaperStockRepository final : public PaperStockRepository {
public:
    explicit SqlPaperStockRepository(Database& db) : db_(db) {}
    Result<int> on_hand(PaperItem item) override;
    Status adjust(PaperItem item, int delta) override;
    Status record_movement(const PaperMovement& movement) override;
    Result<std::vector<PaperBalance>> account_of(std::int64_t employee_id) override;
    Result<std::vector<HeldPaper>> holders() override;

private:
    Database& db_;
};

/// Where the department's secrets ("secret.*": its private keys) and the upstream settings
/// ("upstream.*": the client certificate with its password) live.
enum class DepartmentSettings {
    InSettings = 0,  // one key for every role: the settings table like everything else
    InDeptPart,  // per-role keys: the dept part's dept_settings, attached for the roles that hold it
    NotHeld,     // per-role keys, a role without the dept part (custodians): refused
};

class SqlSettingsRepository final : public SettingsRepository {
public:
  SqlSettingsRepository(Database& db, RowSignatures& signatures)
      : db_(db), signatures_(signatures) {}
  Result<std::optional<std::string>> get(std::string_view key) override;
  Status set(std::string_view key, std::string_view value) override;
  void route_department_settings(DepartmentSettings where) { department_ = where; }

private:
    Database& db_;
    RowSignatures& signatures_;
    DepartmentSettings department_ = DepartmentSettings::InSettings;
};

/// The department's summaries (README.md, "Department summaries"): coverage figures and the
/// outbox's counts, no personal data, in the dept part — which administrators hold and census
/// they do not. A session with census and dept attached keeps them in the transaction of every
/// change (the reconciliation's, list and outbox repositories call in here); a session with dept
/// and without census reads them instead of the records. The single-key layout has none.
/// Everything throws DbFailure: call inside guarded().
class DepartmentSummaries {
public:
    explicit DepartmentSummaries(Database& db) : db_(db) {}
    void route(DepartmentSettings where) { department_ = where; }
    /// Per-role keys with census and dept attached: this session's census writes keep them.
    bool kept();
    /// Per-role keys with dept attached and census not: counts come from here.
    bool read_instead();

    /// A run's results are stored: every institution's figures and days counted again.
    void recount_coverage();
    /// One institution's figures and days counted again (a decision, a new list version).
    void recount_institution(std::string_view bin);
    /// The finished run the figures come from.
    void record_run(const ReconcileRun& run);
    /// Institution rows by BIN, names and KATO from the register.
    std::vector<CoverageRow> coverage_rows();
    std::vector<ProgressPoint> progress(std::string_view bin);
    std::optional<ReconcileRun> last_run();
    CountsSource coverage_source();

    /// Taken before a change to the outbox: whether the stored counts still describe census —
    /// nothing ingested, formed or discarded since they were stored (a pull, or a transaction
    /// whose dept half was lost, counts everything again).
    bool outbox_exact();
    /// After a change: the batch counts counted again; the pending ones moved by the deltas when
    /// `exact`, else counted from the records.
    void outbox_changed(bool exact, std::int64_t households_delta, std::int64_t persons_delta);
    OutboxStats outbox_stats();

private:
    bool attached(std::string_view schema);
    void touch_coverage(const std::string& now);
    Database& db_;
    DepartmentSettings department_ = DepartmentSettings::InSettings;
};

/// Live counts shared by the repositories and the summaries (throw DbFailure):
/// coverage rows of the institutions with a current list (one institution's when `bin` is given),
/// by BIN; what each of them gained per day; the outbox's batch counts; its pending records.
/// `breakdowns`: also the matched by channel and source and the listed by resident category (the
/// department's summaries do not keep them, and skip the joins).
std::vector<CoverageRow> count_coverage(Database& db, std::optional<std::string_view> bin, bool breakdowns = false);
struct CoverageDay {
    std::string bin, day;
    std::int64_t enumerated = 0, matched = 0;
};
std::vector<CoverageDay> count_coverage_days(Database& db, std::optional<std::string_view> bin);
/// The Kazakh and Russian names of a territory (edition, KATO prefix of 2 or 4 digits), or nullopt.
using TerritoryNames =
    std::function<std::optional<std::pair<std::string, std::string>>(std::string_view, std::string_view)>;
/// Institution rows summed by (KATO edition, KATO prefix) at the district or region level, with
/// the names `names` knows; institution rows as they are.
std::vector<CoverageRow> coverage_at_level(std::vector<CoverageRow> rows, CoverageLevel level,
                                           const TerritoryNames& names = {});
/// A territory's names: the imported classifier's entry for the prefix's code, else (regions) the
/// table shipped with the program. Throws DbFailure.
std::optional<std::pair<std::string, std::string>> stored_territory_name(Database& db, std::string_view edition,
                                                                         std::string_view prefix);
void count_batches(Database& db, OutboxStats& s);
void count_pending(Database& db, OutboxStats& s);

class SqlDeviceKeyRepository final : public DeviceKeyRepository {
public:
  SqlDeviceKeyRepository(Database& db, RowSignatures& signatures)
      : db_(db), signatures_(signatures) {}
  Status enroll(const DeviceKey& key) override;
  Result<std::optional<DeviceKey>> for_kit(std::string_view kit_number) override;
  Result<std::optional<DeviceKey>> by_device_id(std::string_view device_id) override;
  Result<std::vector<DeviceKey>> list() override;

private:
  DeviceKey checked(DeviceKey key);
  /// The key whose `column` (kit_number or device_id) is `value`, its signature checked.
  Result<std::optional<DeviceKey>> one_key(const char* column, std::string_view value);
  Database& db_;
  RowSignatures& signatures_;
};

class SqlPackageRepository final : public PackageRepository {
public:
    /// Quarantined bytes are stored in pieces of this size (README.md, quarantined_chunks).
    static constexpr std::size_t kChunkSize = 1 << 20;

    SqlPackageRepository(Database& db, DepartmentSummaries& summaries, RowSignatures& signatures)
        : db_(db), summaries_(summaries), signatures_(signatures) {}
    Result<std::optional<ReceivedPackage>> find(std::string_view package_uuid) override;
    Status insert(const ReceivedPackage& package) override;
    Result<std::vector<std::int64_t>> sequences(std::string_view device_id) override;
    Result<std::vector<ReceivedPackage>> list(std::string_view kit_number) override;

    Result<std::int64_t> quarantine(const QuarantinedPackage& package, std::string_view bytes) override;
    Result<std::int64_t> begin_quarantine(const QuarantinedPackage& package) override;
    Status add_quarantined_bytes(std::int64_t id, std::string_view bytes) override;
    Status finish_quarantine(std::int64_t id, std::int64_t size, std::string_view sha256) override;
    Result<std::optional<std::int64_t>> open_quarantine_with_digest(std::string_view sha256,
                                                                   std::int64_t except_id) override;
    Result<std::vector<QuarantinedPackage>> quarantined(bool include_resolved) override;
    Result<std::optional<QuarantinedPackage>> find_quarantined(std::int64_t id) override;
    Result<std::string> quarantined_bytes(std::int64_t id) override;
    Status resolve_quarantined(std::int64_t id, std::string_view resolution) override;

    Result<std::int64_t> begin_pull(const PullRecord& pull) override;
    Status finish_pull(const PullRecord& pull) override;
    Status count_pulled() override;
    Result<std::vector<PullRecord>> pulls(std::string_view kit_number, std::size_t limit) override;
    Status add_calendar_warning(const PullCalendarWarning& warning) override;
    Result<std::vector<PullCalendarWarning>> calendar_warnings(std::int64_t pull_id) override;

private:
    void store_chunk(std::int64_t id, std::int64_t position, std::string_view bytes);
    void sign_pull(std::int64_t id);

    Database& db_;
    DepartmentSummaries& summaries_;
    RowSignatures& signatures_;
    // The entry being streamed by add_quarantined_bytes: its next position and a partial piece.
    std::int64_t streaming_id_ = 0;
    std::int64_t streaming_position_ = 0;
    std::int64_t streaming_file_size_ = 0;
    std::string streaming_piece_;
};

/// FNV-1a 64 of the text's bytes (offset basis 0xcbf29ce484222325, prime 0x100000001b3), as the
/// signed 64-bit integer stored in households/persons.uuid_key (README.md, 004).
std::int64_t record_key(std::string_view uuid);

/// Row readers of the census records, shared by the census repository and the outbox: the
/// columns of kHouseholdColumns / kPersonColumns / kProvenanceColumns from column `first` on
/// (no table alias: select them from one table). Unknown stored codes → damaged file.
inline constexpr const char* kHouseholdColumns =
    "uuid, revision, place, kato, kato_version, street, house, flat, institution_bin, institution_type, "
    "hotel_name, household_number, answers_json";
inline constexpr int kHouseholdColumnCount = 13;
inline constexpr const char* kPersonColumns =
    "uuid, revision, household_uuid, iin, surname, name, patronymic, sex, birth_date, relationship, residence, "
    "source, answers_json";
inline constexpr int kPersonColumnCount = 13;
inline constexpr const char* kProvenanceColumns = "package_uuid, kit_number, holder_employee_id, pulled_at_utc";
void read_household_columns(const Statement& st, int first, const Database& db, Household& h);
void read_person_columns(const Statement& st, int first, const Database& db, Person& p);
void read_provenance_columns(const Statement& st, int first, RecordProvenance& from);

/// The ingest path: per record one lookup over the small uuid_key index and one INSERT (or, for a
/// newer revision, one UPDATE), all prepared once per connection.
class SqlCensusRecordRepository final : public CensusRecordRepository {
public:
    explicit SqlCensusRecordRepository(Database& db) : db_(db) {}
    Result<UpsertOutcome> upsert(const Household& household, const RecordProvenance& from) override;
    Result<UpsertOutcome> upsert(const Person& person, const RecordProvenance& from) override;
    Result<std::optional<Person>> find_person(std::string_view uuid) override;
    Result<std::optional<RecordProvenance>> person_provenance(std::string_view uuid) override;
    Result<std::optional<Household>> find_household(std::string_view uuid) override;
    Result<CensusStats> stats() override;

private:
    /// The cached statements of the ingest (owned by Database's cache, which never evicts).
    struct Statements {
        Statement* find_household = nullptr;  // id, revision by uuid_key + uuid
        Statement* insert_household = nullptr;
        Statement* update_household = nullptr;
        Statement* adopt_persons = nullptr;   // persons waiting for a household just stored
        Statement* find_person = nullptr;
        Statement* insert_person = nullptr;
        Statement* update_person = nullptr;
        Statement* package_device = nullptr;  // device_id of a received package
    };
    Statements& statements();
    /// households.id of a household uuid, if stored: from what this transaction already saw, else
    /// looked up (a package's persons mostly belong to its own households).
    std::optional<std::int64_t> household_id(const std::string& uuid);
    void remember_household(const std::string& uuid, std::int64_t id);
    /// Whether a stored record written by package `stored_package` came from another tablet than
    /// `from.device_id` (false when `from` names no device or the package is not on record).
    bool from_another_device(std::string_view stored_package, const RecordProvenance& from);

    Database& db_;
    Statements st_;
    // Valid for one transaction only (ids of a rolled-back insert are handed out again).
    std::unordered_map<std::string, std::int64_t, TransparentHash, std::equal_to<>> household_ids_;
    std::uint64_t household_ids_generation_ = 0;
};

/// Institutions' lists: versions with their entries, saved column mappings.
class SqlListRepository final : public ListRepository {
public:
    SqlListRepository(Database& db, DepartmentSummaries& summaries) : db_(db), summaries_(summaries) {}
    Result<std::int64_t> insert(const StoredList& list, std::span<const ListedPerson> entries) override;
    Result<std::optional<StoredList>> find(std::int64_t id) override;
    Result<std::vector<StoredList>> versions(std::string_view bin) override;
    Result<std::optional<StoredList>> current(std::string_view bin) override;
    Result<std::vector<StoredList>> current_lists() override;
    Result<int> next_version(std::string_view bin, std::string_view as_of) override;
    Result<std::vector<ListedPerson>> entries(std::int64_t list_id) override;
    Result<std::optional<ListedPerson>> find_current_entry(std::string_view record_id) override;
    Status save_mapping(std::string_view bin, std::string_view name, std::string_view mapping_json,
                        std::string_view saved_at_utc, std::string_view saved_by) override;
    Result<std::optional<std::string>> find_mapping(std::string_view bin, std::string_view name) override;
    Result<std::vector<std::pair<std::string, std::string>>> mappings(std::string_view bin) override;

private:
    Database& db_;
    DepartmentSummaries& summaries_;
};

/// The census database's channel files: versions per source with their records.
class SqlChannelRepository final : public ChannelRepository {
public:
    explicit SqlChannelRepository(Database& db) : db_(db) {}
    Result<std::int64_t> insert(const ChannelFile& file, std::span<const ChannelRecord> records) override;
    Result<std::vector<ChannelFile>> versions(std::string_view source) override;
    Result<std::vector<ChannelFile>> current_files() override;
    Result<int> next_version(std::string_view source) override;
    Result<std::vector<ChannelRecord>> records(std::int64_t file_id) override;
    Status scan_current(const std::function<void(ChannelRecord&&)>& visit) override;

private:
    Database& db_;
};

/// Reconciliation: the enumerated persons as it reads them, runs, the per-person results
/// of the last run and the coverage figures aggregated from them.
class SqlReconciliationRepository final : public ReconciliationRepository {
public:
    SqlReconciliationRepository(Database& db, DepartmentSummaries& summaries) : db_(db), summaries_(summaries) {}
    Status scan_enumerated(std::string_view bin, const std::function<void(EnumeratedPerson&&)>& visit) override;
    Result<std::optional<EnumeratedPerson>> find_enumerated(std::string_view uuid) override;
    Result<std::int64_t> begin_run(const ReconcileRun& run) override;
    Status finish_run(const ReconcileRun& run) override;
    Result<std::optional<ReconcileRun>> last_run() override;
    Status replace_results(std::span<const ReconciledPerson> results) override;
    Status replace_traits(std::span<const ResultTraits> traits) override;
    Result<std::optional<ReconciledPerson>> find_result(char side, std::string_view record_id) override;
    Status update_result(const ReconciledPerson& result) override;
    Result<std::vector<CoverageRow>> coverage(CoverageLevel level) override;
    Result<std::vector<ProgressPoint>> progress(std::string_view bin) override;
    Result<std::vector<PersonOutcome>> people(std::string_view bin) override;
    Result<CountsSource> counts_source() override;

private:
    Database& db_;
    DepartmentSummaries& summaries_;
};

/// The supervisors' review queue and decisions.
class SqlReviewRepository final : public ReviewRepository {
public:
    explicit SqlReviewRepository(Database& db) : db_(db) {}
    Status merge_proposals(std::span<const ReviewItem> proposed, std::int64_t run_id) override;
    Result<std::vector<ReviewItem>> items(std::optional<ReviewState> state, std::string_view bin) override;
    Result<std::optional<ReviewItem>> find(std::int64_t id) override;
    Status set_state(std::int64_t id, ReviewState state) override;
    Result<std::int64_t> count(ReviewState state) override;
    Result<std::int64_t> add_decision(const ReviewDecision& decision) override;
    Status confirm_decision(std::int64_t decision_id, std::string_view by, std::string_view at_utc) override;
    Result<std::vector<ReviewDecision>> decisions(std::int64_t review_id) override;
    Result<std::vector<ReviewDecision>> effective_decisions() override;

private:
    Database& db_;
};

/// The upstream outbox: batches with their bodies (in chunks) and members, and the
/// walk over the records not yet in a live batch at their current revision.
class SqlOutboxRepository final : public OutboxRepository {
public:
    /// Batch bodies are stored in pieces of this size (README.md, upstream_batch_bodies).
    static constexpr std::size_t kChunkSize = 1 << 20;

    SqlOutboxRepository(Database& db, DepartmentSummaries& summaries) : db_(db), summaries_(summaries) {}
    Result<std::vector<PendingHousehold>> pending_households(std::int64_t after_row_id, std::size_t limit) override;
    Result<std::vector<PendingPerson>> pending_persons(std::int64_t after_row_id, std::size_t limit) override;
    Result<std::vector<PendingPerson>> pending_persons_of_household(std::int64_t household_row_id,
                                                                    std::int64_t after_row_id,
                                                                    std::size_t limit) override;
    Status insert_batch(const UpstreamBatch& batch, std::string_view compressed_body,
                        std::span<const BatchMember> members) override;
    Result<std::optional<UpstreamBatch>> find_batch(std::string_view uuid) override;
    Result<std::string> batch_body(std::string_view uuid) override;
    Result<std::vector<UpstreamBatch>> batches(std::optional<BatchState> state, std::size_t limit) override;
    Result<std::vector<UpstreamBatch>> due_batches(std::string_view now_utc) override;
    Status update_batch(const UpstreamBatch& batch) override;
    Status release_members(std::string_view uuid) override;
    Result<std::optional<SendingMark>> mark_of(RecordKind kind, std::string_view uuid) override;
    Result<OutboxStats> stats() override;

private:
    std::optional<std::int64_t> batch_id(std::string_view uuid);
    Status insert_batch_rows(const UpstreamBatch& batch, std::string_view compressed_body,
                             std::span<const BatchMember> members);
    /// Members of batch `id` at their record's current revision: (households, persons).
    std::pair<std::int64_t, std::int64_t> current_members(std::int64_t id);
    Database& db_;
    DepartmentSummaries& summaries_;
};

/// SQL condition "the institution_lists row aliased `alias` is its institution's current version":
/// no version of the same institution is newer (later as_of, or the same as_of and a higher version).
std::string current_list_condition(const char* alias);

/// Row readers shared by the kit register and the outstanding report.
Institution read_institution_columns(const Statement& st, int first);
/// 8 columns from `first`: see kKitColumns.
Kit read_kit_columns(const Statement& st, int first, const Database& db);
/// Components in kAllComponents order (Tablet first).
void sort_components(Kit& kit);
inline constexpr const char* kKitColumns =
    "k.id, k.number, k.tablet_model, k.tablet_serial, k.imei, k.usb_serial, k.state, k.note";
/// A kit's components as one text column (correlated on k.id): "type x<hex serial> status x<hex note>"
/// groups separated by spaces — hex keeps free text from colliding with the separators.
inline constexpr const char* kPackedComponents =
    "(SELECT group_concat(c.type || ' x' || hex(c.serial) || ' ' || c.status || ' x' || hex(c.note), ' ')"
    " FROM kit_components c WHERE c.kit_id = k.id)";
void add_packed_components(Kit& kit, const std::string& packed, const Database& db);

/// Splits a space-separated list (group_concat of act or kit numbers, which hold no spaces).
std::vector<std::string> split_words(const std::string& text);

}  // namespace sanaq::db

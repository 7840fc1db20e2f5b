#pragma once
// Store ports for what the tablets bring: enrolled device keys, received and quarantined
// packages, pull sessions, and the census records themselves. Implemented by db/ (SQLCipher);
// every call happens inside one Store::write/read, so a package's records, its received-package
// row and its audit entry commit together or not at all.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/census.h"
#include "core/domain/census_calendar.h"
#include "core/domain/package.h"
#include "core/error.h"

namespace sanaq {

/// A tablet's signing key, enrolled against its kit (when the kit is issued, or later).
struct DeviceKey {
    std::string kit_number;
    std::string device_id;        // fingerprint of the key (hex SHA-256 of the raw public key)
    std::string public_key_pem;
    std::string enrolled_at_utc;
    std::string enrolled_by;
};

class DeviceKeyRepository {
public:
    virtual ~DeviceKeyRepository() = default;
    /// Enrols or replaces the kit's key. AlreadyExists when the same device_id is enrolled on
    /// another kit (one tablet cannot belong to two kits).
    virtual Status enroll(const DeviceKey& key) = 0;
    virtual Result<std::optional<DeviceKey>> for_kit(std::string_view kit_number) = 0;
    virtual Result<std::optional<DeviceKey>> by_device_id(std::string_view device_id) = 0;
    virtual Result<std::vector<DeviceKey>> list() = 0;   // by kit number
};

/// A package whose records were stored.
struct ReceivedPackage {
    PackageManifest manifest;
    std::string pulled_at_utc;
    std::string pulled_by;               // user name
    std::int64_t pull_id = 0;            // the pull session it came in with
    std::int64_t holder_employee_id = 0; // who held the kit at export time (0: not issued)
    std::int64_t households_new = 0, households_superseded = 0, households_ignored = 0;
    std::int64_t persons_new = 0, persons_superseded = 0, persons_ignored = 0;
    std::int64_t warnings = 0;           // soft validation findings (bad IIN check digit, ...)
    std::int64_t clock_skew_seconds = 0; // exported_at minus the workstation's clock at pull, if later
};

struct QuarantinedPackage {
    std::int64_t id = 0;
    std::string file_name;               // as found on the tablet or in the folder
    std::string package_uuid;            // empty when the manifest was unreadable
    std::string kit_number;              // as the manifest claims, or as the tablet was identified
    std::string device_id;               // as the manifest claims
    QuarantineReason reason = QuarantineReason::Malformed;
    std::string detail;                  // technical detail (never translated)
    std::string source;                  // TabletStorage::describe() of where it came from
    std::string quarantined_at_utc;
    std::int64_t size = 0;               // bytes kept (a prefix when over budget or unparseable)
    std::int64_t file_size = 0;          // bytes of the whole file, as the tablet reported it
    std::string sha256;                  // hex SHA-256 of the bytes kept: the same bytes are kept once
    bool resolved = false;               // stored on a later retry, or dismissed
    std::string resolution;              // "stored", "dismissed: <reason>"
};

/// One pull from one tablet or folder: what the history and the return gate read.
struct PullRecord {
    std::int64_t id = 0;
    std::string kit_number;              // empty when the tablet was not identified
    std::string source;                  // TabletStorage::describe()
    std::string usb_serial;
    std::string started_at_utc, finished_at_utc;
    std::string user;
    PullOutcome outcome = PullOutcome::Interrupted;   // until it is known to have finished
    std::int64_t packages_received = 0, packages_already = 0, packages_quarantined = 0;
    std::int64_t households = 0, persons = 0;   // records newly stored or superseded
    std::int64_t bytes = 0;
    std::int64_t packages_left = 0;      // still in the outbox without a receipt after this pull
    std::string missing_sequences;       // e.g. "14-16, 20" (gaps for this device so far)
    std::int64_t clock_skew_seconds = 0; // the largest seen in this pull
};

/// A note a pull made about a package against the census calendar (core/domain/census_calendar.h).
struct PullCalendarWarning {
    std::int64_t pull_id = 0;
    std::string package_uuid;
    CalendarWarning kind = CalendarWarning::OtherRound;
    std::string census_round;      // the package's
    std::string exported_at_utc;   // the package's
    std::string expected;          // the station's round, or the tablet window "from..to"
};

struct CensusStats {
    std::int64_t households = 0, persons = 0, packages = 0, quarantined_open = 0, kits = 0;
};

class PackageRepository {
public:
    virtual ~PackageRepository() = default;
    virtual Result<std::optional<ReceivedPackage>> find(std::string_view package_uuid) = 0;
    virtual Status insert(const ReceivedPackage& package) = 0;   // AlreadyExists on the UUID
    /// Every received sequence number of a device, ascending (gap detection).
    virtual Result<std::vector<std::int64_t>> sequences(std::string_view device_id) = 0;
    /// Newest first; one kit's when kit_number is not empty.
    virtual Result<std::vector<ReceivedPackage>> list(std::string_view kit_number) = 0;

    /// Keeps a bad package, its bytes encrypted with the rest of the store. Returns its id.
    virtual Result<std::int64_t> quarantine(const QuarantinedPackage& package, std::string_view bytes) = 0;
    /// The same, streamed: an entry without bytes, then its pieces in order (any size each), then
    /// its kept size and digest. All inside one transaction, so a failure keeps nothing.
    virtual Result<std::int64_t> begin_quarantine(const QuarantinedPackage& package) = 0;
    virtual Status add_quarantined_bytes(std::int64_t id, std::string_view bytes) = 0;
    virtual Status finish_quarantine(std::int64_t id, std::int64_t size, std::string_view sha256) = 0;
    /// An open (unresolved) entry other than `except_id` that kept bytes with this digest.
    virtual Result<std::optional<std::int64_t>> open_quarantine_with_digest(std::string_view sha256,
                                                                           std::int64_t except_id) = 0;
    virtual Result<std::vector<QuarantinedPackage>> quarantined(bool include_resolved) = 0;
    virtual Result<std::optional<QuarantinedPackage>> find_quarantined(std::int64_t id) = 0;
    virtual Result<std::string> quarantined_bytes(std::int64_t id) = 0;
    virtual Status resolve_quarantined(std::int64_t id, std::string_view resolution) = 0;

    virtual Result<std::int64_t> begin_pull(const PullRecord& pull) = 0;   // returns its id
    virtual Status finish_pull(const PullRecord& pull) = 0;               // by id
    /// After a pull has finished: what it stored is counted where the store keeps counts for
    /// those who cannot read census (db/README.md "Department summaries"). In a transaction of
    /// its own: it writes no register data and no audit entry, and a transaction that writes the
    /// department's part may write nothing else of the common one (db/README.md "Transactions").
    virtual Status count_pulled() = 0;
    /// Newest first; one kit's when kit_number is not empty; at most `limit` (0 = all).
    virtual Result<std::vector<PullRecord>> pulls(std::string_view kit_number, std::size_t limit) = 0;
    virtual Status add_calendar_warning(const PullCalendarWarning& warning) = 0;
    /// A pull's notes, in the order they were made.
    virtual Result<std::vector<PullCalendarWarning>> calendar_warnings(std::int64_t pull_id) = 0;
};

class CensusRecordRepository {
public:
    virtual ~CensusRecordRepository() = default;
    /// Stores a record under the revision rules of UpsertOutcome. Called once per record of a
    /// package inside its transaction, so it must be fast (prepared statements, no per-call
    /// schema work): the ingest target is 100,000 persons a second.
    virtual Result<UpsertOutcome> upsert(const Household& household, const RecordProvenance& from) = 0;
    virtual Result<UpsertOutcome> upsert(const Person& person, const RecordProvenance& from) = 0;
    virtual Result<std::optional<Person>> find_person(std::string_view uuid) = 0;
    virtual Result<std::optional<RecordProvenance>> person_provenance(std::string_view uuid) = 0;
    virtual Result<std::optional<Household>> find_household(std::string_view uuid) = 0;
    virtual Result<CensusStats> stats() = 0;
};

}  // namespace sanaq

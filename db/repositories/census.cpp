#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

// Parameters: ?1 uuid, ?2 uuid_key, ?3 revision, the record's fields, the provenance; ?19 = id.
constexpr const char* kHouseholdInsert =
    "INSERT INTO households (uuid, uuid_key, revision, place, kato, kato_version, street, house, flat, "
    "institution_bin, institution_type, hotel_name, household_number, answers_json, package_uuid, kit_number, "
    "holder_employee_id, pulled_at_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17, ?18)";
constexpr const char* kHouseholdUpdate =
    "UPDATE households SET revision = ?3, place = ?4, kato = ?5, kato_version = ?6, street = ?7, house = ?8, "
    "flat = ?9, institution_bin = ?10, institution_type = ?11, hotel_name = ?12, household_number = ?13, "
    "answers_json = ?14, package_uuid = ?15, kit_number = ?16, holder_employee_id = ?17, pulled_at_utc = ?18 "
    "WHERE id = ?19";

// Parameters: ?1 uuid, ?2 uuid_key, ?3 revision, ?4 household_id, the fields, the provenance; ?21 = id.
constexpr const char* kPersonInsert =
    "INSERT INTO persons (uuid, uuid_key, revision, household_id, household_uuid, iin, surname, name, patronymic, "
    "sex, birth_date, relationship, residence, source, answers_json, package_uuid, kit_number, holder_employee_id, "
    "pulled_at_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";
constexpr const char* kPersonUpdate =
    "UPDATE persons SET revision = ?3, household_id = ?4, household_uuid = ?5, iin = ?6, surname = ?7, name = ?8, "
    "patronymic = ?9, sex = ?10, birth_date = ?11, relationship = ?12, residence = ?13, source = ?14, "
    "answers_json = ?15, package_uuid = ?16, kit_number = ?17, holder_employee_id = ?18, pulled_at_utc = ?19 "
    "WHERE id = ?20";

void bind_household(Statement& st, const Household& h, std::int64_t key, const RecordProvenance& from) {
    st.bind_static(1, h.uuid)
        .bind(2, key)
        .bind(3, h.revision)
        .bind_static(4, household_place_code(h.place))
        .bind_static(5, h.kato)
        .bind_static(6, h.kato_version)
        .bind_static(7, h.street)
        .bind_static(8, h.house)
        .bind_static(9, h.flat)
        .bind_static(10, h.institution_bin)
        .bind_static(11, h.institution_type)
        .bind_static(12, h.hotel_name)
        .bind_static(13, h.household_number)
        .bind_static(14, h.answers_json)
        .bind_static(15, from.package_uuid)
        .bind_static(16, from.kit_number)
        .bind(17, from.holder_employee_id)
        .bind_static(18, from.pulled_at_utc);
}

void bind_person(Statement& st, const Person& p, std::int64_t key, std::optional<std::int64_t> household_id,
                 const RecordProvenance& from) {
    st.bind_static(1, p.uuid).bind(2, key).bind(3, p.revision);
    if (household_id)
        st.bind(4, *household_id);
    else
        st.bind(4, nullptr);
    st.bind_static(5, p.household_uuid)
        .bind_static(6, p.iin)
        .bind_static(7, p.surname)
        .bind_static(8, p.name)
        .bind_static(9, p.patronymic)
        .bind_static(10, sex_code(p.sex))
        .bind_static(11, p.birth_date)
        .bind_static(12, p.relationship)
        .bind_static(13, residence_code(p.residence))
        .bind_static(14, record_source_code(p.source))
        .bind_static(15, p.answers_json)
        .bind_static(16, from.package_uuid)
        .bind_static(17, from.kit_number)
        .bind(18, from.holder_employee_id)
        .bind_static(19, from.pulled_at_utc);
}

/// Resets a borrowed statement when leaving the scope (also drops the bind_static pointers).
struct ResetOnExit {
    Statement& st;
    ~ResetOnExit() { st.reset(); }
};

struct Stored {
    std::int64_t id = 0;
    std::int64_t revision = 0;
    std::string package_uuid;   // the package that last wrote the row
};

/// id, revision, package of the row with this uuid (the key narrows, the text decides).
std::optional<Stored> find_stored(Statement& find, std::string_view uuid, std::int64_t key) {
    ResetOnExit done{find};
    find.bind(1, key).bind_static(2, uuid);
    if (!find.step()) return std::nullopt;
    return Stored{find.int64(0), find.int64(1), find.text(2)};
}

UpsertOutcome compare(std::int64_t stored, int incoming) {
    if (stored == incoming) return UpsertOutcome::Unchanged;
    return stored > incoming ? UpsertOutcome::IgnoredOlder : UpsertOutcome::Superseded;
}

}  // namespace

std::int64_t record_key(std::string_view uuid) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : uuid) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return static_cast<std::int64_t>(h);
}

// Codes are parsed from the column's text in place (no copy unless it names an unknown code):
// the outbox walk reads a million persons through these.
void read_household_columns(const Statement& st, int first, const Database& db, Household& h) {
    h.uuid.assign(st.view(first));
    h.revision = st.integer(first + 1);
    const auto place = st.view(first + 2);
    h.place = known_or_damaged(parse_household_place(place), db, "household place", place);
    h.kato.assign(st.view(first + 3));
    h.kato_version.assign(st.view(first + 4));
    h.street.assign(st.view(first + 5));
    h.house.assign(st.view(first + 6));
    h.flat.assign(st.view(first + 7));
    h.institution_bin.assign(st.view(first + 8));
    h.institution_type.assign(st.view(first + 9));
    h.hotel_name.assign(st.view(first + 10));
    h.household_number.assign(st.view(first + 11));
    h.answers_json.assign(st.view(first + 12));
}

void read_person_columns(const Statement& st, int first, const Database& db, Person& p) {
    p.uuid.assign(st.view(first));
    p.revision = st.integer(first + 1);
    p.household_uuid.assign(st.view(first + 2));
    p.iin.assign(st.view(first + 3));
    p.surname.assign(st.view(first + 4));
    p.name.assign(st.view(first + 5));
    p.patronymic.assign(st.view(first + 6));
    const auto sex = st.view(first + 7);
    p.sex = known_or_damaged(parse_sex(sex), db, "sex", sex);
    p.birth_date.assign(st.view(first + 8));
    p.relationship.assign(st.view(first + 9));
    const auto residence = st.view(first + 10);
    p.residence = known_or_damaged(parse_residence(residence), db, "residence", residence);
    const auto source = st.view(first + 11);
    p.source = known_or_damaged(parse_record_source(source), db, "record source", source);
    p.answers_json.assign(st.view(first + 12));
}

void read_provenance_columns(const Statement& st, int first, RecordProvenance& from) {
    from.package_uuid.assign(st.view(first));
    from.kit_number.assign(st.view(first + 1));
    from.holder_employee_id = st.int64(first + 2);
    from.pulled_at_utc.assign(st.view(first + 3));
}

SqlCensusRecordRepository::Statements& SqlCensusRecordRepository::statements() {
    // Prepared on first use (the session exists before the migrations run) and kept for the
    // connection's life; Database::cached never evicts, so the pointers stay valid.
    if (!st_.find_household) {
        st_.find_household = &db_.cached("SELECT id, revision, package_uuid FROM households WHERE uuid_key = ?1 AND uuid = ?2");
        st_.insert_household = &db_.cached(kHouseholdInsert);
        st_.update_household = &db_.cached(kHouseholdUpdate);
        st_.adopt_persons = &db_.cached(
            "UPDATE persons SET household_id = ?1 WHERE household_id IS NULL AND household_uuid = ?2");
        st_.find_person = &db_.cached("SELECT id, revision, package_uuid FROM persons WHERE uuid_key = ?1 AND uuid = ?2");
        st_.insert_person = &db_.cached(kPersonInsert);
        st_.update_person = &db_.cached(kPersonUpdate);
        st_.package_device = &db_.cached("SELECT device_id FROM received_packages WHERE uuid = ?1");
    }
    return st_;
}

bool SqlCensusRecordRepository::from_another_device(std::string_view stored_package, const RecordProvenance& from) {
    // A record's UUID belongs to the tablet that first sent it: another tablet's signed package
    // carrying it is a conflict for a supervisor, never an update (src/core/package/README.md).
    if (from.device_id.empty() || stored_package == from.package_uuid) return false;
    auto& find = *statements().package_device;
    ResetOnExit done{find};
    find.bind_static(1, stored_package);
    if (!find.step()) return false;
    return find.view(0) != from.device_id;
}

void SqlCensusRecordRepository::remember_household(const std::string& uuid, std::int64_t id) {
    if (household_ids_generation_ != db_.transaction_generation()) {
        household_ids_.clear();
        household_ids_generation_ = db_.transaction_generation();
    }
    household_ids_.insert_or_assign(uuid, id);
}

std::optional<std::int64_t> SqlCensusRecordRepository::household_id(const std::string& uuid) {
    if (household_ids_generation_ == db_.transaction_generation()) {
        if (auto it = household_ids_.find(uuid); it != household_ids_.end()) return it->second;
    }
    auto& s = statements();
    if (auto h = find_stored(*s.find_household, uuid, record_key(uuid))) {
        remember_household(uuid, h->id);
        return h->id;
    }
    return std::nullopt;
}

Result<UpsertOutcome> SqlCensusRecordRepository::upsert(const Household& household, const RecordProvenance& from) {
    return guarded([&]() -> Result<UpsertOutcome> {
        auto& s = statements();
        const auto key = record_key(household.uuid);
        const auto stored = find_stored(*s.find_household, household.uuid, key);
        if (!stored) {
            {
                ResetOnExit done{*s.insert_household};
                bind_household(*s.insert_household, household, key, from);
                s.insert_household->run();
            }
            const auto id = db_.last_insert_rowid();
            // Persons stored before their household (from an earlier package) now point at it.
            {
                ResetOnExit done{*s.adopt_persons};
                s.adopt_persons->bind(1, id).bind_static(2, household.uuid);
                s.adopt_persons->run();
            }
            remember_household(household.uuid, id);
            return UpsertOutcome::Inserted;
        }
        if (from_another_device(stored->package_uuid, from)) return UpsertOutcome::HeldByAnotherDevice;
        remember_household(household.uuid, stored->id);
        const auto outcome = compare(stored->revision, household.revision);
        if (outcome != UpsertOutcome::Superseded) return outcome;
        ResetOnExit done{*s.update_household};
        bind_household(*s.update_household, household, key, from);
        s.update_household->bind(19, stored->id);
        s.update_household->run();
        return outcome;
    });
}

Result<UpsertOutcome> SqlCensusRecordRepository::upsert(const Person& person, const RecordProvenance& from) {
    return guarded([&]() -> Result<UpsertOutcome> {
        auto& s = statements();
        const auto key = record_key(person.uuid);
        const auto stored = find_stored(*s.find_person, person.uuid, key);
        if (stored && from_another_device(stored->package_uuid, from)) return UpsertOutcome::HeldByAnotherDevice;
        const auto outcome = stored ? compare(stored->revision, person.revision) : UpsertOutcome::Inserted;
        if (outcome == UpsertOutcome::Unchanged || outcome == UpsertOutcome::IgnoredOlder) return outcome;
        const auto household = household_id(person.household_uuid);
        auto& st = stored ? *s.update_person : *s.insert_person;
        ResetOnExit done{st};
        bind_person(st, person, key, household, from);
        if (stored) st.bind(20, stored->id);
        st.run();
        return outcome;
    });
}

Result<std::optional<Person>> SqlCensusRecordRepository::find_person(std::string_view uuid) {
    return guarded([&]() -> Result<std::optional<Person>> {
        auto& st = db_.query(std::string("SELECT ") + kPersonColumns + " FROM persons WHERE uuid_key = ? AND uuid = ?",
                             record_key(uuid), uuid);
        if (!st.step()) return std::nullopt;
        Person p;
        read_person_columns(st, 0, db_, p);
        return p;
    });
}

Result<std::optional<RecordProvenance>> SqlCensusRecordRepository::person_provenance(std::string_view uuid) {
    return guarded([&]() -> Result<std::optional<RecordProvenance>> {
        auto& st = db_.query(std::string("SELECT ") + kProvenanceColumns + " FROM persons WHERE uuid_key = ? AND uuid = ?",
                             record_key(uuid), uuid);
        if (!st.step()) return std::nullopt;
        RecordProvenance from;
        read_provenance_columns(st, 0, from);
        return from;
    });
}

Result<std::optional<Household>> SqlCensusRecordRepository::find_household(std::string_view uuid) {
    return guarded([&]() -> Result<std::optional<Household>> {
        auto& st = db_.query(std::string("SELECT ") + kHouseholdColumns + " FROM households WHERE uuid_key = ? AND uuid = ?",
                             record_key(uuid), uuid);
        if (!st.step()) return std::nullopt;
        Household h;
        read_household_columns(st, 0, db_, h);
        return h;
    });
}

Result<CensusStats> SqlCensusRecordRepository::stats() {
    return guarded([&]() -> Result<CensusStats> {
        auto& st = db_.cached(
            "SELECT (SELECT count(*) FROM households), (SELECT count(*) FROM persons),"
            " (SELECT count(*) FROM received_packages),"
            " (SELECT count(*) FROM quarantined_packages WHERE resolved = 0),"
            " (SELECT count(DISTINCT kit_number) FROM received_packages)");
        st.step();
        return CensusStats{st.int64(0), st.int64(1), st.int64(2), st.int64(3), st.int64(4)};
    });
}


}  // namespace sanaq::db

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
constexpr const char* kHouseholdColumns =
    "uuid, revision, place, kato, kato_version, street, house, flat, institution_bin, institution_type, "
    "hotel_name, household_number, answers_json";

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
constexpr const char* kPersonColumns =
    "uuid, revision, household_uuid, iin, surname, name, patronymic, sex, birth_date, relationship, residence, "
    "source, answers_json";

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
};

/// id, revision of the row with this uuid (the key narrows, the text decides).
std::optional<Stored> find_stored(Statement& find, std::string_view uuid, std::int64_t key) {
    ResetOnExit done{find};
    find.bind(1, key).bind_static(2, uuid);
    if (!find.step()) return std::nullopt;
    return Stored{find.int64(0), find.int64(1)};
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

SqlCensusRecordRepository::Statements& SqlCensusRecordRepository::statements() {
    // Prepared on first use (the session exists before the migrations run) and kept for the
    // connection's life; Database::cached never evicts, so the pointers stay valid.
    if (!st_.find_household) {
        st_.find_household = &db_.cached("SELECT id, revision FROM households WHERE uuid_key = ?1 AND uuid = ?2");
        st_.insert_household = &db_.cached(kHouseholdInsert);
        st_.update_household = &db_.cached(kHouseholdUpdate);
        st_.adopt_persons = &db_.cached(
            "UPDATE persons SET household_id = ?1 WHERE household_id IS NULL AND household_uuid = ?2");
        st_.find_person = &db_.cached("SELECT id, revision FROM persons WHERE uuid_key = ?1 AND uuid = ?2");
        st_.insert_person = &db_.cached(kPersonInsert);
        st_.update_person = &db_.cached(kPersonUpdate);
    }
    return st_;
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
        p.uuid = st.text(0);
        p.revision = st.integer(1);
        p.household_uuid = st.text(2);
        p.iin = st.text(3);
        p.surname = st.text(4);
        p.name = st.text(5);
        p.patronymic = st.text(6);
        p.sex = known_or_damaged(parse_sex(st.view(7)), db_, "sex", st.text(7));
        p.birth_date = st.text(8);
        p.relationship = st.text(9);
        p.residence = known_or_damaged(parse_residence(st.view(10)), db_, "residence", st.text(10));
        p.source = known_or_damaged(parse_record_source(st.view(11)), db_, "record source", st.text(11));
        p.answers_json = st.text(12);
        return p;
    });
}

Result<std::optional<RecordProvenance>> SqlCensusRecordRepository::person_provenance(std::string_view uuid) {
    return guarded([&]() -> Result<std::optional<RecordProvenance>> {
        auto& st = db_.query("SELECT package_uuid, kit_number, holder_employee_id, pulled_at_utc FROM persons "
                             "WHERE uuid_key = ? AND uuid = ?",
                             record_key(uuid), uuid);
        if (!st.step()) return std::nullopt;
        return RecordProvenance{st.text(0), st.text(1), st.int64(2), st.text(3)};
    });
}

Result<std::optional<Household>> SqlCensusRecordRepository::find_household(std::string_view uuid) {
    return guarded([&]() -> Result<std::optional<Household>> {
        auto& st = db_.query(std::string("SELECT ") + kHouseholdColumns + " FROM households WHERE uuid_key = ? AND uuid = ?",
                             record_key(uuid), uuid);
        if (!st.step()) return std::nullopt;
        Household h;
        h.uuid = st.text(0);
        h.revision = st.integer(1);
        h.place = known_or_damaged(parse_household_place(st.view(2)), db_, "household place", st.text(2));
        h.kato = st.text(3);
        h.kato_version = st.text(4);
        h.street = st.text(5);
        h.house = st.text(6);
        h.flat = st.text(7);
        h.institution_bin = st.text(8);
        h.institution_type = st.text(9);
        h.hotel_name = st.text(10);
        h.household_number = st.text(11);
        h.answers_json = st.text(12);
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

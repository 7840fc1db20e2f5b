#pragma once
// Shared helpers of the db/ tests: workspaces with the cheap test KDF, sample register rows,
// raw access to the database file for tampering, file hashes.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "core/error.h"
#include "core/ports/store.h"
#include "db/sqlite/database.h"
#include "db/workspace.h"
#include "support/passwords.h"
#include "support/temp_dir.h"

namespace sanaq::test {

inline const std::string kAdmin = "zhanar.admin";

std::string describe(const Error& e);

template <class T>
T must(Result<T> r) {
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? std::string() : describe(r.error())));
    return std::move(*r);
}
inline void must(Status s) { BOOST_REQUIRE_MESSAGE(s.has_value(), (s.has_value() ? std::string() : describe(s.error()))); }

/// A Result's success without its value (g++ 12 has no std::expected::transform).
template <class T>
Status drop_value(Result<T> r) {
    SANAQ_TRY(r);
    return {};
}

inline db::OpenOptions quick_open() { return db::OpenOptions{false, db::test_kdf()}; }

/// A fresh workspace in its own temporary folder, created with the test KDF.
struct FreshWorkspace {
    FreshWorkspace();
    TempDir tmp{"sanaq-db"};
    std::filesystem::path dir;
    std::unique_ptr<db::Workspace> ws;

    void close() { ws.reset(); }
    void reopen() { ws = must(db::Workspace::open(dir, kAdmin, kPassword, quick_open())); }
    /// Opens workspace.db directly with the master key (the workspace must be closed).
    std::unique_ptr<db::Database> raw();
};

/// A valid IIN/BIN from 11 leading digits (the check digit computed).
std::string with_check_digit(const std::string& first11);

Institution sample_institution(const std::string& bin, const std::string& name_ru);
ResponsibleEmployee sample_employee(const std::string& bin, const std::string& iin, const std::string& name);
Kit sample_kit(const std::string& number, const std::string& serial_suffix);
AuditEntry draft_entry(const std::string& actor, const std::string& action, const std::string& object_id);

/// Census records and a package manifest as a tablet would export them (test_census_store,
/// test_migrations): Cyrillic names, an institution household, answers as JSON.
Household sample_household(const std::string& uuid, int revision = 1);
Person sample_person(const std::string& uuid, const std::string& household_uuid, int revision = 1);
RecordProvenance sample_provenance(const std::string& package_uuid, const std::string& kit_number,
                                   std::int64_t holder = 0);
ReceivedPackage sample_received(const std::string& package_uuid, const std::string& kit_number,
                                const std::string& device_id, std::int64_t sequence,
                                const std::string& pulled_at_utc = "2026-10-05T06:00:00Z");

/// Runs `body(tx)` in one write (read) transaction of the workspace; the test fails if it does not
/// commit. For repository tests that call the ports directly.
template <class F>
void in_write(db::Workspace& ws, F&& body) {
    must(ws.write([&](StoreSession& tx) -> Status {
        body(tx);
        return {};
    }));
}
template <class F>
void in_read(db::Workspace& ws, F&& body) {
    must(ws.read([&](StoreSession& tx) -> Status {
        body(tx);
        return {};
    }));
}

/// SHA-256 of a whole file (hex).
std::string file_sha256(const std::filesystem::path& file);

}  // namespace sanaq::test

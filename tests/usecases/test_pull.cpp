// Pulling packages into a real SQLCipher workspace from a folder laid out by the simulator:
// idempotence, revisions, quarantine reasons, gaps, receipts, the custody link and the return gate.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <set>
#include <fstream>
#include <thread>
#include <chrono>

#include "census_sim/census_sim.h"
#include "core/package/folder_storage.h"
#include "core/package/keys.h"
#include "core/package/package_writer.h"
#include "core/package/receipt.h"
#include "core/usecases/devices.h"
#include "core/usecases/pull.h"
#include "core/usecases/settings.h"
#include "support/staffed_workspace.h"
#include "support/pull_workspace.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

struct PullSuite : test::PullWorkspace {
    Session supervisor = as("supervisor", Role::Supervisor);

    CensusStats stats() {
        auto s = census_stats(officer);
        check(s);
        return *s;
    }
};

template <class R>
bool ok(const R& r) { return r.has_value(); }

std::size_t files_in(const fs::path& dir) {
    if (!fs::exists(dir)) return 0;
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_full_pull_stores_every_record_once_and_writes_receipts) {
    PullSuite f;
    BOOST_REQUIRE(issue_kits(f.officer, {{"KIT-1001"}, f.employee_iin, 0, 0, "", ""}));
    const auto tablet = f.dir / "tablet";
    auto made = f.make(tablet, "KIT-1001", 250, 3);
    f.enroll(made, "KIT-1001");

    auto s = f.pull(tablet);
    BOOST_TEST((s.outcome == PullOutcome::Complete));
    BOOST_TEST(s.packages_received == 3);
    BOOST_TEST(s.packages_quarantined == 0);
    BOOST_TEST(s.persons_stored == 250);
    BOOST_TEST(s.households_stored == made.households);
    BOOST_TEST(s.packages_left == 0);
    BOOST_TEST(s.gaps.empty());
    BOOST_TEST(s.kit_number == "KIT-1001");
    auto st = f.stats();
    BOOST_TEST(st.persons == 250);
    BOOST_TEST(st.packages == 3);

    // Receipts: one per package, each verifies against the department's signing key.
    const auto receipts = tablet / "Documents/Sanaq/receipts";
    BOOST_TEST(files_in(receipts) == 3u);
    auto pub = package::parse_department_public_file(f.department_file);
    BOOST_REQUIRE(pub);
    for (const auto& p : made.packages) {
        std::ifstream in(receipts / package::receipt_file_name(p.manifest.package_uuid));
        std::string text((std::istreambuf_iterator<char>(in)), {});
        auto r = package::verify_receipt(text, pub->signing_public_pem);
        BOOST_REQUIRE_MESSAGE(r, "receipt of " << p.manifest.package_uuid);
        BOOST_TEST(r->status == "received");
        BOOST_TEST(!r->pulled_at_utc.empty());
    }

    // The custody link: every record knows its kit and who held it.
    auto population = census_sim::kit_population(7, "KIT-1001", 250);
    auto from = query<std::optional<RecordProvenance>>(*f.ws, [&](StoreSession& tx) {
        return tx.census().person_provenance(population.persons.front().uuid);
    });
    BOOST_REQUIRE(from && *from);
    BOOST_TEST((*from)->kit_number == "KIT-1001");
    BOOST_TEST((*from)->holder_employee_id > 0);

    // No plaintext census data on disk: not in the workspace, not in the packages on the tablet.
    const auto& someone = population.persons.at(3);
    std::string where;
    for (const auto& needle : {someone.surname, someone.iin}) {
        if (needle.size() < 6) continue;
        BOOST_TEST(!test::any_file_contains(f.dir / "ws", needle, &where), "found in " << where);
        BOOST_TEST(!test::any_file_contains(tablet / "Documents", needle, &where), "found in " << where);
    }

    // Pulling again adds nothing and renews the receipts.
    auto again = f.pull(tablet);
    BOOST_TEST(again.packages_received == 0);
    BOOST_TEST(again.packages_already == 3);
    BOOST_TEST(again.persons_stored == 0);
    BOOST_TEST(f.stats().persons == 250);
    auto history = pull_history(f.officer, "KIT-1001", 0);
    BOOST_REQUIRE(history);
    BOOST_TEST(history->size() == 2u);
}

BOOST_AUTO_TEST_CASE(corrections_supersede_and_older_revisions_are_counted) {
    PullSuite f;
    const auto tablet = f.dir / "tablet";
    census_sim::PackageFaults faults;
    faults.corrections = 10;
    auto made = f.make(tablet, "KIT-1002", 100, 1, faults);
    f.enroll(made, "KIT-1002");
    auto s = f.pull(tablet);
    BOOST_TEST(s.packages_received == 2);
    BOOST_TEST(f.stats().persons == 100);
    BOOST_TEST(s.records_superseded + s.records_ignored_older == 10);
    // Whatever order the two came in, the stored revision is the corrected one.
    for (const auto& p : made.packages) {
        if (p.kind != census_sim::MadeKind::Correction) continue;
        BOOST_TEST(p.manifest.persons == 10);
    }
}

BOOST_AUTO_TEST_CASE(bad_packages_go_to_the_quarantine_with_their_reason) {
    PullSuite f;
    const auto tablet = f.dir / "tablet";
    census_sim::PackageFaults faults;
    faults.tamper = true;
    faults.conflicting_duplicate = true;
    faults.foreign_device = true;
    faults.replay = true;
    auto made = f.make(tablet, "KIT-1003", 120, 3, faults);
    f.enroll(made, "KIT-1003");
    auto s = f.pull(tablet);
    BOOST_TEST((s.outcome == PullOutcome::Complete));
    auto q = list_quarantine(f.officer, false);
    BOOST_REQUIRE(q);
    std::set<QuarantineReason> reasons;
    for (const auto& e : *q) reasons.insert(e.reason);
    BOOST_TEST(reasons.count(QuarantineReason::Conflict) == 1u);
    BOOST_TEST(reasons.count(QuarantineReason::UnknownDevice) + reasons.count(QuarantineReason::WrongDeviceKey) == 1u);
    // The tampered package fails its digest or its chunk authentication.
    BOOST_TEST(reasons.count(QuarantineReason::DigestMismatch) + reasons.count(QuarantineReason::Undecryptable) +
                   reasons.count(QuarantineReason::BadSignature) == 1u);
    // The first of two packages with one UUID wins; which copy that is depends on file order, so
    // the regular package, its byte-identical replay and the conflicting copy make one stored
    // package and either "already received" + a conflict, or two conflicts.
    BOOST_TEST(s.packages_quarantined + s.packages_already == 4);
    BOOST_TEST(s.packages_left == s.packages_quarantined);   // the quarantined ones stay on the tablet
    // Pulling again does not quarantine the same files twice.
    f.pull(tablet);
    auto q2 = list_quarantine(f.officer, false);
    BOOST_TEST(q2->size() == q->size());
    // Nothing of a refused package was stored: persons are those of the good packages only.
    const auto persons = f.stats().persons;
    BOOST_TEST(persons < 120);
    BOOST_TEST(persons > 0);
    // Dismissing needs a reason and keeps the entry, resolved.
    BOOST_TEST(!ok(dismiss_quarantined(f.officer, q->front().id, "")));
    BOOST_TEST(ok(dismiss_quarantined(f.officer, q->front().id, "duplicate copy, checked")));
    BOOST_TEST(list_quarantine(f.officer, false)->size() == q->size() - 1);
    BOOST_TEST(list_quarantine(f.officer, true)->size() == q->size());
}

BOOST_AUTO_TEST_CASE(a_key_enrolled_late_lets_the_quarantined_packages_in) {
    PullSuite f;
    const auto tablet = f.dir / "tablet";
    auto made = f.make(tablet, "KIT-1004", 60, 2);
    auto s = f.pull(tablet);   // no key enrolled yet
    BOOST_TEST(s.packages_quarantined == 2);
    BOOST_TEST(f.stats().persons == 0);
    auto q = list_quarantine(f.officer, false);
    BOOST_REQUIRE_EQUAL(q->size(), 2u);
    BOOST_TEST((q->front().reason == QuarantineReason::UnknownDevice));

    f.enroll(made, "KIT-1004");
    auto retried = retry_quarantined(f.officer, q->front().id);
    BOOST_REQUIRE(retried);
    BOOST_TEST((retried->status == PackageStatus::Received));
    BOOST_TEST(list_quarantine(f.officer, false)->size() == 1u);
    // The next pull takes the other one and renews the first one's receipt.
    auto again = f.pull(tablet);
    BOOST_TEST(again.packages_received == 1);
    BOOST_TEST(again.packages_already == 1);
    BOOST_TEST(list_quarantine(f.officer, false)->empty());
    BOOST_TEST(f.stats().persons == 60);
}

BOOST_AUTO_TEST_CASE(sequence_gaps_are_reported_and_gate_the_return) {
    PullSuite f;
    BOOST_REQUIRE(issue_kits(f.officer, {{"KIT-1005"}, f.employee_iin, 0, 0, "", ""}));
    const auto tablet = f.dir / "tablet";
    census_sim::PackageFaults faults;
    faults.gap_after = 1;
    auto made = f.make(tablet, "KIT-1005", 90, 3, faults);
    BOOST_REQUIRE_EQUAL(made.skipped_sequences.size(), 1u);
    f.enroll(made, "KIT-1005");
    auto s = f.pull(tablet);
    BOOST_REQUIRE_EQUAL(s.gaps.size(), 1u);
    BOOST_TEST(s.gaps.front().args.at(0) == std::to_string(made.skipped_sequences.front()));
    BOOST_TEST(s.gaps.front().args.at(1) == "KIT-1005");

    // The return gate: a custodian cannot check the kit in; a supervisor may allow it with a reason.
    Session custodian = f.as("custodian", Role::Custodian);
    auto refused = return_kit(custodian, {"KIT-1005", {}, 0, 0, 0, ""});
    BOOST_REQUIRE(!refused);
    BOOST_TEST((refused.error().code == ErrorCode::RefusedByState));
    BOOST_TEST(!ok(override_return_gate(f.supervisor, "KIT-1005", "")));
    BOOST_TEST(!ok(override_return_gate(custodian, "KIT-1005", "please")));
    BOOST_REQUIRE(override_return_gate(f.supervisor, "KIT-1005", "the tablet broke; package 2 re-entered on paper"));
    BOOST_TEST(ok(return_kit(custodian, {"KIT-1005", {}, 0, 0, 0, ""})));
}

BOOST_AUTO_TEST_CASE(a_stopped_read_keeps_nothing_of_that_package) {
    PullSuite f;
    const auto tablet = f.dir / "tablet";
    auto made = f.make(tablet, "KIT-1001", 200, 2);
    f.enroll(made, "KIT-1001");
    // A tablet that goes away after a few KiB of the second package.
    struct Flaky : TabletStorage {
        package::FolderTabletStorage folder;
        int reads = 0;
        explicit Flaky(const fs::path& root) : folder(root) {}
        std::string describe() const override { return folder.describe(); }
        std::string usb_serial() const override { return {}; }
        Result<std::vector<TabletFile>> list_outbox() override { return folder.list_outbox(); }
        Result<std::string> read_device_key() override { return folder.read_device_key(); }
        Status write_receipt(const std::string& name, std::string_view bytes) override {
            return folder.write_receipt(name, bytes);
        }
        Status read_file(const TabletFile& file, const ByteSink& sink) override {
            if (++reads < 2) return folder.read_file(file, sink);
            // The header and the first bytes of the payload arrive, then the cable is pulled.
            return folder.read_file(file, [&](std::string_view piece) -> Status {
                SANAQ_TRY(sink(piece.substr(0, 3000)));
                return fail(ErrorCode::DeviceUnavailable, "unplugged");
            });
        }
    };
    Flaky flaky(tablet);
    auto s = pull_tablet(f.officer, flaky);
    BOOST_REQUIRE(s);
    BOOST_TEST((s->outcome == PullOutcome::Interrupted));
    BOOST_TEST(s->packages_received == 1);
    BOOST_TEST(s->packages_left == 1);
    BOOST_REQUIRE(s->stopped_by);
    BOOST_TEST((s->stopped_by->code == ErrorCode::DeviceUnavailable));
    const auto first = f.stats().persons;
    BOOST_TEST(first < 200);
    BOOST_TEST(files_in(tablet / "Documents/Sanaq/receipts") == 1u);
    // Re-plugged: the pull completes, nothing twice.
    auto again = f.pull(tablet);
    BOOST_TEST(again.packages_received == 1);
    BOOST_TEST(again.packages_already == 1);
    BOOST_TEST(f.stats().persons == 200);
}

BOOST_AUTO_TEST_CASE(cancel_stops_between_pieces) {
    PullSuite f;
    const auto tablet = f.dir / "tablet";
    auto made = f.make(tablet, "KIT-1002", 100, 2);
    f.enroll(made, "KIT-1002");
    package::FolderTabletStorage folder(tablet);
    PullOptions options;
    int calls = 0;
    options.cancel_requested = [&] { return ++calls > 1; };
    auto s = pull_tablet(f.officer, folder, options);
    BOOST_REQUIRE(s);
    BOOST_TEST((s->outcome == PullOutcome::Cancelled));
    BOOST_TEST(f.stats().persons == 0);
}

// A package already held is decided at its header; the rest of its file is read only to keep the
// MTP session usable for the next one. A transfer that fails while that rest is dropped changes
// nothing of the decision: the package counts as already received, its receipt goes back, and the
// pull goes on to the next file.
BOOST_AUTO_TEST_CASE(a_held_package_whose_transfer_fails_while_its_rest_is_dropped_stays_held) {
    PullSuite f;
    const auto tablet = f.dir / "tablet";
    auto made = f.make(tablet, "KIT-1003", 200, 2);
    f.enroll(made, "KIT-1003");
    BOOST_REQUIRE(f.pull(tablet).packages_received == 2);
    const auto receipts = tablet / "Documents/Sanaq/receipts";
    fs::remove_all(receipts);  // lost on the tablet: the next pull must write them again
    // Every file: its header and the first bytes of the payload, then the transfer fails.
    struct Flaky : TabletStorage {
        package::FolderTabletStorage folder;
        explicit Flaky(const fs::path& root) : folder(root) {}
        std::string describe() const override { return folder.describe(); }
        std::string usb_serial() const override { return {}; }
        Result<std::vector<TabletFile>> list_outbox() override { return folder.list_outbox(); }
        Result<std::string> read_device_key() override { return folder.read_device_key(); }
        Status write_receipt(const std::string& name, std::string_view bytes) override {
            return folder.write_receipt(name, bytes);
        }
        Status read_file(const TabletFile& file, const ByteSink& sink) override {
            return folder.read_file(file, [&](std::string_view piece) -> Status {
                SANAQ_TRY(sink(piece.substr(0, 3000)));
                return fail(ErrorCode::DeviceUnavailable, "transfer failed");
            });
        }
    };
    Flaky flaky(tablet);
    auto s = pull_tablet(f.officer, flaky);
    BOOST_REQUIRE(s);
    BOOST_TEST((s->outcome == PullOutcome::Complete));
    BOOST_TEST(!s->stopped_by.has_value());
    BOOST_TEST(s->packages_already == 2);
    BOOST_TEST(s->packages_received == 0);
    BOOST_TEST(s->packages_quarantined == 0);
    BOOST_TEST(s->packages_left == 0);
    BOOST_TEST(files_in(receipts) == 2u);
    BOOST_TEST(f.stats().persons == 200);
}

// A tablet platform that prints UUIDs in upper case (src/core/package/README.md, "Payload
// plaintext"): its records are read, stored and found in lower case, and its corrections written in
// lower case supersede them — the same record, not a second one.
BOOST_AUTO_TEST_CASE(upper_case_record_uuids_round_trip_through_a_pull_in_lower_case) {
    PullSuite f;
    auto device = package::generate_signing_key();
    BOOST_REQUIRE(device);
    BOOST_REQUIRE(enroll_device_key(f.officer, "KIT-1003", device->public_pem));
    auto department = package::parse_department_public_file(f.department_file);
    BOOST_REQUIRE(department);
    const auto tablet = f.dir / "tablet";
    const auto outbox = tablet / "Documents/Sanaq/outbox";
    fs::create_directories(outbox);

    auto write = [&](std::int64_t sequence, const std::string& household_uuid, const std::string& person_uuid,
                     int revision, const std::string& iin) {
        PackageManifest m;
        m.kit_number = "KIT-1003";
        m.census_round = "2026";
        m.sequence = sequence;
        package::PackageWriter w(m, department->encryption_public_pem, device->private_pem);
        Household h;
        h.uuid = household_uuid;
        h.revision = revision;
        h.place = HouseholdPlace::Address;
        h.kato = "191010000";
        h.kato_version = "2022";
        h.street = "Абай даңғылы";
        h.house = "5";
        h.household_number = "0001";
        Person p;
        p.uuid = person_uuid;
        p.revision = revision;
        p.household_uuid = household_uuid;
        p.iin = iin;
        p.surname = "Сейітқали";
        p.name = "Әлия";
        p.sex = Sex::Female;
        p.birth_date = "1990-05-17";
        p.relationship = "head";
        BOOST_REQUIRE(w.add(h));
        BOOST_REQUIRE(w.add(p));
        BOOST_REQUIRE(w.finish_to_file((outbox / (w.manifest().package_uuid + ".sqpkg")).string()));
        return w.manifest().package_uuid;
    };
    const std::string household = "9f1c4e2a-7b3d-4a5e-8c6f-0d1e2f3a4b5c", person = "c0ffee00-beef-4cad-9e7f-a1b2c3d4e5f6";
    auto upper = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return s;
    };
    const std::string first = write(1, upper(household), upper(person), 1, "");
    auto receipt_of = [&](const std::string& uuid) {
        std::ifstream in(tablet / "Documents/Sanaq/receipts" / package::receipt_file_name(uuid));
        std::string text((std::istreambuf_iterator<char>(in)), {});
        auto r = package::verify_receipt(text, department->signing_public_pem);
        BOOST_REQUIRE(r);
        return *r;
    };

    auto s = f.pull(tablet);
    BOOST_REQUIRE(s.packages.size() == 1u);
    BOOST_TEST(package_status_code(s.packages[0].status) == std::string("received"));
    BOOST_TEST(s.persons_stored == 1);
    BOOST_TEST(s.warnings == 1);   // the empty IIN: stored, and warned as the spec says
    auto stored = query<std::optional<Person>>(*f.ws, [&](StoreSession& tx) { return tx.census().find_person(person); });
    BOOST_REQUIRE(stored && *stored);
    BOOST_TEST((*stored)->uuid == person);
    BOOST_TEST((*stored)->household_uuid == household);
    auto home = query<std::optional<Household>>(*f.ws, [&](StoreSession& tx) { return tx.census().find_household(household); });
    BOOST_REQUIRE(home && *home);

    const auto first_receipt = receipt_of(first);
    BOOST_TEST(first_receipt.status == "received");

    // The same tablet corrects the record, now in lower case: it supersedes, it is not a new person.
    write(2, household, person, 2, "870102300123");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));   // a later second on the clock
    auto again = f.pull(tablet);
    // The first package's fresh receipt keeps the time of the pull that stored it (the spec's rule).
    const auto renewed = receipt_of(first);
    BOOST_TEST(renewed.status == "already_received");
    BOOST_TEST(renewed.pulled_at_utc == first_receipt.pulled_at_utc);
    BOOST_TEST(again.packages_received == 1);
    BOOST_TEST(again.records_superseded == 2);
    BOOST_TEST(f.stats().persons == 1);
    auto corrected = query<std::optional<Person>>(*f.ws, [&](StoreSession& tx) { return tx.census().find_person(person); });
    BOOST_REQUIRE(corrected && *corrected);
    BOOST_TEST((*corrected)->revision == 2);
    BOOST_TEST((*corrected)->iin == "870102300123");
}

BOOST_AUTO_TEST_CASE(a_package_of_another_round_or_outside_the_tablet_window_is_stored_with_a_warning) {
    PullSuite f;
    Session admin = f.as("admin", Role::Administrator);
    CensusCalendar calendar;
    calendar.round = {"2021", "2021-09-01", "00:00", "+06:00"};
    calendar.tablet_from = "2021-10-01";
    calendar.tablet_to = "2021-10-30";
    calendar.end_date = "2021-10-30";
    BOOST_REQUIRE(set_census_calendar(admin, calendar));

    auto device = package::generate_signing_key();
    BOOST_REQUIRE(device);
    BOOST_REQUIRE(enroll_device_key(f.officer, "KIT-1003", device->public_pem));
    auto department = package::parse_department_public_file(f.department_file);
    BOOST_REQUIRE(department);
    const auto tablet = f.dir / "tablet";
    const auto outbox = tablet / "Documents/Sanaq/outbox";
    fs::create_directories(outbox);
    auto write = [&](std::int64_t sequence, const std::string& round, const std::string& exported_at) {
        PackageManifest m;
        m.kit_number = "KIT-1003";
        m.census_round = round;
        m.sequence = sequence;
        m.exported_at = exported_at;
        package::PackageWriter w(m, department->encryption_public_pem, device->private_pem);
        BOOST_REQUIRE(w.finish_to_file((outbox / (w.manifest().package_uuid + ".sqpkg")).string()));
    };
    write(1, "2021", "2021-10-10T06:00:00Z");  // in the window: nothing to say
    write(2, "2020", "2021-11-02T06:00:00Z");  // another round, after the window: two notes

    auto s = f.pull(tablet);
    BOOST_TEST(s.packages_received == 2);  // stored all the same
    BOOST_TEST(s.packages_quarantined == 0);
    BOOST_REQUIRE(s.calendar_warnings.size() == 2u);
    BOOST_TEST((s.calendar_warnings[0].kind == CalendarWarning::OtherRound));
    BOOST_TEST((s.calendar_warnings[1].kind == CalendarWarning::OutsideTabletWindow));
    BOOST_TEST(s.calendar_warnings[0].census_round == "2020");

    auto kept = pull_calendar_warnings(f.officer, s.pull_id);  // kept with the pull
    BOOST_REQUIRE(kept);
    BOOST_REQUIRE(kept->size() == 2u);
    BOOST_TEST(kept->at(1).exported_at_utc == "2021-11-02T06:00:00Z");
    BOOST_TEST(kept->at(1).expected == "2021-10-01 – 2021-10-30");
}

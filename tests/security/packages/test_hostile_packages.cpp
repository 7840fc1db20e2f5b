// Hostile packages pulled in-process into a real SQLCipher workspace: a wrong signature on a
// package that is "already held", another tablet's signed package carrying this tablet's record
// UUIDs, and a tablet that says a file is small and then streams more than the budget.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "census_sim/census_sim.h"
#include "core/package/folder_storage.h"
#include "core/package/keys.h"
#include "core/package/package_writer.h"
#include "core/usecases/devices.h"
#include "core/usecases/pull.h"
#include "junk_files.h"
#include "simulator/simulated_tablet.h"
#include "support/staffed_workspace.h"
#include "support/pull_workspace.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

struct HostilePull : test::PullWorkspace {
    std::vector<QuarantinedPackage> open_quarantine() {
        auto q = list_quarantine(officer, false);
        check(q);
        return *q;
    }

    std::int64_t persons() {
        auto s = census_stats(officer);
        check(s);
        return s->persons;
    }

    /// A package from another tablet (its own key, enrolled on `kit`) with the given records.
    void write_package(const fs::path& dir, const std::string& kit, const package::KeyPair& key,
                       const std::vector<Household>& households, const std::vector<Person>& persons) {
        PackageManifest m;
        m.kit_number = kit;
        m.device_model = "Samsung SM-T505";
        m.usb_serial = "USB-" + kit;
        m.census_round = "2026";
        m.sequence = 1;
        auto pub = package::parse_department_public_file(department_file);
        check(pub);
        package::PackageWriter writer(m, pub->encryption_public_pem, key.private_pem, 4096);
        for (const auto& h : households) check(writer.add(h));
        for (const auto& p : persons) check(writer.add(p));
        const auto outbox = dir / "Documents/Sanaq/outbox";
        fs::create_directories(outbox);
        check(writer.finish_to_file((outbox / (kit + ".sqpkg")).string()));
    }
};

/// Says every file is small, then streams `real` bytes of noise in 64 KiB pieces.
class LyingTablet final : public TabletStorage {
public:
    explicit LyingTablet(std::uint64_t real) : real_(real) {}
    std::string describe() const override { return "lying tablet"; }
    std::string usb_serial() const override { return ""; }
    Result<std::vector<TabletFile>> list_outbox() override {
        return std::vector<TabletFile>{{"small-i-promise.sqpkg", 1000, "h1"}};
    }
    Result<std::string> read_device_key() override { return fail(ErrorCode::NotFound, "no key"); }
    Status read_file(const TabletFile&, const ByteSink& sink) override {
        std::string piece(64 << 10, '\0');
        for (std::size_t i = 0; i < piece.size(); ++i) piece[i] = static_cast<char>(i * 31 + 7);
        for (std::uint64_t sent = 0; sent < real_; sent += piece.size()) {
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(piece.size(), real_ - sent));
            SANAQ_TRY(sink(std::string_view(piece).substr(0, n)));
        }
        return {};
    }
    Status write_receipt(const std::string&, std::string_view) override { return {}; }

private:
    std::uint64_t real_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_wrong_signature_on_a_package_already_held_is_a_bad_signature) {
    HostilePull f;
    const auto tablet = f.dir / "tablet";
    auto made = f.make(tablet, "KIT-1001", 40, 1);
    f.check(enroll_device_key(f.officer, "KIT-1001", made.device_public_pem));
    BOOST_REQUIRE_EQUAL(f.pull(tablet).packages_received, 1);

    // Same package UUID and digest, one signature byte changed: who signed this is unknown, so
    // the store is not asked about it and no receipt tells the tablet to delete it.
    const auto path = made.packages.front().path;
    std::string bytes = test::read_file(path);
    const std::uint32_t manifest_length = static_cast<unsigned char>(bytes[8]) |
                                          static_cast<unsigned char>(bytes[9]) << 8 |
                                          static_cast<unsigned char>(bytes[10]) << 16 |
                                          static_cast<unsigned>(static_cast<unsigned char>(bytes[11])) << 24;
    bytes[14 + manifest_length] ^= 0x01;
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;

    auto s = f.pull(tablet);
    BOOST_REQUIRE_EQUAL(s.packages.size(), 1u);
    const auto& p = s.packages.front();
    BOOST_TEST(package_status_code(p.status) == "quarantined");
    BOOST_REQUIRE(p.reason);
    BOOST_TEST(quarantine_reason_code(*p.reason) == "bad_signature");
    BOOST_TEST(!p.receipt_written);
    BOOST_TEST(s.packages_already == 0);
}

BOOST_AUTO_TEST_CASE(another_tablets_package_carrying_held_record_uuids_is_a_conflict) {
    HostilePull f;
    // Tablet A (KIT-1001) sends its people first.
    const auto tablet_a = f.dir / "tablet-a";
    auto made = f.make(tablet_a, "KIT-1001", 30, 1);
    f.check(enroll_device_key(f.officer, "KIT-1001", made.device_public_pem));
    BOOST_REQUIRE_EQUAL(f.pull(tablet_a).packages_received, 1);
    const auto population = census_sim::kit_population(7, "KIT-1001", 30);
    const Person original = population.persons.front();
    const Household original_household = population.households.front();
    const auto persons_before = f.persons();

    // Tablet B, enrolled on KIT-1002, signs valid packages with A's UUIDs at a higher revision.
    auto key_b = package::generate_signing_key();
    f.check(key_b);
    f.check(enroll_device_key(f.officer, "KIT-1002", key_b->public_pem));
    Person forged = original;
    forged.revision = original.revision + 5;
    forged.surname = "Подменов";
    Household own_household = census_sim::kit_population(99, "KIT-1002", 1).households.front();
    Person own_person = census_sim::kit_population(99, "KIT-1002", 1).persons.front();

    const auto tablet_b = f.dir / "tablet-b";
    f.write_package(tablet_b, "KIT-1002", *key_b, {own_household}, {own_person, forged});
    auto s = f.pull(tablet_b);
    BOOST_REQUIRE_EQUAL(s.packages.size(), 1u);
    BOOST_TEST(package_status_code(s.packages[0].status) == "quarantined");
    BOOST_REQUIRE(s.packages[0].reason);
    BOOST_TEST(quarantine_reason_code(*s.packages[0].reason) == "record_conflict");
    BOOST_REQUIRE(s.packages[0].error);
    const auto& args = s.packages[0].error->args;
    BOOST_TEST((std::find(args.begin(), args.end(), original.uuid) != args.end()));   // names the record
    BOOST_TEST(!s.packages[0].receipt_written);

    // A's record is as A sent it, still A's; nothing of B's package was stored.
    auto stored = query<std::optional<Person>>(*f.ws, [&](StoreSession& tx) { return tx.census().find_person(original.uuid); });
    BOOST_REQUIRE(stored && *stored);
    BOOST_TEST((*stored)->surname == original.surname);
    BOOST_TEST((*stored)->revision == original.revision);
    auto from = query<std::optional<RecordProvenance>>(*f.ws, [&](StoreSession& tx) {
        return tx.census().person_provenance(original.uuid);
    });
    BOOST_REQUIRE(from && *from);
    BOOST_TEST((*from)->kit_number == "KIT-1001");
    BOOST_TEST(f.persons() == persons_before);
    auto q = f.open_quarantine();
    BOOST_REQUIRE_EQUAL(q.size(), 1u);
    BOOST_TEST(quarantine_reason_code(q[0].reason) == "record_conflict");

    // The same for a household: B re-sends A's first household.
    Household forged_household = original_household;
    forged_household.revision = original_household.revision + 1;
    forged_household.street = "Подменная";
    const auto tablet_c = f.dir / "tablet-c";
    f.write_package(tablet_c, "KIT-1002", *key_b, {forged_household}, {});
    auto s2 = f.pull(tablet_c);
    BOOST_REQUIRE_EQUAL(s2.packages.size(), 1u);
    BOOST_REQUIRE(s2.packages[0].reason);
    BOOST_TEST(quarantine_reason_code(*s2.packages[0].reason) == "record_conflict");
    auto household = query<std::optional<Household>>(*f.ws, [&](StoreSession& tx) {
        return tx.census().find_household(original_household.uuid);
    });
    BOOST_REQUIRE(household && *household);
    BOOST_TEST((*household)->street == original_household.street);
    BOOST_TEST((*household)->revision == original_household.revision);

    // A itself still corrects its own record.
    const package::KeyPair key_a{test::read_file(tablet_a / ".sim/device-private.pem"), made.device_public_pem};
    Person corrected = original;
    corrected.revision = original.revision + 1;
    corrected.surname = original.surname + "ов";
    f.write_package(f.dir / "tablet-a2", "KIT-1001", key_a, {}, {corrected});
    auto s3 = f.pull(f.dir / "tablet-a2");
    BOOST_TEST(s3.packages_received == 1);
    stored = query<std::optional<Person>>(*f.ws, [&](StoreSession& tx) { return tx.census().find_person(original.uuid); });
    BOOST_REQUIRE(stored && *stored);
    BOOST_TEST((*stored)->surname == corrected.surname);
}

BOOST_AUTO_TEST_CASE(a_tablet_that_understates_a_size_is_stopped_at_the_budget) {
    HostilePull f;
    LyingTablet liar(test::kBudget + 6 * test::kMiB);
    auto s = f.pull(liar);
    BOOST_REQUIRE_EQUAL(s.packages.size(), 1u);
    BOOST_REQUIRE(s.packages[0].reason);
    BOOST_TEST(quarantine_reason_code(*s.packages[0].reason) == "too_large");
    auto q = f.open_quarantine();
    BOOST_REQUIRE_EQUAL(q.size(), 1u);
    BOOST_TEST(static_cast<std::uint64_t>(q[0].size) <= test::kMiB);
}

BOOST_AUTO_TEST_CASE(over_mtp_a_file_over_the_budget_leaves_the_session_usable_for_the_next_package) {
    HostilePull f;
    const auto tablet = f.dir / "tablet";
    auto made = f.make(tablet, "KIT-1001", 20, 1);
    f.check(enroll_device_key(f.officer, "KIT-1001", made.device_public_pem));
    // Listed first ('-' sorts before the hex digits of a package UUID).
    test::write_junk(tablet / "Documents/Sanaq/outbox/0-junk.sqpkg", test::kBudget + 3 * test::kMiB, 5);
    auto storage = sim::open_simulated_tablet(tablet);
    auto s = f.pull(*storage);
    BOOST_TEST((s.outcome == PullOutcome::Complete));
    BOOST_REQUIRE_EQUAL(s.packages.size(), 2u);
    BOOST_REQUIRE(s.packages[0].reason);
    BOOST_TEST(quarantine_reason_code(*s.packages[0].reason) == "too_large");
    BOOST_TEST(s.packages_received == 1);   // the MTP session survived the prefix read
    auto q = f.open_quarantine();
    BOOST_REQUIRE_EQUAL(q.size(), 1u);
    BOOST_TEST(static_cast<std::uint64_t>(q[0].size) <= test::kMiB);
    BOOST_TEST(q[0].file_size == static_cast<std::int64_t>(test::kBudget + 3 * test::kMiB));
}

// Whole pulls through real, unmodified libusb and umockdev into a real SQLCipher workspace: the
// path a department uses every day, with the faults a USB cable brings (DESIGN.md, USB facts).
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "census_sim/census_sim.h"
#include "core/usecases/devices.h"
#include "core/usecases/pull.h"
#include "devices/mock_usb.h"
#include "usb/tablets.h"
#include "support/staffed_workspace.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

struct UsbPull : test::StaffedWorkspace {
    test::MockUsb usb;
    Session officer = as("officer", Role::Officer);
    fs::path folder = dir / "tablet";
    census_sim::MadePackages made;
    std::string serial;   // KIT-1001's USB serial in the fixture

    UsbPull() {
        BOOST_REQUIRE_MESSAGE(test::MockUsb::preload_active(), "run under umockdev-wrapper");
        serial = kit(1).tablet.usb_serial;
        census_sim::MakePackagesRequest r;
        r.kit_number = "KIT-1001";
        r.department_public_file_text = *department_public_keys(officer);
        r.persons = 3000;
        r.packages = 3;
        r.seed = 5;
        r.faults.tamper = true;   // the last package has one flipped payload byte
        auto m = census_sim::make_packages(folder, r);
        BOOST_REQUIRE(m);
        made = *m;
        BOOST_REQUIRE(enroll_device_key(officer, "KIT-1001", made.device_public_pem));
    }

    test::MockTablet& plug(sim::ResponderFaults faults = {}, bool omit_zlp = false, int bus = 1) {
        sim::ResponderOptions o;
        o.serial = serial;
        o.faults = faults;
        o.faults.omit_zlp = omit_zlp;
        return usb.plug(bus, std::make_shared<sim::MtpResponder>(folder, o));
    }

    PullSummary pull() {
        auto tablet = usb::open_tablet(serial);
        BOOST_REQUIRE_MESSAGE(tablet, (tablet ? "" : tablet.error().message_id));
        auto s = pull_tablet(officer, **tablet);
        BOOST_REQUIRE(s);
        return *s;
    }

    std::int64_t persons() { return census_stats(officer)->persons; }
    std::size_t receipts() {
        const auto d = folder / "Documents/Sanaq/receipts";
        return fs::exists(d) ? static_cast<std::size_t>(std::distance(fs::directory_iterator(d), fs::directory_iterator())) : 0;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(usb_pull, UsbPull)

BOOST_AUTO_TEST_CASE(a_full_pull_over_libusb_stores_the_good_packages_and_quarantines_the_tampered_one) {
    plug({}, /*omit_zlp=*/true);   // and the tablet never sends its ZLPs
    auto s = pull();
    BOOST_TEST(s.kit_number == "KIT-1001");   // identified by its USB serial
    BOOST_TEST((s.outcome == PullOutcome::Complete));
    BOOST_TEST(s.packages_received == 2);
    BOOST_TEST(s.packages_quarantined == 1);
    BOOST_TEST(s.packages_left == 1);
    BOOST_TEST(receipts() == 2u);
    auto q = list_quarantine(officer, false);
    BOOST_REQUIRE_EQUAL(q->size(), 1u);
    BOOST_TEST((q->front().reason == QuarantineReason::DigestMismatch));
    const auto stored = persons();
    BOOST_TEST(stored > 0);
    BOOST_TEST(stored < 3000);
    // Again: nothing new, the receipts renewed, the tampered package not quarantined twice.
    auto again = pull();
    BOOST_TEST(again.packages_already == 2);
    BOOST_TEST(persons() == stored);
    BOOST_TEST(list_quarantine(officer, false)->size() == 1u);
}

BOOST_AUTO_TEST_CASE(unplugged_mid_package_nothing_partial_is_kept_and_the_repull_completes) {
    // Remove the tampered package: this test is about the cable.
    for (const auto& p : made.packages)
        if (p.tampered) fs::remove(p.path);
    sim::ResponderFaults faults;
    faults.unplug_at = 150'000;   // inside the first package's payload
    auto& tablet = plug(faults);
    auto opened = usb::open_tablet(serial);
    BOOST_REQUIRE(opened);
    auto s = pull_tablet(officer, **opened);
    BOOST_REQUIRE(s);
    BOOST_TEST((s->outcome == PullOutcome::Interrupted));
    BOOST_REQUIRE(s->stopped_by);
    BOOST_TEST((s->stopped_by->code == ErrorCode::DeviceUnavailable));
    BOOST_TEST(s->packages_received == 0);
    BOOST_TEST(persons() == 0);   // nothing partial
    BOOST_TEST(receipts() == 0u);
    opened->reset();
    usb.unplug(tablet);

    plug({}, false, 2);   // plugged in again (into another port)
    auto again = pull();
    BOOST_TEST((again.outcome == PullOutcome::Complete));
    BOOST_TEST(again.packages_received == 2);
    BOOST_TEST(receipts() == 2u);
    BOOST_TEST(persons() == made.packages[0].manifest.persons + made.packages[1].manifest.persons);
}

BOOST_AUTO_TEST_CASE(a_repeated_pull_of_large_packages_keeps_the_usb_session) {
    // Packages larger than the initiator's drain limit (4 MiB): "already received" must not abort
    // the transfer mid-object, or the next package would find the session gone.
    census_sim::MakePackagesRequest r;
    r.kit_number = "KIT-1002";
    r.department_public_file_text = *department_public_keys(officer);
    r.persons = 40000;
    r.packages = 2;
    r.seed = 9;
    const fs::path big = dir / "big-tablet";
    auto m = census_sim::make_packages(big, r);
    BOOST_REQUIRE(m);
    BOOST_REQUIRE(m->packages.front().manifest.payload_size > (6 << 20));
    BOOST_REQUIRE(enroll_device_key(officer, "KIT-1002", m->device_public_pem));
    folder = big;
    serial = kit(2).tablet.usb_serial;
    plug();
    auto first = pull();
    BOOST_TEST(first.packages_received == 2);
    auto again = pull();
    BOOST_TEST((again.outcome == PullOutcome::Complete));
    BOOST_TEST(again.packages_already == 2);
    BOOST_TEST(again.packages_left == 0);
}

BOOST_AUTO_TEST_SUITE_END()

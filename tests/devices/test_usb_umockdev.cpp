// Real, unmodified libusb talking to simulated tablets through umockdev (see mock_usb.h):
// detection, download, receipts, and each fault the initiator must survive. Runs under the
// umockdev preload (registered with umockdev-wrapper in CMakeLists.txt).
#define BOOST_TEST_MODULE sanaq_usb_umockdev
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "devices/mock_usb.h"
#include "devices/tablet_folder.h"
#include "support/temp_dir.h"
#include "usb/tablets.h"

using namespace sanaq;
using sanaq::test::MockUsb;
using sanaq::test::TempDir;

namespace {

struct Bench {
    MockUsb usb;
    TempDir dir{"sanaq-usb"};
    std::shared_ptr<sim::MtpResponder> responder;
    test::MockTablet* tablet = nullptr;

    explicit Bench(sim::ResponderOptions options = {}, std::string interface_name = "MTP") {
        BOOST_REQUIRE_MESSAGE(MockUsb::preload_active(), "run under umockdev-wrapper");
        test::make_tablet_folder(dir.path());
        responder = std::make_shared<sim::MtpResponder>(dir.path(), options);
        tablet = &usb.plug(1, responder, std::move(interface_name));
    }
};

Result<std::string> read_all(TabletStorage& storage, const TabletFile& f) {
    std::string got;
    auto s = storage.read_file(f, [&](std::string_view piece) -> Status {
        got.append(piece);
        return {};
    });
    SANAQ_TRY(s);
    return got;
}

std::unique_ptr<TabletStorage> open(const std::string& serial, mtp::InitiatorOptions o = {}) {
    auto t = usb::open_tablet(serial, o);
    BOOST_REQUIRE_MESSAGE(t, (t ? "" : t.error().message_id + " / " + t.error().detail));
    return std::move(*t);
}

TabletFile only_package(TabletStorage& s) {
    auto files = s.list_outbox();
    BOOST_REQUIRE_MESSAGE(files, (files ? "" : files.error().message_id + " / " + files.error().detail));
    BOOST_REQUIRE_EQUAL(files->size(), 1u);
    return files->front();
}

bool is(const Error& e, ErrorCode c) { return static_cast<int>(e.code) == static_cast<int>(c); }

}  // namespace

BOOST_AUTO_TEST_CASE(a_tablet_is_detected_with_its_serial_and_mtp_interface) {
    sim::ResponderOptions o;
    o.serial = "R52N80ABCDE";
    Bench b(o);
    auto tablets = usb::list_tablets();
    BOOST_REQUIRE(tablets);
    BOOST_REQUIRE_EQUAL(tablets->size(), 1u);
    const auto& t = tablets->front();
    BOOST_TEST(t.usb_serial == "R52N80ABCDE");
    BOOST_TEST(t.interface_name == "MTP");
    BOOST_TEST(t.manufacturer == "Sanaq");
    BOOST_TEST(t.vendor_id == 0x18D1);
    BOOST_TEST(!t.vendor_class);
    BOOST_TEST(t.describe().find("R52N80ABCDE") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_multi_megabyte_package_downloads_and_a_receipt_uploads) {
    Bench b;
    test::add_package(b.dir.path(), "4a1f.sqpkg", 6'000'000, 11);
    auto storage = open("SIM-0001");
    BOOST_TEST(storage->usb_serial() == "SIM-0001");
    auto f = only_package(*storage);
    BOOST_TEST(f.size == 6'000'000u);
    auto got = read_all(*storage, f);
    BOOST_REQUIRE_MESSAGE(got, (got ? "" : got.error().detail));
    BOOST_TEST((*got == test::pattern_bytes(6'000'000, 11)));
    auto key = storage->read_device_key();
    BOOST_REQUIRE(key);
    BOOST_TEST(*key == test::kTestDeviceKey);
    const std::string receipt = test::pattern_bytes(2048, 5);  // a multiple of 512: needs the ZLP
    auto w = storage->write_receipt("4a1f.receipt", receipt);
    BOOST_REQUIRE_MESSAGE(w, (w ? "" : w.error().detail));
    BOOST_TEST((test::read_file(b.dir / "Documents/Sanaq/receipts/4a1f.receipt") == receipt));
    BOOST_REQUIRE(storage->write_receipt("4a1f.receipt", "again"));
    BOOST_TEST(test::read_file(b.dir / "Documents/Sanaq/receipts/4a1f.receipt") == "again");
}

BOOST_AUTO_TEST_CASE(a_device_without_zlps_glues_the_response_and_still_works) {
    sim::ResponderOptions o;
    o.faults.omit_zlp = true;
    Bench b(o);
    // Payload + 12-byte header is an exact multiple of 512: the response rides on the data.
    test::add_package(b.dir.path(), "p.sqpkg", 4 * 1024 * 1024 - 12, 12);
    auto storage = open("");
    auto got = read_all(*storage, only_package(*storage));
    BOOST_REQUIRE_MESSAGE(got, (got ? "" : got.error().detail));
    BOOST_TEST((*got == test::pattern_bytes(4 * 1024 * 1024 - 12, 12)));
    BOOST_TEST(storage->read_device_key().has_value());
}

BOOST_AUTO_TEST_CASE(headers_split_from_their_data_are_reassembled) {
    sim::ResponderOptions o;
    o.faults.split_headers = true;
    Bench b(o);
    test::add_package(b.dir.path(), "p.sqpkg", 1'000'003, 13);
    auto storage = open("");
    auto got = read_all(*storage, only_package(*storage));
    BOOST_REQUIRE_MESSAGE(got, (got ? "" : got.error().detail));
    BOOST_TEST((*got == test::pattern_bytes(1'000'003, 13)));
}

BOOST_AUTO_TEST_CASE(a_stalled_endpoint_is_cleared_and_the_download_completes) {
    Bench b;
    test::add_package(b.dir.path(), "p.sqpkg", 3'000'000, 14);
    auto storage = open("");
    auto f = only_package(*storage);
    sim::ResponderFaults faults;
    faults.stall_in_at = 1'234'567;
    b.responder->set_faults(faults);
    auto got = read_all(*storage, f);
    BOOST_REQUIRE_MESSAGE(got, (got ? "" : got.error().detail));
    BOOST_TEST((*got == test::pattern_bytes(3'000'000, 14)));
}

BOOST_AUTO_TEST_CASE(a_tablet_that_stops_answering_times_out_with_a_clear_message) {
    Bench b;
    test::add_package(b.dir.path(), "p.sqpkg", 3'000'000, 15);
    auto storage = open("", {.timeout_ms = 300});
    auto f = only_package(*storage);
    sim::ResponderFaults faults;
    faults.stop_at = 1'000'000;
    b.responder->set_faults(faults);
    const auto start = std::chrono::steady_clock::now();
    auto got = read_all(*storage, f);
    BOOST_REQUIRE(!got);
    BOOST_TEST(is(got.error(), ErrorCode::DeviceUnavailable));
    BOOST_TEST(got.error().message_id.find("stopped answering") != std::string::npos);
    BOOST_TEST(got.error().detail.find("LIBUSB_ERROR_TIMEOUT") != std::string::npos);
    BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(5)));
}

BOOST_AUTO_TEST_CASE(unplugging_mid_transfer_fails_the_read_and_writes_nothing) {
    Bench b;
    test::add_package(b.dir.path(), "p.sqpkg", 5'000'000, 16);
    auto storage = open("");
    auto f = only_package(*storage);
    sim::ResponderFaults faults;
    faults.unplug_at = 2'500'000;
    b.responder->set_faults(faults);
    std::uint64_t delivered = 0;
    auto s = storage->read_file(f, [&](std::string_view piece) -> Status {
        delivered += piece.size();
        return {};
    });
    BOOST_REQUIRE(!s);
    BOOST_TEST(is(s.error(), ErrorCode::DeviceUnavailable));
    BOOST_TEST(s.error().message_id.find("disconnected") != std::string::npos);
    BOOST_TEST(s.error().detail.find("LIBUSB_ERROR_NO_DEVICE") != std::string::npos);
    BOOST_TEST(delivered < 5'000'000u);
    b.usb.unplug(*b.tablet);
    // No receipt can be written to a tablet that is gone, and the storage says why.
    auto w = storage->write_receipt("p.receipt", "x");
    BOOST_REQUIRE(!w);
    BOOST_TEST(is(w.error(), ErrorCode::DeviceUnavailable));
    BOOST_TEST(!std::filesystem::exists(b.dir / "Documents/Sanaq/receipts"));
    BOOST_TEST(usb::list_tablets()->empty());
}

BOOST_AUTO_TEST_CASE(the_watcher_sees_tablets_arrive_and_leave) {
    MockUsb usb;
    TempDir dir("sanaq-usb");
    test::make_tablet_folder(dir.path());
    std::mutex m;
    std::condition_variable cv;
    std::vector<std::string> arrived, removed;
    usb::TabletWatcher watcher({
        .arrived = [&](const usb::TabletInfo& t) { std::lock_guard l(m); arrived.push_back(t.usb_serial); cv.notify_all(); },
        .removed = [&](const usb::TabletInfo& t) { std::lock_guard l(m); removed.push_back(t.usb_serial); cv.notify_all(); },
        .failed = {},
    }, 200);
    BOOST_REQUIRE(watcher.start());
    sim::ResponderOptions o;
    o.serial = "KIT-0042-TAB";
    auto& tablet = usb.plug(2, std::make_shared<sim::MtpResponder>(dir.path(), o));
    {
        std::unique_lock l(m);
        BOOST_REQUIRE(cv.wait_for(l, std::chrono::seconds(5), [&] { return !arrived.empty(); }));
        BOOST_TEST(arrived.front() == "KIT-0042-TAB");
    }
    usb.unplug(tablet);
    {
        std::unique_lock l(m);
        BOOST_REQUIRE(cv.wait_for(l, std::chrono::seconds(5), [&] { return !removed.empty(); }));
        BOOST_TEST(removed.front() == "KIT-0042-TAB");
    }
    BOOST_TEST_MESSAGE("watcher used " << (watcher.uses_hotplug() ? "libusb hotplug" : "polling"));
    watcher.stop();
}

BOOST_AUTO_TEST_CASE(an_old_vendor_class_device_is_recognised_by_its_mtp_interface_string) {
    sim::ResponderOptions o;
    o.vendor_class = true;
    o.serial = "OLD-ANDROID-4";
    Bench b(o);
    test::add_package(b.dir.path(), "p.sqpkg", 70'000, 17);
    auto tablets = usb::list_tablets();
    BOOST_REQUIRE(tablets);
    BOOST_REQUIRE_EQUAL(tablets->size(), 1u);
    BOOST_TEST(tablets->front().vendor_class);
    BOOST_TEST(tablets->front().interface_name == "MTP");
    auto storage = open("OLD-ANDROID-4");
    auto got = read_all(*storage, only_package(*storage));
    BOOST_REQUIRE(got);
    BOOST_TEST((*got == test::pattern_bytes(70'000, 17)));
}

BOOST_AUTO_TEST_CASE(a_vendor_class_device_that_is_not_mtp_is_ignored) {
    sim::ResponderOptions o;
    o.vendor_class = false;
    Bench b(o, "ADB Interface");  // 6/1/1 still counts as MTP whatever its name...
    BOOST_TEST(usb::list_tablets()->size() == 1u);
    MockUsb other;
    TempDir dir("sanaq-usb");
    sim::ResponderOptions v;
    v.vendor_class = true;
    v.serial = "NOT-MTP";
    auto responder = std::make_shared<sim::MtpResponder>(dir.path(), v);
    // ...but FF/FF/00 needs the name "MTP" or the MSFT100 descriptor, which this one lacks.
    other.plug(3, responder, "ADB Interface");
    auto tablets = usb::list_tablets();
    BOOST_REQUIRE(tablets);
    for (const auto& t : *tablets) BOOST_TEST(t.usb_serial != "NOT-MTP");
}

BOOST_AUTO_TEST_CASE(a_vendor_class_device_with_the_msft100_descriptor_is_a_tablet) {
    MockUsb usb;
    TempDir dir("sanaq-usb");
    sim::ResponderOptions v;
    v.vendor_class = true;
    v.serial = "MSFT-TABLET";
    usb.plug(4, std::make_shared<sim::MtpResponder>(dir.path(), v), "", true);
    auto tablets = usb::list_tablets();
    BOOST_REQUIRE(tablets);
    BOOST_REQUIRE_EQUAL(tablets->size(), 1u);
    BOOST_TEST(tablets->front().usb_serial == "MSFT-TABLET");
    BOOST_TEST(tablets->front().vendor_class);
}

BOOST_AUTO_TEST_CASE(a_tablet_held_by_another_program_gets_a_what_to_do_message) {
    Bench b;
    b.usb.set_busy(*b.tablet, true);
    auto t = usb::open_tablet("SIM-0001");
    BOOST_REQUIRE(!t);
    BOOST_TEST(is(t.error(), ErrorCode::DeviceBusy));
    BOOST_TEST(t.error().message_id.find("Another program") != std::string::npos);
    BOOST_TEST(t.error().message_id.find("gvfs-mtp-volume-monitor") != std::string::npos);
    b.usb.set_busy(*b.tablet, false);
    BOOST_TEST(usb::open_tablet("SIM-0001").has_value());
}

BOOST_AUTO_TEST_CASE(asking_for_an_absent_serial_says_which_is_missing) {
    Bench b;
    auto t = usb::open_tablet("NOPE-123");
    BOOST_REQUIRE(!t);
    BOOST_TEST(is(t.error(), ErrorCode::NotFound));
    BOOST_TEST(t.error().args.at(0) == "NOPE-123");
}

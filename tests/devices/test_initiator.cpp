// The MTP initiator against the simulated responder over the in-process transport, with each fault
// the simulator can inject. The same faults through real libusb: test_usb_umockdev.cpp.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "devices/tablet_folder.h"
#include "mtp/mtp_tablet_storage.h"
#include "simulator/in_process_transport.h"
#include "simulator/simulated_tablet.h"
#include "support/temp_dir.h"

using namespace sanaq;
using sanaq::test::TempDir;

namespace {

struct Tablet {
    TempDir dir{"sanaq-mtp"};
    std::shared_ptr<sim::MtpResponder> responder;
    std::unique_ptr<TabletStorage> storage;

    explicit Tablet(sim::ResponderOptions options = {}, mtp::InitiatorOptions initiator = {}) {
        test::make_tablet_folder(dir.path());
        storage = sim::open_simulated_tablet(dir.path(), {options, initiator}, &responder);
    }
    Result<std::string> read(const TabletFile& f) {
        std::string got;
        auto s = storage->read_file(f, [&](std::string_view piece) -> Status {
            got.append(piece);
            return {};
        });
        SANAQ_TRY(s);
        return got;
    }
    TabletFile only_package() {
        auto files = storage->list_outbox();
        BOOST_REQUIRE(files);
        BOOST_REQUIRE_EQUAL(files->size(), 1u);
        return files->front();
    }
};

// Sizes around the 512-byte packet: exact multiples need a ZLP, others end on a short packet.
const std::uint64_t kSizes[] = {0, 1, 500, 512 - 12, 512, 1024 - 12, 4096, (1 << 20) - 12, (1 << 20), 3'000'001};

}  // namespace

BOOST_AUTO_TEST_SUITE(mtp_initiator)

BOOST_AUTO_TEST_CASE(lists_the_outbox_and_reads_the_device_key) {
    Tablet t;
    test::add_package(t.dir.path(), "b.sqpkg", 10, 1);
    test::add_package(t.dir.path(), "a.sqpkg", 20, 2);
    std::ofstream(t.dir / "Documents/Sanaq/outbox/notes.txt") << "not a package";
    auto files = t.storage->list_outbox();
    BOOST_REQUIRE(files);
    BOOST_REQUIRE_EQUAL(files->size(), 2u);
    BOOST_TEST(files->at(0).name == "a.sqpkg");
    BOOST_TEST(files->at(0).size == 20u);
    auto key = t.storage->read_device_key();
    BOOST_REQUIRE(key);
    BOOST_TEST(*key == test::kTestDeviceKey);
    BOOST_TEST(t.storage->usb_serial() == "SIM-0001");
}

BOOST_AUTO_TEST_CASE(absent_outbox_is_empty_and_absent_key_is_not_found) {
    Tablet t;
    std::filesystem::remove_all(t.dir / "Documents/Sanaq");
    auto files = t.storage->list_outbox();
    BOOST_REQUIRE(files);
    BOOST_TEST(files->empty());
    auto key = t.storage->read_device_key();
    BOOST_REQUIRE(!key);
    BOOST_TEST(static_cast<int>(key.error().code) == static_cast<int>(ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(downloads_are_exact_at_every_packet_boundary_with_and_without_zlp) {
    for (bool omit_zlp : {false, true}) {
        for (bool split : {false, true}) {
            for (auto size : kSizes) {
                sim::ResponderOptions o;
                o.faults.omit_zlp = omit_zlp;
                o.faults.split_headers = split;
                Tablet t(o);
                test::add_package(t.dir.path(), "p.sqpkg", size, static_cast<std::uint32_t>(size));
                auto got = t.read(t.only_package());
                BOOST_REQUIRE_MESSAGE(got, "size " << size << " omit_zlp " << omit_zlp << " split " << split << ": "
                                                   << (got ? "" : got.error().detail));
                BOOST_TEST((*got == test::pattern_bytes(size, static_cast<std::uint32_t>(size))),
                           "size " << size << " omit_zlp " << omit_zlp << " split " << split);
                // The session is still in step: another transaction works.
                BOOST_TEST(t.storage->read_device_key().has_value());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(stream_never_buffers_the_whole_object) {
    Tablet t({}, {.chunk_bytes = 64 * 1024});
    test::add_package(t.dir.path(), "p.sqpkg", 3'000'000, 9);
    std::size_t biggest = 0, calls = 0;
    std::uint64_t last_progress = 0;
    auto* mtp_storage = dynamic_cast<mtp::MtpTabletStorage*>(t.storage.get());
    mtp_storage->set_progress([&](std::uint64_t done, std::uint64_t total) {
        BOOST_TEST(total == 3'000'000u);
        last_progress = done;
    });
    auto s = t.storage->read_file(t.only_package(), [&](std::string_view piece) -> Status {
        biggest = std::max(biggest, piece.size());
        ++calls;
        return {};
    });
    BOOST_REQUIRE(s);
    BOOST_TEST(biggest <= 64u * 1024u);
    BOOST_TEST(calls > 40u);
    BOOST_TEST(last_progress == 3'000'000u);
}

BOOST_AUTO_TEST_CASE(a_stall_is_cleared_and_the_transfer_resumes) {
    Tablet t;
    test::add_package(t.dir.path(), "p.sqpkg", 2'000'000, 3);
    auto f = t.only_package();
    sim::ResponderFaults faults;
    faults.stall_in_at = 700'000;
    t.responder->set_faults(faults);
    auto got = t.read(f);
    BOOST_REQUIRE(got);
    BOOST_TEST((*got == test::pattern_bytes(2'000'000, 3)));
}

BOOST_AUTO_TEST_CASE(a_device_that_stops_answering_gives_device_unavailable) {
    Tablet t;
    test::add_package(t.dir.path(), "p.sqpkg", 2'000'000, 3);
    auto f = t.only_package();
    sim::ResponderFaults faults;
    faults.stop_at = 1'000'000;
    t.responder->set_faults(faults);
    auto got = t.read(f);
    BOOST_REQUIRE(!got);
    BOOST_TEST(static_cast<int>(got.error().code) == static_cast<int>(ErrorCode::DeviceUnavailable));
    BOOST_TEST(got.error().message_id.find("stopped answering") != std::string::npos);
    // The initiator refuses to continue on a connection in an unknown state.
    auto again = t.storage->list_outbox();
    BOOST_REQUIRE(!again);
    BOOST_TEST(again.error().message_id.find("interrupted earlier") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unplug_at_any_point_gives_device_unavailable) {
    // Each offset lands in a different phase: command reply, header, data, response.
    for (std::uint64_t at : {0ull, 5ull, 12ull, 100'000ull, 1'048'576ull, 1'999'999ull, 2'000'012ull}) {
        Tablet t;
        test::add_package(t.dir.path(), "p.sqpkg", 2'000'000, 4);
        auto f = t.only_package();
        sim::ResponderFaults faults;
        faults.unplug_at = at;
        t.responder->set_faults(faults);
        auto got = t.read(f);
        BOOST_REQUIRE_MESSAGE(!got, "unplug at " << at);
        BOOST_TEST(static_cast<int>(got.error().code) == static_cast<int>(ErrorCode::DeviceUnavailable));
        BOOST_TEST(got.error().message_id.find("disconnected") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_sink_error_cancels_and_keeps_the_session_usable) {
    Tablet t;
    test::add_package(t.dir.path(), "p.sqpkg", 3'000'000, 5);
    auto f = t.only_package();
    std::uint64_t seen = 0;
    auto s = t.storage->read_file(f, [&](std::string_view piece) -> Status {
        seen += piece.size();
        if (seen > 1'500'000) return fail(ErrorCode::Cancelled, "cancelled");
        return {};
    });
    BOOST_REQUIRE(!s);
    BOOST_TEST(static_cast<int>(s.error().code) == static_cast<int>(ErrorCode::Cancelled));
    // Under the drain limit the rest was read out, so the session goes on.
    BOOST_TEST(t.storage->read_device_key().has_value());
}

BOOST_AUTO_TEST_CASE(receipts_are_written_into_a_created_folder_and_replaced) {
    Tablet t;
    BOOST_TEST(!std::filesystem::exists(t.dir / "Documents/Sanaq/receipts"));
    BOOST_REQUIRE(t.storage->write_receipt("abc.receipt", "first"));
    BOOST_TEST(test::read_file(t.dir / "Documents/Sanaq/receipts/abc.receipt") == "first");
    const std::string big = test::pattern_bytes(1 << 20, 7);  // a multiple of the packet size: ZLP sent
    BOOST_REQUIRE(t.storage->write_receipt("abc.receipt", big));
    BOOST_TEST((test::read_file(t.dir / "Documents/Sanaq/receipts/abc.receipt") == big));
    BOOST_REQUIRE(t.storage->write_receipt("def.receipt", ""));
    BOOST_TEST(std::filesystem::file_size(t.dir / "Documents/Sanaq/receipts/def.receipt") == 0u);
}

BOOST_AUTO_TEST_CASE(device_info_names_the_tablet) {
    Tablet t;
    auto* m = dynamic_cast<mtp::MtpTabletStorage*>(t.storage.get());
    auto info = m->device_info();
    BOOST_REQUIRE(info);
    BOOST_TEST(info->serial_number == "SIM-0001");
    BOOST_TEST(info->manufacturer == "Sanaq");
}

BOOST_AUTO_TEST_CASE(object_refs_round_trip_and_reject_garbage) {
    BOOST_TEST(mtp::format_object_ref(0x00010001, 42) == "00010001/0000002a");
    auto back = mtp::parse_object_ref("00010001/0000002a");
    BOOST_REQUIRE(back);
    BOOST_TEST(back->second == 42u);
    BOOST_TEST(!mtp::parse_object_ref("../etc/passwd"));
}

BOOST_AUTO_TEST_SUITE_END()

// The tablets both programs reach (src/app/tablets.h): a simulated tablet reports its kit's USB
// serial from its folder, is opened by that serial through the real MTP initiator, and a pull
// chooses its tablets by the same rules whichever program asks.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "app/tablets.h"
#include "census_sim/census_sim.h"
#include "core/package/folder_storage.h"
#include "core/package/keys.h"
#include "support/temp_dir.h"

using namespace sanaq;
namespace fs = std::filesystem;

namespace {

/// USB as a test wants it: a list of tablets, each opened as a folder (or refused).
class FakeUsb final : public TabletSource {
public:
    std::vector<ConnectedTablet> tablets;
    fs::path folder;
    std::optional<Error> list_error;

    Result<std::vector<ConnectedTablet>> connected() override {
        if (list_error) return std::unexpected(*list_error);
        return tablets;
    }
    Result<std::unique_ptr<TabletStorage>> open(const std::string& usb_serial) override {
        for (const auto& t : tablets)
            if (t.usb_serial == usb_serial)
                return std::unique_ptr<TabletStorage>(std::make_unique<package::FolderTabletStorage>(folder));
        return fail(ErrorCode::NotFound, "no such tablet");
    }
};

census_sim::MadePackages make_tablet(const fs::path& folder, const std::string& kit) {
    auto encryption = package::generate_encryption_key();
    auto signing = package::generate_signing_key();
    if (!encryption || !signing) throw std::runtime_error("department keys");
    census_sim::MakePackagesRequest request;
    request.kit_number = kit;
    request.department_public_file_text =
        package::department_public_file({encryption->public_pem, signing->public_pem});
    request.persons = 20;
    request.packages = 1;
    request.seed = 11;
    auto made = census_sim::make_packages(folder, request);
    if (!made) throw std::runtime_error(made.error().message_id);
    return *made;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tablets)

BOOST_AUTO_TEST_CASE(a_simulated_tablet_reports_its_kits_usb_serial_and_opens_by_it) {
    test::TempDir dir{"sanaq-app-tablets"};
    const auto made = make_tablet(dir / "kit-0042", "KIT-0042");
    const std::string serial = census_sim::simulated_kit(11, "KIT-0042").usb_serial;
    BOOST_REQUIRE(!serial.empty());
    BOOST_TEST(app::Tablets::simulated_serial(dir / "kit-0042") == serial);

    app::Tablets tablets(nullptr, {dir / "kit-0042"});
    auto connected = tablets.connected();
    BOOST_REQUIRE(connected);
    BOOST_REQUIRE_EQUAL(connected->size(), 1u);
    BOOST_TEST(connected->front().usb_serial == serial);
    BOOST_TEST(connected->front().simulated);
    BOOST_TEST(connected->front().location == (dir / "kit-0042").string());

    auto opened = tablets.open(serial);
    BOOST_REQUIRE(opened);
    BOOST_TEST((*opened)->usb_serial() == serial);
    auto key = (*opened)->read_device_key();
    BOOST_REQUIRE(key);
    BOOST_TEST(*key == made.device_public_pem);
    auto outbox = (*opened)->list_outbox();
    BOOST_REQUIRE(outbox);
    BOOST_TEST(outbox->size() == 1u);

    BOOST_TEST((tablets.open("R52NOTHERS").error().code == ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(a_folder_without_simulator_state_reports_a_sim_serial) {
    test::TempDir dir{"sanaq-app-tablets"};
    fs::create_directories(dir / "bare" / "Documents" / "Sanaq" / "outbox");
    BOOST_TEST(app::Tablets::simulated_serial(dir / "bare") == "SIM-bare");
    // A state file that is not the simulator's (too large, not JSON) is not read as one.
    fs::create_directories(dir / "junk" / ".sim");
    std::ofstream(dir / "junk" / ".sim" / "state.json") << std::string(100 * 1024, '{');
    BOOST_TEST(app::Tablets::simulated_serial(dir / "junk") == "SIM-junk");
}

BOOST_AUTO_TEST_CASE(plugging_simulated_tablets_in_and_out) {
    test::TempDir dir{"sanaq-app-tablets"};
    make_tablet(dir / "a", "KIT-0001");
    app::Tablets tablets(nullptr, {});
    BOOST_TEST(tablets.connected()->empty());
    BOOST_TEST(tablets.add_simulated(dir / "a"));
    BOOST_TEST(!tablets.add_simulated(dir / "a"));
    BOOST_TEST(tablets.connected()->size() == 1u);
    BOOST_TEST(tablets.remove_simulated(dir / "a"));
    BOOST_TEST(!tablets.remove_simulated(dir / "a"));
    BOOST_TEST(tablets.connected()->empty());
}

BOOST_AUTO_TEST_CASE(choosing_tablets_for_a_pull) {
    test::TempDir dir{"sanaq-app-tablets"};
    make_tablet(dir / "sim", "KIT-0007");
    const std::string sim_serial = app::Tablets::simulated_serial(dir / "sim");
    auto usb = std::make_unique<FakeUsb>();
    FakeUsb* fake = usb.get();
    fake->folder = dir / "sim";
    app::Tablets tablets(std::move(usb), {});

    // Nothing connected.
    auto none = app::choose_tablets_for_pull(tablets, "", false);
    BOOST_REQUIRE(!none);
    BOOST_TEST((none.error().code == ErrorCode::NotFound));

    // USB unavailable and no simulated tablet: the USB error, as it was.
    fake->list_error = Error::make(ErrorCode::DeviceUnavailable, "no usb");
    auto no_usb = app::choose_tablets_for_pull(tablets, "", false);
    BOOST_REQUIRE(!no_usb);
    BOOST_TEST((no_usb.error().code == ErrorCode::DeviceUnavailable));
    // ... but a simulated tablet still works without USB.
    tablets.add_simulated(dir / "sim");
    auto only_sim = app::choose_tablets_for_pull(tablets, "", false);
    BOOST_REQUIRE(only_sim);
    BOOST_REQUIRE_EQUAL(only_sim->size(), 1u);
    BOOST_TEST(only_sim->front().usb_serial == sim_serial);
    BOOST_TEST(static_cast<bool>(only_sim->front().storage));

    // Two tablets: one must be named, or --all.
    fake->list_error.reset();
    fake->tablets = {{"R52NUSB0001", "tablet R52NUSB0001 (USB 1-4)", "SM-T505", "USB 1-4", true, false},
                     {"", "tablet ? (USB 1-5)", "SM-T505", "USB 1-5", false, false}};
    auto several = app::choose_tablets_for_pull(tablets, "", false);
    BOOST_REQUIRE(!several);
    BOOST_TEST((several.error().code == ErrorCode::Usage));
    auto all = app::choose_tablets_for_pull(tablets, "", true);
    BOOST_REQUIRE(all);
    BOOST_REQUIRE_EQUAL(all->size(), 3u);
    BOOST_TEST(static_cast<bool>((*all)[0].storage));
    // The one this user may not open is reported, not skipped, and keeps the others going.
    BOOST_TEST(!(*all)[1].storage);
    BOOST_REQUIRE((*all)[1].error);
    BOOST_TEST(((*all)[1].error->code == ErrorCode::DeviceUnavailable));
    BOOST_TEST(static_cast<bool>((*all)[2].storage));

    // Named: the simulated one first, else USB.
    auto named = app::choose_tablets_for_pull(tablets, "R52NUSB0001", false);
    BOOST_REQUIRE(named);
    BOOST_TEST(named->front().usb_serial == "R52NUSB0001");
    BOOST_TEST(!app::choose_tablets_for_pull(tablets, "R52NMISSING", false));
}

BOOST_AUTO_TEST_CASE(a_kits_tablet_is_found_by_the_serial_the_register_holds) {
    test::TempDir dir{"sanaq-app-tablets"};
    make_tablet(dir / "sim", "KIT-0042");
    app::Tablets tablets(nullptr, {dir / "sim"});
    Kit kit;
    kit.number = "KIT-0042";
    auto unknown = app::open_kit_tablet(tablets, kit);
    BOOST_REQUIRE(!unknown);
    BOOST_TEST((unknown.error().code == ErrorCode::InvalidInput));
    kit.tablet.usb_serial = census_sim::simulated_kit(11, "KIT-0042").usb_serial;
    BOOST_TEST(static_cast<bool>(app::open_kit_tablet(tablets, kit)));
}

BOOST_AUTO_TEST_SUITE_END()

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/package/folder_storage.h"
#include "core/package/receipt.h"
#include "package/package_fixture.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;

namespace {

package::Receipt sample_receipt() {
    package::Receipt r;
    r.package_uuid = "0b7e0c1a-5a7d-4c1e-9f3a-2d6b8e4f1a90";
    r.payload_sha256 = std::string(64, 'a');
    r.status = "received";
    r.kit_number = "KIT-0042";
    r.pulled_at_utc = "2026-10-05T11:02:03Z";
    r.households = 12;
    r.persons = 57;
    return r;
}

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(receipts)

BOOST_AUTO_TEST_CASE(a_signed_receipt_verifies_and_carries_the_pull_time) {
    auto text = package::sign_receipt(sample_receipt(), keys().department_signing.private_pem);
    BOOST_REQUIRE(text);
    BOOST_TEST(text->find("\"pulled_at_utc\":\"2026-10-05T11:02:03Z\"") != std::string::npos);
    auto r = package::verify_receipt(*text, keys().department_signing.public_pem);
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == "received");
    BOOST_TEST(r->persons == 57);
    BOOST_TEST(r->pulled_at_utc == "2026-10-05T11:02:03Z");
    BOOST_TEST(r->department_key == package::signing_key_fingerprint(keys().department_signing.public_pem).value());
    BOOST_TEST(package::receipt_file_name(r->package_uuid) == "0b7e0c1a-5a7d-4c1e-9f3a-2d6b8e4f1a90.receipt.json");
}

BOOST_AUTO_TEST_CASE(a_changed_receipt_or_another_key_fails) {
    auto text = package::sign_receipt(sample_receipt(), keys().department_signing.private_pem).value();
    std::string changed = text;
    changed.replace(changed.find("\"persons\":57"), 12, "\"persons\":58");
    BOOST_TEST(!package::verify_receipt(changed, keys().department_signing.public_pem));
    std::string status = text;
    status.replace(status.find("\"received\""), 10, "\"rejected\"");
    BOOST_TEST(!package::verify_receipt(status, keys().department_signing.public_pem));
    BOOST_TEST(!package::verify_receipt(text, keys().device.public_pem));
    BOOST_TEST(!package::verify_receipt("{}", keys().department_signing.public_pem));
    BOOST_TEST(!package::verify_receipt("not json", keys().department_signing.public_pem));
}

BOOST_AUTO_TEST_CASE(only_the_two_statuses_are_signed) {
    auto r = sample_receipt();
    r.status = "already_received";
    BOOST_TEST(package::sign_receipt(r, keys().department_signing.private_pem).has_value());
    r.status = "maybe";
    BOOST_TEST(!package::sign_receipt(r, keys().department_signing.private_pem));
}

BOOST_AUTO_TEST_CASE(member_order_and_whitespace_do_not_matter_to_the_verifier) {
    auto text = package::sign_receipt(sample_receipt(), keys().department_signing.private_pem).value();
    auto j = nlohmann::json::parse(text);
    std::string pretty = j.dump(4);   // a tablet's JSON library may pretty-print or reorder
    BOOST_TEST(package::verify_receipt(pretty, keys().department_signing.public_pem).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(folder_storage)

BOOST_AUTO_TEST_CASE(lists_reads_and_writes_receipts) {
    TempDir dir("sanaq-folder");
    const std::string pkg = make_package(sample_records(3, 3));
    write(dir / "Documents/Sanaq/outbox/b.sqpkg", pkg);
    write(dir / "Documents/Sanaq/outbox/a.sqpkg", "x");
    write(dir / "Documents/Sanaq/outbox/notes.txt", "ignored");
    write(dir / "Documents/Sanaq/outbox/.hidden.sqpkg.part", "ignored");
    write(dir / "Documents/Sanaq/device-key.pem", keys().device.public_pem);

    package::FolderTabletStorage storage(dir.path());
    BOOST_TEST(storage.describe() == dir.path().string());
    BOOST_TEST(storage.usb_serial().empty());
    auto files = storage.list_outbox();
    BOOST_REQUIRE(files);
    BOOST_REQUIRE_EQUAL(files->size(), 2u);
    BOOST_TEST((*files)[0].name == "a.sqpkg");
    BOOST_TEST((*files)[1].name == "b.sqpkg");
    BOOST_TEST((*files)[1].size == pkg.size());

    std::string got;
    int pieces = 0;
    BOOST_REQUIRE(storage.read_file((*files)[1], [&](std::string_view piece) -> Status {
        got.append(piece);
        ++pieces;
        return {};
    }));
    BOOST_TEST(got == pkg);
    BOOST_TEST(storage.read_device_key().value() == keys().device.public_pem);

    auto cancelled = storage.read_file((*files)[1], [](std::string_view) -> Status {
        return fail(ErrorCode::Cancelled, "stop");
    });
    BOOST_TEST((cancelled.error().code == ErrorCode::Cancelled));

    BOOST_REQUIRE(storage.write_receipt("u.receipt.json", "{\"a\":1}"));
    BOOST_TEST(read_file(dir / "Documents/Sanaq/receipts/u.receipt.json") == "{\"a\":1}");
    BOOST_REQUIRE(storage.write_receipt("u.receipt.json", "{\"a\":2}"));   // replaced
    BOOST_TEST(read_file(dir / "Documents/Sanaq/receipts/u.receipt.json") == "{\"a\":2}");
    BOOST_TEST(!storage.write_receipt("../escape.json", "x"));
    BOOST_TEST(!storage.read_file(TabletFile{}, [](std::string_view) -> Status { return {}; }));
}

BOOST_AUTO_TEST_CASE(an_empty_tablet_has_an_empty_outbox_and_no_key) {
    TempDir dir("sanaq-folder");
    package::FolderTabletStorage storage(dir.path());
    BOOST_TEST(storage.list_outbox().value().empty());
    auto key = storage.read_device_key();
    BOOST_REQUIRE(!key);
    BOOST_TEST((key.error().code == ErrorCode::NotFound));
    package::FolderTabletStorage missing(dir / "no-such-folder");
    BOOST_TEST(!missing.list_outbox());
}

BOOST_AUTO_TEST_SUITE_END()

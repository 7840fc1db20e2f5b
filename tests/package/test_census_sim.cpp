#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

#include "census_sim/census_sim.h"
#include "core/domain/identifiers.h"
#include "core/domain/institution.h"
#include "core/package/folder_storage.h"
#include "package/package_fixture.h"
#include "support/temp_dir.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;

namespace {

std::string department_file() {
    return package::department_public_file({keys().department_encryption.public_pem, keys().department_signing.public_pem});
}

struct Pulled {
    ReadOutcome outcome;
    std::string name;
};

/// Reads every package of a simulated tablet folder the way a pull would, trusting `device_public`.
std::vector<Pulled> pull_all(const fs::path& root, const std::string& device_public) {
    package::FolderTabletStorage storage(root);
    std::vector<Pulled> out;
    auto files = storage.list_outbox();
    BOOST_REQUIRE(files);
    for (const auto& file : *files) {
        std::string bytes;
        BOOST_REQUIRE(storage.read_file(file, [&](std::string_view piece) -> Status {
            bytes.append(piece);
            return {};
        }));
        out.push_back({read_package(bytes, 65536, &device_public), file.name});
    }
    return out;
}

bool is_kazakh_letter_text(const std::string& s) {
    for (const char* letter : {"Ә", "Ғ", "Қ", "Ң", "Ө", "Ұ", "Ү", "Һ", "І", "ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"})
        if (s.find(letter) != std::string::npos) return true;
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(census_simulator)

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_people) {
    auto a = census_sim::kit_population(7, "KIT-0042", 500);
    auto b = census_sim::kit_population(7, "KIT-0042", 500);
    auto c = census_sim::kit_population(8, "KIT-0042", 500);
    BOOST_REQUIRE_EQUAL(a.persons.size(), 500u);
    BOOST_REQUIRE_EQUAL(b.persons.size(), 500u);
    for (std::size_t i = 0; i < a.persons.size(); ++i) {
        BOOST_TEST(a.persons[i].uuid == b.persons[i].uuid);
        BOOST_TEST(a.persons[i].iin == b.persons[i].iin);
        BOOST_TEST(a.persons[i].surname == b.persons[i].surname);
        BOOST_TEST(a.persons[i].answers_json == b.persons[i].answers_json);
    }
    BOOST_TEST(a.persons[0].uuid != c.persons[0].uuid);
    // Household ranges regenerate alone: households 3.. equal the tail of the whole.
    auto tail = census_sim::kit_population(7, "KIT-0042", 100, 3);
    BOOST_TEST(tail.households[0].uuid == a.households[3].uuid);
    auto kit = census_sim::simulated_kit(7, "KIT-0042");
    BOOST_TEST(kit.usb_serial == census_sim::simulated_kit(7, "KIT-0042").usb_serial);
    BOOST_TEST(validate(kit.institution).has_value());
    BOOST_TEST(validate_iin(kit.responsible.iin).has_value());
}

BOOST_AUTO_TEST_CASE(iins_are_mostly_valid_and_match_birth_date_and_sex) {
    std::int64_t valid = 0, missing = 0, invalid = 0, facts_match = 0;
    std::set<int> places;
    std::set<std::string> relationships;
    int kazakh_letters = 0, typed_without = 0, ulы_patronymic = 0, ovich_patronymic = 0, admin = 0, temporary = 0;
    int total = 0;
    for (const char* kit : {"KIT-0001", "KIT-0002", "KIT-0003", "KIT-0004", "KIT-0005", "KIT-0006"}) {
        auto pop = census_sim::kit_population(11, kit, 2000);
        for (const auto& h : pop.households) {
            places.insert(static_cast<int>(h.place));
            BOOST_TEST(h.kato.size() == 9u);
            BOOST_TEST(!h.kato_version.empty());
            if (h.place == HouseholdPlace::Institution) {
                BOOST_TEST(validate_bin(h.institution_bin).has_value());
                BOOST_TEST(parse_institution_type(h.institution_type).has_value());
            }
        }
        for (const auto& p : pop.persons) {
            ++total;
            relationships.insert(p.relationship);
            if (p.iin.empty()) ++missing;
            else if (iin_bin_check_digit_ok(p.iin)) {
                ++valid;
                auto facts = iin_facts(p.iin);
                if ((p.birth_date.empty() || facts.birth_date == p.birth_date) && facts.sex == (p.sex == Sex::Male ? 'M' : 'F')) ++facts_match;
            } else {
                ++invalid;
            }
            std::string full = p.surname + p.name + p.patronymic;
            if (is_kazakh_letter_text(full)) ++kazakh_letters;
            if (p.patronymic.ends_with("улы") || p.patronymic.ends_with("кызы")) ++typed_without;
            if (p.patronymic.ends_with("ұлы") || p.patronymic.ends_with("қызы")) ++ulы_patronymic;
            if (p.patronymic.ends_with("ович") || p.patronymic.ends_with("овна") || p.patronymic.ends_with("евич") ||
                p.patronymic.ends_with("евна"))
                ++ovich_patronymic;
            if (p.source == RecordSource::AdministrationRecords) ++admin;
            if (p.residence == Residence::Temporary) ++temporary;
        }
    }
    const double n = total;
    BOOST_TEST_MESSAGE("valid " << valid / n << " missing " << missing / n << " invalid " << invalid / n);
    BOOST_TEST(valid / n > 0.93);
    BOOST_TEST(valid / n < 0.97);
    BOOST_TEST(missing > 0);
    BOOST_TEST(invalid > 0);
    BOOST_TEST(facts_match == valid);   // every valid IIN encodes the person's own birth date and sex
    BOOST_TEST(places.size() == 3u);    // address, institution and (rarely) hotel households
    BOOST_TEST(relationships.count("head") == 1u);
    BOOST_TEST(relationships.count("resident") == 1u);
    BOOST_TEST(kazakh_letters > total / 4);
    BOOST_TEST(typed_without > 0);
    BOOST_TEST(ulы_patronymic > 0);
    BOOST_TEST(ovich_patronymic > 0);
    BOOST_TEST(admin > 0);
    BOOST_TEST(temporary > 0);
}

BOOST_AUTO_TEST_CASE(corrections_raise_the_revision) {
    auto pop = census_sim::kit_population(3, "KIT-0009", 50);
    for (const auto& p : pop.persons) {
        auto c = census_sim::corrected(p, 3);
        BOOST_TEST(c.revision == p.revision + 1);
        BOOST_TEST(c.uuid == p.uuid);
        if (!p.iin.empty() && !iin_bin_check_digit_ok(p.iin)) BOOST_TEST(iin_bin_check_digit_ok(c.iin));
    }
}

BOOST_AUTO_TEST_CASE(make_packages_lays_out_a_tablet_that_reads_back) {
    TempDir dir("sanaq-tablet");
    census_sim::MakePackagesRequest req;
    req.kit_number = "KIT-0042";
    req.department_public_file_text = department_file();
    req.persons = 1000;
    req.packages = 3;
    req.seed = 5;
    auto made = census_sim::make_packages(dir.path(), req);
    BOOST_REQUIRE_MESSAGE(made.has_value(), (made ? std::string() : made.error().message_id));
    BOOST_TEST(made->packages.size() == 3u);
    BOOST_TEST(fs::exists(dir / "Documents/Sanaq/device-key.pem"));
    BOOST_TEST(fs::exists(dir / "Documents/Sanaq/department-keys.pem"));
    BOOST_TEST(fs::exists(dir / ".sim/device-private.pem"));

    auto pulled = pull_all(dir.path(), made->device_public_pem);
    BOOST_REQUIRE_EQUAL(pulled.size(), 3u);
    std::int64_t persons = 0;
    std::set<std::int64_t> sequences;
    auto expected = census_sim::kit_population(5, "KIT-0042", 1000);
    std::set<std::string> expected_uuids;
    for (const auto& p : expected.persons) expected_uuids.insert(p.uuid);
    for (const auto& p : pulled) {
        BOOST_REQUIRE_MESSAGE(p.outcome.ok, p.name << ": " << p.outcome.message_id);
        persons += static_cast<std::int64_t>(p.outcome.records.persons.size());
        sequences.insert(p.outcome.manifest.sequence);
        BOOST_TEST(p.outcome.manifest.kit_number == "KIT-0042");
        BOOST_TEST(p.outcome.manifest.usb_serial == made->kit.usb_serial);
        BOOST_TEST(p.outcome.manifest.interviewer_iin == made->kit.responsible.iin);
        for (const auto& person : p.outcome.records.persons) BOOST_TEST(expected_uuids.count(person.uuid) == 1u);
    }
    BOOST_TEST(persons == 1000);
    BOOST_TEST((sequences == std::set<std::int64_t>{1, 2, 3}));

    // A second run: same device, the sequence and the population go on.
    req.packages = 1;
    req.persons = 100;
    auto more = census_sim::make_packages(dir.path(), req);
    BOOST_REQUIRE(more);
    BOOST_TEST(more->device_id == made->device_id);
    BOOST_TEST(more->packages[0].manifest.sequence == 4);
    BOOST_TEST(more->first_household == made->households);

    req.kit_number = "KIT-0043";
    BOOST_TEST(!census_sim::make_packages(dir.path(), req));   // the folder is KIT-0042's tablet
}

BOOST_AUTO_TEST_CASE(faults_make_the_situations_a_pull_must_handle) {
    TempDir dir("sanaq-tablet");
    census_sim::MakePackagesRequest req;
    req.kit_number = "KIT-0100";
    req.department_public_file_text = department_file();
    req.persons = 300;
    req.packages = 4;
    req.chunk_size = 4096;
    req.faults.corrections = 5;
    req.faults.replay = true;
    req.faults.conflicting_duplicate = true;
    req.faults.tamper = true;
    req.faults.foreign_device = true;
    req.faults.gap_after = 2;
    auto made = census_sim::make_packages(dir.path(), req);
    BOOST_REQUIRE_MESSAGE(made.has_value(), (made ? std::string() : made.error().message_id));
    BOOST_TEST((made->skipped_sequences == std::vector<std::int64_t>{3}));

    std::map<std::string, census_sim::MadeKind> kinds;
    std::map<std::string, bool> tampered;
    for (const auto& p : made->packages) {
        kinds[p.path.filename().string()] = p.kind;
        tampered[p.path.filename().string()] = p.tampered;
    }
    std::map<census_sim::MadeKind, int> count;
    std::set<std::int64_t> regular_sequences;
    for (const auto& p : pull_all(dir.path(), made->device_public_pem)) {
        auto kind = kinds.at(p.name);
        ++count[kind];
        if (kind == census_sim::MadeKind::ForeignDevice) {
            BOOST_TEST((p.outcome.reason == QuarantineReason::BadSignature));
            BOOST_TEST(p.outcome.manifest.device_id != made->device_id);
        } else if (tampered[p.name]) {
            BOOST_TEST((p.outcome.reason == QuarantineReason::DigestMismatch));
        } else {
            BOOST_REQUIRE_MESSAGE(p.outcome.ok, p.name << ": " << p.outcome.message_id);
        }
        if (kind == census_sim::MadeKind::Regular) regular_sequences.insert(p.outcome.manifest.sequence);
        if (kind == census_sim::MadeKind::Correction) {
            BOOST_TEST(p.outcome.records.persons.size() == 5u);
            for (const auto& person : p.outcome.records.persons) BOOST_TEST(person.revision == 2);
            BOOST_TEST(p.outcome.manifest.sequence == 6);
        }
    }
    BOOST_TEST((regular_sequences == std::set<std::int64_t>{1, 2, 4, 5}));
    BOOST_TEST(count[census_sim::MadeKind::Replay] == 1);
    BOOST_TEST(count[census_sim::MadeKind::ConflictingDuplicate] == 1);
    BOOST_TEST(count[census_sim::MadeKind::ForeignDevice] == 1);
    // Replay: same UUID, same digest. Duplicate: same UUID, another digest (a conflict for the pull).
    const auto& first = made->packages.front().manifest;
    for (const auto& p : made->packages) {
        if (p.kind == census_sim::MadeKind::Replay) BOOST_TEST(p.manifest.payload_sha256 == first.payload_sha256);
        if (p.kind == census_sim::MadeKind::ConflictingDuplicate) {
            BOOST_TEST(p.manifest.package_uuid == first.package_uuid);
            BOOST_TEST(p.manifest.payload_sha256 != first.payload_sha256);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

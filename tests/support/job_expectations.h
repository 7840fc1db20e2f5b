#pragma once
// What a job of the application layer (src/app) leaves behind, asserted the same way whichever
// program ran it: tests/app calls the job, tests/cli runs `sanaq` and then opens the workspace,
// tests/ui presses the screen's buttons and reads the station's session. Header-only: a suite
// that includes it links the core, sanaq_coverage and sanaq_upstream.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/usecases/audit_review.h"
#include "core/usecases/devices.h"
#include "core/usecases/pull.h"
#include "core/usecases/kit_registry.h"
#include "coverage/coverage_report.h"
#include "coverage/list_import.h"
#include "upstream/client/outbox.h"

namespace sanaq::test {

inline std::vector<AuditEntry> trail_entries(Session& session, const std::string& action) {
    auto entries = list_audit(session, {.action_prefix = action});
    BOOST_REQUIRE_MESSAGE(entries, "the audit trail could not be read");
    std::vector<AuditEntry> exact;
    for (auto& e : *entries)
        if (e.action == action) exact.push_back(std::move(e));
    return exact;
}

/// A backup written to `requested` (as the person typed it, relative or with "..") is on the trail
/// under its absolute, normal path, and the file is there under that name.
inline void expect_backup_recorded_under_its_absolute_path(Session& session, const std::filesystem::path& requested) {
    const auto file = std::filesystem::absolute(requested).lexically_normal();
    const auto entries = trail_entries(session, "workspace.backup");
    BOOST_REQUIRE_EQUAL(entries.size(), 1u);
    BOOST_TEST(entries.front().object_id == file.string());
    BOOST_TEST(std::filesystem::exists(file));
}

/// An inventory without a single valid row registers nothing and leaves nothing on the trail:
/// the register holds `kits_before` kits still, and no `kit.import` entry was written.
inline void expect_no_empty_delivery(Session& session, std::int64_t kits_before) {
    BOOST_TEST(trail_entries(session, "kit.import").empty());
    auto kits = count_kits(session, {});
    BOOST_REQUIRE(kits);
    BOOST_TEST(*kits == kits_before);
}

/// An inventory whose valid rows were registered: exactly those kits are in the register, and
/// one `kit.import` entry names the file.
inline void expect_delivery_registered(Session& session, const std::vector<std::string>& numbers,
                                       const std::string& source_name) {
    const auto entries = trail_entries(session, "kit.import");
    BOOST_REQUIRE_EQUAL(entries.size(), 1u);
    BOOST_TEST(entries.front().details.find(source_name) != std::string::npos);
    for (const auto& number : numbers) BOOST_TEST(static_cast<bool>(find_kit(session, number)), number);
}

/// A records export to `requested` (as typed: relative or with "..") is on the trail once, under
/// its absolute, normal path with the number of persons, and the file is there under that name.
inline void expect_records_export_recorded_under_its_absolute_path(Session& session,
                                                                   const std::filesystem::path& requested,
                                                                   std::int64_t persons) {
    const auto file = std::filesystem::absolute(requested).lexically_normal();
    const auto entries = trail_entries(session, "records.export");
    BOOST_REQUIRE_EQUAL(entries.size(), 1u);
    BOOST_TEST(entries.front().details.find("\"file\":\"" + file.string() + "\"") != std::string::npos,
               entries.front().details);
    BOOST_TEST(entries.front().details.find("\"persons\":" + std::to_string(persons)) != std::string::npos,
               entries.front().details);
    BOOST_TEST(std::filesystem::exists(file));
}

/// A records export stopped while it read left no entry on the trail and no file.
inline void expect_stopped_records_export_left_nothing(Session& session, const std::filesystem::path& requested) {
    BOOST_TEST(trail_entries(session, "records.export").empty());
    BOOST_TEST(!std::filesystem::exists(requested));
}

/// A list stored for `bin` as `version` holds the rows the job said, and the trail has one
/// `list.import` entry for the institution per stored version.
inline void expect_list_version_stored(Session& session, const std::string& bin, int version,
                                       std::int64_t rows_imported, std::int64_t rows_rejected) {
    auto versions = list_versions(session, bin);
    BOOST_REQUIRE_MESSAGE(versions, "the list versions could not be read");
    const auto it = std::ranges::find_if(*versions, [&](const StoredList& v) { return v.version == version; });
    BOOST_REQUIRE_MESSAGE(it != versions->end(), "version " << version << " of " << bin << " is stored");
    BOOST_TEST(it->rows_imported == rows_imported);
    BOOST_TEST(it->rows_rejected == rows_rejected);
    const auto entries = trail_entries(session, "list.import");
    const auto for_bin = std::ranges::count_if(entries, [&](const AuditEntry& e) { return e.object_id == bin; });
    BOOST_TEST(static_cast<std::size_t>(for_bin) == versions->size());
}

/// After a reconciliation the coverage report comes from that run, and every listed person of
/// every institution has exactly one outcome: matched, for review, in conflict or missing.
inline void expect_every_listed_person_has_one_outcome(Session& session, const std::string& reconciled_by) {
    auto report = coverage_report(session, CoverageLevel::Institution);
    BOOST_REQUIRE_MESSAGE(report, "the coverage report could not be read");
    BOOST_REQUIRE(report->run);
    BOOST_TEST(report->run->user == reconciled_by);
    BOOST_TEST(!report->rows.empty());
    for (const auto& row : report->rows)
        BOOST_TEST(row.matched + row.review + row.conflict + row.missing == row.listed, row.key);
    BOOST_TEST(report->total.listed == report->run->listed);
}

/// A coverage report exported to `requested` (as typed) is on the trail once under its absolute,
/// normal path with its format ("pdf" or "xlsx"), and the file is there under that name.
inline void expect_coverage_export_recorded_under_its_absolute_path(Session& session,
                                                                    const std::filesystem::path& requested,
                                                                    const std::string& format) {
    const auto file = std::filesystem::absolute(requested).lexically_normal();
    const std::string names_file = "\"file\":\"" + file.string() + "\"";
    std::vector<AuditEntry> for_file;
    for (auto& e : trail_entries(session, "coverage.export"))
        if (e.details.find(names_file) != std::string::npos) for_file.push_back(std::move(e));
    BOOST_REQUIRE_MESSAGE(for_file.size() == 1u, "one coverage.export entry names " << file);
    BOOST_TEST(for_file.front().details.find("\"format\":\"" + format + "\"") != std::string::npos,
               for_file.front().details);
    BOOST_TEST(std::filesystem::exists(file));
}

/// Everything pulled went upstream exactly once: nothing pending or queued, `persons` accepted.
inline void expect_everything_sent_once(Session& session, std::int64_t persons) {
    auto status = upstream::upstream_status(session);
    BOOST_REQUIRE_MESSAGE(status, "the upstream status could not be read");
    BOOST_TEST(status->stats.pending_persons == 0);
    BOOST_TEST(status->stats.batches_queued == 0);
    BOOST_TEST(status->stats.persons_queued == 0);
    BOOST_TEST(status->stats.persons_accepted == persons);
}

/// A workspace restored from `backup` into `target` (both as the person gave them): its trail
/// verifies, and holds one `workspace.restore` entry naming the folder and the file by their
/// absolute, normal paths; the kit register came along whole.
inline void expect_restored_from(Session& restored, const std::filesystem::path& backup,
                                 const std::filesystem::path& target, std::int64_t kits) {
    auto verified = verify_audit(restored);
    BOOST_REQUIRE_MESSAGE(verified, "the restored trail could not be verified");
    BOOST_TEST(verified->intact());
    const auto entries = trail_entries(restored, "workspace.restore");
    BOOST_REQUIRE_EQUAL(entries.size(), 1u);
    BOOST_TEST(entries.front().object_id == std::filesystem::absolute(target).lexically_normal().string());
    const auto details = nlohmann::json::parse(entries.front().details);
    BOOST_TEST(details.at("from").get<std::string>() == std::filesystem::absolute(backup).lexically_normal().string());
    auto register_ = list_kits(restored, KitQuery{});
    BOOST_REQUIRE(register_);
    BOOST_TEST(static_cast<std::int64_t>(register_->size()) == kits);
}

/// The key read from the kit's tablet is the one enrolled on the kit, and its enrolment is on the
/// trail once, against the kit.
inline void expect_device_key_enrolled_from_the_tablet(Session& session, const std::string& kit,
                                                       const std::string& tablet_key_pem) {
    auto keys = enrolled_device_keys(session);
    BOOST_REQUIRE_MESSAGE(keys, "the enrolled keys could not be read");
    const auto key = std::find_if(keys->begin(), keys->end(), [&](const DeviceKey& k) { return k.kit_number == kit; });
    BOOST_REQUIRE_MESSAGE(key != keys->end(), kit << " has an enrolled key");
    BOOST_TEST(key->public_key_pem == tablet_key_pem);
    const auto entries = trail_entries(session, "device.key_enrolled");
    BOOST_TEST(std::count_if(entries.begin(), entries.end(), [&](const AuditEntry& e) { return e.object_id == kit; }) == 1);
}

/// Every package the kit's tablet exported was received once, however many pulls it took: each
/// stored under its own UUID, the pulls' received counts adding up to the packages, the persons
/// stored adding up to what the tablet took, nothing of the kit left in quarantine.
inline void expect_kit_pulled_once(Session& session, const std::string& kit, std::int64_t packages,
                                   std::int64_t persons) {
    auto received = received_packages(session, kit);
    BOOST_REQUIRE_MESSAGE(received, "the received packages could not be read");
    BOOST_TEST(static_cast<std::int64_t>(received->size()) == packages);
    std::set<std::string> uuids;
    std::int64_t stored = 0;
    for (const auto& p : *received) {
        uuids.insert(p.manifest.package_uuid);
        stored += p.persons_new + p.persons_superseded;
    }
    BOOST_TEST(static_cast<std::int64_t>(uuids.size()) == packages);
    BOOST_TEST(stored == persons);
    auto pulls = pull_history(session, kit, 1000);
    BOOST_REQUIRE_MESSAGE(pulls, "the pull history could not be read");
    std::int64_t counted = 0;
    for (const auto& pull : *pulls) counted += pull.packages_received;
    BOOST_TEST(counted == packages);
    auto quarantine = list_quarantine(session, false);
    BOOST_REQUIRE(quarantine);
    BOOST_TEST(std::none_of(quarantine->begin(), quarantine->end(),
                            [&](const QuarantinedPackage& q) { return q.kit_number == kit; }));
}

}  // namespace sanaq::test

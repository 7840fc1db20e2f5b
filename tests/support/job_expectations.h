#pragma once
// What a job of the application layer (src/app) leaves behind, asserted the same way whichever
// program ran it: tests/app calls the job, tests/cli runs `sanaq` and then opens the workspace,
// tests/ui presses the screen's buttons and reads the station's session. Header-only: each suite
// already links the core.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/usecases/audit_review.h"
#include "core/usecases/kit_registry.h"

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

}  // namespace sanaq::test

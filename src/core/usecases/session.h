#pragma once
// What every use case runs with: the store, the key vault, a clock and the signed-in actor.
// Both composition roots (CLI, GUI) build one after opening a workspace.
#include "core/domain/clock.h"
#include "core/domain/role.h"
#include "core/ports/store.h"

#include <optional>

namespace sanaq {

struct Session {
    Store& store;
    KeyVault& keys;
    const Clock& clock;
    Actor actor;
};

/// Loads the signed-in user's row and role. Refuses a deactivated or removed account even though
/// its key slot still opened the workspace.
Result<Session> sign_in(Store& store, KeyVault& keys, const Clock& clock, std::string_view user);

/// Appends an audit entry for the current actor inside the caller's transaction.
Status record(StoreSession& tx, const Session& session, AuditDraft draft);

/// A reason is required for destructive or exceptional steps; empty is refused.
Status require_reason(std::string_view reason);

/// Runs a read-only query and hands its value out: `fn(StoreSession&) -> Result<T>`.
template <class T, class Fn>
Result<T> query(Store& store, Fn&& fn) {
    std::optional<T> value;
    auto st = store.read([&](StoreSession& tx) -> Status {
        auto r = fn(tx);
        SANAQ_TRY(r);
        value = std::move(*r);
        return {};
    });
    SANAQ_TRY(st);
    return std::move(*value);
}

/// Keys of the settings table that the core knows.
namespace setting {
inline constexpr std::string_view kDepartmentNameKk = "department.name_kk";
inline constexpr std::string_view kDepartmentNameRu = "department.name_ru";
inline constexpr std::string_view kDepartmentAddress = "department.address";
inline constexpr std::string_view kDepartmentHead = "department.head_name";
/// The department's region: two digits of the current KATO edition ("35"); "" or absent when not set.
inline constexpr std::string_view kDepartmentRegion = "department.kato_region";
inline constexpr std::string_view kIdleLockMinutes = "ui.idle_lock_minutes";
inline constexpr std::string_view kDemoData = "workspace.demo_data";
inline constexpr std::string_view kCensusRound = "census.round";
inline constexpr std::string_view kReferenceMoment = "census.reference_moment";
inline constexpr std::string_view kCensusCalendar = "census.calendar";
}  // namespace setting

}  // namespace sanaq

#pragma once
// Workspace-wide settings other than the department's details (see custody.h).
#include "core/usecases/session.h"

namespace sanaq {

inline constexpr int kDefaultIdleLockMinutes = 10;
/// Minutes of inactivity after which the GUI locks itself (0 = never).
Result<int> idle_lock_minutes(Session& session);
Status set_idle_lock_minutes(Session& session, int minutes);

}  // namespace sanaq

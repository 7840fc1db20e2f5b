#pragma once
// The audit trail as someone holding the master key reads it outside the program: straight from
// the table, in sequence order (db/README.md, "001 users_settings_audit").
#include <vector>

#include "core/domain/audit.h"
#include "db/sqlite/database.h"

namespace sanaq::test {

inline std::vector<AuditEntry> stored_audit_entries(db::Database& d) {
    std::vector<AuditEntry> entries;
    auto& st = d.query("SELECT seq, at_utc, at_local, actor, action, object_type, object_id, reason, details, "
                       "prev_hash, hash FROM audit_entries ORDER BY seq");
    while (st.step())
        entries.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6),
                           st.text(7), st.text(8), st.text(9), st.text(10)});
    st.reset();
    return entries;
}

}  // namespace sanaq::test

// The stage-1 register (m011): the department's planning of who owes a list, in dept under
// per-role keys and in the one file under a single key. Every value is bound.
#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

constexpr const char* kColumns = "institution_bin, owes, deadline, expected, updated_at_utc, updated_by";

ListDuty read_duty(const Statement& st) {
    ListDuty d;
    d.institution_bin = st.text(0);
    d.owes = st.int64(1) != 0;
    d.deadline = st.text(2);
    if (!st.is_null(3)) d.expected = st.int64(3);
    d.updated_at_utc = st.text(4);
    d.updated_by = st.text(5);
    return d;
}

}  // namespace

bool SqlListRegisterRepository::available() {
    // Per-role keys: the register is in dept, attached only for members who hold it. A single
    // key: it is in the one file, as everything is.
    try {
        auto& parts = db_.query("PRAGMA database_list");
        bool dept = false;
        while (parts.step())
            if (parts.text(1) == "dept") dept = true;
        if (dept) return true;
        return db_
            .query("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'list_register'")
            .step();
    } catch (const DbFailure&) {
        return false;
    }
}

Result<std::vector<ListDuty>> SqlListRegisterRepository::list() {
    return guarded([&]() -> Result<std::vector<ListDuty>> {
        auto& st = db_.cached(std::string("SELECT ") + kColumns +
                              " FROM list_register ORDER BY institution_bin");
        std::vector<ListDuty> out;
        while (st.step()) out.push_back(read_duty(st));
        st.reset();
        return out;
    });
}

Result<std::optional<ListDuty>> SqlListRegisterRepository::find(std::string_view bin) {
    return guarded([&]() -> Result<std::optional<ListDuty>> {
        auto& st = db_.query(std::string("SELECT ") + kColumns +
                                 " FROM list_register WHERE institution_bin = ?",
                             bin);
        if (!st.step()) return std::nullopt;
        return read_duty(st);
    });
}

Status SqlListRegisterRepository::put(const ListDuty& d) {
    return guarded([&]() -> Status {
        // No foreign key reaches across parts: the institution's existence is checked here.
        if (!db_.query("SELECT 1 FROM institutions WHERE bin = ?", d.institution_bin).step())
            return fail(ErrorCode::NotFound, N_("There is no institution with BIN {}."),
                        {d.institution_bin});
        auto& st = db_.query(
            "INSERT OR REPLACE INTO list_register (institution_bin, owes, deadline, expected, "
            "updated_at_utc, updated_by) VALUES (?, ?, ?, ?, ?, ?)",
            d.institution_bin, d.owes, d.deadline);
        if (d.expected)
            st.bind(4, *d.expected);
        else
            st.bind(4, nullptr);
        st.bind(5, d.updated_at_utc).bind(6, d.updated_by);
        st.run();
        return {};
    });
}

}  // namespace sanaq::db

#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

// The appointment (m011) is a row of its own beside the employee, absent until recorded.
constexpr const char* kColumns =
    "s.id, s.institution_bin, s.iin, s.full_name, s.position, s.phone, "
    "coalesce(a.order_number, ''), coalesce(a.order_date, ''), coalesce(a.trained_on, '')";
constexpr const char* kFrom = " FROM staff s LEFT JOIN staff_appointments a ON a.staff_id = s.id";
/// The same before 011 (a workspace read at every schema version by the migration tests): no
/// appointment yet.
constexpr const char* kColumnsBefore011 =
    "s.id, s.institution_bin, s.iin, s.full_name, s.position, s.phone, '', '', ''";
constexpr const char* kFromBefore011 = " FROM staff s";

ResponsibleEmployee read_employee(const Statement& st) {
    return ResponsibleEmployee{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4),
                               st.text(5), st.text(6), st.text(7), st.text(8)};
}

}  // namespace

void SqlStaffRepository::check_institution(const std::string& bin) {
    if (!db_.query("SELECT 1 FROM institutions WHERE bin = ?", bin).step())
        throw DbFailure(Error::make(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {bin}));
}

bool SqlStaffRepository::has_appointments() {
    return db_.query("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'staff_appointments'")
        .step();
}

std::string SqlStaffRepository::select() {
    const bool since_011 = has_appointments();
    return std::string("SELECT ") + (since_011 ? kColumns : kColumnsBefore011) +
           (since_011 ? kFrom : kFromBefore011);
}

void SqlStaffRepository::store_appointment(std::int64_t id, const ResponsibleEmployee& e) {
    if (!has_appointments()) return;  // a schema before 011 has nothing to keep them in
    if (e.appointment_order_number.empty() && e.trained_on.empty()) {
        db_.query("DELETE FROM staff_appointments WHERE staff_id = ?", id).run();
        return;
    }
    db_.query("INSERT OR REPLACE INTO staff_appointments (staff_id, order_number, order_date, "
              "trained_on) VALUES (?, ?, ?, ?)",
              id, e.appointment_order_number, e.appointment_order_date, e.trained_on)
        .run();
}

Result<std::optional<ResponsibleEmployee>> SqlStaffRepository::find(std::int64_t id) {
    return guarded([&]() -> Result<std::optional<ResponsibleEmployee>> {
        auto& st = db_.query(select() + " WHERE s.id = ?", id);
        if (!st.step()) return std::nullopt;
        return read_employee(st);
    });
}

Result<std::optional<ResponsibleEmployee>> SqlStaffRepository::find_by_iin(std::string_view iin) {
    return guarded([&]() -> Result<std::optional<ResponsibleEmployee>> {
        auto& st = db_.query(select() + " WHERE s.iin = ?", iin);
        if (!st.step()) return std::nullopt;
        return read_employee(st);
    });
}

Result<std::vector<ResponsibleEmployee>> SqlStaffRepository::list(std::string_view institution_bin) {
    return guarded([&]() -> Result<std::vector<ResponsibleEmployee>> {
        auto& st = institution_bin.empty()
                       ? db_.cached(select() + " ORDER BY s.full_name, s.id")
                       : db_.query(select() + " WHERE s.institution_bin = ? ORDER BY s.full_name, s.id",
                                   institution_bin);
        std::vector<ResponsibleEmployee> out;
        while (st.step()) out.push_back(read_employee(st));
        return out;
    });
}

Result<std::int64_t> SqlStaffRepository::insert(const ResponsibleEmployee& e) {
    return guarded([&]() -> Result<std::int64_t> {
        if (db_.query("SELECT 1 FROM staff WHERE iin = ?", e.iin).step())
            return fail(ErrorCode::AlreadyExists, N_("An employee with IIN {} is already registered."), {e.iin});
        check_institution(e.institution_bin);
        db_.query("INSERT INTO staff (institution_bin, iin, full_name, position, phone) VALUES (?, ?, ?, ?, ?)",
                  e.institution_bin, e.iin, e.full_name, e.position, e.phone)
            .run();
        const auto id = db_.last_insert_rowid();
        // A new employee has no appointment row to clear (and a schema before 011 no table).
        if (!e.appointment_order_number.empty() || !e.trained_on.empty()) store_appointment(id, e);
        return id;
    });
}

Status SqlStaffRepository::update(const ResponsibleEmployee& e) {
    return guarded([&]() -> Status {
        if (!db_.query("SELECT 1 FROM staff WHERE id = ?", e.id).step())
            return fail(ErrorCode::NotFound, N_("There is no employee with id {}."), {std::to_string(e.id)});
        if (db_.query("SELECT 1 FROM staff WHERE iin = ? AND id <> ?", e.iin, e.id).step())
            return fail(ErrorCode::AlreadyExists, N_("An employee with IIN {} is already registered."), {e.iin});
        check_institution(e.institution_bin);
        db_.query("UPDATE staff SET institution_bin = ?, iin = ?, full_name = ?, position = ?, phone = ? "
                  "WHERE id = ?",
                  e.institution_bin, e.iin, e.full_name, e.position, e.phone, e.id)
            .run();
        store_appointment(e.id, e);
        return {};
    });
}

}  // namespace sanaq::db

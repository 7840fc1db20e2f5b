#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

constexpr const char* kColumns = "id, institution_bin, iin, full_name, position, phone";

ResponsibleEmployee read_employee(const Statement& st) {
    return ResponsibleEmployee{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)};
}

}  // namespace

void SqlStaffRepository::check_institution(const std::string& bin) {
    if (!db_.query("SELECT 1 FROM institutions WHERE bin = ?", bin).step())
        throw DbFailure(Error::make(ErrorCode::NotFound, N_("There is no institution with BIN {}."), {bin}));
}

Result<std::optional<ResponsibleEmployee>> SqlStaffRepository::find(std::int64_t id) {
    return guarded([&]() -> Result<std::optional<ResponsibleEmployee>> {
        auto& st = db_.query(std::string("SELECT ") + kColumns + " FROM staff WHERE id = ?", id);
        if (!st.step()) return std::nullopt;
        return read_employee(st);
    });
}

Result<std::optional<ResponsibleEmployee>> SqlStaffRepository::find_by_iin(std::string_view iin) {
    return guarded([&]() -> Result<std::optional<ResponsibleEmployee>> {
        auto& st = db_.query(std::string("SELECT ") + kColumns + " FROM staff WHERE iin = ?", iin);
        if (!st.step()) return std::nullopt;
        return read_employee(st);
    });
}

Result<std::vector<ResponsibleEmployee>> SqlStaffRepository::list(std::string_view institution_bin) {
    return guarded([&]() -> Result<std::vector<ResponsibleEmployee>> {
        auto& st = institution_bin.empty()
                       ? db_.cached(std::string("SELECT ") + kColumns + " FROM staff ORDER BY full_name, id")
                       : db_.query(std::string("SELECT ") + kColumns +
                                       " FROM staff WHERE institution_bin = ? ORDER BY full_name, id",
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
        return db_.last_insert_rowid();
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
        return {};
    });
}

}  // namespace sanaq::db

#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {
constexpr const char* kColumns = "id, name, full_name, role, active, created_at_utc";
}

User SqlUserRepository::read(const Statement& st) const {
    User u;
    u.id = st.int64(0);
    u.name = st.text(1);
    u.full_name = st.text(2);
    u.role = known_or_damaged(parse_role(st.text(3)), db_, "role", st.text(3));
    u.active = st.int64(4) != 0;
    u.created_at_utc = st.text(5);
    return u;
}

Result<std::optional<User>> SqlUserRepository::find(std::string_view name) {
    return guarded([&]() -> Result<std::optional<User>> {
        auto& st = db_.query(std::string("SELECT ") + kColumns + " FROM users WHERE name = ?", name);
        if (!st.step()) return std::nullopt;
        return read(st);
    });
}

Result<std::vector<User>> SqlUserRepository::list() {
    return guarded([&]() -> Result<std::vector<User>> {
        auto& st = db_.cached(std::string("SELECT ") + kColumns + " FROM users ORDER BY name");
        std::vector<User> out;
        while (st.step()) out.push_back(read(st));
        return out;
    });
}

Result<std::int64_t> SqlUserRepository::insert(const User& user) {
    return guarded([&]() -> Result<std::int64_t> {
        if (db_.query("SELECT 1 FROM users WHERE name = ?", user.name).step())
            return fail(ErrorCode::AlreadyExists, N_("A user named {} already exists."), {user.name});
        db_.query("INSERT INTO users (name, full_name, role, active, created_at_utc) VALUES (?, ?, ?, ?, ?)",
                  user.name, user.full_name, role_name(user.role), user.active, user.created_at_utc)
            .run();
        return db_.last_insert_rowid();
    });
}

Status SqlUserRepository::update(const User& user) {
    return guarded([&]() -> Status {
        db_.query("UPDATE users SET full_name = ?, role = ?, active = ? WHERE name = ?", user.full_name,
                  role_name(user.role), user.active, user.name)
            .run();
        if (db_.changes() == 0) return fail(ErrorCode::NotFound, N_("There is no user named {}."), {user.name});
        return {};
    });
}

Status SqlUserRepository::remove(std::string_view name) {
    return guarded([&]() -> Status {
        db_.query("DELETE FROM users WHERE name = ?", name).run();
        if (db_.changes() == 0)
            return fail(ErrorCode::NotFound, N_("There is no user named {}."), {std::string(name)});
        return {};
    });
}

}  // namespace sanaq::db

#include <algorithm>

#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

/// The signed tables, with what their head counts. The SQL is constant text: a table name from a
/// file never reaches it.
struct SignedTable {
    std::string_view name;
    const char* head_sql;
    const char* row_sql;  // the signed columns of one row, by its key
    std::initializer_list<Role> writers;
};
constexpr SignedTable kSignedTables[] = {
    // The department's details are printed on acts and stay unsigned (README.md).
    {"settings",
     "SELECT count(*), '' FROM main.settings WHERE key NOT LIKE 'department.%'",
     "SELECT value FROM main.settings WHERE key = ?",
     {Role::Supervisor}},
    {"device_keys",
     "SELECT count(*), '' FROM main.device_keys",
     "SELECT device_id, public_key_pem, enrolled_at_utc, enrolled_by FROM main.device_keys WHERE "
     "kit_number = ?",
     {Role::Officer}},
    // The highest id too: a pull deleted and a later one's row renumbered into its place shows.
    {"pulls",
     "SELECT count(*), coalesce(max(id), 0) FROM main.pulls",
     "SELECT kit_number, source, usb_serial, started_at_utc, finished_at_utc, user_name, outcome, "
     "packages_received, packages_already, packages_quarantined, households, persons, bytes, "
     "packages_left, "
     "missing_sequences, clock_skew_seconds FROM main.pulls WHERE id = ?",
     {Role::Officer}},
};

const SignedTable& signed_table(std::string_view table) {
    for (const auto& t : kSignedTables)
        if (t.name == table) return t;
    throw DbFailure(Error::make(ErrorCode::Unexpected,
                                N_("The workspace database reported an error."), {},
                                "not a signed table: " + std::string(table)));
}

[[noreturn]] void unsigned_row(const Database& db, std::string_view table, std::string_view key) {
    throw DbFailure(Error::make(
        ErrorCode::WorkspaceDamaged,
        N_("The row {} of the table {} in {} is not signed by a member who may write it: "
           "it was changed outside Sanaq Station. Restore a backup."),
        {key.empty() ? std::string("(count)") : std::string(key), std::string(table),
         db.file().string()},
        "row signature missing or not valid"));
}

}  // namespace

std::string RowSignatures::head_columns(std::string_view table) {
    auto& st = db_.cached(signed_table(table).head_sql);
    st.step();
    std::string out = std::to_string(st.int64(0)) + "/" + st.text(1);
    st.reset();
    return out;
}

void RowSignatures::store(std::string_view table, std::string_view key,
                          const std::string& message) {
    auto signature = signatures_->sign(message);
    if (!signature) throw DbFailure(signature.error());
    db_.query(
           "INSERT OR REPLACE INTO main.row_signatures (table_name, row_key, signed_by, signature) "
           "VALUES (?, ?, ?, ?)",
           table, key, signatures_->signer(), *signature)
        .run();
}

void RowSignatures::sign(std::string_view table, std::string_view key,
                         const std::vector<std::string>& columns) {
    if (!signatures_) return;
    std::vector<std::string> with_key{std::string(key)};
    with_key.insert(with_key.end(), columns.begin(), columns.end());
    store(table, key, row_signing_input(signatures_->workspace_id(), table, with_key));
    // The head counts rows, so a row deleted (or one inserted without a signature) shows even
    // where nobody asks for that row by its key.
    store(table, "",
          row_signing_input(signatures_->workspace_id(), table, {"", head_columns(table)}));
}

void RowSignatures::check(std::string_view table, std::string_view key,
                          const std::vector<std::string>& columns,
                          std::initializer_list<Role> writers) {
    if (!signatures_) return;
    auto& st = db_.query(
        "SELECT signed_by, signature FROM main.row_signatures WHERE table_name = ? AND row_key = ?",
        table, key);
    if (!st.step()) unsigned_row(db_, table, key);
    const std::string signer = st.text(0);
    const std::string signature = st.text(1);
    st.reset();
    std::vector<std::string> with_key{std::string(key)};
    with_key.insert(with_key.end(), columns.begin(), columns.end());
    const auto role = signatures_->signed_as(
        signer, row_signing_input(signatures_->workspace_id(), table, with_key), signature);
    // Administrators may sign every table: they hold the root that lists everyone's keys. The
    // member who split a single-key workspace signed every row it copied, whatever their role.
    if (!role || (*role != Role::Administrator &&
                  std::find(writers.begin(), writers.end(), *role) == writers.end() &&
                  signatures_->split_signer() != signer))
        unsigned_row(db_, table, key);
}

void RowSignatures::sign_heads() {
    if (!signatures_) return;
    for (const auto& t : kSignedTables)
        store(t.name, "",
              row_signing_input(signatures_->workspace_id(), t.name, {"", head_columns(t.name)}));
}

std::optional<std::vector<std::string>> RowSignatures::stored_columns(std::string_view table,
                                                                      std::string_view key) {
    auto& st = db_.query(signed_table(table).row_sql, key);
    if (!st.step()) {
        st.reset();
        return std::nullopt;
    }
    std::vector<std::string> columns;
    for (int i = 0; i < st.column_count(); ++i)
        columns.push_back(st.text(i));  // integers as decimal text
    st.reset();
    return columns;
}

void RowSignatures::sign_again_rows_of(std::string_view slot, Role previous) {
    if (!signatures_) return;
    std::vector<std::pair<std::string, std::string>> rows;
    {
        auto& st = db_.query(
            "SELECT table_name, row_key, signature FROM main.row_signatures WHERE signed_by = ?",
            slot);
        std::vector<std::string> signatures;
        while (st.step()) {
            rows.emplace_back(st.text(0), st.text(1));
            signatures.push_back(st.text(2));
        }
        st.reset();
        std::size_t i = 0;
        std::erase_if(rows, [&](const auto& row) {
            const std::string& signature = signatures[i++];
            const auto& [table, key] = row;
            const SignedTable* t = nullptr;
            for (const auto& known : kSignedTables)
                if (known.name == table) t = &known;
            if (!t) return true;
            // Only what the member could write in the role they had: nothing they signed as a
            // role without the right becomes valid by being signed again.
            const bool gate = table == "settings" && key.starts_with("gate_override.");
            const bool could =
                previous == Role::Administrator || key.empty() ||
                (table != "settings" || gate
                     ? std::find(t->writers.begin(), t->writers.end(), previous) != t->writers.end()
                     : false);
            if (!could) return true;
            std::vector<std::string> with_key{key};
            if (!key.empty()) {
                auto columns = stored_columns(table, key);
                if (!columns) return true;
                with_key.insert(with_key.end(), columns->begin(), columns->end());
            } else {
                with_key.push_back(head_columns(table));
            }
            return !signatures_->signed_as(
                slot, row_signing_input(signatures_->workspace_id(), table, with_key), signature);
        });
    }
    for (const auto& [table, key] : rows) {
        if (key.empty()) {
            store(table, "",
                  row_signing_input(signatures_->workspace_id(), table, {"", head_columns(table)}));
            continue;
        }
        auto columns = stored_columns(table, key);
        std::vector<std::string> with_key{key};
        with_key.insert(with_key.end(), columns->begin(), columns->end());
        store(table, key, row_signing_input(signatures_->workspace_id(), table, with_key));
    }
}

void RowSignatures::sign_every_row() {
    if (!signatures_) return;
    // Keys by constant SQL; the department's details stay unsigned as everywhere else.
    constexpr std::pair<std::string_view, const char*> kKeys[] = {
        {"settings", "SELECT key FROM main.settings WHERE key NOT LIKE 'department.%'"},
        {"device_keys", "SELECT kit_number FROM main.device_keys"},
        {"pulls", "SELECT id FROM main.pulls"},
    };
    for (const auto& [table, sql] : kKeys) {
        std::vector<std::string> keys;
        auto& st = db_.query(sql);
        while (st.step()) keys.push_back(st.text(0));
        st.reset();
        for (const auto& key : keys) {
            auto columns = stored_columns(table, key);
            if (!columns) continue;
            std::vector<std::string> with_key{key};
            with_key.insert(with_key.end(), columns->begin(), columns->end());
            store(table, key, row_signing_input(signatures_->workspace_id(), table, with_key));
        }
    }
    sign_heads();
}

void RowSignatures::check_head(std::string_view table, std::initializer_list<Role> writers) {
    if (!signatures_) return;
    check(table, "", {head_columns(table)}, writers);
}

}  // namespace sanaq::db

#include "db/repositories/repositories.h"

#include <algorithm>
#include <numeric>

#include "core/domain/clock.h"

namespace sanaq::db {
namespace {

constexpr const char* kIssueColumns =
    "i.id, k.number, i.employee_id, i.issue_act, i.issued_at_utc, i.due_date, i.closed_at_utc,"
    " (SELECT group_concat(r.act_number, ' ') FROM kit_issue_returns r WHERE r.issue_id = i.id)";

KitIssue read_issue(const Statement& st) {
    KitIssue issue;
    issue.id = st.int64(0);
    issue.kit_number = st.text(1);
    issue.employee_id = st.int64(2);
    issue.issue_act = st.text(3);
    issue.issued_at_utc = st.text(4);
    issue.due_date = st.text(5);
    issue.closed_at_utc = st.optional_text(6);
    issue.return_acts = split_words(st.text(7));
    return issue;
}

/// What the holder still owes: everything but returned-damaged parts while the kit is fully out;
/// only the parts marked missing once a return has been logged.
std::vector<ComponentType> owed_components(const Kit& kit) {
    std::vector<ComponentType> owed;
    for (const auto& c : kit.components) {
        const bool owes = kit.state == KitState::PartlyReturned ? c.status == ComponentStatus::Missing
                                                                : c.status != ComponentStatus::Damaged;
        if (owes) owed.push_back(c.type);
    }
    return owed;
}

}  // namespace

void SqlCustodyRepository::write_return_acts(std::int64_t issue_id, const std::vector<std::string>& acts) {
    db_.query("DELETE FROM kit_issue_returns WHERE issue_id = ?", issue_id).run();
    int position = 0;
    for (const auto& act : acts)
        db_.query("INSERT INTO kit_issue_returns (issue_id, position, act_number) VALUES (?, ?, ?)", issue_id,
                  position++, act)
            .run();
}

Result<std::int64_t> SqlCustodyRepository::open_issue(const KitIssue& issue) {
    return guarded([&]() -> Result<std::int64_t> {
        auto& kit = db_.query("SELECT id FROM kits WHERE number = ?", issue.kit_number);
        if (!kit.step()) return fail(ErrorCode::NotFound, N_("There is no kit numbered {}."), {issue.kit_number});
        const auto kit_id = kit.int64(0);
        kit.reset();
        if (db_.query("SELECT 1 FROM kit_issues WHERE kit_id = ? AND closed_at_utc IS NULL", kit_id).step())
            return fail(ErrorCode::RefusedByState, N_("Kit {} is already issued."), {issue.kit_number});
        if (!db_.query("SELECT 1 FROM staff WHERE id = ?", issue.employee_id).step())
            return fail(ErrorCode::NotFound, N_("There is no employee with id {}."),
                        {std::to_string(issue.employee_id)});
        db_.query("INSERT INTO kit_issues (kit_id, employee_id, issue_act, issued_at_utc, due_date, closed_at_utc) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
                  kit_id, issue.employee_id, issue.issue_act, issue.issued_at_utc, issue.due_date,
                  issue.closed_at_utc)
            .run();
        const auto id = db_.last_insert_rowid();
        write_return_acts(id, issue.return_acts);
        return id;
    });
}

Result<std::optional<KitIssue>> SqlCustodyRepository::open_issue_for(std::string_view kit_number) {
    return guarded([&]() -> Result<std::optional<KitIssue>> {
        auto& st = db_.query(std::string("SELECT ") + kIssueColumns +
                                 " FROM kit_issues i JOIN kits k ON k.id = i.kit_id"
                                 " WHERE k.number = ? AND i.closed_at_utc IS NULL",
                             kit_number);
        if (!st.step()) return std::nullopt;
        return read_issue(st);
    });
}

Status SqlCustodyRepository::update_issue(const KitIssue& issue) {
    return guarded([&]() -> Status {
        db_.query("UPDATE kit_issues SET closed_at_utc = ? WHERE id = ?", issue.closed_at_utc, issue.id).run();
        if (db_.changes() == 0)
            return fail(ErrorCode::NotFound, N_("There is no kit issue with id {}."), {std::to_string(issue.id)});
        write_return_acts(issue.id, issue.return_acts);
        return {};
    });
}

Result<std::vector<KitIssue>> SqlCustodyRepository::history(std::string_view kit_number) {
    return guarded([&]() -> Result<std::vector<KitIssue>> {
        auto& st = db_.query(std::string("SELECT ") + kIssueColumns +
                                 " FROM kit_issues i JOIN kits k ON k.id = i.kit_id WHERE k.number = ?"
                                 " ORDER BY i.id",
                             kit_number);
        std::vector<KitIssue> out;
        while (st.step()) out.push_back(read_issue(st));
        return out;
    });
}

Result<std::vector<OutstandingKit>> SqlCustodyRepository::outstanding(const std::string& today) {
    return guarded([&]() -> Result<std::vector<OutstandingKit>> {
        // One pass over the open issues (partial index), each joined with its kit, holder and
        // institution. The kit's components and the issue's return acts come as correlated
        // aggregates, so the result has one row per issue instead of one per component: SQLite
        // then produces 30,000 rows rather than 240,000 for a regional register.
        // Columns: issue 0..7, kit 8..15, employee 16..21, institution 22..28, components 29.
        auto& st = db_.cached(std::string("SELECT ") + kIssueColumns + ", " + kKitColumns +
                              ", s.id, s.institution_bin, s.iin, s.full_name, s.position, s.phone"
                              ", n.bin, n.name_kk, n.name_ru, n.type, n.kato, n.kato_version, n.address, " +
                              kPackedComponents +
                              " FROM kit_issues i"
                              " JOIN kits k ON k.id = i.kit_id"
                              " JOIN staff s ON s.id = i.employee_id"
                              " JOIN institutions n ON n.bin = s.institution_bin"
                              " WHERE i.closed_at_utc IS NULL");
        std::vector<OutstandingKit> out;
        while (st.step()) {
            OutstandingKit row;
            row.issue = read_issue(st);
            row.kit = read_kit_columns(st, 8, db_);
            row.holder = ResponsibleEmployee{st.int64(16), st.text(17), st.text(18),
                                             st.text(19),  st.text(20), st.text(21)};
            row.institution = read_institution_columns(st, 22);
            add_packed_components(row.kit, st.text(29), db_);
            out.push_back(std::move(row));
        }
        // Sorted here rather than by SQLite: an index sort moves each (large) row once.
        std::vector<std::size_t> order(out.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const auto& x = out[a];
            const auto& y = out[b];
            return x.institution.bin != y.institution.bin ? x.institution.bin < y.institution.bin
                                                          : x.kit.number < y.kit.number;
        });
        std::vector<OutstandingKit> sorted;
        sorted.reserve(out.size());
        for (auto i : order) sorted.push_back(std::move(out[i]));
        out = std::move(sorted);
        for (auto& row : out) {
            row.owed = owed_components(row.kit);
            row.days_out = row.issue.issued_at_utc.size() >= 10
                               ? days_between(row.issue.issued_at_utc.substr(0, 10), today)
                               : 0;
            row.overdue = !row.issue.due_date.empty() && is_iso_date(today) && today > row.issue.due_date;
        }
        return out;
    });
}

}  // namespace sanaq::db

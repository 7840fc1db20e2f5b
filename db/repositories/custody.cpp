#include "db/repositories/repositories.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string_view>
#include <unordered_map>

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
        // The report of a national fleet (30,000 open issues) must come back in well under
        // 100 ms; db/README.md, "The outstanding report", has the measurements behind this shape.
        //  - One pass over the open issues (partial index) with their kits, carrying only what
        //    the report shows: a kit out whole owes every part and needs no lookup, and only a
        //    partly returned kit looks up its missing parts (CASE runs the subquery for those
        //    rows alone). Components and return acts are not loaded (see the port).
        //  - Institutions and staff are few beside the kits (a few thousand staff for 30,000
        //    kits), so both registers are read whole, once, and each row copies its holder from
        //    memory: joining them would hand SQLite the same 13 values ten times over.
        //  - days_out parses each distinct hand-over date once (sscanf is not free).
        //  - The rows are sorted through an index (a bucket per institution, kit numbers inside)
        //    and then moved once each, not swapped about as 800-byte objects.
        std::vector<Institution> institutions;
        std::unordered_map<std::string, std::uint32_t, TransparentHash, std::equal_to<>> institution_of_bin;
        {
            auto& st = db_.cached("SELECT bin, name_kk, name_ru, type, kato, kato_version, address FROM institutions"
                                  " ORDER BY bin");
            while (st.step()) {
                institutions.push_back(read_institution_columns(st, 0));
                institution_of_bin.emplace(institutions.back().bin, static_cast<std::uint32_t>(institutions.size() - 1));
            }
            st.reset();
        }
        struct Holder {
            ResponsibleEmployee employee;
            std::uint32_t institution = 0;  // index into institutions, which are in BIN order
        };
        std::vector<Holder> holders;
        std::unordered_map<std::int64_t, std::uint32_t> holder_of_id;
        {
            auto& st = db_.cached("SELECT id, institution_bin, iin, full_name, position, phone FROM staff");
            while (st.step()) {
                const auto in = institution_of_bin.find(st.view(1));
                if (in == institution_of_bin.end()) continue;  // as the inner join it replaces would
                holders.push_back({ResponsibleEmployee{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4),
                                                       st.text(5)},
                                   in->second});
                holder_of_id.emplace(holders.back().employee.id, static_cast<std::uint32_t>(holders.size() - 1));
            }
            st.reset();
        }

        // At most one open issue per kit, so the highest kit id bounds the row count: one
        // reservation (capacity never touched costs address space only) instead of regrowing a
        // vector of 800-byte rows.
        std::vector<OutstandingKit> rows;
        std::vector<std::uint32_t> holder_of;  // per row, index into holders
        {
            auto& st = db_.cached("SELECT max(id) FROM kits");
            const auto bound = st.step() ? st.int64(0) : 0;
            st.reset();
            constexpr std::int64_t kReserveAtMost = 200'000;
            rows.reserve(static_cast<std::size_t>(std::clamp<std::int64_t>(bound, 0, kReserveAtMost)));
            holder_of.reserve(rows.capacity());
        }

        const std::vector<ComponentType> whole_kit(std::begin(kAllComponents), std::end(kAllComponents));
        const bool today_valid = is_iso_date(today);
        std::unordered_map<std::string, int, TransparentHash, std::equal_to<>> days_since;  // by date
        // Columns: the issue act 0..5, kit 6..12, missing parts 13.
        auto& st = db_.cached(
            "SELECT i.id, i.employee_id, i.issue_act, i.issued_at_utc, i.due_date, i.closed_at_utc,"
            " k.number, k.tablet_model, k.tablet_serial, k.imei, k.usb_serial, k.state, k.note,"
            " CASE WHEN k.state = 'partly_returned' THEN"
            "  (SELECT group_concat(c.type, ' ') FROM kit_components c WHERE c.kit_id = k.id AND c.status = 'missing')"
            " END"
            " FROM kit_issues i JOIN kits k ON k.id = i.kit_id"
            " WHERE i.closed_at_utc IS NULL");
        while (st.step()) {
            const auto holder = holder_of_id.find(st.int64(1));
            if (holder == holder_of_id.end()) continue;  // as the inner join it replaces would
            OutstandingKit& row = rows.emplace_back();
            holder_of.push_back(holder->second);
            row.issue.id = st.int64(0);
            row.issue.employee_id = st.int64(1);
            row.issue.issue_act = st.view(2);
            row.issue.issued_at_utc = st.view(3);
            row.issue.due_date = st.view(4);
            row.issue.closed_at_utc = st.optional_text(5);
            row.kit.number = st.view(6);
            row.issue.kit_number = row.kit.number;
            row.kit.tablet = Tablet{st.text(7), st.text(8), st.text(9), st.text(10)};
            const auto state = st.view(11);
            row.kit.state = known_or_damaged(parse_kit_state(state), db_, "kit state", std::string(state));
            row.kit.note = st.view(12);
            if (row.kit.state == KitState::PartlyReturned) {
                for (const auto& code : split_words(std::string(st.view(13))))
                    row.owed.push_back(known_or_damaged(parse_component(code), db_, "component type", code));
                std::sort(row.owed.begin(), row.owed.end());
            } else {
                row.owed = whole_kit;
            }
            const auto& issued = row.issue.issued_at_utc;
            if (issued.size() >= 10) {
                const std::string_view date(issued.data(), 10);
                auto it = days_since.find(date);
                if (it == days_since.end()) it = days_since.emplace(date, days_between(std::string(date), today)).first;
                row.days_out = it->second;
            }
            row.overdue = !row.issue.due_date.empty() && today_valid && today > row.issue.due_date;
        }
        st.reset();

        // Sorted by institution BIN, then kit number: the rows are counted into one bucket per
        // institution (read in BIN order) and sorted by kit number inside it; then each row is
        // moved once, in place, along the cycles of the permutation.
        std::vector<std::uint32_t> bucket_start(institutions.size() + 1, 0);
        for (const auto h : holder_of) ++bucket_start[holders[h].institution + 1];
        for (std::size_t b = 1; b < bucket_start.size(); ++b) bucket_start[b] += bucket_start[b - 1];
        std::vector<std::uint32_t> source(rows.size());  // source[i]: the row that goes to position i
        constexpr auto kPlaced = std::numeric_limits<std::uint32_t>::max();
        {
            auto next = bucket_start;
            for (std::size_t i = 0; i < rows.size(); ++i)
                source[next[holders[holder_of[i]].institution]++] = static_cast<std::uint32_t>(i);
        }
        for (std::size_t b = 0; b + 1 < bucket_start.size(); ++b)
            std::sort(source.begin() + bucket_start[b], source.begin() + bucket_start[b + 1],
                      [&](std::uint32_t x, std::uint32_t y) { return rows[x].kit.number < rows[y].kit.number; });
        for (std::size_t i = 0; i < rows.size(); ++i) {  // the holder goes with the row
            const auto& holder = holders[holder_of[i]];
            rows[i].holder = holder.employee;
            rows[i].institution = institutions[holder.institution];
        }
        for (std::size_t start = 0; start < source.size(); ++start) {
            if (source[start] == start || source[start] == kPlaced) continue;
            OutstandingKit held = std::move(rows[start]);
            std::size_t to = start;
            for (;;) {
                const std::size_t from = source[to];
                source[to] = kPlaced;
                if (from == start) {
                    rows[to] = std::move(held);
                    break;
                }
                rows[to] = std::move(rows[from]);
                to = from;
            }
        }
        return rows;
    });
}

}  // namespace sanaq::db

namespace sanaq::db {

Result<int> SqlCustodyRepository::open_issues_of(std::int64_t employee_id) {
    return guarded([&]() -> Result<int> {
        auto& st = db_.query(
            "SELECT count(*) FROM kit_issues WHERE employee_id = ? AND closed_at_utc IS NULL",
            employee_id);
        return st.step() ? st.integer(0) : 0;
    });
}

}  // namespace sanaq::db

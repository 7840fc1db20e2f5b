#include "db/repositories/repositories.h"

namespace sanaq::db {

Result<int> SqlPaperStockRepository::on_hand(PaperItem item) {
    return guarded([&]() -> Result<int> {
        auto& st = db_.query("SELECT on_hand FROM paper_stock WHERE item = ?", paper_item_code(item));
        return st.step() ? st.integer(0) : 0;
    });
}

Status SqlPaperStockRepository::adjust(PaperItem item, int delta) {
    return guarded([&]() -> Status {
        const auto code = paper_item_code(item);
        auto& read = db_.query("SELECT on_hand FROM paper_stock WHERE item = ?", code);
        const bool exists = read.step();
        const std::int64_t have = exists ? read.int64(0) : 0;
        read.reset();
        if (have + delta < 0)
            return fail(ErrorCode::RefusedByState, N_("Not enough paper stock ({}): {} on hand, {} asked."),
                        {std::string(code), std::to_string(have), std::to_string(-delta)});
        if (exists)
            db_.query("UPDATE paper_stock SET on_hand = on_hand + ? WHERE item = ?", delta, code).run();
        else
            db_.query("INSERT INTO paper_stock (item, on_hand) VALUES (?, ?)", code, delta).run();
        return {};
    });
}

}  // namespace sanaq::db

namespace sanaq::db {
namespace {

/// Adds one summed (item, kind) row of the ledger to the account it belongs to.
void add_to_account(std::vector<PaperBalance>& account, std::string_view item_code,
                    std::string_view kind_code, std::int64_t count, Database& db) {
    const auto item =
        known_or_damaged(parse_paper_item(item_code), db, "paper item", std::string(item_code));
    const auto kind = known_or_damaged(parse_paper_movement(kind_code), db, "paper movement",
                                       std::string(kind_code));
    for (auto& b : account) {
        if (b.item != item) continue;
        const int n = static_cast<int>(count);
        switch (kind) {
            case PaperMovementKind::Issued:
                b.handed += n;
                break;
            case PaperMovementKind::Used:
                b.used += n;
                break;
            case PaperMovementKind::Returned:
                b.returned += n;
                break;
        }
    }
}

std::vector<PaperBalance> empty_account() {
    std::vector<PaperBalance> account;
    for (auto item : kAllPaperItems) account.push_back({item, 0, 0, 0});
    return account;
}

}  // namespace

Status SqlPaperStockRepository::record_movement(const PaperMovement& m) {
    return guarded([&]() -> Status {
        if (m.count <= 0)
            return fail(ErrorCode::InvalidInput, N_("Paper counts cannot be negative."));
        db_.query(
               "INSERT INTO paper_movements (employee_id, item, kind, count, act_number, at_utc)"
               " VALUES (?, ?, ?, ?, ?, ?)",
               m.employee_id, paper_item_code(m.item), paper_movement_code(m.kind), m.count,
               m.act_number, m.at_utc)
            .run();
        return {};
    });
}

Result<std::vector<PaperBalance>> SqlPaperStockRepository::account_of(std::int64_t employee_id) {
    return guarded([&]() -> Result<std::vector<PaperBalance>> {
        auto account = empty_account();
        auto& st = db_.query(
            "SELECT item, kind, sum(count) FROM paper_movements WHERE employee_id = ?"
            " GROUP BY item, kind",
            employee_id);
        while (st.step()) add_to_account(account, st.view(0), st.view(1), st.int64(2), db_);
        return account;
    });
}

Result<std::vector<HeldPaper>> SqlPaperStockRepository::holders() {
    return guarded([&]() -> Result<std::vector<HeldPaper>> {
        // Holders are few (the staff who ever took paper); one grouped pass, then their registers.
        std::vector<HeldPaper> out;
        auto& st = db_.query(
            "SELECT m.employee_id, m.item, m.kind, sum(m.count),"
            " s.institution_bin, s.iin, s.full_name, s.position, s.phone,"
            " i.bin, i.name_kk, i.name_ru, i.type, i.kato, i.kato_version, i.address"
            " FROM paper_movements m JOIN staff s ON s.id = m.employee_id"
            " JOIN institutions i ON i.bin = s.institution_bin"
            " GROUP BY m.employee_id, m.item, m.kind ORDER BY i.bin, s.full_name, m.employee_id");
        while (st.step()) {
            const auto id = st.int64(0);
            if (out.empty() || out.back().holder.id != id) {
                HeldPaper held;
                held.holder = ResponsibleEmployee{id,         st.text(4), st.text(5),
                                                  st.text(6), st.text(7), st.text(8)};
                held.institution = read_institution_columns(st, 9);
                held.items = empty_account();
                out.push_back(std::move(held));
            }
            add_to_account(out.back().items, st.view(1), st.view(2), st.int64(3), db_);
        }
        std::erase_if(out, [](const HeldPaper& h) { return !h.holds_any(); });
        return out;
    });
}

}  // namespace sanaq::db

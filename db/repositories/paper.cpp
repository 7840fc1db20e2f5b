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

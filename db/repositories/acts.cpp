#include "db/repositories/repositories.h"

#include <fmt/format.h>

#include <set>

namespace sanaq::db {

Result<std::string> SqlActRepository::next_number(ActKind kind, int year) {
    return guarded([&]() -> Result<std::string> {
        if (year < 2000 || year > 9999)
            return fail(ErrorCode::InvalidInput, N_("The year {} cannot be used in an act number."),
                        {std::to_string(year)});
        const auto code = act_kind_code(kind);
        // Read and bump inside the caller's write transaction: two acts can never share a number,
        // and a rolled-back act gives its number back.
        auto& read = db_.query("SELECT last FROM act_number_counters WHERE kind = ? AND year = ?", code, year);
        std::int64_t next = 1;
        if (read.step()) {
            next = read.int64(0) + 1;
            read.reset();
            db_.query("UPDATE act_number_counters SET last = ? WHERE kind = ? AND year = ?", next, code, year).run();
        } else {
            read.reset();
            db_.query("INSERT INTO act_number_counters (kind, year, last) VALUES (?, ?, ?)", code, year, next).run();
        }
        if (next > 999999)
            return fail(ErrorCode::RefusedByState, N_("The act numbers for {} are used up."), {std::to_string(year)});
        return fmt::format("SQ-{}-{:04}-{:06}", kind == ActKind::Issue ? 'I' : 'R', year, next);
    });
}

Status SqlActRepository::insert(const Act& act) {
    return guarded([&]() -> Status {
        if (db_.query("SELECT 1 FROM acts WHERE number = ?", act.number).step())
            return fail(ErrorCode::AlreadyExists, N_("An act numbered {} already exists."), {act.number});
        const std::string snapshot = act_to_json(act);
        db_.query("INSERT INTO acts (number, kind, date, institution_bin, employee_id, created_at_utc, "
                  "content_digest, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  act.number, act_kind_code(act.kind), act.date, act.institution.bin, act.employee.id,
                  act.created_at_utc, act.content_digest(), snapshot)
            .run();
        const auto act_id = db_.last_insert_rowid();
        std::set<std::string> kits;
        for (const auto& line : act.lines) kits.insert(line.kit_number);
        for (const auto& kit : kits)
            db_.query("INSERT INTO act_kits (act_id, kit_number) VALUES (?, ?)", act_id, kit).run();
        return {};
    });
}

Result<std::optional<Act>> SqlActRepository::find(std::string_view number) {
    return guarded([&]() -> Result<std::optional<Act>> {
        auto& st = db_.query("SELECT snapshot FROM acts WHERE number = ?", number);
        if (!st.step()) return std::nullopt;
        auto act = act_from_json(st.text(0));
        SANAQ_TRY(act);
        return std::optional<Act>(std::move(*act));
    });
}

Result<std::vector<ActSummary>> SqlActRepository::list(std::string_view kit_number) {
    return guarded([&]() -> Result<std::vector<ActSummary>> {
        const std::string columns =
            "SELECT a.number, a.kind, a.date, a.institution_bin, a.employee_id,"
            " (SELECT group_concat(x.kit_number, ' ') FROM act_kits x WHERE x.act_id = a.id) FROM acts a ";
        auto& st = kit_number.empty()
                       ? db_.cached(columns + "ORDER BY a.date DESC, a.id DESC")
                       : db_.query(columns +
                                       "WHERE a.id IN (SELECT act_id FROM act_kits WHERE kit_number = ?)"
                                       " ORDER BY a.date DESC, a.id DESC",
                                   kit_number);
        std::vector<ActSummary> out;
        while (st.step()) {
            ActSummary s;
            s.number = st.text(0);
            s.kind = st.text(1) == "issue" ? ActKind::Issue : ActKind::Return;
            s.date = st.text(2);
            s.institution_bin = st.text(3);
            s.employee_id = st.int64(4);
            s.kits = split_words(st.text(5));
            out.push_back(std::move(s));
        }
        return out;
    });
}

}  // namespace sanaq::db

// register show | set | export: the stage-1 register of institutions' lists.
#include "app/coverage_exports.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "core/i18n/state_languages.h"
#include "coverage/list_register.h"

namespace sanaq::cli {
namespace {
using nlohmann::ordered_json;
using i18n::format_message;

std::string translate(const char* msgid) { return tr(msgid); }

ordered_json to_json(const RegisterRow& r) {
    const auto& i = r.institution;
    ordered_json j{{"bin", i.bin},
                   {"name_kk", i.name_kk},
                   {"name_ru", i.name_ru},
                   {"kato", i.kato.code},
                   {"owes", r.duty.owes},
                   {"deadline", r.deadline},
                   {"default_deadline", r.default_deadline},
                   {"status", std::string(list_status_code(r.status))},
                   {"received_on", r.received_on},
                   {"listed", r.listed}};
    j["expected"] = r.duty.expected ? ordered_json(*r.duty.expected) : ordered_json(nullptr);
    return j;
}

bool has_extension(const std::string& path, std::string_view ext) {
    if (path.size() < ext.size()) return false;
    std::string tail = path.substr(path.size() - ext.size());
    for (auto& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return tail == ext;
}

}  // namespace

Status cmd_register_show(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"status"}));
    std::optional<ListStatus> status;
    if (auto code = a.get("status")) {
        status = parse_list_status(*code);
        if (!status)
            return fail(ErrorCode::Usage, N_("--status takes received, late, missing, pending or not_owed."));
    }
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto reg = list_register(**session);
    SANAQ_TRY(reg);
    const auto rows = rows_with_status(*reg, status);
    const auto& t = reg->tally;
    if (ctx.json()) {
        ordered_json out = ordered_json::array();
        for (const auto& r : rows) out.push_back(to_json(r));
        ctx.emit(ordered_json{{"today", reg->today},
                              {"tally",
                               {{"owing", t.owing},
                                {"received", t.received},
                                {"late", t.late},
                                {"missing", t.missing},
                                {"pending", t.pending}}},
                              {"rows", out},
                              {"counts", cli::to_json(reg->source)}});
        return {};
    }
    if (reg->source.summary) ctx.say(counts_source_text(reg->source));
    ctx.say(format_message(tr("Lists: received {} of {}, late {}, missing {}."),
                           {std::to_string(t.received), std::to_string(t.owing), std::to_string(t.late),
                            std::to_string(t.missing)}));
    const bool kazakh = i18n::current().language() == "kk";
    const auto table_rows = register_table(rows, translate, kazakh);
    ctx.say(table(table_rows.header, table_rows.rows));
    return {};
}

Status cmd_register_set(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"owes", "deadline", "expected"}));
    const std::string bin = a.positional(0);
    if (bin.empty()) return fail(ErrorCode::Usage, N_("Name the institution by its BIN: register set BIN ..."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    // Start from what the register holds, so that one option changes one thing.
    auto reg = list_register(**session);
    SANAQ_TRY(reg);
    ListDuty duty;
    duty.institution_bin = trim(bin);
    for (const auto& r : reg->rows)
        if (r.institution.bin == duty.institution_bin && r.stored) duty = r.duty;
    if (auto owes = a.get("owes")) {
        if (*owes != "yes" && *owes != "no") return fail(ErrorCode::Usage, N_("--owes takes yes or no."));
        duty.owes = *owes == "yes";
    }
    if (auto deadline = a.get("deadline")) duty.deadline = *deadline == "default" ? std::string() : *deadline;
    if (auto expected = a.get("expected")) {
        if (expected->empty()) {
            duty.expected.reset();
        } else {
            // Digits only: a headcount is never negative or fractional.
            if (expected->find_first_not_of("0123456789") != std::string::npos || expected->size() > 9)
                return fail(ErrorCode::Usage, N_("--expected takes a whole number of people."));
            duty.expected = std::stoll(*expected);
        }
    }
    SANAQ_TRY(set_list_duty(**session, duty));
    auto after = list_register(**session);
    SANAQ_TRY(after);
    for (const auto& r : after->rows)
        if (r.institution.bin == duty.institution_bin) {
            if (ctx.json()) ctx.emit(to_json(r));
            else
                ctx.say(format_message(tr("Register of {}: {}, deadline {}."),
                                       {r.institution.bin, tr(list_status_label(r.status)),
                                        r.deadline.empty() ? tr("not set") : r.deadline}));
        }
    return {};
}

Status cmd_register_export(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"language"}));
    const std::string file = a.positional(0);
    if (file.empty())
        return fail(ErrorCode::Usage, N_("Name the file: register export FILE.xlsx, FILE.csv or FILE.pdf."));
    const std::string lang = a.get_or("language", "");
    if (!lang.empty() && lang != "kk" && lang != "ru")
        return fail(ErrorCode::Usage, N_("--language takes kk or ru."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto reg = list_register(**session);
    SANAQ_TRY(reg);
    if (has_extension(file, ".pdf")) {
        // Both state languages unless one is asked for, like the coverage report.
        const auto langs = lang == "kk"   ? acts::ReportLanguages::Kazakh
                           : lang == "ru" ? acts::ReportLanguages::Russian
                                          : acts::ReportLanguages::Both;
        SANAQ_TRY(app::export_register_pdf(**session, *reg, file, langs));
    } else if (lang.empty()) {
        SANAQ_TRY(export_register_table(**session, *reg, file, translate, i18n::current().language() == "kk"));
    } else {
        auto catalogs = i18n::load_state_languages();
        SANAQ_TRY(catalogs);
        const auto& catalog = lang == "kk" ? catalogs->kk : catalogs->ru;
        SANAQ_TRY(export_register_table(
            **session, *reg, file, [&](const char* msgid) { return catalog.tr(msgid); }, lang == "kk"));
    }
    const auto rows = not_sent(*reg).size();
    if (ctx.json()) ctx.emit(ordered_json{{"file", file}, {"rows", rows}});
    else ctx.say(format_message(tr("The institutions that have not sent their list are in {}."), {file}));
    return {};
}

}  // namespace sanaq::cli

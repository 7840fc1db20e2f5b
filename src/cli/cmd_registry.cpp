// institution …, staff …
#include "cli/commands.h"
#include "cli/output.h"
#include "core/domain/printable.h"
#include "core/usecases/registry.h"
#include "core/usecases/territories.h"

#include <iostream>

namespace sanaq::cli {
namespace {
using nlohmann::ordered_json;
using i18n::format_message;
}  // namespace

Status cmd_institution_add(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"bin", "name-kk", "name-ru", "type", "kato", "kato-version", "address"}));
    auto type_code = a.need("type");
    SANAQ_TRY(type_code);
    auto type = parse_institution_type(*type_code);
    if (!type)
        return fail(ErrorCode::Usage, N_("Unknown institution type {}; `sanaq institution types` lists them."), {*type_code});
    auto bin = a.need("bin");
    SANAQ_TRY(bin);
    auto kato = a.need("kato");
    SANAQ_TRY(kato);
    Institution inst{*bin, a.get_or("name-kk", ""), a.get_or("name-ru", ""), *type,
                     {*kato, a.get_or("kato-version", std::string(kKatoCurrentVersion))}, a.get_or("address", "")};
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(add_institution(**session, inst));
    auto saved = find_institution(**session, trim(*bin));
    SANAQ_TRY(saved);
    // Registered all the same: a department may hold an institution of a neighbouring region's
    // territory (a military unit's site), but a mistyped code shows here.
    auto region = department_region(**session);
    SANAQ_TRY(region);
    const auto warning = region_warning(*region, saved->kato, i18n::current().language());
    if (ctx.json()) {
        auto out = to_json(*saved);
        if (warning) out["warnings"] = ordered_json::array({i18n::render(*warning, i18n::current())});
        ctx.emit(out);
    } else {
        ctx.say(format_message(tr("Institution {} ({}) registered."), {saved->name_ru, saved->bin}));
        if (warning) std::cerr << printable_text(tr("Warning") + ": " + i18n::render(*warning, i18n::current())) << '\n';
    }
    return {};
}

Status cmd_institution_list(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto list = list_institutions(**session);
    SANAQ_TRY(list);
    if (ctx.json()) {
        ordered_json out = ordered_json::array();
        for (const auto& i : *list) out.push_back(to_json(i));
        ctx.emit(out);
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    const bool kazakh = i18n::current().language() == "kk";
    for (const auto& i : *list)
        rows.push_back({i.bin, kazakh ? i.name_kk : i.name_ru, tr(institution_type_label(i.type)),
                        i.kato.code + " (" + i.kato.classifier_version + ")"});
    ctx.say(table({tr("BIN"), tr("Name"), tr("Type"), tr("KATO")}, rows));
    return {};
}

Status cmd_institution_types(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    ordered_json out = ordered_json::array();
    std::vector<std::vector<std::string>> rows;
    for (int t = 0; t < kInstitutionTypeCount; ++t) {
        auto type = static_cast<InstitutionType>(t);
        out.push_back({{"code", institution_type_code(type)}, {"label", tr(institution_type_label(type))}});
        rows.push_back({std::string(institution_type_code(type)), tr(institution_type_label(type))});
    }
    if (ctx.json()) ctx.emit(out);
    else ctx.say(table({tr("Code"), tr("Type")}, rows));
    return {};
}

Status cmd_staff_add(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"institution", "iin", "name", "position", "phone", "order-number", "order-date",
                      "trained-on"}));
    auto bin = a.need("institution");
    SANAQ_TRY(bin);
    auto iin = a.need("iin");
    SANAQ_TRY(iin);
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto e = add_staff(**session, {0, *bin, *iin, a.get_or("name", ""), a.get_or("position", ""),
                                   a.get_or("phone", ""), a.get_or("order-number", ""),
                                   a.get_or("order-date", ""), a.get_or("trained-on", "")});
    SANAQ_TRY(e);
    if (ctx.json()) ctx.emit(to_json(*e));
    else ctx.say(format_message(tr("Responsible employee {} added to institution {}."), {e->full_name, e->institution_bin}));
    return {};
}

Status cmd_staff_list(Context& ctx) {
    SANAQ_TRY(ctx.args().only({"institution"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto list = list_staff(**session, ctx.args().get_or("institution", ""));
    SANAQ_TRY(list);
    if (ctx.json()) {
        ordered_json out = ordered_json::array();
        for (const auto& e : *list) out.push_back(to_json(e));
        ctx.emit(out);
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : *list) {
        const std::string order = e.appointment_order_number.empty()
                                      ? std::string()
                                      : format_message(tr("No. {} of {}"), {e.appointment_order_number,
                                                                           e.appointment_order_date});
        rows.push_back({e.iin, e.full_name, e.position, e.phone, e.institution_bin, order, e.trained_on});
    }
    ctx.say(table({tr("IIN"), tr("Full name"), tr("Position"), tr("Phone"), tr("Institution"),
                   tr("Appointment order"), tr("Trained on")},
                  rows));
    return {};
}

Status cmd_staff_appoint(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"iin", "order-number", "order-date", "trained-on"}));
    auto iin = a.need("iin");
    SANAQ_TRY(iin);
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto e = record_appointment(**session, *iin, a.get_or("order-number", ""), a.get_or("order-date", ""),
                                a.get_or("trained-on", ""));
    SANAQ_TRY(e);
    if (ctx.json()) ctx.emit(to_json(*e));
    else if (e->ready())
        ctx.say(format_message(tr("{} is appointed by order No. {} of {} and trained on {}."),
                               {e->full_name, e->appointment_order_number, e->appointment_order_date, e->trained_on}));
    else
        ctx.say(format_message(tr("The appointment of {} is recorded; the joint orders require both the order and the training."),
                               {e->full_name}));
    return {};
}

}  // namespace sanaq::cli

// territories import | show | region
#include <iostream>

#include "app/territory_imports.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "core/domain/printable.h"
#include "cli/stop_request.h"
#include "core/domain/identifiers.h"
#include "core/usecases/territories.h"

namespace sanaq::cli {
namespace {
using nlohmann::ordered_json;
using i18n::format_message;

std::string language() { return i18n::current().language(); }

ordered_json to_json(const KatoTerritory& t) {
    return {{"code", t.code}, {"kind", t.kind}, {"name_kk", t.name_kk}, {"name_ru", t.name_ru}, {"note", t.note}};
}

ordered_json to_json(const KatoEdition& e) {
    return {{"edition", e.edition}, {"file", e.source_name}, {"imported_at_utc", e.imported_at_utc},
            {"imported_by", e.imported_by}, {"entries", e.entries}};
}

std::string name_of(const KatoTerritory& t) { return territory_name(t.name_kk, t.name_ru, language()); }

}  // namespace

Status cmd_territories_import(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"edition"}));
    const std::string file = a.positional(0);
    auto edition = a.need("edition");
    if (file.empty() || !edition)
        return fail(ErrorCode::Usage,
                    N_("Name the classifier file and its edition: sanaq territories import FILE.xlsx --edition 2022."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    StopRequest stop;  // Ctrl+C before the transaction: nothing is stored
    auto imported = app::import_kato_classifier(**session, file, *edition, {}, app::CancelToken(stop.flag()));
    SANAQ_TRY(imported);
    if (!imported->problems.empty()) {
        // Every row's problem, then the refusal: nothing is stored while one row is wrong.
        for (const auto& p : imported->problems)
            std::cerr << printable_text(i18n::render(p, i18n::current())) << '\n';
        const long n = static_cast<long>(imported->problems.size());
        return fail_n(ErrorCode::InvalidInput,
                      N_n("Nothing was saved: {} row of the classifier file has a problem.",
                          "Nothing was saved: {} rows of the classifier file have a problem."),
                      n, {std::to_string(n)});
    }
    const auto& stored = *imported->stored;
    if (ctx.json()) ctx.emit(to_json(stored));
    else
        ctx.say(format_message(i18n::current().trn("KATO classifier {} imported from {}: {} entry.",
                                                    "KATO classifier {} imported from {}: {} entries.", stored.entries),
                               {stored.edition, stored.source_name, std::to_string(stored.entries)}));
    return {};
}

Status cmd_territories_show(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    const std::string code = ctx.args().positional(0);
    if (code.empty()) {
        // The editions the workstation knows: the regions shipped with it, and what was imported.
        auto editions = kato_editions(**session);
        SANAQ_TRY(editions);
        auto region = department_region(**session);
        SANAQ_TRY(region);
        if (ctx.json()) {
            ordered_json out{{"department_region", *region}, {"editions", ordered_json::array()}};
            for (std::string_view e : kKatoVersions) {
                ordered_json ed{{"edition", e}, {"regions", ordered_json::array()}, {"classifier", nullptr}};
                for (const auto& r : kato_regions(e))
                    ed["regions"].push_back({{"code", r.code}, {"name_kk", r.name_kk}, {"name_ru", r.name_ru},
                                             {"name_en", r.name_en}});
                for (const auto& imported : *editions)
                    if (imported.edition == e) ed["classifier"] = to_json(imported);
                out["editions"].push_back(ed);
            }
            ctx.emit(out);
            return {};
        }
        for (std::string_view e : kKatoVersions) {
            std::string loaded = tr("no classifier imported: codes are checked for their form only");
            for (const auto& imported : *editions)
                if (imported.edition == e)
                    loaded = format_message(tr("classifier from {}, {} entries, imported {} by {}"),
                                            {imported.source_name, std::to_string(imported.entries),
                                             imported.imported_at_utc, imported.imported_by});
            ctx.say(format_message(tr("KATO {}: {}"), {std::string(e), loaded}));
            std::vector<std::vector<std::string>> rows;
            for (const auto& r : kato_regions(e)) rows.push_back({std::string(r.code), std::string(region_name(r, language()))});
            ctx.say(table({tr("Code"), tr("Region")}, rows));
        }
        ctx.say(tr("Department's region") + ": " + (region->empty() ? tr("not set") : *region));
        return {};
    }
    auto shown = show_territory(**session, code);
    SANAQ_TRY(shown);
    if (ctx.json()) {
        ordered_json out = ordered_json::array();
        for (const auto& t : *shown) {
            ordered_json e{{"edition", t.edition}, {"classifier_loaded", t.classifier_loaded}};
            e["entry"] = t.entry ? to_json(*t.entry) : ordered_json();
            e["region"] = t.region ? ordered_json{{"code", t.region->code}, {"name_kk", t.region->name_kk},
                                                  {"name_ru", t.region->name_ru}}
                                   : ordered_json();
            e["district"] = t.district ? to_json(*t.district) : ordered_json();
            e["below"] = ordered_json::array();
            for (const auto& b : t.below) e["below"].push_back(to_json(b));
            out.push_back(e);
        }
        ctx.emit(out);
        return {};
    }
    for (const auto& t : *shown) {
        std::string what = t.entry ? name_of(*t.entry)
                                   : (t.region && kato_level(kato_code_of_prefix(trim(code))) == 1
                                          ? std::string(region_name(*t.region, language()))
                                          : (t.classifier_loaded ? tr("not in the classifier") : tr("unknown")));
        ctx.say(format_message(tr("KATO {}: {}"), {t.edition, what}));
        if (t.region) ctx.say("  " + tr("Region") + ": " + std::string(region_name(*t.region, language())));
        if (t.district) ctx.say("  " + tr("District") + ": " + name_of(*t.district));
        if (!t.below.empty()) {
            std::vector<std::vector<std::string>> rows;
            for (const auto& b : t.below) rows.push_back({b.code, name_of(b)});
            ctx.say(table({tr("Code"), tr("Name")}, rows));
        }
    }
    return {};
}

Status cmd_territories_region(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"clear"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    const std::string code = a.positional(0);
    if (code.empty() && !a.flag("clear")) {
        auto region = department_region(**session);
        SANAQ_TRY(region);
        if (ctx.json()) ctx.emit(ordered_json{{"department_region", *region}});
        else ctx.say(tr("Department's region") + ": " + (region->empty() ? tr("not set") : *region));
        return {};
    }
    SANAQ_TRY(set_department_region(**session, code));
    if (ctx.json()) ctx.emit(ordered_json{{"department_region", code}});
    else if (code.empty()) ctx.say(tr("The department's region is cleared."));
    else {
        const auto region = find_kato_region(kKatoCurrentVersion, code);
        ctx.say(format_message(tr("The department's region is {} ({})."),
                               {code, region ? std::string(region_name(*region, language())) : std::string()}));
    }
    return {};
}

}  // namespace sanaq::cli

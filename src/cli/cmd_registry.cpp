// institution …, staff …
#include "cli/commands.h"
#include "cli/output.h"
#include "core/usecases/registry.h"

namespace sanaq::cli {
namespace {
using nlohmann::ordered_json;
using i18n::format_message;
}  // namespace

Status cmd_institution_add(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"bin", "name-kk", "name-ru", "type", "kato", "kato-version", "address"}); !ok) return ok;
    auto type_code = a.need("type");
    if (!type_code) return std::unexpected(type_code.error());
    auto type = parse_institution_type(*type_code);
    if (!type)
        return fail(ErrorCode::Usage, N_("Unknown institution type {}; `sanaq institution types` lists them."), {*type_code});
    auto bin = a.need("bin");
    if (!bin) return std::unexpected(bin.error());
    auto kato = a.need("kato");
    if (!kato) return std::unexpected(kato.error());
    Institution inst{*bin, a.get_or("name-kk", ""), a.get_or("name-ru", ""), *type,
                     {*kato, a.get_or("kato-version", std::string(kKatoCurrentVersion))}, a.get_or("address", "")};
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    if (auto ok = add_institution(**session, inst); !ok) return ok;
    auto saved = find_institution(**session, trim(*bin));
    if (!saved) return std::unexpected(saved.error());
    if (ctx.json()) ctx.emit(to_json(*saved));
    else ctx.say(format_message(tr("Institution {} ({}) registered."), {saved->name_ru, saved->bin}));
    return {};
}

Status cmd_institution_list(Context& ctx) {
    if (auto ok = ctx.args().only({}); !ok) return ok;
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    auto list = list_institutions(**session);
    if (!list) return std::unexpected(list.error());
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
    if (auto ok = ctx.args().only({}); !ok) return ok;
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
    if (auto ok = a.only({"institution", "iin", "name", "position", "phone"}); !ok) return ok;
    auto bin = a.need("institution");
    if (!bin) return std::unexpected(bin.error());
    auto iin = a.need("iin");
    if (!iin) return std::unexpected(iin.error());
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    auto e = add_staff(**session, {0, *bin, *iin, a.get_or("name", ""), a.get_or("position", ""), a.get_or("phone", "")});
    if (!e) return std::unexpected(e.error());
    if (ctx.json()) ctx.emit(to_json(*e));
    else ctx.say(format_message(tr("Responsible employee {} added to institution {}."), {e->full_name, e->institution_bin}));
    return {};
}

Status cmd_staff_list(Context& ctx) {
    if (auto ok = ctx.args().only({"institution"}); !ok) return ok;
    auto session = ctx.session();
    if (!session) return std::unexpected(session.error());
    auto list = list_staff(**session, ctx.args().get_or("institution", ""));
    if (!list) return std::unexpected(list.error());
    if (ctx.json()) {
        ordered_json out = ordered_json::array();
        for (const auto& e : *list) out.push_back(to_json(e));
        ctx.emit(out);
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : *list) rows.push_back({e.iin, e.full_name, e.position, e.phone, e.institution_bin});
    ctx.say(table({tr("IIN"), tr("Full name"), tr("Position"), tr("Phone"), tr("Institution")}, rows));
    return {};
}

}  // namespace sanaq::cli

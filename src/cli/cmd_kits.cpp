// kit …, stock …, paper …, act …
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include "acts/act_document.h"
#include "app/kit_imports.h"
#include "cli/commands.h"
#include "core/i18n/state_languages.h"
#include "core/domain/printable.h"
#include "cli/output.h"
#include "cli/stop_request.h"
#include "core/usecases/custody.h"
#include "core/usecases/kit_registry.h"
#include "tables/kit_inventory.h"
#include "tables/table.h"

namespace sanaq::cli {
namespace {
using i18n::format_message;
using nlohmann::ordered_json;

std::vector<std::string> split_list(const std::vector<std::string>& values) {
    std::vector<std::string> items;
    for (const auto& v : values) {
        std::stringstream ss(v);
        std::string item;
        while (std::getline(ss, item, ','))
            if (auto t = trim(item); !t.empty()) items.push_back(t);
    }
    return items;
}

Result<ComponentType> component_arg(const std::string& code) {
    auto type = parse_component(code);
    if (!type)
        return fail(ErrorCode::Usage,
                    N_("Unknown component {}; use tablet, case, glass, charger, usb_cable, stylus, "
                       "powerbank or powerbank_cable."),
                    {code});
    return *type;
}

/// The act file must be writable before anything is committed: fail early, not after the act
/// exists.
Status check_output_path(const std::string& path, const char* extension) {
    const std::filesystem::path p(path);
    if (p.extension() != extension)
        return fail(ErrorCode::Usage, N_("The output file {} must end in {}."), {path, extension});
    const auto parent = p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path();
    if (!std::filesystem::is_directory(parent))
        return fail(ErrorCode::Io, N_("The folder {} does not exist."), {parent.string()});
    return {};
}

/// Both languages of an act, loaded before anything is committed: a broken install must stop
/// the command before the act exists, not after.
using ActCatalogs = i18n::StateLanguages;
Result<ActCatalogs> load_act_catalogs() { return i18n::load_state_languages(); }

Status write_act_file(Session& session, const ActCatalogs& catalogs, const Act& act,
                      const std::string& path) {
    if (auto ok = acts::write_act_pdf(act, path, catalogs.kk, catalogs.ru); !ok) {
        // The act itself is committed; only the printout failed.
        auto e = ok.error();
        e.message_id =
            N_("Act {} is saved, but its PDF could not be written to {}; print it again with "
               "`sanaq act print {} --out FILE.pdf`.");
        e.args = {act.number, path, act.number};
        return std::unexpected(e);
    }
    return record_act_export(session, act, std::filesystem::absolute(path).string());
}

std::string owed_text(const std::vector<ComponentType>& owed) {
    if (owed.size() == std::size(kAllComponents)) return tr("the whole kit");
    std::string out;
    for (auto t : owed) out += (out.empty() ? "" : ", ") + tr(component_label(t));
    return out;
}

}  // namespace

Status write_tabular(const std::string& path, const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows, const std::string& sheet) {
    const auto ext = std::filesystem::path(path).extension();
    if (ext == ".csv") return tables::write_csv(path, header, rows);
    if (ext == ".xlsx") return tables::write_xlsx(path, header, rows, sheet);
    return fail(ErrorCode::Usage, N_("Export to a .csv or .xlsx file, not {}."), {path});
}

Status cmd_kit_register(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"tablet-serial", "usb-serial", "imei", "model", "component", "note"});
        !ok)
        return ok;
    const std::string number = a.positional(0);
    if (number.empty())
        return fail(ErrorCode::Usage,
                    N_("Name the kit: sanaq kit register KIT --tablet-serial S --usb-serial U."));
    auto serial = a.need("tablet-serial");
    SANAQ_TRY(serial);
    auto usb = a.need("usb-serial");
    SANAQ_TRY(usb);
    std::vector<std::pair<ComponentType, std::string>> parts;
    for (const auto& spec : a.all("component")) {
        auto eq = spec.find('=');
        if (eq == std::string::npos)
            return fail(ErrorCode::Usage,
                        N_("Write a component as TYPE=SERIAL, e.g. charger=CH-0042; got {}."),
                        {spec});
        auto type = component_arg(spec.substr(0, eq));
        SANAQ_TRY(type);
        parts.emplace_back(*type, spec.substr(eq + 1));
    }
    Kit kit = make_kit(number, {a.get_or("model", ""), *serial, a.get_or("imei", ""), *usb}, parts);
    kit.note = a.get_or("note", "");
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(register_kit(**session, kit));
    auto saved = find_kit(**session, trim(number));
    SANAQ_TRY(saved);
    if (ctx.json())
        ctx.emit(to_json(*saved));
    else
        ctx.say(format_message(tr("Kit {} registered and in stock."), {saved->number}));
    return {};
}

Status cmd_kit_import(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"dry-run", "valid-only"}));
    const std::string file = a.positional(0);
    if (file.empty())
        return fail(ErrorCode::Usage,
                    N_("Name the inventory file: sanaq kit import FILE.csv|FILE.xlsx."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto preview = app::read_kit_inventory(**session, file);
    SANAQ_TRY(preview);
    if (!preview->file_problems.empty()) {
        for (std::size_t i = 1; i < preview->file_problems.size(); ++i)
            std::cerr << printable_text(i18n::render(preview->file_problems[i], i18n::current())) << '\n';
        return std::unexpected(preview->file_problems.front());
    }
    const auto& items = preview->items;
    const long invalid = preview->invalid();
    const long valid = preview->valid();
    const bool dry = a.flag("dry-run");
    int saved = 0;
    std::optional<Error> refused;
    if (!dry) {
        StopRequest stop;  // Ctrl+C before the transaction: nothing is registered
        auto n = app::register_kit_inventory(**session, *preview, {.valid_only = a.flag("valid-only")},
                                             app::CancelToken(stop.flag()));
        if (n) saved = *n;
        // The preview is printed first either way: it says which rows are wrong.
        else if (n.error().code == ErrorCode::InvalidInput) refused = n.error();
        else return std::unexpected(n.error());
    }
    if (ctx.json()) {
        ordered_json rows = ordered_json::array();
        for (const auto& i : items) {
            ordered_json problems = ordered_json::array();
            for (const auto& p : i.problems) problems.push_back(to_json(p));
            rows.push_back({{"line", i.line},
                            {"kit", i.kit.number},
                            {"ok", i.problems.empty()},
                            {"problems", problems}});
        }
        ctx.emit(ordered_json{{"file", file},
                              {"rows", rows},
                              {"valid", valid},
                              {"invalid", invalid},
                              {"saved", saved},
                              {"dry_run", dry}});
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& i : items) {
            std::string what = i.problems.empty() ? tr("ok") : "";
            for (const auto& p : i.problems)
                what += (what.empty() ? "" : "; ") + i18n::render(p, i18n::current());
            rows.push_back({std::to_string(i.line), i.kit.number, i.kit.tablet.serial,
                            i.kit.tablet.usb_serial, what});
        }
        ctx.say(table({tr("Row"), tr("Kit"), tr("Tablet serial"), tr("USB serial"), tr("Check")},
                      rows));
        ctx.say(format_message(tr("Valid rows: {}; rows with problems: {}."),
                               {std::to_string(valid), std::to_string(invalid)}));
        if (dry)
            ctx.say(tr("Dry run: nothing was saved."));
        else if (!refused)
            ctx.say(format_message(
                i18n::current().trn("{} kit registered.", "{} kits registered.", saved),
                {std::to_string(saved)}));
    }
    if (refused) return std::unexpected(*refused);
    return {};
}

Status cmd_kit_template(Context& ctx) {
    SANAQ_TRY(ctx.args().only({"out"}));
    auto out = ctx.args().need("out");
    SANAQ_TRY(out);
    auto header = tables::kit_inventory_template_header(i18n::current().language());
    SANAQ_TRY(write_tabular(*out, header, {}, "Kits"));
    if (ctx.json())
        ctx.emit(ordered_json{{"template", *out}});
    else
        ctx.say(format_message(tr("Inventory template written to {}."), {*out}));
    return {};
}

namespace {

/// The paper side of the outstanding report: a holder's line per tool they still hold.
std::vector<std::string> paper_header() {
    return {tr("Holder"), tr("Phone"), tr("BIN"),      tr("Institution"), tr("Paper census tool"),
            tr("Handed"), tr("Used"),  tr("Returned"), tr("Balance")};
}
std::vector<std::vector<std::string>> paper_cells(const std::vector<HeldPaper>& holders) {
    std::vector<std::vector<std::string>> cells;
    const bool kazakh = i18n::current().language() == "kk";
    for (const auto& h : holders)
        for (const auto& b : h.items)
            if (b.balance() != 0)
                cells.push_back({h.holder.full_name, h.holder.phone, h.institution.bin,
                                 kazakh ? h.institution.name_kk : h.institution.name_ru,
                                 tr(paper_item_label(b.item)), std::to_string(b.handed),
                                 std::to_string(b.used), std::to_string(b.returned),
                                 std::to_string(b.balance())});
    return cells;
}

void say_account(Context& ctx, const std::string& holder,
                 const std::vector<PaperBalance>& account) {
    for (const auto& b : account)
        ctx.say(format_message(
            tr("{}: {}: handed {}, used {}, returned {}, balance {}."),
            {holder, tr(paper_item_label(b.item)), std::to_string(b.handed), std::to_string(b.used),
             std::to_string(b.returned), std::to_string(b.balance())}));
}

/// A return refused because the paper does not add up names the option that confirms it.
template <class T>
Result<T> with_discrepancy_hint(Context& ctx, Result<T> result) {
    if (!result && result.error().message_id == kPaperDoesNotAddUp && !ctx.json())
        ctx.say(
            tr("To close the return with this discrepancy on the act, repeat the command with "
               "--accept-discrepancy."));
    return result;
}

ordered_json act_paper_json(const Act& act) {
    ordered_json balance = ordered_json::object();
    for (const auto& b : act.paper_balance)
        balance[std::string(paper_item_code(b.item))] = {{"handed", b.handed},
                                                         {"used", b.used},
                                                         {"returned", b.returned},
                                                         {"balance", b.balance()}};
    return {{"paper", balance}, {"paper_discrepancy", act.paper_discrepancy}};
}

}  // namespace

Status cmd_kit_issue(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"to", "act", "explanations", "certificates", "due", "note"}));
    if (a.positional().empty())
        return fail(ErrorCode::Usage, N_("Name at least one kit to issue."));
    auto to = a.need("to");
    SANAQ_TRY(to);
    auto act_path = a.need("act");
    SANAQ_TRY(act_path);
    SANAQ_TRY(check_output_path(*act_path, ".pdf"));
    auto catalogs = load_act_catalogs();
    SANAQ_TRY(catalogs);
    auto expl = a.integer("explanations", 0);
    SANAQ_TRY(expl);
    auto cert = a.integer("certificates", 0);
    SANAQ_TRY(cert);
    auto session = ctx.session();
    SANAQ_TRY(session);
    IssueRequest req{a.positional(), *to, *expl, *cert, a.get_or("due", ""), a.get_or("note", "")};
    auto act = issue_kits(**session, req);
    SANAQ_TRY(act);
    SANAQ_TRY(write_act_file(**session, *catalogs, *act, *act_path));
    if (ctx.json())
        ctx.emit(ordered_json{{"act", act->number},
                              {"kits", req.kits},
                              {"employee", act->employee.full_name},
                              {"institution", act->institution.bin},
                              {"pdf", *act_path}});
    else {
        std::string kits;
        for (const auto& k : req.kits) kits += (kits.empty() ? "" : ", ") + k;
        ctx.say(format_message(tr("Act {}: issued to {}: {}. The act is in {}."),
                               {act->number, act->employee.full_name, kits, *act_path}));
    }
    return {};
}

Status cmd_kit_return(Context& ctx) {
    const auto& a = ctx.args();
    if (auto ok = a.only({"missing", "damaged", "note", "act", "explanations-returned",
                          "explanations-used", "certificates-returned", "certificates-used",
                          "component-note", "accept-discrepancy"});
        !ok)
        return ok;
    const std::string number = a.positional(0);
    if (number.empty()) return fail(ErrorCode::Usage, N_("Name the kit to return."));
    auto act_path = a.need("act");
    SANAQ_TRY(act_path);
    SANAQ_TRY(check_output_path(*act_path, ".pdf"));
    auto catalogs = load_act_catalogs();
    SANAQ_TRY(catalogs);
    ReturnRequest req;
    req.kit = number;
    req.note = a.get_or("note", "");
    for (const auto& [option, outcome] :
         {std::pair{"missing", LineOutcome::Missing}, std::pair{"damaged", LineOutcome::Damaged}})
        for (const auto& code : split_list(a.all(option))) {
            auto type = component_arg(code);
            SANAQ_TRY(type);
            if (std::any_of(req.check_ins.begin(), req.check_ins.end(),
                            [&](const CheckIn& c) { return c.component == *type; }))
                return fail(ErrorCode::Usage, N_("The component {} is named twice."), {code});
            req.check_ins.push_back({*type, outcome, ""});
        }
    for (const auto& spec : a.all("component-note")) {
        auto eq = spec.find('=');
        auto type = component_arg(spec.substr(0, eq));
        if (!type || eq == std::string::npos)
            return fail(ErrorCode::Usage, N_("Write a component note as TYPE=TEXT; got {}."),
                        {spec});
        auto it = std::find_if(req.check_ins.begin(), req.check_ins.end(),
                               [&](const CheckIn& c) { return c.component == *type; });
        if (it == req.check_ins.end())
            it = req.check_ins.insert(req.check_ins.end(),
                                      {*type, LineOutcome::ReturnedInOrder, ""});
        it->note = spec.substr(eq + 1);
    }
    for (auto [option, field] : {std::pair{"explanations-returned", &req.explanations_returned},
                                 std::pair{"certificates-returned", &req.certificates_returned},
                                 std::pair{"explanations-used", &req.explanations_used},
                                 std::pair{"certificates-used", &req.certificates_used}}) {
        auto v = a.integer(option, 0);
        SANAQ_TRY(v);
        *field = *v;
    }
    req.accept_discrepancy = a.flag("accept-discrepancy");
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto act = with_discrepancy_hint(ctx, return_kit(**session, req));
    SANAQ_TRY(act);
    SANAQ_TRY(write_act_file(**session, *catalogs, *act, *act_path));
    auto kit = find_kit(**session, number);
    SANAQ_TRY(kit);
    const auto owed = owed_components(*kit);
    if (ctx.json()) {
        ordered_json owed_json = ordered_json::array();
        for (auto t : owed) owed_json.push_back(component_code(t));
        auto out = ordered_json{{"act", act->number},
                                {"kit", kit->number},
                                {"state", kit_state_code(kit->state)},
                                {"still_owed", owed_json},
                                {"pdf", *act_path}};
        if (!act->paper_balance.empty()) out.update(act_paper_json(*act));
        ctx.emit(out);
    } else {
        ctx.say(format_message(tr("Act {}: kit {} checked in; state: {}."),
                               {act->number, kit->number, tr(kit_state_label(kit->state))}));
        if (!owed.empty())
            ctx.say(format_message(tr("Still owed by {}: {}."),
                                   {act->employee.full_name, owed_text(owed)}));
        say_account(ctx, act->employee.full_name, act->paper_balance);
        if (act->paper_discrepancy)
            ctx.say(tr("Closed with a paper discrepancy; the act records it."));
    }
    return {};
}

Status cmd_kit_list(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"outstanding", "state", "search", "export", "limit"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    if (a.flag("outstanding")) {
        auto rows = outstanding_kits(**session);
        SANAQ_TRY(rows);
        // Built only for people and files: --json skips the translated, padded cells.
        auto make_cells = [&] {
            std::vector<std::vector<std::string>> cells;
            for (const auto& r : *rows)
                cells.push_back({r.kit.number, tr(kit_state_label(r.kit.state)), r.institution.bin,
                                 i18n::current().language() == "kk" ? r.institution.name_kk
                                                                    : r.institution.name_ru,
                                 r.holder.full_name, r.holder.phone,
                                 r.issue.issued_at_utc.substr(0, 10), r.issue.due_date,
                                 std::to_string(r.days_out), r.overdue ? tr("overdue") : "",
                                 owed_text(r.owed)});
            return cells;
        };
        const std::vector<std::string> header = {tr("Kit"),         tr("State"),  tr("BIN"),
                                                 tr("Institution"), tr("Holder"), tr("Phone"),
                                                 tr("Issued on"),   tr("Due"),    tr("Days out"),
                                                 tr("Overdue"),     tr("Owed")};
        auto paper = paper_outstanding(**session);
        SANAQ_TRY(paper);
        if (auto out = a.get("export")) {
            SANAQ_TRY(require((*session)->actor, Operation::ExportReports));
            // One sheet: the kits, an empty row, then the paper held, under its own header row.
            auto cells = make_cells();
            if (!paper->empty()) {
                cells.push_back({});
                cells.push_back(paper_header());
                for (auto& row : paper_cells(*paper)) cells.push_back(std::move(row));
            }
            SANAQ_TRY(write_tabular(*out, header, cells, tr("Outstanding")));
            ctx.say(format_message(tr("Outstanding report written to {}."), {*out}));
        }
        if (ctx.json()) {
            // An array of kits as before; the paper is under `sanaq paper balance --json`.
            ordered_json out = ordered_json::array();
            for (const auto& r : *rows) out.push_back(to_json(r));
            ctx.emit(out);
        } else if (!a.get("export")) {
            ctx.say(table(header, make_cells()));
            ctx.say(
                format_message(i18n::current().trn("{} kit outstanding.", "{} kits outstanding.",
                                                   static_cast<long>(rows->size())),
                               {std::to_string(rows->size())}));
            if (!paper->empty()) {
                ctx.say(table(paper_header(), paper_cells(*paper)));
                ctx.say(format_message(i18n::current().trn("{} holder has paper census tools.",
                                                           "{} holders have paper census tools.",
                                                           static_cast<long>(paper->size())),
                                       {std::to_string(paper->size())}));
            }
        }
        return {};
    }
    KitQuery q;
    if (auto s = a.get("state")) {
        auto st = parse_kit_state(*s);
        if (!st)
            return fail(ErrorCode::Usage,
                        N_("Unknown kit state {}; use in_stock, issued, partly_returned, "
                           "under_repair or written_off."),
                        {*s});
        q.state = *st;
    }
    q.text = a.get_or("search", "");
    auto limit = a.integer("limit", 0);
    SANAQ_TRY(limit);
    q.limit = static_cast<std::size_t>(std::max(0, *limit));
    auto kits = list_kits(**session, q);
    SANAQ_TRY(kits);
    if (ctx.json()) {
        ordered_json out = ordered_json::array();
        for (const auto& k : *kits) out.push_back(to_json(k));
        ctx.emit(out);
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& k : *kits)
        rows.push_back({k.number, tr(kit_state_label(k.state)), k.tablet.model, k.tablet.serial,
                        k.tablet.usb_serial});
    ctx.say(table(
        {tr("Kit"), tr("State"), tr("Tablet model"), tr("Tablet serial"), tr("USB serial")}, rows));
    return {};
}

Status cmd_kit_show(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    const std::string number = ctx.args().positional(0);
    if (number.empty()) return fail(ErrorCode::Usage, N_("Name the kit to show."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto h = kit_history(**session, number);
    SANAQ_TRY(h);
    if (ctx.json()) {
        ordered_json acts = ordered_json::array();
        for (const auto& s : h->acts) acts.push_back(to_json(s));
        auto out = to_json(h->kit);
        out["acts"] = acts;
        ctx.emit(out);
        return {};
    }
    ctx.say(format_message(tr("Kit {}; state: {}."),
                           {h->kit.number, tr(kit_state_label(h->kit.state))}));
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : h->kit.components)
        rows.push_back(
            {tr(component_label(c.type)), c.serial, tr(component_status_label(c.status)), c.note});
    ctx.say(table({tr("Component"), tr("Serial"), tr("Status"), tr("Note")}, rows));
    for (const auto& s : h->acts)
        ctx.say(s.number + "  " + s.date + "  " + std::string(act_kind_code(s.kind)));
    return {};
}

Status cmd_kit_service(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"reason"}));
    const std::string number = a.positional(0), action = a.positional(1);
    KitService service;
    if (action == "repair")
        service = KitService::SendToRepair;
    else if (action == "repaired")
        service = KitService::BackFromRepair;
    else if (action == "write-off")
        service = KitService::WriteOff;
    else
        return fail(ErrorCode::Usage,
                    N_("Usage: sanaq kit service KIT repair|repaired|write-off [--reason TEXT]."));
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(service_kit(**session, number, service, a.get_or("reason", "")));
    auto kit = find_kit(**session, number);
    SANAQ_TRY(kit);
    if (ctx.json())
        ctx.emit(ordered_json{{"kit", kit->number}, {"state", kit_state_code(kit->state)}});
    else
        ctx.say(format_message(tr("Kit {}; state: {}."),
                               {kit->number, tr(kit_state_label(kit->state))}));
    return {};
}

Status cmd_kit_replace(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"component", "reason"}));
    const std::string number = a.positional(0);
    auto spec = a.need("component");
    SANAQ_TRY(spec);
    auto eq = spec->find('=');
    if (eq == std::string::npos)
        return fail(ErrorCode::Usage,
                    N_("Write a component as TYPE=SERIAL, e.g. charger=CH-0042; got {}."), {*spec});
    auto type = component_arg(spec->substr(0, eq));
    SANAQ_TRY(type);
    auto session = ctx.session();
    SANAQ_TRY(session);
    if (auto ok = replace_component(**session, number, *type, spec->substr(eq + 1),
                                    a.get_or("reason", ""));
        !ok)
        return ok;
    auto kit = find_kit(**session, number);
    SANAQ_TRY(kit);
    if (ctx.json())
        ctx.emit(to_json(*kit));
    else
        ctx.say(format_message(
            tr("Kit {}: part replaced: {}; state: {}."),
            {kit->number, tr(component_label(*type)), tr(kit_state_label(kit->state))}));
    return {};
}

namespace {
Status print_stock(Context& ctx) {
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto stock = paper_stock(**session);
    SANAQ_TRY(stock);
    if (ctx.json())
        ctx.emit(ordered_json{{"explanations", stock->explanations},
                              {"certificates", stock->certificates}});
    else {
        ctx.say(tr(paper_item_label(PaperItem::Explanations)) + ": " +
                std::to_string(stock->explanations));
        ctx.say(tr(paper_item_label(PaperItem::CompletionCertificates)) + ": " +
                std::to_string(stock->certificates));
    }
    return {};
}
}  // namespace

Status cmd_stock_show(Context& ctx) {
    SANAQ_TRY(ctx.args().only({}));
    return print_stock(ctx);
}

Status cmd_stock_receive(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"explanations", "certificates", "note"}));
    auto e = a.integer("explanations", 0);
    SANAQ_TRY(e);
    auto c = a.integer("certificates", 0);
    SANAQ_TRY(c);
    auto session = ctx.session();
    SANAQ_TRY(session);
    SANAQ_TRY(receive_paper(**session, *e, *c, a.get_or("note", "")));
    return print_stock(ctx);
}

Status cmd_paper_issue(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"to", "act", "explanations", "certificates", "note"}));
    auto to = a.need("to");
    SANAQ_TRY(to);
    auto act_path = a.need("act");
    SANAQ_TRY(act_path);
    SANAQ_TRY(check_output_path(*act_path, ".pdf"));
    auto catalogs = load_act_catalogs();
    SANAQ_TRY(catalogs);
    auto expl = a.integer("explanations", 0);
    SANAQ_TRY(expl);
    auto cert = a.integer("certificates", 0);
    SANAQ_TRY(cert);
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto act = issue_paper(**session, {*to, *expl, *cert, a.get_or("note", "")});
    SANAQ_TRY(act);
    SANAQ_TRY(write_act_file(**session, *catalogs, *act, *act_path));
    if (ctx.json())
        ctx.emit(ordered_json{{"act", act->number},
                              {"employee", act->employee.full_name},
                              {"institution", act->institution.bin},
                              {"explanations", *expl},
                              {"certificates", *cert},
                              {"pdf", *act_path}});
    else
        ctx.say(format_message(tr("Act {}: paper census tools handed to {}. The act is in {}."),
                               {act->number, act->employee.full_name, *act_path}));
    return {};
}

Status cmd_paper_return(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"from", "act", "explanations-returned", "explanations-used",
                      "certificates-returned", "certificates-used", "accept-discrepancy", "note"}));
    auto from = a.need("from");
    SANAQ_TRY(from);
    auto act_path = a.need("act");
    SANAQ_TRY(act_path);
    SANAQ_TRY(check_output_path(*act_path, ".pdf"));
    auto catalogs = load_act_catalogs();
    SANAQ_TRY(catalogs);
    PaperReturnRequest req;
    req.employee_iin = *from;
    req.note = a.get_or("note", "");
    req.accept_discrepancy = a.flag("accept-discrepancy");
    for (auto [option, field] : {std::pair{"explanations-returned", &req.explanations_returned},
                                 std::pair{"explanations-used", &req.explanations_used},
                                 std::pair{"certificates-returned", &req.certificates_returned},
                                 std::pair{"certificates-used", &req.certificates_used}}) {
        auto v = a.integer(option, 0);
        SANAQ_TRY(v);
        *field = *v;
    }
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto act = with_discrepancy_hint(ctx, return_paper(**session, req));
    SANAQ_TRY(act);
    SANAQ_TRY(write_act_file(**session, *catalogs, *act, *act_path));
    if (ctx.json()) {
        auto out = ordered_json{
            {"act", act->number}, {"employee", act->employee.full_name}, {"pdf", *act_path}};
        out.update(act_paper_json(*act));
        ctx.emit(out);
    } else {
        ctx.say(
            format_message(tr("Act {}: paper census tools taken back from {}. The act is in {}."),
                           {act->number, act->employee.full_name, *act_path}));
        say_account(ctx, act->employee.full_name, act->paper_balance);
        if (act->paper_discrepancy)
            ctx.say(tr("Closed with a paper discrepancy; the act records it."));
    }
    return {};
}

Status cmd_paper_balance(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"holder"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    if (auto iin = a.get("holder")) {
        auto held = paper_held(**session, *iin);
        SANAQ_TRY(held);
        if (ctx.json())
            ctx.emit(to_json(*held));
        else
            say_account(ctx, held->holder.full_name, held->items);
        return {};
    }
    auto holders = paper_outstanding(**session);
    SANAQ_TRY(holders);
    if (ctx.json()) {
        ordered_json out = ordered_json::array();
        for (const auto& h : *holders) out.push_back(to_json(h));
        ctx.emit(out);
        return {};
    }
    ctx.say(table(paper_header(), paper_cells(*holders)));
    ctx.say(format_message(i18n::current().trn("{} holder has paper census tools.",
                                               "{} holders have paper census tools.",
                                               static_cast<long>(holders->size())),
                           {std::to_string(holders->size())}));
    return {};
}

Status cmd_act_print(Context& ctx) {
    const auto& a = ctx.args();
    SANAQ_TRY(a.only({"out"}));
    const std::string number = a.positional(0);
    auto out = a.need("out");
    SANAQ_TRY(out);
    SANAQ_TRY(check_output_path(*out, ".pdf"));
    auto catalogs = load_act_catalogs();
    SANAQ_TRY(catalogs);
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto act = find_act(**session, number);
    SANAQ_TRY(act);
    SANAQ_TRY(write_act_file(**session, *catalogs, *act, *out));
    if (ctx.json())
        ctx.emit(
            ordered_json{{"act", act->number}, {"pdf", *out}, {"digest", act->content_digest()}});
    else
        ctx.say(format_message(tr("Act {} printed to {}."), {act->number, *out}));
    return {};
}

Status cmd_act_list(Context& ctx) {
    SANAQ_TRY(ctx.args().only({"kit"}));
    auto session = ctx.session();
    SANAQ_TRY(session);
    auto acts = list_acts(**session, ctx.args().get_or("kit", ""));
    SANAQ_TRY(acts);
    if (ctx.json()) {
        ordered_json out = ordered_json::array();
        for (const auto& s : *acts) out.push_back(to_json(s));
        ctx.emit(out);
        return {};
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : *acts) {
        std::string kits;
        for (const auto& k : s.kits) kits += (kits.empty() ? "" : ", ") + k;
        rows.push_back({s.number, s.kind == ActKind::Issue ? tr("issue") : tr("return"), s.date,
                        s.institution_bin, kits});
    }
    ctx.say(table({tr("Act"), tr("Kind"), tr("Date"), tr("BIN"), tr("Kits")}, rows));
    return {};
}

}  // namespace sanaq::cli

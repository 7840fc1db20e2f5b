#include "acts/act_document.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "acts/printed_text.h"
#include "core/domain/territories.h"

namespace sanaq::acts {
namespace {

using i18n::Catalog;
using i18n::format_message;

using detail::kDash;
using detail::Lang;
using detail::or_dash;
using detail::pick;

std::string title_of(const Act& act, const Lang& l) {
    return act.kind == ActKind::Issue ? l.tr(N_("Act of acceptance and transfer"))
                                      : l.tr(N_("Act of return of census equipment"));
}

Fields parties(const Act& act, const Lang& l) {
    const auto& d = act.department;
    const auto& i = act.institution;
    const auto& e = act.employee;
    Fields f;
    FieldGroup dept{l.tr(N_("Department")), {}};
    dept.fields.emplace_back(l.tr(N_("Official name")), or_dash(l.kazakh ? pick(d.name_kk, d.name_ru) : pick(d.name_ru, d.name_kk)));
    dept.fields.emplace_back(l.tr(N_("Address")), or_dash(d.address));
    const std::string& officer = act.officer.empty() ? d.head_name : act.officer;
    dept.fields.emplace_back(l.tr(N_("Act drawn up by")), or_dash(officer));
    f.groups.push_back(std::move(dept));

    FieldGroup inst{l.tr(N_("Institution")), {}};
    inst.fields.emplace_back(l.tr(N_("Official name")), or_dash(l.kazakh ? pick(i.name_kk, i.name_ru) : pick(i.name_ru, i.name_kk)));
    inst.fields.emplace_back(l.tr(N_("BIN")), or_dash(i.bin));
    inst.fields.emplace_back(l.tr(N_("Type of institution")), l.tr(institution_type_label(i.type)));
    inst.fields.emplace_back(
        l.tr(N_("KATO code")),
        i.kato.code.empty() ? std::string(kDash)
                            : l.fmt(N_("{} (classifier version {})"), {i.kato.code, or_dash(i.kato.classifier_version)}));
    // The region by name in the part's language, from the table shipped with the program: the
    // same for every print of the act, as its edition's region level never changes.
    if (const auto region = find_kato_region(i.kato.classifier_version, i.kato.code))
        inst.fields.emplace_back(l.tr(N_("Region")), std::string(region_name(*region, l.kazakh ? "kk" : "ru")));
    inst.fields.emplace_back(l.tr(N_("Address")), or_dash(i.address));
    f.groups.push_back(std::move(inst));

    FieldGroup emp{l.tr(N_("Responsible employee")), {}};
    emp.fields.emplace_back(l.tr(N_("Full name")), or_dash(e.full_name));
    emp.fields.emplace_back(l.tr(N_("IIN")), or_dash(e.iin));
    emp.fields.emplace_back(l.tr(N_("Position")), or_dash(e.position));
    if (!e.phone.empty()) emp.fields.emplace_back(l.tr(N_("Phone")), e.phone);
    f.groups.push_back(std::move(emp));
    return f;
}

Table kit_table(const Act& act, const Lang& l) {
    // A return act's outcomes are long ("returned damaged"...); an issue act's are one word.
    const bool ret = act.kind == ActKind::Return;
    Table t;
    t.columns = {
        {l.tr(N_("No.")), 0.45, Align::Right, false},
        {l.tr(N_("Kit No.")), 1.15, Align::Left, true},
        {l.tr(N_("Component")), 2.8, Align::Left, false},
        {l.tr(N_("Serial / inventory No.")), 1.7, Align::Left, false},
        {l.tr(N_("Outcome")), ret ? 2.2 : 1.5, Align::Left, false},
        {l.tr(N_("Note")), ret ? 1.5 : 2.2, Align::Left, false},
    };
    int n = 0;
    for (const auto& line : act.lines) {
        std::string component = l.tr(component_label(line.component));
        if (!line.description.empty()) component += "\n" + line.description;
        t.rows.push_back({std::to_string(++n), line.kit_number, component, or_dash(line.serial),
                          l.tr(line_outcome_label(line.outcome)), line.note});
    }
    return t;
}

std::string kit_summary(const Act& act, const Lang& l) {
    std::vector<std::string> kits;
    int in_order = 0, damaged = 0, missing = 0;
    for (const auto& line : act.lines) {
        if (std::find(kits.begin(), kits.end(), line.kit_number) == kits.end()) kits.push_back(line.kit_number);
        in_order += line.outcome == LineOutcome::ReturnedInOrder;
        damaged += line.outcome == LineOutcome::Damaged;
        missing += line.outcome == LineOutcome::Missing;
    }
    std::string s = l.fmt(N_("Kits: {}; components: {}."),
                          {std::to_string(kits.size()), std::to_string(act.lines.size())});
    if (act.kind == ActKind::Return)
        s += " " + l.fmt(N_("Returned in order: {}; returned damaged: {}; missing: {}."),
                         {std::to_string(in_order), std::to_string(damaged), std::to_string(missing)});
    return s;
}

Table paper_table(const Act& act, const Lang& l) {
    Table t;
    t.columns = {{l.tr(N_("No.")), 0.5, Align::Right, false}, {l.tr(N_("Paper census tool")), 6.0, Align::Left, false}};
    if (act.kind == ActKind::Issue) {
        t.columns.push_back({l.tr(N_("Handed over, copies")), 2.0, Align::Right, false});
    } else {
        t.columns.push_back({l.tr(N_("Returned unused, copies")), 2.0, Align::Right, false});
        t.columns.push_back({l.tr(N_("Used, copies")), 2.0, Align::Right, false});
    }
    int n = 0;
    for (const auto& p : act.paper) {
        std::vector<std::string> row{std::to_string(++n), l.tr(paper_item_label(p.item))};
        if (act.kind == ActKind::Issue) {
            row.push_back(std::to_string(p.handed));
        } else {
            row.push_back(std::to_string(p.returned));
            row.push_back(std::to_string(p.used));
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

/// The holder's paper account after a return act: what was handed since the first hand-over, what
/// they used and brought back, and what is still with them.
Table paper_balance_table(const Act& act, const Lang& l) {
    Table t;
    t.columns = {{l.tr(N_("No.")), 0.5, Align::Right, false},
                 {l.tr(N_("Paper census tool")), 4.5, Align::Left, false},
                 {l.tr(N_("Handed over, copies")), 1.6, Align::Right, false},
                 {l.tr(N_("Used, copies")), 1.6, Align::Right, false},
                 {l.tr(N_("Returned, copies")), 1.6, Align::Right, false},
                 {l.tr(N_("Balance, copies")), 1.6, Align::Right, false}};
    int n = 0;
    for (const auto& b : act.paper_balance)
        t.rows.push_back({std::to_string(++n), l.tr(paper_item_label(b.item)),
                          std::to_string(b.handed), std::to_string(b.used),
                          std::to_string(b.returned), std::to_string(b.balance())});
    return t;
}

Signatures signatures(const Act& act, const Lang& l) {
    const auto& d = act.department;
    const auto& i = act.institution;
    SignatureSide dept;
    dept.lines = {l.kazakh ? pick(d.name_kk, d.name_ru) : pick(d.name_ru, d.name_kk), l.tr(N_("Department employee"))};
    dept.name = act.officer.empty() ? d.head_name : act.officer;
    dept.seal_label = l.tr(N_("Place of seal"));
    SignatureSide emp;
    emp.lines = {l.kazakh ? pick(i.name_kk, i.name_ru) : pick(i.name_ru, i.name_kk)};
    if (!act.employee.position.empty()) emp.lines.push_back(act.employee.position);
    emp.name = act.employee.full_name;
    for (auto* s : {&dept, &emp}) {
        s->signature_label = l.tr(N_("(signature)"));
        s->name_label = l.tr(N_("(full name)"));
        s->date_label = l.tr(N_("Date"));
    }
    SignatureSide& gives = act.kind == ActKind::Issue ? dept : emp;
    SignatureSide& takes = act.kind == ActKind::Issue ? emp : dept;
    gives.caption = l.tr(N_("Handed over"));
    takes.caption = l.tr(N_("Accepted"));
    return Signatures{{gives, takes}};
}

Part build_part(const Act& act, const Lang& l, const std::string& qr_payload) {
    Part p;
    p.language = l.kazakh ? "kk" : "ru";
    const std::string title = title_of(act, l);
    p.outline = title;
    p.footer_left = l.fmt(N_("Act No. {}"), {act.number});
    p.page_pattern = l.tr(N_("Page {} of {}"));

    const auto& d = act.department;
    Letterhead head;
    head.lines.push_back(l.kazakh ? pick(d.name_kk, d.name_ru) : pick(d.name_ru, d.name_kk));
    if (!d.address.empty()) head.lines.push_back(d.address);
    head.qr_payload = qr_payload;
    head.qr_caption = act.number;
    p.blocks.emplace_back(std::move(head));

    p.blocks.emplace_back(Title{title, l.tr(N_("(tablet kits and paper census tools)"))});
    p.blocks.emplace_back(LeftRight{l.fmt(N_("No. {}"), {act.number}), format_act_date(act.date)});
    if (!act.order_number.empty())
        p.blocks.emplace_back(Paragraph{
            act.order_date.empty()
                ? l.fmt(N_("Under the joint order No. {} on the national census."), {act.order_number})
                : l.fmt(N_("Under the joint order of {} No. {} on the national census."),
                        {format_act_date(act.order_date), act.order_number}),
            false, 9, Align::Left});
    p.blocks.emplace_back(Paragraph{
        act.kind == ActKind::Issue
            ? l.tr(N_("The department hands over, and the responsible employee of the institution accepts, the "
                      "tablet kits with the electronic census sheets installed and the paper census tools listed "
                      "below. The equipment is returned to the department when the census ends."))
            : l.tr(N_("The responsible employee of the institution returns, and the department accepts, the "
                      "census equipment and paper census tools listed below; the condition of every component "
                      "is recorded in the table."))});
    p.blocks.emplace_back(parties(act, l));

    p.blocks.emplace_back(Heading{l.tr(N_("1. Tablet kits"))});
    if (act.lines.empty()) {
        p.blocks.emplace_back(Paragraph{l.tr(N_("None."))});
    } else {
        p.blocks.emplace_back(kit_table(act, l));
        p.blocks.emplace_back(Paragraph{kit_summary(act, l), false, 9, Align::Left});
    }

    p.blocks.emplace_back(Heading{l.tr(N_("2. Paper census tools"))});
    if (act.paper.empty())
        p.blocks.emplace_back(Paragraph{l.tr(N_("None."))});
    else
        p.blocks.emplace_back(paper_table(act, l));
    if (!act.paper_balance.empty()) {
        p.blocks.emplace_back(Paragraph{l.tr(N_("Paper census tools on the responsible employee's "
                                                "account after this act (balance = handed "
                                                "over - used - returned):")),
                                        false, 9, Align::Left});
        p.blocks.emplace_back(paper_balance_table(act, l));
    }
    if (act.paper_discrepancy)
        p.blocks.emplace_back(
            Paragraph{l.tr(N_("Discrepancy: the copies used and returned do not come to the copies "
                              "handed over. The return "
                              "is closed with the balance above not accounted for.")),
                      true});

    if (act.kind == ActKind::Issue && !act.due_date.empty())
        p.blocks.emplace_back(Paragraph{
            l.fmt(N_("Date by which the equipment is returned to the department: {}."), {format_act_date(act.due_date)}),
            true});
    if (!act.note.empty()) p.blocks.emplace_back(Paragraph{l.fmt(N_("Note: {}"), {act.note})});
    Signatures sign = signatures(act, l);
    sign.lead = l.tr(N_("This act is drawn up in two copies of equal legal force, one for each party."));
    p.blocks.emplace_back(std::move(sign));
    return p;
}

}  // namespace

std::string format_act_date(std::string_view iso) {
    const bool ok = iso.size() == 10 && iso[4] == '-' && iso[7] == '-' &&
                    std::all_of(iso.begin(), iso.end(), [](char ch) { return ch == '-' || std::isdigit(static_cast<unsigned char>(ch)); });
    if (!ok) return std::string(iso);
    return std::string(iso.substr(8, 2)) + "." + std::string(iso.substr(5, 2)) + "." + std::string(iso.substr(0, 4));
}

Result<Document> act_document(const Act& act, const i18n::Catalog& kk, const i18n::Catalog& ru) {
    std::string payload;
    try {
        payload = act.qr_payload();  // canonical JSON inside: refuses text that is not UTF-8
    } catch (const std::exception& ex) {
        return fail(ErrorCode::InvalidInput, N_("Act {} holds text that is not valid UTF-8 and cannot be printed."),
                    {act.number}, ex.what());
    }
    const Lang lk{kk, true};
    const Lang lr{ru, false};
    Document doc;
    doc.title = title_of(act, lk) + " / " + title_of(act, lr) + " " + act.number;
    doc.author = act.officer.empty() ? act.department.head_name : act.officer;
    doc.subject = act.department.name_ru.empty() ? act.department.name_kk : act.department.name_ru;
    doc.created_utc = act.created_at_utc;
    doc.parts.push_back(build_part(act, lk, payload));
    doc.parts.push_back(build_part(act, lr, payload));
    return doc;
}

Status write_act_pdf(const Act& act, const std::filesystem::path& out, const i18n::Catalog& kk,
                     const i18n::Catalog& ru) {
    auto doc = act_document(act, kk, ru);
    SANAQ_TRY(doc);
    return write_pdf(*doc, out);
}

Result<int> act_page_count(const Act& act, const i18n::Catalog& kk, const i18n::Catalog& ru) {
    auto doc = act_document(act, kk, ru);
    SANAQ_TRY(doc);
    return page_count(*doc);
}

Result<PageImage> render_act_page(const Act& act, int index, double dpi, const i18n::Catalog& kk,
                                  const i18n::Catalog& ru) {
    auto doc = act_document(act, kk, ru);
    SANAQ_TRY(doc);
    return render_page(*doc, index, dpi);
}

}  // namespace sanaq::acts

#include "core/domain/act.h"

#include <nlohmann/json.hpp>

#include "crypto/crypto.h"

namespace sanaq {
namespace {
using nlohmann::ordered_json;
}

std::string_view act_kind_code(ActKind kind) { return kind == ActKind::Issue ? "issue" : "return"; }

std::string_view line_outcome_code(LineOutcome outcome) {
    switch (outcome) {
        case LineOutcome::Handed: return "handed";
        case LineOutcome::ReturnedInOrder: return "returned";
        case LineOutcome::Damaged: return "damaged";
        case LineOutcome::Missing: return "missing";
    }
    return "handed";
}
std::optional<LineOutcome> parse_line_outcome(std::string_view code) {
    for (auto o : {LineOutcome::Handed, LineOutcome::ReturnedInOrder, LineOutcome::Damaged, LineOutcome::Missing})
        if (line_outcome_code(o) == code) return o;
    return std::nullopt;
}
const char* line_outcome_label(LineOutcome outcome) {
    switch (outcome) {
        case LineOutcome::Handed: return N_("handed over");
        case LineOutcome::ReturnedInOrder: return N_("returned in order");
        case LineOutcome::Damaged: return N_("returned damaged");
        case LineOutcome::Missing: return N_("missing");
    }
    return "";
}

std::string act_to_json(const Act& act) {
    ordered_json j;
    j["format"] = 1;
    j["number"] = act.number;
    j["kind"] = act_kind_code(act.kind);
    j["date"] = act.date;
    j["created_at_utc"] = act.created_at_utc;
    j["department"] = {{"name_kk", act.department.name_kk}, {"name_ru", act.department.name_ru},
                       {"address", act.department.address}, {"head_name", act.department.head_name}};
    j["officer"] = act.officer;
    j["institution"] = {{"bin", act.institution.bin}, {"name_kk", act.institution.name_kk},
                        {"name_ru", act.institution.name_ru},
                        {"type", institution_type_code(act.institution.type)},
                        {"kato", act.institution.kato.code},
                        {"kato_version", act.institution.kato.classifier_version},
                        {"address", act.institution.address}};
    j["employee"] = {{"id", act.employee.id}, {"iin", act.employee.iin},
                     {"full_name", act.employee.full_name}, {"position", act.employee.position},
                     {"phone", act.employee.phone}};
    j["lines"] = ordered_json::array();
    for (const auto& l : act.lines)
        j["lines"].push_back({{"kit", l.kit_number}, {"component", component_code(l.component)},
                              {"serial", l.serial}, {"description", l.description},
                              {"outcome", line_outcome_code(l.outcome)}, {"note", l.note}});
    j["paper"] = ordered_json::array();
    for (const auto& p : act.paper)
        j["paper"].push_back({{"item", paper_item_code(p.item)}, {"handed", p.handed},
                              {"returned", p.returned}, {"used", p.used}});
    j["due_date"] = act.due_date;
    j["note"] = act.note;
    // Only when set: the frozen JSON (and so the digest) of an act made without it stays as it was.
    if (!act.order_number.empty() || !act.order_date.empty())
        j["legal_basis"] = {{"order_number", act.order_number}, {"order_date", act.order_date}};
    if (!act.paper_balance.empty()) {
        j["paper_balance"] = ordered_json::array();
        for (const auto& b : act.paper_balance)
            j["paper_balance"].push_back({{"item", paper_item_code(b.item)},
                                          {"handed", b.handed},
                                          {"used", b.used},
                                          {"returned", b.returned}});
    }
    if (act.paper_discrepancy) j["paper_discrepancy"] = true;
    return j.dump();
}

Result<Act> act_from_json(const std::string& text) {
    try {
        const auto j = ordered_json::parse(text);
        Act act;
        act.number = j.at("number");
        act.kind = j.at("kind") == "issue" ? ActKind::Issue : ActKind::Return;
        act.date = j.at("date");
        act.created_at_utc = j.at("created_at_utc");
        const auto& d = j.at("department");
        act.department = {d.at("name_kk"), d.at("name_ru"), d.at("address"), d.at("head_name")};
        act.officer = j.at("officer");
        const auto& i = j.at("institution");
        act.institution.bin = i.at("bin");
        act.institution.name_kk = i.at("name_kk");
        act.institution.name_ru = i.at("name_ru");
        act.institution.type = parse_institution_type(i.at("type").get<std::string>()).value_or(InstitutionType::Other);
        act.institution.kato = {i.at("kato"), i.at("kato_version")};
        act.institution.address = i.at("address");
        const auto& e = j.at("employee");
        act.employee = {e.at("id"), act.institution.bin, e.at("iin"), e.at("full_name"),
                        e.at("position"), e.at("phone")};
        for (const auto& l : j.at("lines")) {
            ActLine line;
            line.kit_number = l.at("kit");
            line.component = parse_component(l.at("component").get<std::string>()).value_or(ComponentType::Tablet);
            line.serial = l.at("serial");
            line.description = l.at("description");
            line.outcome = parse_line_outcome(l.at("outcome").get<std::string>()).value_or(LineOutcome::Handed);
            line.note = l.at("note");
            act.lines.push_back(std::move(line));
        }
        for (const auto& p : j.at("paper"))
            act.paper.push_back({parse_paper_item(p.at("item").get<std::string>()).value_or(PaperItem::Explanations),
                                 p.at("handed"), p.at("returned"), p.at("used")});
        act.due_date = j.at("due_date");
        act.note = j.at("note");
        if (const auto basis = j.find("legal_basis"); basis != j.end()) {
            act.order_number = basis->at("order_number");
            act.order_date = basis->at("order_date");
        }
        if (const auto balance = j.find("paper_balance"); balance != j.end())
            for (const auto& b : *balance)
                act.paper_balance.push_back({parse_paper_item(b.at("item").get<std::string>())
                                                 .value_or(PaperItem::Explanations),
                                             b.at("handed"), b.at("used"), b.at("returned")});
        if (const auto discrepancy = j.find("paper_discrepancy"); discrepancy != j.end())
            act.paper_discrepancy = discrepancy->get<bool>();
        return act;
    } catch (const std::exception& ex) {
        return fail(ErrorCode::WorkspaceDamaged, N_("A stored act could not be read back."), {}, ex.what());
    }
}

std::string Act::content_digest() const { return crypto::sha256_hex(act_to_json(*this)); }

std::string Act::qr_payload() const {
    // Short enough for a small QR code at medium error correction.
    return "SANAQ-ACT/1;" + number + ";" + std::string(act_kind_code(kind)) + ";" + date + ";" +
           institution.bin + ";" + content_digest().substr(0, 16);
}

}  // namespace sanaq

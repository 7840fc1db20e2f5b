#include "cli/output.h"

#include <algorithm>

#include "core/i18n/catalog.h"

namespace sanaq::cli {

using nlohmann::ordered_json;

ordered_json to_json(const Kit& kit) {
    ordered_json components = ordered_json::array();
    for (const auto& c : kit.components)
        components.push_back({{"type", component_code(c.type)}, {"serial", c.serial},
                              {"status", component_status_code(c.status)}, {"note", c.note}});
    return {{"number", kit.number},
            {"state", kit_state_code(kit.state)},
            {"tablet", {{"model", kit.tablet.model}, {"serial", kit.tablet.serial},
                        {"imei", kit.tablet.imei}, {"usb_serial", kit.tablet.usb_serial}}},
            {"components", components},
            {"note", kit.note}};
}

ordered_json to_json(const OutstandingKit& row) {
    ordered_json owed = ordered_json::array();
    for (auto t : row.owed) owed.push_back(component_code(t));
    return {{"kit", row.kit.number},
            {"state", kit_state_code(row.kit.state)},
            {"holder", {{"id", row.holder.id}, {"full_name", row.holder.full_name}, {"iin", row.holder.iin},
                        {"position", row.holder.position}, {"phone", row.holder.phone}}},
            {"institution", {{"bin", row.institution.bin}, {"name_kk", row.institution.name_kk},
                             {"name_ru", row.institution.name_ru}}},
            {"issue_act", row.issue.issue_act},
            {"issued_at_utc", row.issue.issued_at_utc},
            {"due_date", row.issue.due_date},
            {"days_out", row.days_out},
            {"overdue", row.overdue},
            {"owed", owed}};
}

ordered_json to_json(const HeldPaper& held) {
    ordered_json items = ordered_json::object();
    for (const auto& b : held.items)
        items[std::string(paper_item_code(b.item))] = {{"handed", b.handed},
                                                       {"used", b.used},
                                                       {"returned", b.returned},
                                                       {"balance", b.balance()}};
    return {{"holder",
             {{"id", held.holder.id},
              {"full_name", held.holder.full_name},
              {"iin", held.holder.iin},
              {"position", held.holder.position},
              {"phone", held.holder.phone}}},
            {"institution",
             {{"bin", held.institution.bin},
              {"name_kk", held.institution.name_kk},
              {"name_ru", held.institution.name_ru}}},
            {"paper", items}};
}

ordered_json to_json(const Institution& i) {
    return {{"bin", i.bin}, {"name_kk", i.name_kk}, {"name_ru", i.name_ru},
            {"type", institution_type_code(i.type)}, {"kato", i.kato.code},
            {"kato_version", i.kato.classifier_version}, {"address", i.address}};
}

ordered_json to_json(const ResponsibleEmployee& e) {
    return {{"id", e.id}, {"institution", e.institution_bin}, {"iin", e.iin}, {"full_name", e.full_name},
            {"position", e.position}, {"phone", e.phone},
            {"appointment_order_number", e.appointment_order_number},
            {"appointment_order_date", e.appointment_order_date}, {"trained_on", e.trained_on},
            {"ready", e.ready()}};
}

ordered_json to_json(const User& u) {
    return {{"name", u.name}, {"full_name", u.full_name}, {"role", role_name(u.role)}, {"active", u.active},
            {"created_at_utc", u.created_at_utc}};
}

ordered_json to_json(const AuditEntry& e) {
    ordered_json out = {{"seq", e.seq}, {"at_utc", e.at_utc}, {"at_local", e.at_local}, {"actor", e.actor},
                        {"action", e.action}, {"object_type", e.object_type}, {"object_id", e.object_id},
                        {"reason", e.reason}, {"details", e.details}, {"hash", e.hash}};
    if (e.voided) out["voided"] = true;  // a later store.commit_incomplete voided its change
    return out;
}

ordered_json to_json(const ActSummary& a) {
    return {{"number", a.number}, {"kind", act_kind_code(a.kind)}, {"date", a.date},
            {"institution", a.institution_bin}, {"employee_id", a.employee_id}, {"kits", a.kits}};
}

ordered_json to_json(const CountsSource& s) {
    return {{"from_summary", s.summary},
            {"as_of", s.summary && !s.as_of_utc.empty() ? ordered_json(s.as_of_utc) : ordered_json(nullptr)}};
}

std::string counts_source_text(const CountsSource& s) {
    if (!s.summary) return {};
    if (s.as_of_utc.empty())
        return tr(N_("These counts come from the department's summary, which no officer or supervisor has stored "
                     "yet: it fills with their next reconciliation, review decision, list import, pull or upstream "
                     "send. Your role does not open the census records."));
    return i18n::format_message(tr(N_("Counts as of {}, from the department's summary that officers and "
                                      "supervisors keep: your role does not open the census records.")),
                                {s.as_of_utc});
}

namespace {
std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}
}  // namespace

std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width(header.size());
    for (std::size_t i = 0; i < header.size(); ++i) width[i] = display_width(header[i]);
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size() && i < width.size(); ++i) width[i] = std::max(width[i], display_width(r[i]));
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size() && i < width.size(); ++i) {
            out += cells[i];
            if (i + 1 < cells.size()) out += std::string(width[i] - display_width(cells[i]) + 2, ' ');
        }
        out += '\n';
    };
    line(header);
    for (const auto& r : rows) line(r);
    if (!out.empty()) out.pop_back();
    return out;
}

}  // namespace sanaq::cli

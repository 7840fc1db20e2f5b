#include "acts/register_pdf.h"

#include "acts/act_document.h"
#include "acts/printed_text.h"

namespace sanaq::acts {
namespace {

using detail::Lang;
using detail::or_dash;

std::string title_of(const Lang& l) { return l.tr(N_("Institutions that have not sent their list")); }

std::string date_or_dash(const std::string& iso) { return iso.empty() ? or_dash(iso) : format_act_date(iso); }

Table rows_table(const RegisterReport& r, const Lang& l) {
    Table t;
    // Widths in points of the landscape page's 742 pt of text, the name taking what is left.
    t.columns.push_back({l.tr(N_("No.")), 26, Align::Right, false});
    t.columns.push_back({l.tr(N_("BIN")), 70, Align::Left, false});
    t.columns.push_back({l.tr(N_("Institution")), 300, Align::Left, false});
    t.columns.push_back({l.tr(N_("KATO")), 66, Align::Left, false});
    t.columns.push_back({l.tr(N_("Deadline")), 70, Align::Left, false});
    t.columns.push_back({l.tr(N_("Status")), 90, Align::Left, false});
    t.columns.push_back({l.tr(N_("Expected")), 60, Align::Right, false});
    int n = 0;
    for (const auto& row : r.rows) {
        const auto& i = row.institution;
        t.rows.push_back({std::to_string(++n), i.bin, or_dash(l.name(i.name_kk, i.name_ru)), i.kato.code,
                          date_or_dash(row.deadline), l.tr(list_status_label(row.status)),
                          row.duty.expected ? std::to_string(*row.duty.expected) : or_dash("")});
    }
    return t;
}

Part build_part(const RegisterReport& r, const Lang& l) {
    Part p;
    p.language = l.kazakh ? "kk" : "ru";
    const std::string title = title_of(l);
    p.outline = title;
    p.footer_left = r.generated_at_utc.empty() ? title : title + ", " + format_utc_time(r.generated_at_utc);
    p.page_pattern = l.tr(N_("Page {} of {}"));
    const std::string& department = l.name(r.department_kk, r.department_ru);
    if (!department.empty()) p.blocks.emplace_back(Letterhead{{department}, {}, {}});
    p.blocks.emplace_back(Title{title, l.fmt(N_("Stage 1 lists as of {}"), {date_or_dash(r.today)})});
    p.blocks.emplace_back(Paragraph{
        l.fmt(N_("Lists: received {} of {}, late {}, missing {}."),
              {std::to_string(r.tally.received), std::to_string(r.tally.owing), std::to_string(r.tally.late),
               std::to_string(r.tally.missing)}),
        true, 10, Align::Left});
    if (r.rows.empty())
        p.blocks.emplace_back(Paragraph{l.tr(N_("None."))});
    else
        p.blocks.emplace_back(rows_table(r, l));
    return p;
}

}  // namespace

Document register_document(const RegisterReport& report, const i18n::Catalog& kk, const i18n::Catalog& ru,
                           ReportLanguages langs) {
    const Lang lk{kk, true};
    const Lang lr{ru, false};
    Document doc;
    doc.orientation = Orientation::Landscape;
    const bool with_kk = langs != ReportLanguages::Russian;
    const bool with_ru = langs != ReportLanguages::Kazakh;
    doc.title = with_kk && with_ru ? title_of(lk) + " / " + title_of(lr) : title_of(with_kk ? lk : lr);
    doc.subject = report.department_ru.empty() ? report.department_kk : report.department_ru;
    doc.created_utc = report.generated_at_utc;
    if (with_kk) doc.parts.push_back(build_part(report, lk));
    if (with_ru) doc.parts.push_back(build_part(report, lr));
    return doc;
}

Status write_register_pdf(const RegisterReport& report, const std::filesystem::path& out, const i18n::Catalog& kk,
                          const i18n::Catalog& ru, ReportLanguages langs) {
    return write_pdf(register_document(report, kk, ru, langs), out);
}

}  // namespace sanaq::acts

#include "acts/coverage_pdf.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "acts/printed_text.h"
#include "core/domain/identifiers.h"
#include "acts/act_document.h"

namespace sanaq::acts {
namespace {

using i18n::Catalog;
using i18n::format_message;

using detail::kDash;
using detail::Lang;
using detail::or_dash;
using detail::pick;

std::string title_of(const Lang& l) { return l.tr(N_("Coverage of the census in institutions")); }

std::string subtitle_of(CoverageLevel level, const Lang& l) {
    switch (level) {
        case CoverageLevel::District: return l.tr(N_("(by district)"));
        case CoverageLevel::Region: return l.tr(N_("(by region)"));
        case CoverageLevel::Institution: break;
    }
    return l.tr(N_("(by institution)"));
}

std::string chart_caption(CoverageLevel level, const Lang& l) {
    switch (level) {
        case CoverageLevel::District: return l.tr(N_("Coverage by district, %"));
        case CoverageLevel::Region: return l.tr(N_("Coverage by region, %"));
        case CoverageLevel::Institution: break;
    }
    return l.tr(N_("Coverage by institution, %"));
}

// The counts stand after a colon, where no noun has to agree with them: the act printer's own
// translation table holds one form per msgid.
std::string lowest_caption(CoverageLevel level, const Lang& l, std::size_t shown, std::size_t of) {
    const std::vector<std::string> args{std::to_string(shown), std::to_string(of)};
    switch (level) {
        case CoverageLevel::District:
            return l.fmt(N_("Districts and cities with the lowest coverage: {} (of {}), %"), args);
        case CoverageLevel::Region: return l.fmt(N_("Regions with the lowest coverage: {} (of {}), %"), args);
        case CoverageLevel::Institution: break;
    }
    return l.fmt(N_("Institutions with the lowest coverage: {} (of {}), %"), args);
}


std::string count(std::int64_t n) { return std::to_string(n); }

Fields source_fields(const CoverageReport& r, const Lang& l) {
    Fields f;
    f.label_share = 0.28;
    FieldGroup g{l.tr(N_("Source of the figures")), {}};
    g.fields.emplace_back(l.tr(N_("Report generated")), or_dash(format_utc_time(r.generated_at_utc)));
    if (r.run) {
        const auto& run = *r.run;
        g.fields.emplace_back(l.tr(N_("Reconciliation of the lists")),
                              l.fmt(N_("No. {}, finished {}"), {count(run.id), or_dash(format_utc_time(run.finished_at_utc))}));
        g.fields.emplace_back(l.tr(N_("Run by")), or_dash(run.user));
        g.fields.emplace_back(l.tr(N_("Persons on the lists")), count(run.listed));
        g.fields.emplace_back(l.tr(N_("Persons enumerated")), count(run.enumerated));
    }
    f.groups.push_back(std::move(g));
    return f;
}

Table coverage_table(const CoverageReport& r, const Lang& l) {
    const bool inst = r.level == CoverageLevel::Institution;
    Table t;
    t.bold_last_row = true;
    // Weights are the widths in points on the landscape page (742 pt of text): each figures' column
    // is as wide as its header's longest word in bold 8 pt plus the padding, so no word is broken
    // ("Сәйкестендірілген" 77 pt, "переписанные" 62 pt); the name takes what is left.
    t.columns.push_back({l.tr(N_("No.")), 26, Align::Right, false});
    t.columns.push_back({inst ? l.tr(N_("BIN")) : l.tr(N_("KATO code")), inst ? 66.0 : 50.0, Align::Left, false});
    t.columns.push_back({inst ? l.tr(N_("Institution")) : l.tr(N_("Territory")), inst ? 185.0 : 140.0, Align::Left, false});
    if (!inst) t.columns.push_back({l.tr(N_("Institutions")), 61, Align::Right, false});
    const std::pair<const char*, double> figures[] = {
        {N_("Listed"), 44},       {N_("Enumerated"), 58},    {N_("Matched"), 85},      {N_("Missing"), 68},
        {N_("Extra"), 44},        {N_("Counted twice"), 70}, {N_("Under review"), 50}, {N_("Coverage, %"), 46}};
    for (const auto& [header, weight] : figures) t.columns.push_back({l.tr(header), weight, Align::Right, false});
    auto row = [&](const CoverageRow& c, std::string no, std::string key, std::string name) {
        std::vector<std::string> cells{std::move(no), std::move(key), std::move(name)};
        if (!inst) cells.push_back(count(c.institutions));
        for (std::int64_t v : {c.listed, c.enumerated, c.matched, c.missing, c.extra, c.duplicates, c.review + c.conflict})
            cells.push_back(count(v));
        cells.push_back(format_coverage_percent(c.matched, c.listed));
        return cells;
    };
    int n = 0;
    for (const auto& c : r.rows) {
        // A territory of another KATO edition than the current one says which: the same digits
        // name another territory there.
        std::string key = c.key;
        if (!inst && !c.kato_version.empty() && c.kato_version != kKatoCurrentVersion)
            key = l.fmt(N_("{} (KATO {})"), {key, c.kato_version});
        t.rows.push_back(row(c, std::to_string(++n), std::move(key), or_dash(l.name(c.name_kk, c.name_ru))));
    }
    t.rows.push_back(row(r.total, "", "", l.tr(N_("Total"))));
    return t;
}

/// The matched persons of the total by the channel that counted them, and of them those whose
/// answers came from administrative records: "missing" is counted by no channel.
Table channel_table(const CoverageReport& r, const Lang& l) {
    Table t;
    t.columns.push_back({l.tr(N_("Channel")), 300, Align::Left, false});
    t.columns.push_back({l.tr(N_("Matched")), 85, Align::Right, false});
    for (std::size_t c = 0; c < kEnumerationChannelCount; ++c)
        t.rows.push_back({l.tr(enumeration_channel_label(static_cast<EnumerationChannel>(c))),
                          count(r.total.matched_by_channel[c])});
    t.rows.push_back({l.tr(N_("From administrative records")),
                      count(r.total.matched_by_source[static_cast<std::size_t>(RecordSource::AdministrationRecords)])});
    return t;
}

/// The listed persons of the total by resident category.
Table residence_table(const CoverageReport& r, const Lang& l) {
    Table t;
    t.columns.push_back({l.tr(N_("Resident category")), 300, Align::Left, false});
    for (const char* h : {N_("Listed"), N_("Matched"), N_("Missing"), N_("Coverage, %")})
        t.columns.push_back({l.tr(h), 85, Align::Right, false});
    for (std::size_t i = 0; i < r.total.by_residence.size(); ++i) {
        const auto& c = r.total.by_residence[i];
        const char* label = i < 3 ? residence_label(static_cast<Residence>(i)) : N_("Category not given");
        t.rows.push_back({l.tr(label), count(c.listed), count(c.matched), count(c.missing),
                          format_coverage_percent(c.matched, c.listed)});
    }
    return t;
}

BarChart coverage_chart(const CoverageReport& r, const Lang& l) {
    std::vector<const CoverageRow*> rows;
    for (const auto& c : r.rows)
        if (c.listed > 0) rows.push_back(&c);  // no coverage without anyone listed
    BarChart chart;
    chart.max = 100;
    chart.tick = 10;
    if (rows.size() > kCoverageChartRows) {
        std::stable_sort(rows.begin(), rows.end(), [](const CoverageRow* a, const CoverageRow* b) {
            // matched_a / listed_a < matched_b / listed_b, exactly
            return a->matched * b->listed < b->matched * a->listed;
        });
        chart.caption = lowest_caption(r.level, l, kCoverageChartRows, rows.size());
        rows.resize(kCoverageChartRows);
    } else {
        chart.caption = chart_caption(r.level, l);
    }
    if (r.total.listed > 0) {
        chart.reference = r.total.coverage_percent();
        chart.reference_label =
            l.fmt(N_("Overall coverage: {}%"), {format_coverage_percent(r.total.matched, r.total.listed)});
    }
    for (const CoverageRow* c : rows) {
        const std::string& name = l.name(c->name_kk, c->name_ru);
        chart.bars.push_back({name.empty() ? c->key : c->key + "  " + name, c->coverage_percent(),
                              format_coverage_percent(c->matched, c->listed)});
    }
    return chart;
}

std::optional<std::chrono::sys_days> parse_day(const std::string& iso) {
    unsigned y = 0, m = 0, d = 0;
    char tail = 0;
    if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(y)), std::chrono::month(m),
                                          std::chrono::day(d)};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days(ymd);
}

std::string day_label(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd(day);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u.%02u", static_cast<unsigned>(ymd.day()), static_cast<unsigned>(ymd.month()));
    return buf;
}

// The progress points that have a real date, in date order.
std::vector<std::pair<std::chrono::sys_days, std::int64_t>> progress_days(const CoverageReport& r) {
    std::vector<std::pair<std::chrono::sys_days, std::int64_t>> days;
    for (const auto& p : r.progress)
        if (auto d = parse_day(p.day)) days.emplace_back(*d, p.matched_cumulative);
    std::stable_sort(days.begin(), days.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return days;
}

LineChart progress_chart(const CoverageReport& r, const Lang& l) {
    const auto days = progress_days(r);
    LineChart chart;
    chart.caption = l.tr(N_("Progress of the census by day"));
    chart.series_label = l.tr(N_("Listed persons found enumerated, cumulative"));
    chart.height_pt = 300;
    chart.reference = static_cast<double>(r.total.listed);
    chart.reference_label = l.fmt(N_("On the lists: {}"), {count(r.total.listed)});
    const auto first = days.front().first;
    for (const auto& [day, matched] : days)
        chart.points.emplace_back(static_cast<double>((day - first).count()), static_cast<double>(matched));
    const int span = static_cast<int>((days.back().first - first).count());
    const int step = std::max(1, (span + 13) / 14);  // about 14 dates at most along the axis
    for (int d = 0; d <= span; d += step)
        chart.x_labels.emplace_back(static_cast<double>(d), day_label(first + std::chrono::days(d)));
    return chart;
}

std::string numbered(int& section, const std::string& text) { return std::to_string(++section) + ". " + text; }

Part build_part(const CoverageReport& r, const Lang& l) {
    Part p;
    p.language = l.kazakh ? "kk" : "ru";
    const std::string title = title_of(l);
    p.outline = title;
    p.footer_left = r.generated_at_utc.empty() ? title : title + ", " + format_utc_time(r.generated_at_utc);
    p.page_pattern = l.tr(N_("Page {} of {}"));

    const std::string& department = l.name(r.department_kk, r.department_ru);
    if (!department.empty()) p.blocks.emplace_back(Letterhead{{department}, {}, {}});
    p.blocks.emplace_back(Title{title, subtitle_of(r.level, l)});
    p.blocks.emplace_back(source_fields(r, l));
    if (!r.run)
        p.blocks.emplace_back(Paragraph{l.tr(N_("No reconciliation of the lists has been run yet.")), true, 10,
                                        Align::Left});

    int section = 0;
    p.blocks.emplace_back(Heading{numbered(section, l.tr(N_("Coverage table")))});
    if (r.rows.empty()) {
        p.blocks.emplace_back(Paragraph{l.tr(N_("None."))});
    } else {
        p.blocks.emplace_back(Paragraph{
            l.tr(N_("Coverage is the share of listed persons found among the enumerated. Under review: listed "
                    "persons awaiting a supervisor's decision, conflicts included.")),
            false, 8, Align::Left});
        p.blocks.emplace_back(coverage_table(r, l));
        p.blocks.emplace_back(Heading{numbered(section, l.tr(N_("Matched persons by channel")))});
        p.blocks.emplace_back(channel_table(r, l));
        p.blocks.emplace_back(Heading{numbered(section, l.tr(N_("Listed persons by resident category")))});
        p.blocks.emplace_back(residence_table(r, l));
    }

    BarChart bars = coverage_chart(r, l);
    if (!bars.bars.empty()) {
        bars.caption = numbered(section, bars.caption);
        p.blocks.emplace_back(std::move(bars));
    }

    if (progress_days(r).size() >= 2) {
        LineChart progress = progress_chart(r, l);
        progress.caption = numbered(section, progress.caption);
        p.blocks.emplace_back(std::move(progress));
    } else if (r.run) {
        p.blocks.emplace_back(Heading{numbered(section, l.tr(N_("Progress of the census by day")))});
        p.blocks.emplace_back(Paragraph{l.tr(N_("The progress chart needs figures for at least two days.")), false,
                                        10, Align::Left});
    }
    return p;
}

}  // namespace

std::string format_coverage_percent(std::int64_t matched, std::int64_t listed) {
    if (listed <= 0) return kDash;
    matched = std::clamp<std::int64_t>(matched, 0, listed);
    std::int64_t tenths = (2000 * matched + listed) / (2 * listed);  // rounded half up
    if (tenths == 1000 && matched < listed) tenths = 999;             // not everyone: not 100 %
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10);
}

std::string format_utc_time(std::string_view iso) {
    // YYYY-MM-DDTHH:MM[:SS[.fff]][Z]
    auto digits = [&](std::size_t from, std::size_t n) {
        return std::all_of(iso.begin() + from, iso.begin() + from + n,
                           [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; });
    };
    const bool ok = iso.size() >= 16 && digits(0, 4) && iso[4] == '-' && digits(5, 2) && iso[7] == '-' &&
                    digits(8, 2) && (iso[10] == 'T' || iso[10] == ' ') && digits(11, 2) && iso[13] == ':' &&
                    digits(14, 2);
    if (!ok) return std::string(iso);
    return format_act_date(iso.substr(0, 10)) + " " + std::string(iso.substr(11, 5)) + " UTC";
}

Document coverage_document(const CoverageReport& report, const i18n::Catalog& kk, const i18n::Catalog& ru,
                           ReportLanguages langs) {
    const Lang lk{kk, true};
    const Lang lr{ru, false};
    Document doc;
    doc.orientation = Orientation::Landscape;
    const bool with_kk = langs != ReportLanguages::Russian;
    const bool with_ru = langs != ReportLanguages::Kazakh;
    doc.title = with_kk && with_ru ? title_of(lk) + " / " + title_of(lr) : title_of(with_kk ? lk : lr);
    doc.author = report.run ? report.run->user : std::string();
    doc.subject = report.department_ru.empty() ? report.department_kk : report.department_ru;
    doc.created_utc = report.generated_at_utc;
    if (with_kk) doc.parts.push_back(build_part(report, lk));
    if (with_ru) doc.parts.push_back(build_part(report, lr));
    return doc;
}

Status write_coverage_pdf(const CoverageReport& report, const std::filesystem::path& out, const i18n::Catalog& kk,
                          const i18n::Catalog& ru, ReportLanguages langs) {
    return write_pdf(coverage_document(report, kk, ru, langs), out);
}

Result<int> coverage_page_count(const CoverageReport& report, const i18n::Catalog& kk, const i18n::Catalog& ru,
                                ReportLanguages langs) {
    return page_count(coverage_document(report, kk, ru, langs));
}

Result<PageImage> render_coverage_page(const CoverageReport& report, int index, double dpi, const i18n::Catalog& kk,
                                       const i18n::Catalog& ru, ReportLanguages langs) {
    return render_page(coverage_document(report, kk, ru, langs), index, dpi);
}

}  // namespace sanaq::acts

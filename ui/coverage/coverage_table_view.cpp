#include "ui/coverage/coverage_table_view.h"

#include <algorithm>

#include "core/domain/identifiers.h"
#include "ui/common/list_columns.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/common/palette.h"

namespace sanaq::ui {

CoverageTableView::CoverageTableView(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES) {
    total_attr_.SetBackgroundColour(palette::neutral_row());
    total_attr_.SetFont(GetFont().Bold());
    append_fitted_column(this, _("Institution"), 260);
    append_fitted_column(this, _("BIN"), 100, {"000000000000"});
    append_fitted_column(this, _("Coverage"), 70, {"100.0 %"}, wxLIST_FORMAT_RIGHT);
    // TRANSLATORS: coverage table columns (persons): on the lists, enumerated, found, ...
    append_fitted_column(this, _("Listed"), 60, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("Enumerated"), 70, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("Matched"), 60, {}, wxLIST_FORMAT_RIGHT);
    for (std::size_t c = 0; c < kEnumerationChannelCount; ++c)
        append_fitted_column(this, tr_label(enumeration_channel_label(static_cast<EnumerationChannel>(c))), 70, {},
                             wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("From administrative records"), 70, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("Missing"), 60, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("Extra"), 50, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("Duplicates"), 60, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("Under review"), 60, {}, wxLIST_FORMAT_RIGHT);
    stretch_column(this, kName, 160);
    Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& e) { sort_by(e.GetColumn()); });
}

void CoverageTableView::set_headers() {
    const CoverageLevel level = report_ ? report_->level : CoverageLevel::Institution;
    wxListItem item;
    item.SetMask(wxLIST_MASK_TEXT);
    switch (level) {
        case CoverageLevel::Institution: item.SetText(_("Institution")); break;
        case CoverageLevel::District: item.SetText(_("District")); break;
        case CoverageLevel::Region: item.SetText(_("Region")); break;
    }
    SetColumn(kName, item);
    // TRANSLATORS: coverage table: the KATO code prefix of a district or region.
    item.SetText(level == CoverageLevel::Institution ? _("BIN") : _("KATO"));
    SetColumn(kKey, item);
}

void CoverageTableView::set_report(const CoverageReport* report) {
    report_ = report;
    rows_.clear();
    if (report_)
        for (const auto& r : report_->rows) rows_.push_back(&r);
    set_headers();
    order();
    SetItemCount(report_ && !rows_.empty() ? static_cast<long>(rows_.size()) + 1 : 0);
    Refresh();
}

void CoverageTableView::sort_by(int column) {
    if (column < 0 || column >= kColumnCount) return;
    if (column == sort_column_) ascending_ = !ascending_;
    else {
        sort_column_ = column;
        // Figures: the largest first, except coverage, where the lowest needs attention first.
        ascending_ = column == kName || column == kKey || column == kCoverage;
    }
    const CoverageRow* selected = selected_row();
    order();
    Refresh();
    if (selected) select_key(selected->key);
}

void CoverageTableView::order() {
    auto value = [this](const CoverageRow& r) -> double {
        switch (sort_column_) {
            case kListed: return static_cast<double>(r.listed);
            case kEnumerated: return static_cast<double>(r.enumerated);
            case kMatched: return static_cast<double>(r.matched);
            case kByTabletUsb: case kByOnline: case kByVpnTablet:
                return static_cast<double>(r.matched_by_channel[static_cast<std::size_t>(sort_column_ - kByTabletUsb)]);
            case kFromAdminRecords: return static_cast<double>(r.matched_by_source[1]);
            case kMissing: return static_cast<double>(r.missing);
            case kExtra: return static_cast<double>(r.extra);
            case kDuplicates: return static_cast<double>(r.duplicates);
            case kReview: return static_cast<double>(under_review(r));
            case kCoverage: return r.coverage_percent();
        }
        return 0;
    };
    std::stable_sort(rows_.begin(), rows_.end(), [&](const CoverageRow* a, const CoverageRow* b) {
        bool less;
        if (sort_column_ == kName) less = coverage_row_name(*a).CmpNoCase(coverage_row_name(*b)) < 0;
        else if (sort_column_ == kKey) less = a->key < b->key;
        else less = value(*a) < value(*b);
        if (sort_column_ != kName && sort_column_ != kKey) {
            const bool greater = value(*b) < value(*a);
            return ascending_ ? less : greater;
        }
        if (ascending_) return less;
        return sort_column_ == kName ? coverage_row_name(*b).CmpNoCase(coverage_row_name(*a)) < 0 : b->key < a->key;
    });
}

const CoverageRow* CoverageTableView::row_at(long item) const {
    if (item < 0 || item >= static_cast<long>(rows_.size())) return nullptr;
    return rows_[static_cast<std::size_t>(item)];
}

const CoverageRow* CoverageTableView::selected_row() const {
    return row_at(GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED));
}

bool CoverageTableView::select_key(const std::string& key) {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i]->key != key) continue;
        const long item = static_cast<long>(i);
        SetItemState(item, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        EnsureVisible(item);
        return true;
    }
    return false;
}

wxString CoverageTableView::cell(const CoverageRow& r, long column) const {
    switch (column) {
        case kName: return coverage_row_name(r);
        case kKey:
            // Rows of another KATO edition than the current one say theirs: the same digits name
            // another territory there.
            if (report_ && report_->level != CoverageLevel::Institution && !r.kato_version.empty() &&
                r.kato_version != kKatoCurrentVersion)
                // TRANSLATORS: a territory's KATO code and the classifier edition it is of.
                return wxString::Format(_("%s (KATO %s)"), from_utf8(r.key), from_utf8(r.kato_version));
            return from_utf8(r.key);
        case kListed: return count_text(r.listed);
        case kEnumerated: return count_text(r.enumerated);
        case kMatched: return count_text(r.matched);
        case kByTabletUsb:
        case kByOnline:
        case kByVpnTablet:
        case kFromAdminRecords:
            // The department's summary carries no breakdowns: unknown there, not zero.
            if (report_ && report_->source.summary) return wxString::FromUTF8("—");
            if (column == kFromAdminRecords)
                return count_text(r.matched_by_source[static_cast<std::size_t>(RecordSource::AdministrationRecords)]);
            return count_text(r.matched_by_channel[static_cast<std::size_t>(column - kByTabletUsb)]);
        case kMissing: return count_text(r.missing);
        case kExtra: return count_text(r.extra);
        case kDuplicates: return count_text(r.duplicates);
        case kReview: return count_text(under_review(r));
        case kCoverage: return r.listed > 0 ? percent_text(r.coverage_percent()) : wxString::FromUTF8("\xE2\x80\x94");
    }
    return {};
}

wxString CoverageTableView::OnGetItemText(long item, long column) const {
    if (!report_) return {};
    if (item == static_cast<long>(rows_.size())) {
        if (column == kName) return _("Total");
        if (column == kKey) return {};
        return cell(report_->total, column);
    }
    const CoverageRow* r = row_at(item);
    return r ? cell(*r, column) : wxString();
}

wxItemAttr* CoverageTableView::OnGetItemAttr(long item) const {
    return report_ && item == static_cast<long>(rows_.size()) ? &total_attr_ : nullptr;
}

}  // namespace sanaq::ui

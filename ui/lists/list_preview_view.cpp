#include "ui/lists/list_preview_view.h"

#include "ui/common/error_text.h"
#include "ui/common/list_columns.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/common/palette.h"

namespace sanaq::ui {
namespace {
// The problems come right after the verdict: they are what the preview is for.
enum Column { kLine, kResult, kProblems, kNumber, kIin, kSurname, kName, kPatronymic, kSex, kBirthDate, kCategory };

bool has_warning(const lists::PreviewRow& row) {
    for (const auto& p : row.problems)
        if (p.severity == lists::Severity::Warning) return true;
    return false;
}
}  // namespace

ListPreviewView::ListPreviewView(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES) {
    error_attr_.SetBackgroundColour(palette::error_row());
    warning_attr_.SetBackgroundColour(palette::warning_row());
    append_fitted_column(this, _("Line"), 45, {}, wxLIST_FORMAT_RIGHT);
    // TRANSLATORS: column of the list import preview: whether the row can be imported.
    append_fitted_column(this, _("Result"), 70, {_("rejected"), _("warning")});
    append_fitted_column(this, _("Problems"), 300);
    append_fitted_column(this, _("No."), 40, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("IIN"), 105);
    append_fitted_column(this, _("Surname"), 110);
    append_fitted_column(this, _("Given name"), 90);
    append_fitted_column(this, _("Patronymic"), 120);
    append_fitted_column(this, _("Sex"), 40);
    append_fitted_column(this, _("Date of birth"), 90);
    append_fitted_column(this, _("Category"), 200);
}

void ListPreviewView::set_preview(const lists::ListPreview* preview, const lists::PreviewIndex* index, Filter filter) {
    preview_ = index ? preview : nullptr;
    index_ = preview ? index : nullptr;
    set_filter(filter);
}

void ListPreviewView::set_filter(Filter filter) {
    filter_ = filter;
    shown_ = !index_                       ? nullptr
             : filter_ == Filter::Rejected ? &index_->rejected_rows
             : filter_ == Filter::Warnings ? &index_->warning_rows
                                           : nullptr;
    const std::size_t count = !preview_ ? 0 : shown_ ? shown_->size() : preview_->rows.size();
    SetItemCount(static_cast<long>(count));
    Refresh();
}

const lists::PreviewRow* ListPreviewView::row_at(long item) const {
    if (!preview_ || item < 0) return nullptr;
    const auto i = static_cast<std::size_t>(item);
    if (!shown_) return i < preview_->rows.size() ? &preview_->rows[i] : nullptr;
    return i < shown_->size() ? &preview_->rows[(*shown_)[i]] : nullptr;
}

wxString ListPreviewView::cell_text(const lists::PreviewRow& row, lists::ListField field, const std::string& value) const {
    if (!value.empty()) return from_utf8(value);
    // Not read into the entry (an unreadable date, an unknown category): show what the file says.
    if (const auto column = preview_->mapping.column_of(field); column && *column < row.cells.size())
        return from_utf8(row.cells[*column]);
    return {};
}

wxString ListPreviewView::OnGetItemText(long item, long column) const {
    const lists::PreviewRow* row = row_at(item);
    if (!row) return {};
    const lists::ListEntry& e = row->entry;
    switch (column) {
        case kLine: return wxString::Format("%d", e.line);
        case kResult:
            if (!row->importable()) return _("rejected");
            return has_warning(*row) ? _("warning") : _("ok");
        case kNumber: return from_utf8(e.number);
        case kIin: return cell_text(*row, lists::ListField::Iin, e.iin);
        case kSurname: return from_utf8(e.surname);
        case kName: return from_utf8(e.name);
        case kPatronymic: return from_utf8(e.patronymic);
        case kSex: return e.sex ? sex_text(sex_code(*e.sex)) : cell_text(*row, lists::ListField::Sex, {});
        case kBirthDate: return cell_text(*row, lists::ListField::BirthDate, e.birth_date);
        case kCategory:
            return e.category ? tr_label(lists::list_category_label(*e.category))
                              : cell_text(*row, lists::ListField::Category, {});
        case kProblems: {
            wxString text;
            for (const auto& p : row->problems) text += (text.empty() ? "" : "; ") + error_text(p.message);
            return text;
        }
    }
    return {};
}

wxItemAttr* ListPreviewView::OnGetItemAttr(long item) const {
    const lists::PreviewRow* row = row_at(item);
    if (!row || row->problems.empty()) return nullptr;
    return row->importable() ? &warning_attr_ : &error_attr_;
}

}  // namespace sanaq::ui

#include "ui/lists/list_diff_view.h"

#include "ui/common/list_columns.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/common/palette.h"

namespace sanaq::ui {
namespace {
enum Column { kChange, kLine, kIin, kSurname, kName, kPatronymic, kBirthDate, kWhat };
}

wxString entry_field_text(const lists::ListEntry& e, lists::EntryField field) {
    switch (field) {
        case lists::EntryField::Iin: return from_utf8(e.iin);
        case lists::EntryField::Surname: return from_utf8(e.surname);
        case lists::EntryField::Name: return from_utf8(e.name);
        case lists::EntryField::Patronymic: return from_utf8(e.patronymic);
        case lists::EntryField::Sex: return e.sex ? sex_text(sex_code(*e.sex)) : wxString();
        case lists::EntryField::BirthDate: return from_utf8(e.birth_date);
        case lists::EntryField::Category: return e.category ? tr_label(lists::list_category_label(*e.category)) : wxString();
        case lists::EntryField::Note: return from_utf8(e.note);
    }
    return {};
}

ListDiffView::ListDiffView(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES) {
    added_attr_.SetBackgroundColour(palette::added_row());
    removed_attr_.SetBackgroundColour(palette::error_row());
    changed_attr_.SetBackgroundColour(palette::warning_row());
    // TRANSLATORS: column of the list versions comparison: added / removed / changed.
    append_fitted_column(this, _("Change"), 80, {_("added"), _("removed"), _("changed")});
    append_fitted_column(this, _("Line"), 50, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("IIN"), 110);
    append_fitted_column(this, _("Surname"), 110);
    append_fitted_column(this, _("Given name"), 90);
    append_fitted_column(this, _("Patronymic"), 110);
    append_fitted_column(this, _("Date of birth"), 90);
    append_fitted_column(this, _("What changed"), 420);
}

void ListDiffView::set_diff(const lists::ListDiff* diff) {
    rows_.clear();
    if (diff) {
        for (const auto& c : diff->changed) rows_.push_back({Kind::Changed, &c.after, &c});
        for (const auto& e : diff->added) rows_.push_back({Kind::Added, &e, nullptr});
        for (const auto& e : diff->removed) rows_.push_back({Kind::Removed, &e, nullptr});
    }
    SetItemCount(static_cast<long>(rows_.size()));
    Refresh();
}

wxString ListDiffView::OnGetItemText(long item, long column) const {
    if (item < 0 || item >= static_cast<long>(rows_.size())) return {};
    const Row& r = rows_[static_cast<std::size_t>(item)];
    const lists::ListEntry& e = *r.entry;
    switch (column) {
        case kChange:
            switch (r.kind) {
                case Kind::Added: return _("added");
                case Kind::Removed: return _("removed");
                case Kind::Changed: return _("changed");
            }
            return {};
        case kLine: return wxString::Format("%d", e.line);
        case kIin: return from_utf8(e.iin);
        case kSurname: return from_utf8(e.surname);
        case kName: return from_utf8(e.name);
        case kPatronymic: return from_utf8(e.patronymic);
        case kBirthDate: return from_utf8(e.birth_date);
        case kWhat: {
            if (!r.change) return {};
            wxString text;
            const wxString none = wxString::FromUTF8("\xE2\x80\x94");  // an empty value
            auto value = [&](const lists::ListEntry& e, lists::EntryField f) {
                const wxString v = entry_field_text(e, f);
                return v.empty() ? none : v;
            };
            for (lists::EntryField f : r.change->fields) {
                // TRANSLATORS: one changed field in the list versions comparison: "Surname: old -> new".
                text += (text.empty() ? "" : "; ") +
                        format_text(_("{}: {} -> {}"),
                                    {tr_label(lists::entry_field_label(f)), value(r.change->before, f), value(r.change->after, f)});
            }
            return text;
        }
    }
    return {};
}

wxItemAttr* ListDiffView::OnGetItemAttr(long item) const {
    if (item < 0 || item >= static_cast<long>(rows_.size())) return nullptr;
    switch (rows_[static_cast<std::size_t>(item)].kind) {
        case Kind::Added: return &added_attr_;
        case Kind::Removed: return &removed_attr_;
        case Kind::Changed: return &changed_attr_;
    }
    return nullptr;
}

}  // namespace sanaq::ui

#include "ui/audit/audit_list_view.h"

#include "ui/common/list_columns.h"
#include "ui/common/text.h"
#include "ui/common/palette.h"

namespace sanaq::ui {

AuditListView::AuditListView(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES) {
    bad_attr_.SetBackgroundColour(palette::error_row());
    append_fitted_column(this, _("No."), 60, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("Time (local)"), 150, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(this, _("User"), 100, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(this, _("Action"), 160, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(this, _("Object"), 220, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(this, _("Reason"), 220, {}, wxLIST_FORMAT_LEFT);
}

void AuditListView::set_entries(std::vector<AuditEntry> entries) {
    entries_ = std::move(entries);
    SetItemCount(static_cast<long>(entries_.size()));
    Refresh();
}

void AuditListView::set_bad_seq(std::int64_t seq) {
    bad_seq_ = seq;
    Refresh();
}

wxString AuditListView::OnGetItemText(long item, long column) const {
    if (item < 0 || item >= static_cast<long>(entries_.size())) return {};
    const AuditEntry& e = entries_[static_cast<std::size_t>(item)];
    switch (column) {
        case 0: return wxString::Format("%lld", static_cast<long long>(e.seq));
        case 1: return local_time_text(e.at_local);
        case 2: return from_utf8(e.actor);
        case 3: {
            const char* label = audit_action_label(e.action);
            wxString text = label ? tr_label(label) : from_utf8(e.action);
            // A voided change stays on the trail (db/README.md "Transactions"), marked as such.
            if (e.voided) text += " (" + tr_label(audit_voided_label()) + ")";
            return text;
        }
        case 4: return e.object_id.empty() ? from_utf8(e.object_type) : from_utf8(e.object_type + " " + e.object_id);
        case 5: return from_utf8(e.reason);
    }
    return {};
}

wxItemAttr* AuditListView::OnGetItemAttr(long item) const {
    if (bad_seq_ == 0 || item < 0 || item >= static_cast<long>(entries_.size())) return nullptr;
    return entries_[static_cast<std::size_t>(item)].seq == bad_seq_ ? &bad_attr_ : nullptr;
}

}  // namespace sanaq::ui

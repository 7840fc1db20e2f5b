#include "ui/review/review_queue_view.h"

#include "ui/common/list_columns.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/common/palette.h"

namespace sanaq::ui {
namespace {
// The institution last: it takes the room left (it is in the case's heading too).
enum Column { kId, kScore, kConflict, kKind, kState, kInstitution };
}

ReviewQueueView::ReviewQueueView(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES) {
    conflict_attr_.SetTextColour(palette::error_text());
    append_fitted_column(this, _("No."), 40, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("Score"), 50, {}, wxLIST_FORMAT_RIGHT);
    // TRANSLATORS: review queue column: the IIN agrees while the names or the date of birth do not.
    append_fitted_column(this, _("Conflict"), 50);
    append_fitted_column(this, _("Kind"), 100);
    append_fitted_column(this, _("State"), 70, {review_state_text(ReviewState::Open)});
    append_fitted_column(this, _("Institution"), 120);
    stretch_column(this, kInstitution, 100);
}

void ReviewQueueView::set_items(std::vector<ReviewItem> items) {
    items_ = std::move(items);
    SetItemCount(static_cast<long>(items_.size()));
    Refresh();
}

const ReviewItem* ReviewQueueView::item_at(long index) const {
    if (index < 0 || index >= static_cast<long>(items_.size())) return nullptr;
    return &items_[static_cast<std::size_t>(index)];
}

long ReviewQueueView::selected_index() const { return GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

void ReviewQueueView::select_index(long index) {
    if (index < 0 || index >= GetItemCount()) return;
    SetItemState(index, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    EnsureVisible(index);
}

wxString ReviewQueueView::OnGetItemText(long item, long column) const {
    const ReviewItem* i = item_at(item);
    if (!i) return {};
    switch (column) {
        case kId: return count_text(i->id);
        case kInstitution: {
            const wxString name = institution_name ? institution_name(i->institution_bin) : wxString();
            return name.empty() ? from_utf8(i->institution_bin) : name;
        }
        case kKind: return review_kind_text(i->kind);
        case kScore: return score_text(i->score);
        // TRANSLATORS: review queue, Conflict column: yes.
        case kConflict: return i->conflict ? _("yes") : wxString();
        case kState: return review_state_text(i->state);
    }
    return {};
}

wxItemAttr* ReviewQueueView::OnGetItemAttr(long item) const {
    const ReviewItem* i = item_at(item);
    return i && i->conflict ? &conflict_attr_ : nullptr;
}

}  // namespace sanaq::ui

#include "ui/upstream/batch_list_view.h"

#include "ui/common/list_columns.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/upstream/upstream_labels.h"

namespace sanaq::ui {

BatchListView::BatchListView(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES) {
    const wxString stamp = "0000-00-00 00:00:00";
    // TRANSLATORS: Upstream screen, column: the batch's number (the start of its UUID).
    append_fitted_column(this, _("Batch"), 80, {"0000000000"});
    append_fitted_column(this, _("State"), 90,
                         {batch_state_text(BatchState::AwaitingRelease), batch_state_text(BatchState::Discarded)});
    append_fitted_column(this, _("Households"), 60, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(this, _("Persons"), 60, {}, wxLIST_FORMAT_RIGHT);
    // TRANSLATORS: Upstream screen, column: how many times the batch was sent.
    append_fitted_column(this, _("Attempts"), 60, {}, wxLIST_FORMAT_RIGHT);
    // TRANSLATORS: Upstream screen, column: when the server accepted the batch, or when it is tried next.
    append_fitted_column(this, _("Accepted / next try"), 130, {stamp, _("at the next send")});
    // TRANSLATORS: Upstream screen, column: what went wrong with the last attempt.
    append_fitted_column(this, _("Problem"), 200);
    stretch_column(this, kProblem, 200);
}

void BatchListView::set_batches(std::vector<UpstreamBatch> batches) {
    const UpstreamBatch* selected = selected_batch();
    const std::string uuid = selected ? selected->uuid : std::string();
    const long index = selected_index();
    batches_ = std::move(batches);
    SetItemCount(static_cast<long>(batches_.size()));
    if (index >= 0) SetItemState(index, 0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    if (!uuid.empty()) select_batch(uuid);
    Refresh();
}

const UpstreamBatch* BatchListView::batch_at(long index) const {
    if (index < 0 || index >= static_cast<long>(batches_.size())) return nullptr;
    return &batches_[static_cast<std::size_t>(index)];
}

long BatchListView::selected_index() const { return GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

const UpstreamBatch* BatchListView::selected_batch() const { return batch_at(selected_index()); }

bool BatchListView::select_batch(const std::string& uuid) {
    for (std::size_t i = 0; i < batches_.size(); ++i) {
        if (batches_[i].uuid != uuid) continue;
        const long index = static_cast<long>(i);
        SetItemState(index, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
        EnsureVisible(index);
        return true;
    }
    return false;
}

wxString BatchListView::OnGetItemText(long item, long column) const {
    const UpstreamBatch* b = batch_at(item);
    if (!b) return {};
    switch (column) {
        case kBatch: return short_batch_id(b->uuid);
        case kState: return batch_state_text(b->state);
        case kHouseholds: return count_text(b->households);
        case kPersons: return count_text(b->persons);
        case kAttempts: return count_text(b->attempts);
        case kWhen: return batch_when_text(*b);
        case kProblem: return first_sentence(batch_problem_text(*b));
    }
    return {};
}

wxItemAttr* BatchListView::OnGetItemAttr(long item) const {
    const UpstreamBatch* b = batch_at(item);
    if (!b) return nullptr;
    const auto colour = batch_colour(*b);
    if (!colour) return nullptr;
    attr_.SetTextColour(*colour);
    return &attr_;
}

}  // namespace sanaq::ui

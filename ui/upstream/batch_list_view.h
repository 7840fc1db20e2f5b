#pragma once
// The outbox's batches as a virtual list, newest first: batch (short number), state,
// households, persons, attempts, accepted at / next try, and the problem of the last attempt in a person's
// words: its first sentence (the column takes the room left; the details pane has it all).
#include <string>
#include <vector>

#include <wx/listctrl.h>

#include "core/domain/upstream.h"

namespace sanaq::ui {

class BatchListView : public wxListCtrl {
public:
    enum Column { kBatch, kState, kHouseholds, kPersons, kAttempts, kWhen, kProblem };

    explicit BatchListView(wxWindow* parent);
    /// Replaces the rows; the batch that was selected stays selected when it is still there.
    void set_batches(std::vector<UpstreamBatch> batches);
    const std::vector<UpstreamBatch>& batches() const { return batches_; }
    const UpstreamBatch* batch_at(long index) const;
    const UpstreamBatch* selected_batch() const;
    long selected_index() const;
    bool select_batch(const std::string& uuid);

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

private:
    std::vector<UpstreamBatch> batches_;
    mutable wxItemAttr attr_;
};

}  // namespace sanaq::ui

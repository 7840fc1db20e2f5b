#pragma once
// A kit's history: its parts and their state, the acts it was issued and returned under (any of
// which can be shown again and reprinted; each print is audited), and the pulls from its tablet.
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "core/ports/store.h"
#include "core/usecases/pull.h"
#include "core/usecases/session.h"

class wxButton;
class wxListCtrl;
class wxStaticText;

namespace sanaq::ui {

class KitActsDialog : public wxDialog {
public:
    KitActsDialog(wxWindow* parent, Session& session, const std::string& kit_number);

    const std::vector<ActSummary>& acts() const { return acts_; }
    wxListCtrl* acts_list() const { return list_; }
    /// The pulls from the kit's tablet, newest first (empty when the role may not see devices).
    const std::vector<PullRecord>& pulls() const { return pulls_; }
    wxListCtrl* pulls_list() const { return pulls_list_; }
    void reprint(long row);

private:
    Session& session_;
    std::vector<ActSummary> acts_;
    std::vector<PullRecord> pulls_;
    wxListCtrl* parts_ = nullptr;
    wxListCtrl* list_ = nullptr;
    wxListCtrl* pulls_list_ = nullptr;
    wxButton* reprint_ = nullptr;
    wxStaticText* error_ = nullptr;
};

}  // namespace sanaq::ui

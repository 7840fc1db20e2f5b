#pragma once
// A kit's history: its parts and their state, and the acts it was issued and returned under,
// any of which can be shown again and reprinted (each print is audited).
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "core/ports/store.h"
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
    void reprint(long row);

private:
    Session& session_;
    std::vector<ActSummary> acts_;
    wxListCtrl* parts_ = nullptr;
    wxListCtrl* list_ = nullptr;
    wxButton* reprint_ = nullptr;
    wxStaticText* error_ = nullptr;
};

}  // namespace sanaq::ui

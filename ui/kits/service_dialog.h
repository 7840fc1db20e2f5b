#pragma once
// Servicing a kit in the department: to repair, back from repair, or written off (final; the core
// wants a reason). Only the steps the kit's state allows are offered.
#include "core/domain/kit.h"
#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxRadioButton;
class wxTextCtrl;

namespace sanaq::ui {

class ServiceDialog : public FormDialog {
public:
    ServiceDialog(wxWindow* parent, Session& session, const Kit& kit);
    const wxString& outcome() const { return outcome_; }

private:
    void apply();

    Session& session_;
    std::string kit_number_;
    wxRadioButton* repair_ = nullptr;
    wxRadioButton* repaired_ = nullptr;
    wxRadioButton* write_off_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
    wxString outcome_;
};

}  // namespace sanaq::ui

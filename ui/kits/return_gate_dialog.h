#pragma once
// A supervisor lets the next return of a kit through the return gate (its last pull left packages
// on the tablet or missing), with a reason. Whether the gate is shut is the core's decision
// (override_return_gate refuses a kit with nothing to allow); the dialog shows the last pull the
// decision rests on.
#include <string>

#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class ReturnGateDialog : public FormDialog {
public:
    ReturnGateDialog(wxWindow* parent, Session& session, const std::string& kit_number);

    wxTextCtrl* reason_field() const { return reason_; }
    wxStaticText* last_pull_label() const { return last_pull_; }
    /// What to say once the return is allowed.
    const wxString& outcome() const { return outcome_; }

private:
    void allow();

    Session& session_;
    std::string kit_number_;
    wxStaticText* last_pull_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
    wxString outcome_;
};

}  // namespace sanaq::ui

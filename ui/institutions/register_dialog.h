#pragma once
// The stage-1 register of one institution: whether it owes a list, its deadline (empty: the
// default, the list date plus 14 days) and the headcount it expects.
#include "core/domain/list_register.h"
#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxCheckBox;
class wxTextCtrl;

namespace sanaq::ui {

class RegisterDialog : public FormDialog {
public:
    RegisterDialog(wxWindow* parent, Session& session, const RegisterRow& row);

    wxCheckBox* owes_box() const { return owes_; }
    wxTextCtrl* deadline_field() const { return deadline_; }
    wxTextCtrl* expected_field() const { return expected_; }

private:
    void save();

    Session& session_;
    ListDuty duty_;
    wxCheckBox* owes_ = nullptr;
    wxTextCtrl* deadline_ = nullptr;
    wxTextCtrl* expected_ = nullptr;
};

}  // namespace sanaq::ui

#pragma once
// Registering a responsible employee of an institution (appointed by its head for the census).
#include "core/domain/institution.h"
#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxTextCtrl;

namespace sanaq::ui {

class StaffDialog : public FormDialog {
public:
    StaffDialog(wxWindow* parent, Session& session, const Institution& institution);

    wxTextCtrl* iin_field() const { return iin_; }
    wxTextCtrl* name_field() const { return name_; }

private:
    void save();

    Session& session_;
    std::string institution_bin_;
    wxTextCtrl* iin_ = nullptr;
    wxTextCtrl* name_ = nullptr;
    wxTextCtrl* position_ = nullptr;
    wxTextCtrl* phone_ = nullptr;
};

}  // namespace sanaq::ui

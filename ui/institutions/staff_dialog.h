#pragma once
// Registering a responsible employee of an institution (appointed by its head for the census).
#include <wx/dialog.h>

#include "core/domain/institution.h"
#include "core/usecases/session.h"

class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class StaffDialog : public wxDialog {
public:
    StaffDialog(wxWindow* parent, Session& session, const Institution& institution);

    wxTextCtrl* iin_field() const { return iin_; }
    wxTextCtrl* name_field() const { return name_; }
    wxStaticText* error_label() const { return error_; }

private:
    void save();

    Session& session_;
    std::string institution_bin_;
    wxTextCtrl* iin_ = nullptr;
    wxTextCtrl* name_ = nullptr;
    wxTextCtrl* position_ = nullptr;
    wxTextCtrl* phone_ = nullptr;
    wxStaticText* error_ = nullptr;
};

}  // namespace sanaq::ui

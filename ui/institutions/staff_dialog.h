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
    wxTextCtrl* order_number_field() const { return order_number_; }
    wxTextCtrl* order_date_field() const { return order_date_; }
    wxTextCtrl* trained_on_field() const { return trained_on_; }

private:
    void save();

    Session& session_;
    std::string institution_bin_;
    wxTextCtrl* iin_ = nullptr;
    wxTextCtrl* name_ = nullptr;
    wxTextCtrl* position_ = nullptr;
    wxTextCtrl* phone_ = nullptr;
    wxTextCtrl* order_number_ = nullptr;
    wxTextCtrl* order_date_ = nullptr;
    wxTextCtrl* trained_on_ = nullptr;
};

}  // namespace sanaq::ui

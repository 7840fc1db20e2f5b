#pragma once
// Registering one kit by hand: the tablet's details and the serials of its parts. The core
// validates (number format, IMEI check digit, duplicates); its message shows in the dialog.
#include <map>
#include <string>

#include <wx/dialog.h>

#include "core/domain/kit.h"
#include "core/usecases/session.h"

class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class RegisterKitDialog : public wxDialog {
public:
    RegisterKitDialog(wxWindow* parent, Session& session);

    const std::string& registered_number() const { return registered_; }
    wxTextCtrl* number_field() const { return number_; }
    wxTextCtrl* tablet_serial_field() const { return serial_; }
    wxTextCtrl* usb_serial_field() const { return usb_; }
    wxTextCtrl* component_field(ComponentType type) const;
    wxStaticText* error_label() const { return error_; }

private:
    void save();

    Session& session_;
    std::string registered_;
    wxTextCtrl* number_ = nullptr;
    wxTextCtrl* model_ = nullptr;
    wxTextCtrl* serial_ = nullptr;
    wxTextCtrl* imei_ = nullptr;
    wxTextCtrl* usb_ = nullptr;
    wxTextCtrl* note_ = nullptr;
    std::map<ComponentType, wxTextCtrl*> parts_;
    wxStaticText* error_ = nullptr;
};

}  // namespace sanaq::ui

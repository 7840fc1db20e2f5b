#pragma once
// Registering one kit by hand: the tablet's details and the serials of its parts. The core
// validates (number format, IMEI check digit, duplicates); its message shows in the dialog.
#include <map>
#include <string>

#include "core/domain/kit.h"
#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxTextCtrl;

namespace sanaq::ui {

class RegisterKitDialog : public FormDialog {
public:
    RegisterKitDialog(wxWindow* parent, Session& session);

    const std::string& registered_number() const { return registered_; }
    wxTextCtrl* number_field() const { return number_; }
    wxTextCtrl* tablet_serial_field() const { return serial_; }
    wxTextCtrl* usb_serial_field() const { return usb_; }
    wxTextCtrl* component_field(ComponentType type) const;

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
};

}  // namespace sanaq::ui

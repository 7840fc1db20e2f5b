#pragma once
// Enrols a tablet's device key against its kit: the key read from the plugged tablet, or from a
// PEM file. Replacing a key already enrolled needs a reason (the core says so when it does).
#include <string>

#include <wx/string.h>

#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxRadioButton;
class wxTextCtrl;

namespace sanaq::ui {

class EnrolKeyDialog : public FormDialog {
public:
    /// `tablet_key` is the PEM read from the selected tablet (empty: none, the file is the way);
    /// `tablet_name` says which tablet it came from.
    EnrolKeyDialog(wxWindow* parent, Session& session, const std::string& kit_number, const std::string& tablet_key,
                   const wxString& tablet_name);

    wxTextCtrl* kit_field() const { return kit_; }
    wxRadioButton* from_tablet() const { return from_tablet_; }
    wxRadioButton* from_file() const { return from_file_; }
    wxTextCtrl* file_field() const { return file_; }
    wxTextCtrl* reason_field() const { return reason_; }
    /// What was enrolled, once OK succeeded.
    const DeviceKey& enrolled() const { return enrolled_; }

private:
    void enrol();
    void browse();

    Session& session_;
    std::string tablet_key_;
    wxTextCtrl* kit_ = nullptr;
    wxRadioButton* from_tablet_ = nullptr;
    wxRadioButton* from_file_ = nullptr;
    wxTextCtrl* file_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
    DeviceKey enrolled_;
};

}  // namespace sanaq::ui

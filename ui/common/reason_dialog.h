#pragma once
// Asks why, for the steps the core wants a reason for (removing a user, writing a kit off, ...).
// The core refuses an empty reason; this dialog only collects the text.
#include <string>

#include <wx/dialog.h>
#include <wx/textctrl.h>

namespace sanaq::ui {

class ReasonDialog : public wxDialog {
public:
    ReasonDialog(wxWindow* parent, const wxString& title, const wxString& question);
    std::string reason() const;
    wxTextCtrl* reason_field() const { return reason_; }

private:
    wxTextCtrl* reason_;
};

}  // namespace sanaq::ui

#pragma once
// A question with two answers named for what they do ("Export 412 persons" / "Cancel"), for the
// steps a user should not take by accident — personal data leaving the encrypted store. A dialog
// of our own rather than wxMessageDialog: its buttons get mnemonics and tests can drive it.
#include <wx/dialog.h>

class wxButton;

namespace sanaq::ui {

class ConfirmDialog : public wxDialog {
public:
    ConfirmDialog(wxWindow* parent, const wxString& title, const wxString& question, const wxString& yes_label,
                  const wxString& no_label);

    wxButton* yes_button() const { return yes_; }
    wxButton* no_button() const { return no_; }

private:
    wxButton* yes_ = nullptr;
    wxButton* no_ = nullptr;
};

}  // namespace sanaq::ui

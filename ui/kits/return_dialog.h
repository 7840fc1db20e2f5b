#pragma once
// Checking a kit in, part by part: one row for each part the holder still owes, each returned in
// order, damaged or missing, with a note; and the paper brought back. OK calls the core's
// return_kit, which makes the return act; what stays owed is said in outcome().
#include <optional>
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "core/domain/act.h"
#include "core/usecases/session.h"

class wxChoice;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class ReturnDialog : public wxDialog {
public:
    ReturnDialog(wxWindow* parent, Session& session, const std::string& kit_number);

    const std::optional<Act>& act() const { return act_; }
    /// After OK: the kit's state in words, and what the holder still owes if anything.
    const wxString& outcome() const { return outcome_; }
    /// After OK: the parts the holder still owes.
    const std::vector<ComponentType>& still_owed() const { return still_owed_; }

    /// The outcome choice for a part (null when the holder does not owe it), for tests.
    wxChoice* outcome_choice(ComponentType type) const;
    wxTextCtrl* note_field(ComponentType type) const;
    wxSpinCtrl* certificates_used_field() const { return certificates_used_; }
    wxStaticText* error_label() const { return error_; }

private:
    void check_in();
    void show_error(const wxString& text);

    Session& session_;
    std::string kit_number_;
    std::vector<ComponentType> owed_;
    std::vector<ComponentType> still_owed_;
    std::vector<wxChoice*> outcomes_;
    std::vector<wxTextCtrl*> notes_;
    wxSpinCtrl* explanations_returned_ = nullptr;
    wxSpinCtrl* certificates_returned_ = nullptr;
    wxSpinCtrl* certificates_used_ = nullptr;
    wxTextCtrl* note_ = nullptr;
    wxStaticText* error_ = nullptr;
    std::optional<Act> act_;
    wxString outcome_;
};

}  // namespace sanaq::ui

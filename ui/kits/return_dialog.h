#pragma once
// Checking a kit in, part by part: one row for each part the holder still owes, each returned in
// order, damaged or missing, with a note; and the paper brought back or used, beside the holder's
// paper account (handed, used, returned, balance). When this is the holder's last kit and the paper
// would not add up, a warning says so; the core's refusal then reveals the box that closes the
// return with the discrepancy on the act. OK calls the core's return_kit, which makes the return
// act; what stays owed is said in outcome().
#include <optional>
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "core/domain/act.h"
#include "core/usecases/session.h"

class wxCheckBox;
class wxChoice;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class WrappingText;

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
    wxSpinCtrl* certificates_returned_field() const { return certificates_returned_; }
    wxSpinCtrl* explanations_returned_field() const { return explanations_returned_; }
    wxSpinCtrl* explanations_used_field() const { return explanations_used_; }
    /// The holder's paper account as it stands, and the warning (empty while the paper adds up).
    WrappingText* paper_account_label() const { return paper_account_; }
    wxStaticText* paper_warning_label() const { return paper_warning_; }
    /// Shown once the core has refused a return whose paper does not add up.
    wxCheckBox* accept_discrepancy_box() const { return accept_discrepancy_; }
    wxStaticText* error_label() const { return error_; }

private:
    void check_in();
    void paper_changed();
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
    wxSpinCtrl* explanations_used_ = nullptr;
    std::vector<PaperBalance> held_;  // the holder's paper account before this return
    bool last_kit_ = false;           // the holder has no other kit out
    WrappingText* paper_account_ = nullptr;
    wxStaticText* paper_warning_ = nullptr;
    wxCheckBox* accept_discrepancy_ = nullptr;
    wxTextCtrl* note_ = nullptr;
    wxStaticText* error_ = nullptr;
    std::optional<Act> act_;
    wxString outcome_;
};

}  // namespace sanaq::ui

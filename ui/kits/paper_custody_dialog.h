#pragma once
// Paper census tools without a kit: handed to a responsible employee (issue) or taken back from a
// holder (return), each under an act the core makes. The holder's account (handed, used,
// returned, balance) shows as soon as a holder is chosen; a return that leaves paper unaccounted
// for when the holder has no kit out says so before OK, and the core's refusal reveals the box
// that closes the return with the discrepancy on the act.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/domain/act.h"
#include "core/domain/custody.h"
#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxCheckBox;
class wxChoice;
class wxSpinCtrl;

namespace sanaq::ui {

class WrappingText;

/// "Explanations …: handed 4, used 1, returned 2, balance 1." a line per tool.
wxString paper_account_text(const std::vector<PaperBalance>& account);
/// The warning a return shows when the account after it would not add up; empty when it does.
wxString paper_discrepancy_text(const std::vector<PaperBalance>& after);

class PaperCustodyDialog : public FormDialog {
public:
    enum class Mode { Issue, Return };
    PaperCustodyDialog(wxWindow* parent, Session& session, Mode mode);

    const std::optional<Act>& act() const { return act_; }
    const wxString& outcome() const { return outcome_; }

    /// For tests: the holders offered (register ids, in the choice's order) and the fields.
    const std::vector<std::int64_t>& holder_ids() const { return holder_ids_; }
    wxChoice* holder_choice() const { return holder_; }
    WrappingText* account_label() const { return account_; }
    WrappingText* warning_label() const { return warning_; }
    wxSpinCtrl* explanations_field() const { return explanations_; }        // handed or returned
    wxSpinCtrl* certificates_field() const { return certificates_; }        // handed or returned
    wxSpinCtrl* explanations_used_field() const { return explanations_used_; }  // return only
    wxSpinCtrl* certificates_used_field() const { return certificates_used_; }  // return only
    wxCheckBox* accept_discrepancy_box() const { return accept_; }          // return only

private:
    void holder_changed();
    void counts_changed();
    void submit();

    Session& session_;
    Mode mode_;
    std::vector<std::int64_t> holder_ids_;
    std::vector<int> kits_out_;  // per holder: kits they hold now
    std::vector<PaperBalance> held_;  // the chosen holder's account
    wxChoice* holder_ = nullptr;
    WrappingText* account_ = nullptr;
    WrappingText* warning_ = nullptr;
    wxSpinCtrl* explanations_ = nullptr;
    wxSpinCtrl* certificates_ = nullptr;
    wxSpinCtrl* explanations_used_ = nullptr;
    wxSpinCtrl* certificates_used_ = nullptr;
    wxCheckBox* accept_ = nullptr;
    wxTextCtrl* note_ = nullptr;
    std::optional<Act> act_;
    wxString outcome_;
};

}  // namespace sanaq::ui

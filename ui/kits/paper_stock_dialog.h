#pragma once
// The paper census tools on hand (explanations, blank completion certificates) and, for the roles
// that manage the stock, a delivery received into it (core receive_paper, with a note). Others see
// the figures only.
#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class PaperStockDialog : public FormDialog {
public:
    PaperStockDialog(wxWindow* parent, Session& session);

    wxStaticText* stock_label() const { return stock_; }
    /// Null for a role that may not receive paper.
    wxSpinCtrl* explanations_field() const { return explanations_; }
    wxSpinCtrl* certificates_field() const { return certificates_; }
    wxTextCtrl* note_field() const { return note_; }
    const wxString& outcome() const { return outcome_; }

private:
    wxString stock_text();
    void receive();

    Session& session_;
    wxStaticText* stock_ = nullptr;
    wxSpinCtrl* explanations_ = nullptr;
    wxSpinCtrl* certificates_ = nullptr;
    wxTextCtrl* note_ = nullptr;
    wxString outcome_;
};

}  // namespace sanaq::ui

#include "ui/common/reason_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/common/text.h"
#include "ui/common/tab_order.h"

namespace sanaq::ui {

ReasonDialog::ReasonDialog(wxWindow* parent, const wxString& title, const wxString& question)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* text = new wxStaticText(this, wxID_ANY, question);
    text->Wrap(FromDIP(420));
    top->Add(text, 0, wxALL, FromDIP(10));
    top->Add(new wxStaticText(this, wxID_ANY, _("&Reason:")), 0, wxLEFT | wxRIGHT, FromDIP(10));
    reason_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(420, -1)));
    top->Add(reason_, 0, wxEXPAND | wxALL, FromDIP(10));
    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, _("&OK"));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    tab_order_as_laid_out(buttons);  // GTK puts Cancel left of OK: Tab goes as they stand
    top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(top);
    reason_->SetFocus();
}

std::string ReasonDialog::reason() const { return to_utf8(reason_->GetValue()); }

}  // namespace sanaq::ui

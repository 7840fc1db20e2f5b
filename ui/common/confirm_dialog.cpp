#include "ui/common/confirm_dialog.h"

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>

namespace sanaq::ui {

ConfirmDialog::ConfirmDialog(wxWindow* parent, const wxString& title, const wxString& question, const wxString& yes_label,
                             const wxString& no_label)
    : wxDialog(parent, wxID_ANY, title) {
    const int gap = FromDIP(10);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticBitmap(this, wxID_ANY, wxArtProvider::GetBitmap(wxART_WARNING, wxART_MESSAGE_BOX)), 0,
             wxRIGHT, gap);
    auto* text = new wxStaticText(this, wxID_ANY, question);
    text->Wrap(FromDIP(440));
    row->Add(text, 1);
    top->Add(row, 0, wxALL, gap);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->AddStretchSpacer();
    yes_ = new wxButton(this, wxID_OK, yes_label);
    no_ = new wxButton(this, wxID_CANCEL, no_label);
    buttons->Add(yes_, 0, wxRIGHT, gap);
    buttons->Add(no_, 0);
    top->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    SetSizerAndFit(top);
    // Not the default: Enter must not export personal data by itself.
    no_->SetDefault();
    no_->SetFocus();
    CentreOnParent();
}

}  // namespace sanaq::ui

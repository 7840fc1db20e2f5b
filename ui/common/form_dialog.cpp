#include "ui/common/form_dialog.h"
#include "ui/common/palette.h"
#include "ui/common/tab_order.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace sanaq::ui {
namespace {

// The first window a sizer holds, depth first: where the label of a composite cell leads.
wxWindow* first_window(wxSizer* sizer) {
    for (wxSizerItem* item : sizer->GetChildren()) {
        if (item->IsWindow()) return item->GetWindow();
        if (item->IsSizer())
            if (wxWindow* w = first_window(item->GetSizer())) return w;
    }
    return nullptr;
}

}  // namespace

FormDialog::FormDialog(wxWindow* parent, const wxString& title, int text_width, long style)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, style),
      gap_(FromDIP(6)),
      text_width_(text_width),
      column_(new wxBoxSizer(wxVERTICAL)) {}

wxSizer* FormDialog::column() const { return column_; }

wxFlexGridSizer* FormDialog::start_grid(wxSizer* into, int border) {
    grid_ = new wxFlexGridSizer(2, gap_, 2 * gap_);
    grid_->AddGrowableCol(1, 1);
    into->Add(grid_, 0, wxEXPAND | wxALL, border);
    return grid_;
}

wxFlexGridSizer* FormDialog::grid() { return grid_ ? grid_ : start_grid(column_, margin()); }

wxTextCtrl* FormDialog::add_text(const wxString& label, long style) {
    add_label(label, nullptr);
    wxTextCtrl* field = text_field(style);
    grid()->Add(field, 1, wxEXPAND);
    return field;
}

wxTextCtrl* FormDialog::text_field(long style) {
    return new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(text_width_, -1)), style);
}

void FormDialog::place_row(const wxString& label, wxWindow* control) {
    add_label(label, control);
    grid()->Add(control, 1, wxEXPAND);
}

void FormDialog::add_row(const wxString& label, wxSizer* cell) {
    add_label(label, first_window(cell));
    grid()->Add(cell, 1, wxEXPAND);
}

void FormDialog::add_label(const wxString& label, wxWindow* goes_before) {
    auto* text = new wxStaticText(this, wxID_ANY, label);
    if (goes_before) text->MoveBeforeInTabOrder(goes_before);
    grid()->Add(text, 0, wxALIGN_CENTER_VERTICAL);
}

wxButton* FormDialog::finish(const wxString& ok_label, std::function<void()> on_ok) {
    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(palette::error_text());
    column_->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT, margin());
    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, ok_label);
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    tab_order_as_laid_out(buttons);  // GTK puts Cancel left of OK: Tab goes as they stand
    column_->Add(buttons, 0, wxEXPAND | wxALL, margin());
    SetSizerAndFit(column_);
    ok->Bind(wxEVT_BUTTON, [on_ok = std::move(on_ok)](wxCommandEvent&) { on_ok(); });
    return ok;
}

void FormDialog::show_error(const wxString& text, wxWindow* focus) {
    error_->SetLabel(text);
    // As wide as the form, so that a long message makes the dialog taller, not wider.
    error_->Wrap(std::max(GetClientSize().x - 2 * margin(), FromDIP(240)));
    Layout();
    Fit();
    if (focus) focus->SetFocus();
}

}  // namespace sanaq::ui

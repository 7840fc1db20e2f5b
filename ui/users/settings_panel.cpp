#include "ui/users/settings_panel.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/custody.h"
#include "core/usecases/settings.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

SettingsPanel::SettingsPanel(wxWindow* parent, Session& session) : wxPanel(parent), session_(session) {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxHORIZONTAL);

    auto* dept_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Department details on acts"));
    wxWindow* box = dept_box->GetStaticBox();
    auto* grid = new wxFlexGridSizer(2, gap, gap * 2);
    grid->AddGrowableCol(1, 1);
    auto text = [&](const wxString& label, wxTextCtrl*& slot) {
        grid->Add(new wxStaticText(box, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        slot = new wxTextCtrl(box, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(380, -1)));
        grid->Add(slot, 1, wxEXPAND);
    };
    text(_("Name in &Kazakh:"), name_kk_);
    text(_("Name in R&ussian:"), name_ru_);
    text(_("A&ddress:"), address_);
    text(_("&Head of department:"), head_);
    dept_box->Add(grid, 1, wxEXPAND | wxALL, gap);
    auto* save_dept = new wxButton(box, wxID_ANY, _("Save &department details"));
    dept_box->Add(save_dept, 0, wxALL, gap);
    top->Add(dept_box, 1, wxEXPAND | wxRIGHT, gap * 2);

    auto* lock_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Idle lock"));
    wxWindow* lbox = lock_box->GetStaticBox();
    auto* lock_row = new wxBoxSizer(wxHORIZONTAL);
    lock_row->Add(new wxStaticText(lbox, wxID_ANY, _("Lock after idle &minutes (0 = never):")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    idle_minutes_ = new wxSpinCtrl(lbox, wxID_ANY, "10", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 240, 10);
    lock_row->Add(idle_minutes_, 0, wxALIGN_CENTER_VERTICAL);
    lock_box->Add(lock_row, 0, wxALL, gap);
    auto* save_lock = new wxButton(lbox, wxID_ANY, _("Save id&le lock"));
    lock_box->Add(save_lock, 0, wxALL, gap);
    outcome_ = new wxStaticText(lbox, wxID_ANY, wxEmptyString);
    lock_box->Add(outcome_, 0, wxEXPAND | wxALL, gap);
    top->Add(lock_box, 0, wxEXPAND);
    SetSizer(top);

    save_dept->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_department(); });
    save_lock->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_idle_lock(); });
    reload();
}

void SettingsPanel::reload() {
    if (auto d = department_details(session_)) {
        name_kk_->ChangeValue(from_utf8(d->name_kk));
        name_ru_->ChangeValue(from_utf8(d->name_ru));
        address_->ChangeValue(from_utf8(d->address));
        head_->ChangeValue(from_utf8(d->head_name));
    } else {
        show_outcome(error_text(d.error()), true);
    }
    if (auto minutes = idle_lock_minutes(session_)) idle_minutes_->SetValue(*minutes);
}

void SettingsPanel::save_department() {
    Department d{to_utf8(name_kk_->GetValue()), to_utf8(name_ru_->GetValue()), to_utf8(address_->GetValue()),
                 to_utf8(head_->GetValue())};
    if (auto ok = set_department_details(session_, d); !ok) show_outcome(error_text(ok.error()), true);
    else show_outcome(_("Department details saved; new acts will carry them."), false);
}

void SettingsPanel::save_idle_lock() {
    if (auto ok = set_idle_lock_minutes(session_, idle_minutes_->GetValue()); !ok) show_outcome(error_text(ok.error()), true);
    else show_outcome(_("Saved; it applies from the next sign-in."), false);
}

void SettingsPanel::show_outcome(const wxString& text, bool error) {
    outcome_->SetForegroundColour(error ? wxColour(0xb0, 0x00, 0x20) : wxColour(0x1b, 0x5e, 0x20));
    outcome_->SetLabel(text);
    outcome_->Wrap(FromDIP(300));
    Layout();
}

}  // namespace sanaq::ui

#include "ui/institutions/institution_dialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/registry.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

InstitutionDialog::InstitutionDialog(wxWindow* parent, Session& session, const std::optional<Institution>& existing)
    : wxDialog(parent, wxID_ANY, existing ? _("Edit the institution") : _("Register an institution"), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session),
      editing_(existing.has_value()) {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, gap, gap * 2);
    grid->AddGrowableCol(1, 1);
    auto text = [&](const wxString& label, wxTextCtrl*& slot, const wxString& hint = {}) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        slot = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(420, -1)));
        if (!hint.empty()) slot->SetHint(hint);
        grid->Add(slot, 1, wxEXPAND);
    };
    text(_("&BIN:"), bin_, _("12 digits"));
    text(_("Name in &Kazakh:"), name_kk_);
    text(_("Name in &Russian:"), name_ru_);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Type:")), 0, wxALIGN_CENTER_VERTICAL);
    type_ = new wxChoice(this, wxID_ANY);
    for (int i = 0; i < kInstitutionTypeCount; ++i) type_->Append(tr_label(institution_type_label(static_cast<InstitutionType>(i))));
    grid->Add(type_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("KATO &code:")), 0, wxALIGN_CENTER_VERTICAL);
    auto* kato_row = new wxBoxSizer(wxHORIZONTAL);
    kato_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(140, -1)));
    kato_->SetHint(_("9 digits"));
    kato_row->Add(kato_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 2);
    // TRANSLATORS: which edition of the KATO territorial classifier a code belongs to (2013 or 2022).
    kato_row->Add(new wxStaticText(this, wxID_ANY, _("Classifier &version:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    kato_version_ = new wxChoice(this, wxID_ANY);
    for (auto v : kKatoVersions) kato_version_->Append(from_utf8(v));
    kato_row->Add(kato_version_, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(kato_row, 1, wxEXPAND);
    text(_("&Address:"), address_);
    top->Add(grid, 0, wxEXPAND | wxALL, gap * 2);

    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(wxColour(0xb0, 0x00, 0x20));
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);
    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, _("&Save"));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, gap * 2);
    SetSizerAndFit(top);
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });

    const Institution shown = existing.value_or(Institution{});
    bin_->ChangeValue(from_utf8(shown.bin));
    bin_->Enable(!editing_);
    name_kk_->ChangeValue(from_utf8(shown.name_kk));
    name_ru_->ChangeValue(from_utf8(shown.name_ru));
    type_->SetSelection(static_cast<int>(shown.type));
    kato_->ChangeValue(from_utf8(shown.kato.code));
    const std::string version = shown.kato.classifier_version.empty() ? std::string(kKatoCurrentVersion) : shown.kato.classifier_version;
    kato_version_->SetStringSelection(from_utf8(version));
    address_->ChangeValue(from_utf8(shown.address));
    (editing_ ? name_kk_ : bin_)->SetFocus();
    CentreOnParent();
}

void InstitutionDialog::save() {
    Institution institution;
    institution.bin = to_utf8(bin_->GetValue());
    institution.name_kk = to_utf8(name_kk_->GetValue());
    institution.name_ru = to_utf8(name_ru_->GetValue());
    institution.type = static_cast<InstitutionType>(std::max(0, type_->GetSelection()));
    institution.kato = KatoCode{to_utf8(kato_->GetValue()), to_utf8(kato_version_->GetStringSelection())};
    institution.address = to_utf8(address_->GetValue());
    auto ok = editing_ ? update_institution(session_, institution) : add_institution(session_, institution);
    if (!ok) {
        error_->SetLabel(error_text(ok.error()));
        error_->Wrap(FromDIP(520));
        Layout();
        Fit();
        return;
    }
    auto normalised = validate(institution);
    saved_bin_ = normalised ? normalised->bin : institution.bin;
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui

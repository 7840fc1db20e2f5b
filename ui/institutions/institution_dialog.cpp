#include "ui/institutions/institution_dialog.h"

#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/registry.h"
#include "core/usecases/territories.h"
#include "ui/app/ui_language.h"
#include "ui/common/palette.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

InstitutionDialog::InstitutionDialog(wxWindow* parent, Session& session, const std::optional<Institution>& existing)
    : FormDialog(parent, existing ? _("Edit the institution") : _("Register an institution"), 420,
                 wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session),
      editing_(existing.has_value()) {
    bin_ = add_text(_("&BIN:"));
    bin_->SetHint(_("12 digits"));
    name_kk_ = add_text(_("Name in &Kazakh:"));
    name_ru_ = add_text(_("Name in &Russian:"));
    type_ = add_row(_("&Type:"), new wxChoice(this, wxID_ANY));
    for (int i = 0; i < kInstitutionTypeCount; ++i) type_->Append(tr_label(institution_type_label(static_cast<InstitutionType>(i))));
    auto* kato_row = new wxBoxSizer(wxHORIZONTAL);
    kato_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(140, -1)));
    kato_->SetHint(_("9 digits"));
    kato_row->Add(kato_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, margin());
    // TRANSLATORS: which edition of the KATO territorial classifier a code belongs to (2013 or 2022).
    kato_row->Add(new wxStaticText(this, wxID_ANY, _("Classifier &version:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap());
    kato_version_ = new wxChoice(this, wxID_ANY);
    for (auto v : kKatoVersions) kato_version_->Append(from_utf8(v));
    kato_row->Add(kato_version_, 0, wxALIGN_CENTER_VERTICAL);
    add_row(_("KAT&O code:"), kato_row);
    // Outside the department's region: a warning that refuses nothing (a military unit's site may
    // lie in a neighbouring region), shown while the code is typed.
    region_warning_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    region_warning_->SetForegroundColour(palette::warning_text());
    add_row(wxEmptyString, region_warning_);
    if (auto region = department_region(session_)) department_region_ = *region;
    kato_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { check_region(); });
    kato_version_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { check_region(); });
    address_ = add_text(_("&Address:"));
    finish(_("&Save"), [this] { save(); });

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
    check_region();
    (editing_ ? name_kk_ : bin_)->SetFocus();
    CentreOnParent();
}

void InstitutionDialog::check_region() {
    const KatoCode code{trim(to_utf8(kato_->GetValue())), to_utf8(kato_version_->GetStringSelection())};
    const auto warning = code.code.size() == 9 ? region_warning(department_region_, code, ui_language()) : std::nullopt;
    region_warning_->SetLabel(warning ? error_text(*warning) : wxString());
    Layout();
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
        show_error(error_text(ok.error()));
        return;
    }
    auto normalised = validate(institution);
    saved_bin_ = normalised ? normalised->bin : institution.bin;
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui

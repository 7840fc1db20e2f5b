#include "ui/devices/enrol_key_dialog.h"

#include <fstream>
#include <sstream>

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/devices.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

EnrolKeyDialog::EnrolKeyDialog(wxWindow* parent, Session& session, const std::string& kit_number,
                               const std::string& tablet_key, const wxString& tablet_name)
    : FormDialog(parent, _("Enrol a tablet's device key"), 360), session_(session), tablet_key_(tablet_key) {
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   _("A tablet signs its packages with its device key. Packages from a tablet whose key "
                                     "is not enrolled on its kit go to the quarantine."));
    intro->Wrap(FromDIP(520));
    column()->Add(intro, 0, wxALL, margin());
    start_grid(column(), margin());
    kit_ = add_text(_("&Kit:"));
    kit_->SetValue(from_utf8(kit_number));

    from_tablet_ = new wxRadioButton(this, wxID_ANY,
                                     tablet_name.empty() ? _("From the selected &tablet")
                                                         : format_text(_("From the &tablet {}"), {tablet_name}),
                                     wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
    from_file_ = new wxRadioButton(this, wxID_ANY, _("From a &file:"));
    column()->Add(from_tablet_, 0, wxLEFT | wxRIGHT | wxBOTTOM, margin());
    auto* file_row = new wxBoxSizer(wxHORIZONTAL);
    file_row->Add(from_file_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap());
    file_ = text_field();
    file_row->Add(file_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap());
    auto* browse_button = new wxButton(this, wxID_ANY, _("&Browse..."));
    file_row->Add(browse_button, 0, wxALIGN_CENTER_VERTICAL);
    column()->Add(file_row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, margin());

    start_grid(column(), margin());
    reason_ = add_text(_("&Reason (when replacing a key):"));

    from_tablet_->Enable(!tablet_key_.empty());
    (tablet_key_.empty() ? from_file_ : from_tablet_)->SetValue(true);
    file_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (!file_->GetValue().empty()) from_file_->SetValue(true);
    });
    browse_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { browse(); });
    finish(_("&Enrol"), [this] { enrol(); });
    CentreOnParent();
}

void EnrolKeyDialog::browse() {
    wxFileDialog dialog(this, _("The tablet's device key"), wxEmptyString, "device-key.pem",
                        _("PEM files (*.pem)|*.pem|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) return;
    file_->SetValue(dialog.GetPath());
    from_file_->SetValue(true);
}

void EnrolKeyDialog::enrol() {
    std::string pem;
    if (from_tablet_->GetValue()) {
        pem = tablet_key_;
    } else {
        const std::string path = to_utf8(file_->GetValue().Strip(wxString::both));
        if (path.empty()) {
            show_error(_("Choose the file with the tablet's device key."), file_);
            return;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in.is_open()) {
            show_error(format_text(_("The file {} could not be read."), {from_utf8(path)}), file_);
            return;
        }
        std::stringstream text;
        text << in.rdbuf();
        pem = text.str();
    }
    auto enrolled = enroll_device_key(session_, to_utf8(kit_->GetValue().Strip(wxString::both)), pem,
                                      to_utf8(reason_->GetValue()));
    if (!enrolled) {
        show_error(error_text(enrolled.error()));
        return;
    }
    enrolled_ = *enrolled;
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui

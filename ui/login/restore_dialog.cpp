#include "ui/login/restore_dialog.h"

#include <wx/button.h>
#include <wx/dirdlg.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "crypto/crypto.h"
#include "ui/app/restore_backup.h"
#include "ui/common/error_text.h"
#include "ui/common/palette.h"
#include "ui/common/text.h"
#include "ui/common/gauge_progress.h"

namespace sanaq::ui {
namespace {

namespace fs = std::filesystem;

/// "<folder>-restored" beside `near`, or -2, -3 … when that one is taken: a folder the restore
/// will accept as it stands.
fs::path fresh_folder_beside(const fs::path& near) {
    fs::path base = near.lexically_normal();
    if (base.filename().empty()) base = base.parent_path();
    if (base.empty()) return {};
    const std::string stem = base.filename().string() + "-restored";
    std::error_code ec;
    for (int n = 1; n < 100; ++n) {
        const fs::path candidate = base.parent_path() / (n == 1 ? stem : stem + "-" + std::to_string(n));
        if (!fs::exists(candidate, ec)) return candidate;
    }
    return {};
}

/// The refusal in words that say what to do; the rest as the core says it.
wxString restore_error_text(const Error& error) {
    switch (error.code) {
        case ErrorCode::WrongPassword:
        case ErrorCode::UnknownUser:
            return _("The user name or the password does not open this backup. Use the name of an administrator in "
                     "the backup and the password they had when it was made.");
        default:
            return error_text(error);
    }
}

}  // namespace

RestoreDialog::RestoreDialog(wxWindow* parent, const fs::path& near, const std::string& user)
    : FormDialog(parent, _("Restore a workspace from a backup"), 380) {
    auto* file_row = new wxBoxSizer(wxHORIZONTAL);
    file_ = text_field();
    auto* browse_file = new wxButton(this, wxID_ANY, _("Bro&wse..."));
    file_row->Add(file_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap());
    file_row->Add(browse_file, 0, wxALIGN_CENTER_VERTICAL);
    add_row(_("&Backup file:"), file_row);

    auto* folder_row = new wxBoxSizer(wxHORIZONTAL);
    folder_ = text_field();
    auto* browse_folder = new wxButton(this, wxID_ANY, _("Choose a fol&der..."));
    folder_row->Add(folder_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap());
    folder_row->Add(browse_folder, 0, wxALIGN_CENTER_VERTICAL);
    // TRANSLATORS: the folder the restored workspace goes into; it must be new or empty.
    add_row(_("Restore &into the new folder:"), folder_row);

    user_ = add_text(_("Administrator's &user name:"));
    password_ = add_text(_("&Password:"), wxTE_PASSWORD);

    gauge_ = new wxGauge(this, wxID_ANY, 1000);
    column()->Add(gauge_, 0, wxEXPAND | wxLEFT | wxRIGHT, margin());
    gauge_->Hide();
    outcome_ = new wxStaticText(this, wxID_ANY, _("The backup is checked before anything is restored: its digests, "
                                                  "every page's MAC, the database's integrity, the audit trail and "
                                                  "your password. The workspace it was made of is not touched."));
    outcome_->Wrap(FromDIP(520));
    column()->Add(outcome_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, margin());

    ok_ = finish(_("&Restore"), [this] {
        if (restored_) EndModal(wxID_OK);
        else start();
    });
    cancel_button_ = dynamic_cast<wxButton*>(FindWindow(wxID_CANCEL));
    // Escape and the window's close box come here too (wxDialog emulates the Cancel button).
    if (cancel_button_) cancel_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
        if (busy()) cancel();
        else e.Skip();
    });
    browse_file->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { choose_file(); });
    browse_folder->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { choose_folder(); });

    folder_->ChangeValue(from_utf8(fresh_folder_beside(near).string()));
    user_->ChangeValue(from_utf8(user));
    Fit();
    CentreOnParent();
    file_->SetFocus();
}

RestoreDialog::~RestoreDialog() {
    if (cancel_) *cancel_ = true;  // a restore still running stops and leaves nothing
    if (password_) password_->ChangeValue(wxEmptyString);
}

std::string RestoreDialog::user() const { return to_utf8(user_->GetValue().Strip(wxString::both)); }

void RestoreDialog::choose_file() {
    wxFileDialog dialog(this, _("Choose the backup file"), wxEmptyString, wxEmptyString,
                        _("Sanaq backups (*.sanaq-backup)|*.sanaq-backup|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() == wxID_OK) file_->ChangeValue(dialog.GetPath());
    file_->SetFocus();
}

void RestoreDialog::choose_folder() {
    const fs::path current(to_utf8(folder_->GetValue()));
    wxDirDialog dialog(this, _("Choose a new or empty folder for the restored workspace"),
                       from_utf8(current.parent_path().string()), wxDD_DEFAULT_STYLE);
    if (dialog.ShowModal() == wxID_OK) folder_->ChangeValue(dialog.GetPath());
    folder_->SetFocus();
}

void RestoreDialog::start() {
    if (busy() || restored_) return;
    const fs::path file(to_utf8(file_->GetValue().Strip(wxString::both)));
    const fs::path folder(to_utf8(folder_->GetValue().Strip(wxString::both)));
    if (file.empty()) return show_error(_("Choose the backup file."), file_);
    if (folder.empty()) return show_error(_("Choose a new or empty folder to restore into."), folder_);
    if (user().empty()) return show_error(_("Enter the user name of an administrator in the backup."), user_);
    show_error(wxEmptyString);

    RestoreRequest request{fs::absolute(file).lexically_normal(), fs::absolute(folder).lexically_normal(), user(),
                           to_utf8(password_->GetValue())};
    password_->ChangeValue(wxEmptyString);
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    cancel_ = cancel;
    set_busy(true);
    outcome_->SetForegroundColour(GetForegroundColour());
    outcome_->SetLabelText(_("Checking and restoring the backup..."));
    app::JobProgressFn progress = gauge_progress(lifeline_, gauge_);
    run_in_background<RestoreReport>(
        lifeline_,
        [request = std::move(request), progress, cancel]() mutable -> Result<RestoreReport> {
            auto report = restore_backup(request, progress, app::CancelToken(*cancel));
            crypto::wipe(request.password);
            return report;
        },
        [this](Result<RestoreReport> report) { finished(std::move(report)); });
}

void RestoreDialog::cancel() {
    if (!cancel_) return;
    *cancel_ = true;
    outcome_->SetLabelText(_("Cancelling the restore..."));
}

void RestoreDialog::finished(Result<RestoreReport> report) {
    const bool cancelled_by_user = cancel_ && *cancel_;
    cancel_.reset();
    set_busy(false);
    if (!report && report.error().code == ErrorCode::Cancelled && cancelled_by_user) {
        EndModal(wxID_CANCEL);  // what Cancel asked for: nothing was restored
        return;
    }
    if (!report) {
        gauge_->SetValue(0);
        outcome_->SetLabelText(wxEmptyString);
        const ErrorCode code = report.error().code;
        std::error_code ec;
        const fs::path folder(to_utf8(folder_->GetValue().Strip(wxString::both)));
        const bool folder_taken = fs::exists(folder, ec) && !(fs::is_directory(folder, ec) && fs::is_empty(folder, ec));
        wxWindow* focus = code == ErrorCode::WrongPassword || code == ErrorCode::UnknownUser ? password_
                          : code == ErrorCode::PermissionDenied                              ? user_
                          : folder_taken                                                     ? folder_
                                                                                             : file_;
        show_error(restore_error_text(report.error()), focus);
        return;
    }
    restored_ = report->target;
    gauge_->SetValue(gauge_->GetRange());
    outcome_->SetForegroundColour(palette::ok_text());
    outcome_->SetLabelText(format_text(wxPLURAL("Restored into {}. Checked: the digests, every page's MAC, the database's "
                                                "integrity, the audit trail ({} entry) and your password.",
                                                "Restored into {}. Checked: the digests, every page's MAC, the database's "
                                                "integrity, the audit trail ({} entries) and your password.",
                                                static_cast<unsigned>(report->audit_entries_checked)),

                                       {from_utf8(report->target.string()), from_utf8(std::to_string(report->audit_entries_checked))}));
    outcome_->Wrap(FromDIP(520));
    for (wxWindow* w : std::initializer_list<wxWindow*>{file_, folder_, user_, password_}) w->Disable();
    for (wxWindow* w : GetChildren())
        if (auto* b = dynamic_cast<wxButton*>(w); b && b != ok_ && b != cancel_button_) b->Disable();
    ok_->SetLabel(_("&Open the restored workspace"));
    if (cancel_button_) cancel_button_->SetLabel(_("&Close"));
    Layout();
    Fit();
    ok_->SetFocus();
}

void RestoreDialog::set_busy(bool busy) {
    for (wxWindow* w : GetChildren())
        if (w != cancel_button_ && w != gauge_ && w != outcome_ && !dynamic_cast<wxStaticText*>(w)) w->Enable(!busy);
    gauge_->Show(busy || gauge_->GetValue() > 0);
    if (busy) gauge_->SetValue(0);
    Layout();
    Fit();
    if (busy && cancel_button_) cancel_button_->SetFocus();
}

}  // namespace sanaq::ui

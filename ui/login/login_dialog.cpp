#include "ui/login/login_dialog.h"

#include <wx/activityindicator.h>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dirdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/i18n/catalog.h"
#include "core/usecases/demo.h"
#include "ui/app/demo_workspace.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/palette.h"
#include "ui/common/startup_timing.h"
#include "ui/common/tab_order.h"
#include "ui/common/text.h"
#include "ui/login/restore_dialog.h"

namespace sanaq::ui {

LoginDialog::LoginDialog(wxWindow* parent, const std::filesystem::path& workspace,
                         const std::string& user, Events events)
    : wxDialog(parent, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE),
      events_(std::move(events)) {
    build();
    workspace_->ChangeValue(from_utf8(workspace.string()));
    user_->ChangeValue(from_utf8(user));
    apply_texts();
    CentreOnScreen();
    (user.empty() ? user_ : password_)->SetFocus();
}

void LoginDialog::build() {
    const int gap = FromDIP(8);
    auto* top = new wxBoxSizer(wxVERTICAL);

    title_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    title_->SetFont(title_->GetFont().Scaled(1.5f).Bold());
    top->Add(title_, 0, wxALL, gap * 2);

    // Tab order follows creation order: language, folder, browse, restore, user, password, buttons.
    auto* grid = new wxFlexGridSizer(2, gap, gap);
    grid->AddGrowableCol(1, 1);
    language_label_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    language_ = new wxChoice(this, wxID_ANY);
    for (auto code : i18n::kLanguages) language_->Append(language_native_name(code));
    for (unsigned i = 0; i < std::size(i18n::kLanguages); ++i)
        if (i18n::kLanguages[i] == ui_language()) language_->SetSelection(static_cast<int>(i));
    grid->Add(language_label_, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(language_, 0);

    workspace_label_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    auto* folder_row = new wxBoxSizer(wxHORIZONTAL);
    workspace_ =
        new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(340, -1)));
    browse_ = new wxButton(this, wxID_ANY, wxEmptyString);
    folder_row->Add(workspace_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    folder_row->Add(browse_, 0, wxALIGN_CENTER_VERTICAL);
    // Under the folder it concerns: the workspace may be gone, and this brings it back.
    restore_ = new wxButton(this, wxID_ANY, wxEmptyString);
    auto* folder_cell = new wxBoxSizer(wxVERTICAL);
    folder_cell->Add(folder_row, 0, wxEXPAND);
    folder_cell->Add(restore_, 0, wxTOP, gap / 2);
    grid->Add(workspace_label_, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(folder_cell, 1, wxEXPAND);

    user_label_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    user_ =
        new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(220, -1)));
    grid->Add(user_label_, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(user_, 0);

    password_label_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    password_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition,
                               FromDIP(wxSize(220, -1)), wxTE_PASSWORD);
    grid->Add(password_label_, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(password_, 0);
    top->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, gap * 2);

    demo_hint_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    demo_hint_->SetForegroundColour(palette::warning_text());
    top->Add(demo_hint_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap * 2);

    auto* busy_row = new wxBoxSizer(wxHORIZONTAL);
    spinner_ = new wxActivityIndicator(this);
    status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    busy_row->Add(spinner_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    busy_row->Add(status_, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(busy_row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap * 2);
    spinner_->Hide();
    status_->Hide();

    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(palette::error_text());
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap * 2);
    error_->Hide();

    auto* buttons = new wxStdDialogButtonSizer();
    sign_in_ = new wxButton(this, wxID_OK, wxEmptyString);
    quit_ = new wxButton(this, wxID_CANCEL, wxEmptyString);
    sign_in_->SetDefault();  // Enter in any field signs in
    buttons->AddButton(sign_in_);
    buttons->AddButton(quit_);
    buttons->Realize();
    tab_order_as_laid_out(buttons);  // GTK puts Cancel left of OK: Tab goes as they stand
    top->Add(buttons, 0, wxEXPAND | wxALL, gap * 2);
    SetSizer(top);

    sign_in_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { sign_in(); });
    quit_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel(); });  // also Escape
    browse_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { browse(); });
    restore_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { restore(); });
    language_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { language_chosen(); });
    workspace_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { refresh_demo_hint(); });
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { cancel(); });
}

void LoginDialog::apply_texts() {
    SetTitle(_("Sanaq Station - sign in"));
    title_->SetLabel(_("Sanaq Station"));
    // TRANSLATORS: label of the interface language choice on the login dialog.
    language_label_->SetLabel(_("&Language:"));
    workspace_label_->SetLabel(_("&Workspace folder:"));
    browse_->SetLabel(_("&Browse..."));
    restore_->SetLabel(_("&Restore from a backup..."));
    user_label_->SetLabel(_("&User name:"));
    password_label_->SetLabel(_("&Password:"));
    sign_in_->SetLabel(_("&Sign in"));
    quit_->SetLabel(_("&Quit"));
    if (busy_) status_->SetLabel(busy_text_);
    refresh_demo_hint();
    Layout();
    Fit();
}

void LoginDialog::refresh_demo_hint() {
    if (!demo_hint_) return;
    const std::filesystem::path dir(to_utf8(workspace_->GetValue()));
    if (has_demo_marker(dir)) {
        demo_hint_->SetLabel(
            format_text(_("This is a demo workspace with invented data. Sign in as {}, officer, "
                          "custodian or supervisor; the password is {}."),
                        {from_utf8(kDemoAdministrator), from_utf8(kDemoPassword)}));
        demo_hint_->Wrap(FromDIP(520));
        demo_hint_->Show();
    } else {
        demo_hint_->SetLabel(wxEmptyString);
        demo_hint_->Hide();
    }
    Layout();
    Fit();
}

void LoginDialog::set_busy(const wxString& what) {
    busy_ = true;
    busy_text_ = what;
    for (wxWindow* w : std::initializer_list<wxWindow*>{workspace_, browse_, restore_, user_,
                                                        password_, sign_in_, language_})
        w->Disable();
    error_->SetLabel(wxEmptyString);
    error_->Hide();
    status_->SetLabel(what);
    status_->Show();
    spinner_->Show();
    spinner_->Start();
    Layout();
    Fit();
}

void LoginDialog::set_idle() {
    busy_ = false;
    busy_text_.clear();
    for (wxWindow* w : std::initializer_list<wxWindow*>{workspace_, browse_, restore_, user_,
                                                        password_, sign_in_, language_})
        w->Enable();
    spinner_->Stop();
    spinner_->Hide();
    status_->SetLabel(wxEmptyString);
    status_->Hide();
    Layout();
    Fit();
}

void LoginDialog::show_error(const wxString& text) {
    error_->SetLabel(text);
    error_->Wrap(FromDIP(520));
    error_->Show(!text.empty());
    Layout();
    Fit();
}

void LoginDialog::sign_in() {
    if (busy_) return;
    const std::string user = to_utf8(user_->GetValue().Strip(wxString::both));
    const std::string password = to_utf8(password_->GetValue());
    const std::filesystem::path dir(to_utf8(workspace_->GetValue().Strip(wxString::both)));
    if (dir.empty()) {
        show_error(_("Choose the workspace folder."));
        workspace_->SetFocus();
        return;
    }
    if (user.empty()) {
        show_error(_("Enter your user name."));
        user_->SetFocus();
        return;
    }
    password_->Clear();
    set_busy(_("Opening the workspace..."));
    startup_milestone("sign_in_pressed");
    // Re-keying after a colleague was removed, and the split of a workspace made with one key for
    // every role into per-role files (at the sign-in of the first officer or supervisor once every
    // colleague has signed in since), show their share done in the status line; closing the
    // dialog stops them (the old keys, or the single-key workspace, stay until the next sign-in).
    auto rekey_progress = percent_in_status([](int percent) {
        return wxString::Format(_("Re-keying the workspace after a change of members: %d%%"), percent);
    });
    auto split_progress = percent_in_status([](int percent) {
        return wxString::Format(_("Converting the workspace to per-role keys: %d%%"), percent);
    });
    run_in_background<std::unique_ptr<OpenWorkspace>>(
        lifeline_,
        [dir, user, password, rekey_progress, split_progress] {
            auto opened = OpenWorkspace::open(dir, user, password, rekey_progress, split_progress);
            startup_milestone("workspace_opened");
            return opened;
        },
        [this](Result<std::unique_ptr<OpenWorkspace>> opened) {
            set_idle();
            if (!opened) {
                show_error(sign_in_error_text(opened.error()));
                password_->SetFocus();
                return;
            }
            if (events_.signed_in) events_.signed_in(std::move(*opened));
        });
}

std::function<bool(std::uint64_t, std::uint64_t)> LoginDialog::percent_in_status(
    std::function<wxString(int)> text) {
    return [alive = lifeline_.token(), status = status_, text = std::move(text),
            last = std::make_shared<int>(-1)](std::uint64_t done, std::uint64_t total) {
        const int percent = total ? static_cast<int>(done * 100 / total) : 100;
        if (percent != *last) {
            *last = percent;
            wxTheApp->CallAfter([alive, status, text, percent] {
                if (*alive) status->SetLabel(text(percent));
            });
        }
        return static_cast<bool>(*alive);
    };
}

void LoginDialog::browse() {
    wxDirDialog dialog(this, _("Choose the workspace folder"), workspace_->GetValue(),
                       wxDD_DEFAULT_STYLE);
    if (dialog.ShowModal() == wxID_OK) workspace_->SetValue(dialog.GetPath());
}

void LoginDialog::restore() {
    if (busy_) return;
    RestoreDialog dialog(
        this, std::filesystem::path(to_utf8(workspace_->GetValue().Strip(wxString::both))),
        to_utf8(user_->GetValue().Strip(wxString::both)));
    if (dialog.ShowModal() != wxID_OK || !dialog.restored()) return;
    // Open it: the restored folder and the restoring administrator, the password asked again.
    workspace_->SetValue(from_utf8(dialog.restored()->string()));
    user_->ChangeValue(from_utf8(dialog.user()));
    password_->Clear();
    show_error(wxEmptyString);
    password_->SetFocus();
}

void LoginDialog::language_chosen() {
    const int index = language_->GetSelection();
    if (index < 0 || index >= static_cast<int>(std::size(i18n::kLanguages))) return;
    const std::string code(i18n::kLanguages[index]);
    if (events_.language_changed)
        events_.language_changed(code);
    else {
        apply_ui_language(code);
        apply_texts();
    }
}

void LoginDialog::cancel() {
    // Also while a workspace is opening: the Lifeline drops the late result, and dropping it
    // closes the workspace again.
    if (events_.cancelled)
        events_.cancelled();
    else
        Destroy();
}

}  // namespace sanaq::ui

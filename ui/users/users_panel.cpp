#include "ui/users/users_panel.h"
#include "ui/common/button_labels.h"

#include <wx/button.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/wrapsizer.h>

#include "core/usecases/users.h"
#include "ui/common/list_columns.h"
#include "ui/common/error_text.h"
#include "ui/common/reason_dialog.h"
#include "ui/common/text.h"
#include "ui/users/add_user_dialog.h"
#include "ui/users/password_reset_dialog.h"
#include "ui/users/role_dialog.h"

namespace sanaq::ui {

UsersPanel::UsersPanel(wxWindow* parent, Session& session) : wxPanel(parent), session_(session) {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    notices_ = make_notice_bar(this);
    top->Add(notices_, 0, wxEXPAND);
    top->Add(new wxStaticText(this, wxID_ANY, _("U&sers:")), 0, wxLEFT | wxRIGHT | wxTOP, gap);
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES);
    append_fitted_column(list_, _("User"), 130, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(list_, _("Full name"), 300, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(list_, _("Role"), 200, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(list_, _("Created (UTC)"), 180, {}, wxLIST_FORMAT_LEFT);
    top->Add(list_, 1, wxEXPAND | wxALL, gap);

    auto* buttons = new wxWrapSizer(wxHORIZONTAL);  // wraps at larger text
    add_ = new wxButton(this, wxID_ANY, _("&Add user..."));
    remove_ = new wxButton(this, wxID_ANY, _("Re&move..."));
    role_ = new wxButton(this, wxID_ANY, _("Change &role..."));
    password_ = new wxButton(this, wxID_ANY, _("Reset &password..."));
    for (auto* b : {add_, remove_, role_, password_}) buttons->Add(b, 0, wxRIGHT | wxBOTTOM, gap);
    top->Add(buttons, 0, wxLEFT | wxRIGHT | wxBOTTOM, gap);

    SetSizer(top);

    add_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_user(); });
    remove_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { remove_selected(); });
    role_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { change_role_of_selected(); });
    password_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reset_password_of_selected(); });
    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { update_buttons(); });
    list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { update_buttons(); });
    reload();
}

void UsersPanel::reload() {
    list_->DeleteAllItems();
    auto users = list_users(session_);
    if (!users) {
        notify(error_text(users.error()), true);
        users_.clear();
    } else {
        users_ = std::move(*users);
    }
    long row = 0;
    for (const auto& u : users_) {
        const long i = list_->InsertItem(row++, from_utf8(u.name));
        list_->SetItem(i, 1, from_utf8(u.full_name));
        list_->SetItem(i, 2, tr_label(role_label(u.role)));
        list_->SetItem(i, 3, local_time_text(u.created_at_utc));
    }
    update_buttons();
}

std::optional<User> UsersPanel::selected() const {
    const long i = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (i < 0 || i >= static_cast<long>(users_.size())) return std::nullopt;
    return users_[static_cast<std::size_t>(i)];
}

void UsersPanel::update_buttons() {
    const auto user = selected();
    // Nobody removes or demotes themselves from here: the workstation would lose its administrator.
    const bool other = user && user->name != session_.actor.user;
    remove_->Enable(other);
    role_->Enable(other);
    password_->Enable(user.has_value());
}

void UsersPanel::add_user() {
    AddUserDialog dialog(this, session_);
    if (dialog.ShowModal() != wxID_OK) return;
    reload();
    notify(format_text(_("User {} added."), {from_utf8(dialog.added_user())}), false);
}

void UsersPanel::remove_selected() {
    const auto user = selected();
    if (!user) return;
    ReasonDialog dialog(this, format_text(_("Remove {}"), {from_utf8(user->name)}),
                        format_text(_("{} will no longer be able to sign in; their key slot is deleted. Why?"), {from_utf8(user->name)}));
    if (dialog.ShowModal() != wxID_OK) return;
    if (auto ok = remove_user(session_, user->name, dialog.reason()); !ok) {
        notify(error_text(ok.error()), true);
        return;
    }
    reload();
    notify(format_text(_("User {} removed; their key slot is gone."), {from_utf8(user->name)}), false);
}

void UsersPanel::change_role_of_selected() {
    const auto user = selected();
    if (!user) return;
    RoleDialog dialog(this, session_, *user);
    if (dialog.ShowModal() != wxID_OK) return;
    reload();
    notify(format_text(_("The role of {} is changed."), {from_utf8(user->name)}), false);
}

void UsersPanel::reset_password_of_selected() {
    const auto user = selected();
    if (!user) return;
    PasswordResetDialog dialog(this, session_, user->name);
    if (dialog.ShowModal() != wxID_OK) return;
    notify(format_text(_("The password of {} is changed; the database was not re-encrypted."), {from_utf8(user->name)}), false);
}

void UsersPanel::notify(const wxString& text, bool error) {
    notices_->ShowMessage(text, error ? wxICON_ERROR : wxICON_INFORMATION);
    Layout();
}

}  // namespace sanaq::ui

#pragma once
// The Users screen (administrators): accounts — add, remove, change role, reset a password, each
// with the reason the core wants. The workspace settings have a screen of their own (settings/).
#include <optional>
#include <vector>

#include <wx/panel.h>

#include "core/domain/user.h"
#include "core/usecases/session.h"

class wxButton;
class wxInfoBar;
class wxListCtrl;

namespace sanaq::ui {

class UsersPanel : public wxPanel {
public:
    UsersPanel(wxWindow* parent, Session& session);

    void reload();
    void add_user();
    void remove_selected();
    void change_role_of_selected();
    void reset_password_of_selected();
    std::optional<User> selected() const;

    wxListCtrl* users_list() const { return list_; }
    const std::vector<User>& users() const { return users_; }

private:
    void notify(const wxString& text, bool error);
    void update_buttons();

    Session& session_;
    std::vector<User> users_;
    wxInfoBar* notices_ = nullptr;
    wxListCtrl* list_ = nullptr;
    wxButton* add_ = nullptr;
    wxButton* remove_ = nullptr;
    wxButton* role_ = nullptr;
    wxButton* password_ = nullptr;
};

}  // namespace sanaq::ui

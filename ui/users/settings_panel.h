#pragma once
// Workspace settings for administrators: the department's details printed on every act, and
// after how many idle minutes the workstation locks itself.
#include <wx/panel.h>

#include "core/usecases/session.h"

class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class SettingsPanel : public wxPanel {
public:
    SettingsPanel(wxWindow* parent, Session& session);

    void reload();
    void save_department();
    void save_idle_lock();

    wxTextCtrl* name_kk_field() const { return name_kk_; }
    wxSpinCtrl* idle_minutes_field() const { return idle_minutes_; }
    wxStaticText* outcome_label() const { return outcome_; }

private:
    void show_outcome(const wxString& text, bool error);

    Session& session_;
    wxTextCtrl* name_kk_ = nullptr;
    wxTextCtrl* name_ru_ = nullptr;
    wxTextCtrl* address_ = nullptr;
    wxTextCtrl* head_ = nullptr;
    wxSpinCtrl* idle_minutes_ = nullptr;
    wxStaticText* outcome_ = nullptr;
};

}  // namespace sanaq::ui

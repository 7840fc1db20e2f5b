#pragma once
// Puts a new part in a kit in place of a missing or damaged one (core replace_component: new
// serial, reason required). Only the parts the core may replace are offered: missing or damaged,
// not the tablet (a kit with a bad tablet is written off).
#include <string>
#include <vector>

#include "core/domain/kit.h"
#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class ReplacePartDialog : public FormDialog {
public:
    ReplacePartDialog(wxWindow* parent, Session& session, const Kit& kit);

    /// Parts of `kit` that may be replaced, in the kit's order.
    static std::vector<ComponentType> replaceable(const Kit& kit);

    wxChoice* part_choice() const { return part_; }
    wxTextCtrl* serial_field() const { return serial_; }
    wxTextCtrl* reason_field() const { return reason_; }
    const std::vector<ComponentType>& parts() const { return parts_; }
    const wxString& outcome() const { return outcome_; }

private:
    void show_old_serial();
    void replace();

    Session& session_;
    Kit kit_;
    std::vector<ComponentType> parts_;
    wxChoice* part_ = nullptr;
    wxStaticText* old_serial_ = nullptr;
    wxTextCtrl* serial_ = nullptr;
    wxTextCtrl* reason_ = nullptr;
    wxString outcome_;
};

}  // namespace sanaq::ui

#pragma once
// Registering or editing an institution: BIN, names in both languages, type from the orders'
// list, KATO code with its classifier version (codes changed with the 2022 reform), address.
// The core validates; its message appears in the dialog, which stays open.
#include <optional>
#include <string>

#include "core/domain/institution.h"
#include "core/usecases/session.h"
#include "ui/common/form_dialog.h"

class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class InstitutionDialog : public FormDialog {
public:
    /// `existing` edits that institution (its BIN cannot change); nothing registers a new one.
    InstitutionDialog(wxWindow* parent, Session& session, const std::optional<Institution>& existing);

    const std::string& saved_bin() const { return saved_bin_; }
    wxTextCtrl* bin_field() const { return bin_; }
    wxTextCtrl* name_kk_field() const { return name_kk_; }
    wxTextCtrl* name_ru_field() const { return name_ru_; }
    wxChoice* type_choice() const { return type_; }
    wxTextCtrl* kato_field() const { return kato_; }
    wxChoice* kato_version_choice() const { return kato_version_; }
    /// The warning about a code outside the department's region ("" when none).
    wxStaticText* region_warning_label() const { return region_warning_; }

private:
    void save();
    void check_region();

    Session& session_;
    bool editing_;
    std::string saved_bin_;
    wxTextCtrl* bin_ = nullptr;
    wxTextCtrl* name_kk_ = nullptr;
    wxTextCtrl* name_ru_ = nullptr;
    wxChoice* type_ = nullptr;
    wxTextCtrl* kato_ = nullptr;
    wxChoice* kato_version_ = nullptr;
    wxTextCtrl* address_ = nullptr;
    wxStaticText* region_warning_ = nullptr;
    std::string department_region_;
};

}  // namespace sanaq::ui

#pragma once
// The Institutions screen: the institutions whose residents are enumerated on site, and the
// responsible staff of the one selected (IINs come masked from the core for roles that may not
// see them).
#include <filesystem>
#include <optional>
#include <vector>

#include <wx/panel.h>

#include "core/domain/institution.h"
#include "core/usecases/session.h"

class wxButton;
class wxInfoBar;
class wxListCtrl;
class wxListEvent;
class wxStaticText;

namespace sanaq::ui {

class InstitutionsPanel : public wxPanel {
public:
    InstitutionsPanel(wxWindow* parent, Session& session);

    void reload();
    void select(std::size_t index);
    void add_institution();
    void edit_institution();
    void add_employee();
    /// The selected institution's stage-1 register row in RegisterDialog.
    void edit_register();
    std::optional<Institution> selected() const;
    /// "Who has not sent" to `path` (.pdf in both state languages, .xlsx), audited first.
    void export_not_sent_to(const std::filesystem::path& path);

    wxListCtrl* institutions_list() const { return institutions_list_; }
    wxListCtrl* staff_list() const { return staff_list_; }
    const std::vector<ResponsibleEmployee>& staff() const { return staff_; }
    wxButton* add_institution_button() const { return add_; }
    wxButton* add_employee_button() const { return add_employee_; }

private:
    void show_staff();
    void export_not_sent();
    void notify(const wxString& text, bool error);

    Session& session_;
    std::vector<Institution> institutions_;
    std::vector<ResponsibleEmployee> staff_;
    wxInfoBar* notices_ = nullptr;
    wxListCtrl* institutions_list_ = nullptr;
    wxListCtrl* staff_list_ = nullptr;
    wxStaticText* staff_heading_ = nullptr;
    wxButton* add_ = nullptr;
    wxButton* edit_ = nullptr;
    wxButton* add_employee_ = nullptr;
    wxButton* export_not_sent_ = nullptr;
    wxButton* edit_register_ = nullptr;
};

}  // namespace sanaq::ui

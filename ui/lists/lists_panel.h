#pragma once
// The Lists screen: every version of the institutions' lists of respondents (who imported which
// file as of which date, and how many rows went in, were rejected or carry warnings), and the
// "Import list..." wizard (ListImportWizard).
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/panel.h>

#include "core/domain/coverage.h"
#include "core/domain/institution.h"
#include "core/usecases/session.h"
#include "ui/common/background_task.h"

class wxButton;
class wxChoice;
class wxInfoBar;
class wxListCtrl;
class wxStaticText;

namespace sanaq::ui {

class OpenWorkspace;

class ListsPanel : public wxPanel {
public:
    ListsPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace);

    /// Institutions and list versions read again.
    void reload();
    /// Opens the import wizard (for the selected version's institution, if any).
    void import_list();

    const std::vector<StoredList>& versions() const { return versions_; }
    std::optional<std::size_t> selected_version() const;
    const wxString& last_notice() const { return last_notice_; }

    // Controls, for tests and accessibility tools.
    wxListCtrl* versions_list() const { return list_; }
    wxChoice* institution_filter() const { return filter_; }
    wxButton* import_button() const { return import_; }

private:
    void build();
    void fill();
    void notify(const wxString& text, bool error);
    wxString institution_text(const std::string& bin) const;

    std::shared_ptr<OpenWorkspace> workspace_;
    Session& session_;
    std::vector<Institution> institutions_;
    std::map<std::string, std::size_t> by_bin_;
    std::vector<StoredList> versions_;
    wxString last_notice_;

    wxInfoBar* notices_ = nullptr;
    wxChoice* filter_ = nullptr;
    wxStaticText* count_ = nullptr;
    wxListCtrl* list_ = nullptr;
    wxButton* import_ = nullptr;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui

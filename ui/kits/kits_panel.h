#pragma once
// The Kits screen: the kit register (or the outstanding report) with a debounced filter, and the
// work done on kits — register, import a delivery, issue, return, service, replace a part, allow a
// gated return, acts, export, paper stock. Buttons the role may not use are not shown; the use
// cases refuse them anyway.
#include <filesystem>
#include <memory>
#include <optional>

#include <wx/panel.h>
#include <wx/timer.h>

#include "core/domain/act.h"
#include "core/usecases/session.h"
#include "ui/common/background_task.h"

class wxActivityIndicator;
class wxButton;
class wxCheckBox;
class wxChoice;
class wxInfoBar;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class KitListView;
class OpenWorkspace;

class KitsPanel : public wxPanel {
public:
    KitsPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace);
    ~KitsPanel() override;

    /// Queries again with the filter as it stands (the text box waits for a pause in typing).
    void refresh();
    /// "Outstanding only" ticked and the list read again (the dashboard's link).
    void show_outstanding();

    void register_kit();
    void import_inventory();
    /// Reads and checks the file off the UI thread, then shows the preview dialog.
    void import_file(const std::filesystem::path& path);
    bool importing() const { return importing_; }
    void issue();
    void return_selected();
    void service_selected();
    /// Supervisors: let the selected kit's next return through the return gate (reason).
    void allow_return_selected();
    void replace_part_selected();
    /// Paper on hand; the roles that manage it receive a delivery here.
    void show_paper_stock();
    void issue_paper_alone();
    void return_paper_alone();
    void acts_of_selected();
    void export_outstanding();
    Status export_outstanding_to(const std::filesystem::path& path);
    void show_act(const Act& act, const wxString& notice);

    // Controls, for tests and accessibility tools.
    KitListView* list() const { return list_; }
    wxTextCtrl* filter_field() const { return filter_; }
    wxChoice* state_choice() const { return state_; }
    wxCheckBox* outstanding_box() const { return outstanding_; }
    wxButton* issue_button() const { return issue_; }
    wxButton* return_button() const { return return_; }
    wxButton* register_button() const { return register_; }
    wxButton* service_button() const { return service_; }
    wxButton* acts_button() const { return acts_; }
    wxButton* allow_return_button() const { return allow_return_; }
    wxButton* replace_part_button() const { return replace_part_; }
    wxButton* paper_button() const { return paper_; }
    wxButton* issue_paper_button() const { return issue_paper_; }
    wxButton* return_paper_button() const { return return_paper_; }
    wxStaticText* count_label() const { return count_; }
    /// The last message shown in the panel's notice bar.
    const wxString& last_notice() const { return last_notice_; }

private:
    void build();
    void update_buttons();
    void notify(const wxString& text, bool error);
    void set_busy(bool busy, const wxString& what = {});
    std::optional<KitState> chosen_state() const;

    std::shared_ptr<OpenWorkspace> workspace_;  // the import's job opens a worker session of its own
    Session& session_;
    wxInfoBar* notices_ = nullptr;
    wxTextCtrl* filter_ = nullptr;
    wxChoice* state_ = nullptr;
    wxCheckBox* outstanding_ = nullptr;
    KitListView* list_ = nullptr;
    wxStaticText* count_ = nullptr;
    wxActivityIndicator* spinner_ = nullptr;
    wxStaticText* busy_text_ = nullptr;
    wxButton* register_ = nullptr;
    wxButton* import_ = nullptr;
    wxButton* issue_ = nullptr;
    wxButton* return_ = nullptr;
    wxButton* service_ = nullptr;
    wxButton* acts_ = nullptr;
    wxButton* allow_return_ = nullptr;
    wxButton* replace_part_ = nullptr;
    wxButton* paper_ = nullptr;
    wxButton* issue_paper_ = nullptr;
    wxButton* return_paper_ = nullptr;
    wxButton* export_ = nullptr;
    wxTimer filter_timer_;
    bool importing_ = false;
    wxString last_notice_;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui

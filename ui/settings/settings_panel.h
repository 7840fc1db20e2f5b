#pragma once
// The Settings screen, for every role: what an administrator sets for the whole workspace — the
// census round (reference moment and its time zone), the department's details printed on acts,
// the department's region and the KATO classifier, the idle lock — read-only for everyone else (ManageSettings; the core refuses anyway); what each
// person sets for themselves on this workstation — the interface language, larger fonts and high
// contrast (preferences.h); and the workspace: where it is, opening another one, and a backup
// (BackupWorkspace) written on a worker session with progress and Cancel.
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <wx/scrolwin.h>

#include "core/ports/archive.h"
#include "ui/app/preferences.h"
#include "ui/common/background_task.h"

class wxButton;
class wxCheckBox;
class wxChoice;
class wxGauge;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class OpenWorkspace;

class SettingsPanel : public wxScrolledWindow {
public:
    SettingsPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace);
    ~SettingsPanel() override;  // a running backup is cancelled (nothing is left behind)

    void reload();
    // The administrator's settings; each shows the core's answer under its box.
    void save_census_round();
    void save_department();
    void save_idle_lock();
    // Territories: the department's region and the KATO classifier of an edition.
    void save_department_region();
    void import_classifier();
    /// Imports `path` as the classifier of the chosen edition; the outcome shows under the box.
    bool import_classifier_from(const std::filesystem::path& path);
    // The person's own.
    void apply_appearance_choice();
    void choose_language(int index);
    // The workspace.
    void open_other_workspace();
    void back_up();
    /// Writes a backup to `path` on a worker session; false when one is running or not allowed.
    bool back_up_to(const std::filesystem::path& path);
    void cancel_backup();
    bool backing_up() const { return static_cast<bool>(backup_cancel_); }
    const std::optional<Result<BackupInfo>>& last_backup() const { return last_backup_; }

    /// Who acts on what the panel cannot do itself (MainFrame / Workstation).
    std::function<void(const std::string& code)> on_language;
    std::function<void(const Appearance&)> on_appearance;
    std::function<void()> on_idle_lock_changed;
    std::function<void(const std::filesystem::path&)> on_open_workspace;
    /// The end of a backup, for the status bar and a desktop notice: title, text.
    std::function<void(const wxString&, const wxString&)> on_finished;

    // Controls, for tests and accessibility tools.
    wxTextCtrl* round_field() const { return round_; }
    wxTextCtrl* reference_date_field() const { return reference_date_; }
    wxTextCtrl* reference_time_field() const { return reference_time_; }
    wxChoice* zone_choice() const { return zone_; }
    wxButton* save_round_button() const { return save_round_; }
    // The round's calendar (saved with the round by the same button).
    wxTextCtrl* list_date_field() const { return list_date_; }
    wxTextCtrl* region_list_dates_field() const { return region_list_dates_; }
    wxTextCtrl* online_from_field() const { return online_from_; }
    wxTextCtrl* online_to_field() const { return online_to_; }
    wxTextCtrl* tablet_from_field() const { return tablet_from_; }
    wxTextCtrl* tablet_to_field() const { return tablet_to_; }
    wxTextCtrl* end_date_field() const { return end_date_; }
    wxTextCtrl* order_number_field() const { return order_number_; }
    wxTextCtrl* order_date_field() const { return order_date_; }
    wxTextCtrl* name_kk_field() const { return name_kk_; }
    wxTextCtrl* name_ru_field() const { return name_ru_; }
    wxTextCtrl* address_field() const { return address_; }
    wxTextCtrl* head_field() const { return head_; }
    wxButton* save_department_button() const { return save_department_; }
    wxChoice* region_choice() const { return region_; }
    wxButton* save_region_button() const { return save_region_; }
    wxChoice* edition_choice() const { return edition_; }
    wxButton* import_classifier_button() const { return import_classifier_; }
    wxStaticText* classifiers_label() const { return classifiers_; }
    wxStaticText* territories_outcome() const { return territories_outcome_; }
    wxSpinCtrl* idle_minutes_field() const { return idle_minutes_; }
    wxButton* save_idle_lock_button() const { return save_idle_; }
    wxChoice* language_choice() const { return language_; }
    wxChoice* font_choice() const { return font_; }
    wxCheckBox* contrast_box() const { return contrast_; }
    wxButton* apply_appearance_button() const { return apply_appearance_; }
    wxTextCtrl* workspace_field() const { return workspace_field_; }
    wxButton* open_workspace_button() const { return open_workspace_; }
    wxButton* backup_button() const { return backup_; }
    wxButton* cancel_backup_button() const { return cancel_backup_; }
    wxGauge* backup_gauge() const { return gauge_; }
    wxStaticText* read_only_label() const { return read_only_; }
    wxStaticText* round_outcome() const { return round_outcome_; }
    wxStaticText* department_outcome() const { return department_outcome_; }
    wxStaticText* idle_outcome() const { return idle_outcome_; }
    wxStaticText* backup_outcome() const { return backup_outcome_; }

private:
    void build();
    void show_outcome(wxStaticText* label, const wxString& text, bool error);
    void set_backup_busy(bool busy);
    std::string chosen_offset() const;

    std::shared_ptr<OpenWorkspace> workspace_;
    bool may_change_ = false;
    wxStaticText* read_only_ = nullptr;
    wxTextCtrl* round_ = nullptr;
    wxTextCtrl* reference_date_ = nullptr;
    wxTextCtrl* reference_time_ = nullptr;
    wxChoice* zone_ = nullptr;
    wxButton* save_round_ = nullptr;
    wxStaticText* round_outcome_ = nullptr;
    wxTextCtrl* list_date_ = nullptr;
    wxTextCtrl* region_list_dates_ = nullptr;
    wxTextCtrl* online_from_ = nullptr;
    wxTextCtrl* online_to_ = nullptr;
    wxTextCtrl* tablet_from_ = nullptr;
    wxTextCtrl* tablet_to_ = nullptr;
    wxTextCtrl* end_date_ = nullptr;
    wxTextCtrl* order_number_ = nullptr;
    wxTextCtrl* order_date_ = nullptr;
    wxTextCtrl* name_kk_ = nullptr;
    wxTextCtrl* name_ru_ = nullptr;
    wxTextCtrl* address_ = nullptr;
    wxTextCtrl* head_ = nullptr;
    wxButton* save_department_ = nullptr;
    wxStaticText* department_outcome_ = nullptr;
    wxChoice* region_ = nullptr;
    wxButton* save_region_ = nullptr;
    wxChoice* edition_ = nullptr;
    wxButton* import_classifier_ = nullptr;
    wxStaticText* classifiers_ = nullptr;
    wxStaticText* territories_outcome_ = nullptr;
    wxSpinCtrl* idle_minutes_ = nullptr;
    wxButton* save_idle_ = nullptr;
    wxStaticText* idle_outcome_ = nullptr;
    wxChoice* language_ = nullptr;
    wxChoice* font_ = nullptr;
    wxCheckBox* contrast_ = nullptr;
    wxButton* apply_appearance_ = nullptr;
    wxTextCtrl* workspace_field_ = nullptr;
    wxButton* open_workspace_ = nullptr;
    wxButton* backup_ = nullptr;
    wxButton* cancel_backup_ = nullptr;
    wxGauge* gauge_ = nullptr;
    wxStaticText* backup_outcome_ = nullptr;
    std::shared_ptr<std::atomic<bool>> backup_cancel_;
    std::optional<Result<BackupInfo>> last_backup_;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui

#pragma once
// Importing an institution's list, step by step: which institution, which file, as of which date,
// with which saved column mapping; then the preview of every row with its problems (the file is
// read on a worker thread), a column-mapping editor and the export of the rejected rows; then,
// when the institution has a list already, what the new version changes. Finish stores the
// importable rows as a new version (core import_list) — the button says how many; with rejected
// rows the other way out is Cancel, to fix the file and import it again.
//
// A stepped dialog as IssueWizard is, for the same reasons (mnemonics, testable steps).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "coverage/list_import.h"
#include "ui/common/background_task.h"

class wxActivityIndicator;
class wxButton;
class wxChoice;
class wxDatePickerCtrl;
class wxSimplebook;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class ListDiffView;
class ListPreviewView;
class OpenWorkspace;

class ListImportWizard : public wxDialog {
public:
    enum Step { kSource, kPreview, kChanges, kStepCount };

    ListImportWizard(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace, const std::string& preselected_bin = {});
    ~ListImportWizard() override;

    int step() const { return step_; }
    /// A file is being read or the list stored on a worker thread.
    bool busy() const { return busy_; }
    std::shared_ptr<const ListImportPreview> preview() const { return preview_; }
    const std::optional<StoredList>& imported() const { return imported_; }

    /// Reads the file again with this mapping (the column editor's OK does this).
    void use_mapping(const lists::ColumnMapping& mapping);
    /// The rejected rows to .csv/.xlsx (audited by the core).
    Status export_rejected_to(const std::filesystem::path& path);

    // Controls, for tests and accessibility tools.
    wxChoice* institution_choice() const { return institution_; }
    wxTextCtrl* file_field() const { return file_; }
    wxDatePickerCtrl* as_of_field() const { return as_of_; }
    wxChoice* mapping_choice() const { return mapping_; }
    wxButton* columns_button() const { return columns_; }
    ListPreviewView* rows_list() const { return rows_; }
    wxChoice* row_filter() const { return row_filter_; }
    wxStaticText* counts_label() const { return counts_; }
    wxStaticText* file_problems_label() const { return file_problems_; }
    wxStaticText* unknown_columns_label() const { return unknown_columns_; }
    /// The selected row's problems in full.
    wxStaticText* row_detail_label() const { return row_detail_; }
    wxButton* change_columns_button() const { return change_columns_; }
    wxButton* export_rejected_button() const { return export_rejected_; }
    wxTextCtrl* save_mapping_field() const { return save_mapping_; }
    ListDiffView* diff_list() const { return diff_; }
    wxStaticText* diff_summary_label() const { return diff_summary_; }
    wxButton* back_button() const { return back_; }
    wxButton* next_button() const { return next_; }
    wxButton* finish_button() const { return finish_; }
    wxButton* cancel_button() const { return cancel_; }
    wxStaticText* error_label() const { return error_; }

private:
    wxWindow* build_source_step();
    wxWindow* build_preview_step();
    wxWindow* build_changes_step();
    void institution_chosen();
    void browse();
    void next();
    void go_to(int step);
    void update_buttons();
    std::optional<ListImportRequest> request_from_source();
    void start_preview(ListImportRequest request);
    struct ReadPreview;  // a preview and its index, both made on the worker
    void preview_ready(Result<ReadPreview> result);
    static void release_off_ui_thread(std::shared_ptr<ListImportPreview> preview);
    void fill_preview();
    void fill_changes();
    void edit_columns();
    void export_rejected();
    void finish();
    void set_busy(bool busy, const wxString& what = {});
    void show_error(const wxString& text);
    std::filesystem::path chosen_file() const;

    std::shared_ptr<OpenWorkspace> workspace_;
    Session& session_;
    std::vector<Institution> institutions_;
    std::vector<std::string> mapping_names_;
    std::optional<lists::ColumnMapping> explicit_mapping_;
    // Shared with the worker that stores it: a list of tens of thousands of rows is neither copied
    // nor freed on the UI thread (bench_ui_responsiveness).
    std::shared_ptr<ListImportPreview> preview_;
    lists::PreviewIndex index_;  // of preview_: its counts and filters, made with it on the worker
    std::optional<StoredList> imported_;
    int step_ = kSource;
    bool busy_ = false;
    bool storing_ = false;

    wxStaticText* heading_ = nullptr;
    wxSimplebook* steps_ = nullptr;
    wxChoice* institution_ = nullptr;
    wxTextCtrl* file_ = nullptr;
    wxDatePickerCtrl* as_of_ = nullptr;
    wxChoice* mapping_ = nullptr;
    wxButton* columns_ = nullptr;
    wxStaticText* counts_ = nullptr;
    wxStaticText* file_problems_ = nullptr;
    wxStaticText* unknown_columns_ = nullptr;
    wxStaticText* mapping_line_ = nullptr;
    wxChoice* row_filter_ = nullptr;
    wxStaticText* row_detail_ = nullptr;
    ListPreviewView* rows_ = nullptr;
    wxButton* change_columns_ = nullptr;
    wxButton* export_rejected_ = nullptr;
    wxTextCtrl* save_mapping_ = nullptr;
    wxStaticText* diff_summary_ = nullptr;
    ListDiffView* diff_ = nullptr;
    wxActivityIndicator* spinner_ = nullptr;
    wxStaticText* busy_text_ = nullptr;
    wxStaticText* error_ = nullptr;
    wxButton* back_ = nullptr;
    wxButton* next_ = nullptr;
    wxButton* finish_ = nullptr;
    wxButton* cancel_ = nullptr;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui

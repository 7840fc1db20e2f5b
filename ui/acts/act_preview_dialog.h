#pragma once
// The act as it will print: its pages rendered by the act printer (Kazakh part, then Russian
// part), page by page, with Save as PDF and Print. Both outputs are recorded on the audit trail
// (core record_act_export): an act carries personal data.
#include <filesystem>
#include <memory>
#include <vector>

#include <wx/dialog.h>

#include "core/domain/act.h"
#include "core/usecases/session.h"
#include "ui/common/background_task.h"

class wxActivityIndicator;
class wxButton;
class wxStaticText;

namespace sanaq::ui {

class ActPageView;
struct ActCatalogs;

class ActPreviewDialog : public wxDialog {
public:
    /// `notice` is shown above the pages (e.g. what a holder still owes after a return).
    ActPreviewDialog(wxWindow* parent, Session& session, Act act, const wxString& notice = {});
    ~ActPreviewDialog() override;

    bool pages_ready() const { return !pages_.empty(); }
    bool busy() const { return busy_; }
    /// Both catalogs are there and the pages are rendered: Save as PDF and Print are on.
    bool can_export() const;
    int page_count() const { return static_cast<int>(pages_.size()); }
    int current_page() const { return current_; }
    void show_page(int index);
    /// Writes the PDF off the UI thread, then records the export; the outcome shows in the dialog.
    void save_pdf(const std::filesystem::path& path);
    const wxString& outcome() const { return outcome_; }
    const Act& act() const { return act_; }

    wxButton* close_button() const { return close_; }

private:
    void render();
    void rendered(std::vector<wxImage> pages);
    void ask_and_save();
    void print();
    void set_busy(bool busy, const wxString& what = {});
    void show_outcome(const wxString& text, bool error);
    void update_controls();
    void finish();

    Session& session_;
    Act act_;
    std::shared_ptr<const ActCatalogs> catalogs_;
    std::vector<wxBitmap> pages_;
    int current_ = 0;
    bool busy_ = false;
    wxString outcome_;

    ActPageView* view_ = nullptr;
    wxStaticText* page_label_ = nullptr;
    wxStaticText* status_ = nullptr;
    wxActivityIndicator* spinner_ = nullptr;
    wxButton* previous_ = nullptr;
    wxButton* next_ = nullptr;
    wxButton* save_ = nullptr;
    wxButton* print_ = nullptr;
    wxButton* close_ = nullptr;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui

#pragma once
// The drill-down from an institution's coverage row: every person of its list and every person
// enumerated there, with the outcome, the listed and the enumerated name, IIN and date of birth,
// and the score. Read on a worker thread (an institution may hold thousands); "Export people..."
// writes them to a file after a confirmation — it is personal data, and the export is audited.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <wx/dialog.h>
#include <wx/listctrl.h>

#include "core/domain/coverage.h"
#include "ui/common/background_task.h"

class wxActivityIndicator;
class wxButton;
class wxChoice;
class wxStaticText;

namespace sanaq::ui {

class OpenWorkspace;

/// The persons as a virtual list, filtered by outcome.
class PeopleListView : public wxListCtrl {
public:
    explicit PeopleListView(wxWindow* parent);
    void set_people(const std::vector<PersonOutcome>* people, const std::string& outcome = {});
    const PersonOutcome* person_at(long item) const;

protected:
    wxString OnGetItemText(long item, long column) const override;
    wxItemAttr* OnGetItemAttr(long item) const override;

private:
    const std::vector<PersonOutcome>* people_ = nullptr;
    std::vector<std::size_t> shown_;
    mutable wxItemAttr missing_attr_, extra_attr_, review_attr_, duplicate_attr_;
};

class CoveragePeopleDialog : public wxDialog {
public:
    CoveragePeopleDialog(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace, std::string bin, const wxString& name);

    bool loading() const { return loading_; }
    const std::vector<PersonOutcome>& people() const { return people_; }
    /// Writes the people to .csv/.xlsx without asking (export_coverage_people); the count.
    Result<std::int64_t> export_to(const std::filesystem::path& path);
    void export_people();

    PeopleListView* people_list() const { return list_; }
    wxChoice* outcome_filter() const { return filter_; }
    wxButton* export_button() const { return export_; }
    wxButton* close_button() const { return close_; }
    wxStaticText* status_label() const { return status_; }

private:
    void loaded(Result<std::vector<PersonOutcome>> people);
    void show_status(const wxString& text, bool error);

    std::shared_ptr<OpenWorkspace> workspace_;
    std::string bin_;
    wxString name_;
    std::vector<PersonOutcome> people_;
    bool loading_ = true;
    wxActivityIndicator* spinner_ = nullptr;
    wxStaticText* counts_ = nullptr;
    wxChoice* filter_ = nullptr;
    PeopleListView* list_ = nullptr;
    wxStaticText* status_ = nullptr;
    wxButton* export_ = nullptr;
    wxButton* close_ = nullptr;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui

#pragma once
// Issuing kits, step by step: which kits (in-stock kits, filtered), to whom (institution, then its
// responsible employee), what paper goes with them and until when, then a summary. Finish calls
// the core's issue_kits, which makes the act; the caller shows it.
//
// A stepped dialog rather than wxWizard: the buttons get mnemonics and the steps can be driven
// and checked by tests like any dialog.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "core/domain/act.h"
#include "core/usecases/session.h"

class wxButton;
class wxCheckListBox;
class wxChoice;
class wxListBox;
class wxSimplebook;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class OptionalDatePicker;

class IssueWizard : public wxDialog {
public:
    enum Step { kChooseKits, kChooseReceiver, kPaperAndDate, kSummary, kStepCount };

    IssueWizard(wxWindow* parent, Session& session, const std::string& preselected_kit);

    int step() const { return step_; }
    const std::optional<Act>& act() const { return act_; }
    std::vector<std::string> chosen_kits() const { return {chosen_.begin(), chosen_.end()}; }

    // Controls, for tests and accessibility tools.
    wxTextCtrl* kit_filter() const { return kit_filter_; }
    wxCheckListBox* kit_list() const { return kit_list_; }
    wxChoice* institution_choice() const { return institution_; }
    wxListBox* staff_list() const { return staff_; }
    wxSpinCtrl* explanations_field() const { return explanations_; }
    wxSpinCtrl* certificates_field() const { return certificates_; }
    OptionalDatePicker* due_date_field() const { return due_; }
    wxTextCtrl* summary_text() const { return summary_; }
    wxButton* back_button() const { return back_; }
    wxButton* next_button() const { return next_; }
    wxButton* finish_button() const { return finish_; }
    wxStaticText* error_label() const { return error_; }

private:
    wxWindow* build_kits_step();
    wxWindow* build_receiver_step();
    wxWindow* build_paper_step();
    wxWindow* build_summary_step();
    void load_kits();
    void kit_toggled(int index);
    void institution_chosen();
    void go_to(int step);
    bool step_complete();
    void fill_summary();
    void finish();
    void show_error(const wxString& text);

    Session& session_;
    int step_ = kChooseKits;
    std::set<std::string> chosen_;
    std::vector<std::string> shown_kits_;
    std::vector<Institution> institutions_;
    std::vector<ResponsibleEmployee> employees_;
    std::optional<Act> act_;

    wxStaticText* heading_ = nullptr;
    wxSimplebook* steps_ = nullptr;
    wxTextCtrl* kit_filter_ = nullptr;
    wxCheckListBox* kit_list_ = nullptr;
    wxStaticText* chosen_label_ = nullptr;
    wxChoice* institution_ = nullptr;
    wxListBox* staff_ = nullptr;
    wxSpinCtrl* explanations_ = nullptr;
    wxSpinCtrl* certificates_ = nullptr;
    wxStaticText* stock_label_ = nullptr;
    OptionalDatePicker* due_ = nullptr;
    wxTextCtrl* note_ = nullptr;
    wxTextCtrl* summary_ = nullptr;
    wxStaticText* error_ = nullptr;
    wxButton* back_ = nullptr;
    wxButton* next_ = nullptr;
    wxButton* finish_ = nullptr;
};

}  // namespace sanaq::ui

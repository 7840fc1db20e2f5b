#pragma once
// The Review screen: the supervisors' queue of uncertain pairs (filtered by state) and the case
// of the selected item — the two records side by side field by field, what disagrees on colour,
// the score with the thresholds, earlier decisions. Decisions from the keyboard: M the same
// person (counted twice, for duplicate items), N not the same person, D counted twice; each asks
// for a reason and then moves on to the next item. With four-eyes on, a second supervisor
// confirms pending decisions. The core decides who may do what; its refusals show as they come.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/panel.h>

#include "coverage/review.h"
#include "ui/common/background_task.h"

class wxButton;
class wxChoice;
class wxInfoBar;
class wxKeyEvent;
class wxListCtrl;
class wxStaticText;

namespace sanaq::ui {

class OpenWorkspace;
class ReviewQueueView;

class ReviewPanel : public wxPanel {
public:
    ReviewPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace);

    /// The queue read again in the chosen state; the selection stays at its place in the list.
    void reload();
    /// Shows items in this state (nullopt: all).
    void show_state(std::optional<ReviewState> state);
    bool select_item(std::int64_t id);

    /// Asks for a reason, decides the selected item, moves to the next. False when nothing was decided.
    bool decide_selected(ReviewVerdict verdict);
    /// Decides without asking (the reason given); the same checks and moving on.
    Status decide(std::int64_t id, ReviewVerdict verdict, const std::string& reason);
    /// Confirms the selected item's pending decision (four-eyes).
    Status confirm_selected();
    /// M, N, D as the keyboard gives them (also on a Russian or Kazakh layout); true when handled.
    bool handle_key(const wxKeyEvent& event);

    const std::vector<ReviewItem>& queue() const;
    const std::optional<ReviewCase>& current_case() const { return case_; }
    bool four_eyes() const { return four_eyes_; }
    const wxString& last_notice() const { return last_notice_; }
    bool last_notice_is_error() const { return last_notice_error_; }

    // Controls, for tests and accessibility tools.
    wxChoice* state_choice() const { return state_; }
    ReviewQueueView* queue_list() const { return queue_; }
    wxListCtrl* fields_list() const { return fields_; }
    wxListCtrl* decisions_list() const { return decisions_; }
    wxStaticText* case_heading() const { return heading_; }
    wxStaticText* score_label() const { return score_; }
    wxButton* match_button() const { return match_; }
    wxButton* non_match_button() const { return non_match_; }
    wxButton* duplicate_button() const { return duplicate_; }
    wxButton* confirm_button() const { return confirm_; }

private:
    void build();
    void show_case();
    void clear_case();
    void update_buttons();
    void moved_on(long index);
    void notify(const wxString& text, bool error);
    wxString institution_text(const std::string& bin) const;
    std::optional<ReviewState> chosen_state() const;

    std::shared_ptr<OpenWorkspace> workspace_;
    Session& session_;
    std::map<std::string, Institution> institutions_;
    std::optional<ReviewCase> case_;
    bool four_eyes_ = false;
    wxString last_notice_;
    bool last_notice_error_ = false;

    wxInfoBar* notices_ = nullptr;
    wxChoice* state_ = nullptr;
    wxStaticText* count_ = nullptr;
    wxStaticText* four_eyes_text_ = nullptr;
    ReviewQueueView* queue_ = nullptr;
    wxStaticText* heading_ = nullptr;
    wxStaticText* score_ = nullptr;
    wxStaticText* records_ = nullptr;
    wxListCtrl* fields_ = nullptr;
    wxListCtrl* decisions_ = nullptr;
    wxButton* match_ = nullptr;
    wxButton* non_match_ = nullptr;
    wxButton* duplicate_ = nullptr;
    wxButton* confirm_ = nullptr;
};

}  // namespace sanaq::ui

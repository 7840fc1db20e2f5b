#include "ui/review/review_panel.h"
#include "ui/common/button_labels.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include "core/domain/role.h"
#include "core/usecases/registry.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/list_columns.h"
#include "ui/common/reason_dialog.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/devices/devices_panel.h"
#include "ui/review/review_queue_view.h"
#include "ui/common/palette.h"
#include "ui/common/wrapping_text.h"

namespace sanaq::ui {
namespace {
// The state filter's entries; the last one shows every item.
constexpr ReviewState kStates[] = {ReviewState::Open, ReviewState::AwaitingConfirmation, ReviewState::Decided,
                                   ReviewState::Gone};
// The agreement last: it takes the room left, and a long one is cut at its end.
enum FieldColumn { kField, kFirst, kSecond, kWeight, kAgreement };

wxString verdict_text(ReviewVerdict v) { return tr_label(review_verdict_label(v)); }

wxString reason_question(ReviewVerdict v) {
    switch (v) {
        case ReviewVerdict::Match: return _("Why are these two records the same person?");
        case ReviewVerdict::NonMatch: return _("Why are these two records not the same person?");
        case ReviewVerdict::Duplicate: return _("Why are these two records one person counted twice?");
    }
    return {};
}
}  // namespace

ReviewPanel::ReviewPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace)
    : wxPanel(parent), workspace_(std::move(workspace)), session_(workspace_->session()) {
    build();
    reload();
}

void ReviewPanel::build() {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    notices_ = make_notice_bar(this);
    top->Add(notices_, 0, wxEXPAND);

    auto* head = new wxBoxSizer(wxHORIZONTAL);
    head->Add(new wxStaticText(this, wxID_ANY, _("&Show:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    state_ = new wxChoice(this, wxID_ANY);
    state_->Append(_("open items"));
    state_->Append(_("awaiting confirmation"));
    state_->Append(_("decided"));
    state_->Append(_("no longer proposed"));
    state_->Append(_("all items"));
    state_->SetSelection(0);
    head->Add(state_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 3);
    count_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    head->Add(count_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 3);
    head->AddStretchSpacer();
    four_eyes_text_ = new wxStaticText(this, wxID_ANY, _("Four eyes: a decision counts once a second supervisor confirms it."));
    four_eyes_text_->SetForegroundColour(palette::warning_text());
    head->Add(four_eyes_text_, 0, wxALIGN_CENTER_VERTICAL);
    top->Add(head, 0, wxEXPAND | wxALL, gap);

    auto* body = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(new wxStaticText(this, wxID_ANY, _("&Queue:")), 0, wxBOTTOM, gap / 2);
    queue_ = new ReviewQueueView(this);
    queue_->institution_name = [this](const std::string& bin) { return institution_text(bin); };
    // Explicit minimum sizes: a list's best size is the sum of its columns, which would leave the
    // proportions below nothing to share.
    queue_->SetMinSize(FromDIP(wxSize(300, 200)));
    left->Add(queue_, 1, wxEXPAND);
    body->Add(left, 2, wxEXPAND | wxRIGHT, gap * 2);

    auto* right = new wxBoxSizer(wxVERTICAL);
    heading_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    heading_->SetFont(heading_->GetFont().Bold().Scaled(1.1f));
    right->Add(heading_, 0, wxEXPAND | wxBOTTOM, gap);
    score_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    right->Add(score_, 0, wxEXPAND | wxBOTTOM, gap);
    records_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    right->Add(records_, 0, wxEXPAND | wxBOTTOM, gap);
    fields_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_HRULES | wxLC_VRULES);
    fields_->SetMinSize(FromDIP(wxSize(400, 230)));
    append_fitted_column(fields_, _("Field"), 95);
    append_fitted_column(fields_, _("On the list"), 125, {_("First record")});
    append_fitted_column(fields_, _("Enumerated"), 125, {_("Second record")});
    append_fitted_column(fields_, _("Weight"), 55, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(fields_, _("Agreement"), 175);
    stretch_column(fields_, kAgreement, 120);
    right->Add(fields_, 3, wxEXPAND | wxBOTTOM, gap);
    right->Add(new wxStaticText(this, wxID_ANY, _("Earlier decisions:")), 0, wxBOTTOM, gap / 2);
    decisions_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_HRULES);
    decisions_->SetMinSize(FromDIP(wxSize(400, 90)));
    append_fitted_column(decisions_, _("Decided"), 130, {"0000-00-00 00:00:00"});
    append_fitted_column(decisions_, _("By"), 80);
    append_fitted_column(decisions_, _("Decision"), 140, {tr_label(review_verdict_label(ReviewVerdict::NonMatch))});
    append_fitted_column(decisions_, _("Reason"), 200);
    append_fitted_column(decisions_, _("Confirmed by"), 100);
    right->Add(decisions_, 1, wxEXPAND | wxBOTTOM, gap);

    auto* buttons = new wxWrapSizer(wxHORIZONTAL);  // wraps at larger text
    match_ = new wxButton(this, wxID_ANY, _("&Match"));
    match_->SetToolTip(_("The same person (M); for two enumerated records: counted twice"));
    non_match_ = new wxButton(this, wxID_ANY, _("&Not a match"));
    non_match_->SetToolTip(_("Not the same person (N)"));
    duplicate_ = new wxButton(this, wxID_ANY, _("&Duplicate"));
    duplicate_->SetToolTip(_("Two enumerated records of one person counted twice (D)"));
    confirm_ = new wxButton(this, wxID_ANY, _("&Confirm"));
    confirm_->SetToolTip(_("Confirm another supervisor's decision (four eyes)"));
    buttons->Add(match_, 0, wxRIGHT, gap);
    buttons->Add(non_match_, 0, wxRIGHT, gap);
    buttons->Add(duplicate_, 0, wxRIGHT, gap * 3);
    buttons->Add(confirm_, 0);
    auto* keys = new WrappingText(this, _("Keys: M, N, D; each asks for a reason."));
    keys->SetForegroundColour(palette::muted_text());
    right->Add(keys, 0, wxEXPAND | wxBOTTOM, gap / 2);
    right->Add(buttons, 0, wxEXPAND);
    if (!permits(session_.actor.role, Operation::DecideReview)) {
        for (wxWindow* w : std::initializer_list<wxWindow*>{match_, non_match_, duplicate_, confirm_, keys}) w->Hide();
    }
    body->Add(right, 3, wxEXPAND);
    top->Add(body, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    SetSizer(top);

    state_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { reload(); });
    queue_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { show_case(); });
    queue_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { show_case(); });
    match_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide_selected(ReviewVerdict::Match); });
    non_match_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide_selected(ReviewVerdict::NonMatch); });
    duplicate_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { decide_selected(ReviewVerdict::Duplicate); });
    confirm_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { confirm_selected(); });
    // Before any control sees the key: the letters are decisions here, not a search in the list.
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (!handle_key(e)) e.Skip();
    });
}

wxString ReviewPanel::institution_text(const std::string& bin) const {
    const auto at = institutions_.find(bin);
    return at == institutions_.end() ? wxString() : institution_name(at->second);
}

std::optional<ReviewState> ReviewPanel::chosen_state() const {
    const int i = state_->GetSelection();
    if (i < 0 || i >= static_cast<int>(std::size(kStates))) return std::nullopt;
    return kStates[i];
}

void ReviewPanel::show_state(std::optional<ReviewState> state) {
    int index = static_cast<int>(std::size(kStates));
    for (int i = 0; i < static_cast<int>(std::size(kStates)); ++i)
        if (state && kStates[i] == *state) index = i;
    state_->SetSelection(index);
    reload();
}

const std::vector<ReviewItem>& ReviewPanel::queue() const { return queue_->items(); }

void ReviewPanel::reload() {
    const long index = queue_->selected_index();
    const ReviewItem* current = queue_->item_at(index);
    const std::int64_t id = current ? current->id : 0;
    if (auto list = list_institutions(session_)) {
        institutions_.clear();
        for (auto& i : *list) institutions_[i.bin] = std::move(i);
    }
    four_eyes_ = four_eyes_required(session_).value_or(false);
    four_eyes_text_->Show(four_eyes_);
    auto items = review_queue(session_, chosen_state());
    if (!items) {
        notify(error_text(items.error()), true);
        queue_->set_items({});
        clear_case();
        update_buttons();
        return;
    }
    queue_->set_items(std::move(*items));
    count_->SetLabel(format_text(wxPLURAL("{} item", "{} items", queue_->items().size()),
                                 {count_text(static_cast<std::int64_t>(queue_->items().size()))}));
    // The same item when it is still there, else whatever took its place: the next one.
    if (!(id && select_item(id)) && !queue_->items().empty())
        queue_->select_index(std::clamp(index, 0L, static_cast<long>(queue_->items().size()) - 1));
    show_case();
    Layout();
}

bool ReviewPanel::select_item(std::int64_t id) {
    const auto& items = queue_->items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].id != id) continue;
        queue_->select_index(static_cast<long>(i));
        return true;
    }
    return false;
}

void ReviewPanel::clear_case() {
    case_.reset();
    heading_->SetLabel(queue_->items().empty() ? _("Nothing to review here.") : _("Choose an item in the queue."));
    score_->SetLabel(wxEmptyString);
    records_->SetLabel(wxEmptyString);
    fields_->DeleteAllItems();
    decisions_->DeleteAllItems();
}

void ReviewPanel::show_case() {
    const ReviewItem* item = queue_->item_at(queue_->selected_index());
    if (!item) {
        clear_case();
        update_buttons();
        return;
    }
    if (case_ && case_->item.id == item->id && case_->item.state == item->state) {
        update_buttons();
        return;
    }
    auto loaded = review_case(session_, item->id);
    if (!loaded) {
        clear_case();
        notify(error_text(loaded.error()), true);
        update_buttons();
        return;
    }
    case_ = std::move(*loaded);
    const ReviewCase& c = *case_;
    const bool pair = c.item.kind == ReviewKind::Pair;
    const wxString where = institution_text(c.item.institution_bin);
    heading_->SetLabel(format_text(_("Item {}: {}"), {count_text(c.item.id), review_kind_text(c.item.kind)}) +
                       (where.empty() ? wxString() : " - " + where));
    wxString score = format_text(_("Score {}: auto-match from {}, review from {}."),
                                 {score_text(c.item.score), score_text(c.auto_match_at), score_text(c.review_at)});
    if (c.item.conflict) score += "  " + _("Conflict: the IIN agrees, the name or the date of birth does not.");
    score_->SetLabel(score);
    score_->SetForegroundColour(c.item.conflict ? palette::error_text() : GetForegroundColour());
    score_->Wrap(FromDIP(560));

    wxString records;
    if (pair && c.listed) records += format_text(_("On the list: line {}."), {wxString::Format("%d", c.listed->line)}) + "  ";
    for (const auto* e : {pair ? nullptr : (c.first ? &*c.first : nullptr), c.second ? &*c.second : nullptr}) {
        if (!e) continue;
        records += format_text(_("Enumerated with kit {}, pulled {}."), {from_utf8(e->kit_number), from_utf8(e->pulled_on)}) + "  ";
    }
    records_->SetLabel(records);

    wxListItem header;
    header.SetMask(wxLIST_MASK_TEXT);
    header.SetText(pair ? _("On the list") : _("First record"));
    fields_->SetColumn(kFirst, header);
    header.SetText(pair ? _("Enumerated") : _("Second record"));
    fields_->SetColumn(kSecond, header);
    fields_->DeleteAllItems();
    const wxColour differs(0xff, 0xe0, 0xa8);
    long row = 0;
    for (const auto& f : c.fields) {
        const long i = fields_->InsertItem(row++, tr_label(matching::field_label(f.field)));
        fields_->SetItem(i, kFirst, from_utf8(f.first));
        fields_->SetItem(i, kSecond, from_utf8(f.second));
        // Both sides have a value the matcher left out (the territory of one institution): say so.
        const bool skipped = f.level == matching::Level::Missing && !f.first.empty() && !f.second.empty();
        // TRANSLATORS: review case: the matcher did not compare this field (implied by another).
        fields_->SetItem(i, kAgreement, skipped ? _("not compared") : tr_label(matching::level_label(f.field, f.level)));
        fields_->SetItem(i, kWeight, wxString::Format("%+.1f", f.weight));
        if (f.differs) fields_->SetItemBackgroundColour(i, differs);
    }

    decisions_->DeleteAllItems();
    row = 0;
    for (const auto& d : c.decisions) {
        const long i = decisions_->InsertItem(row++, utc_time_text(d.decided_at_utc));
        decisions_->SetItem(i, 1, from_utf8(d.decided_by));
        decisions_->SetItem(i, 2, verdict_text(d.verdict));
        decisions_->SetItem(i, 3, from_utf8(d.reason));
        decisions_->SetItem(i, 4, d.confirmed_by.empty() ? (d.needs_confirmation ? _("waiting") : wxString())
                                                         : from_utf8(d.confirmed_by));
    }
    update_buttons();
    Layout();
}

void ReviewPanel::update_buttons() {
    const bool allowed = permits(session_.actor.role, Operation::DecideReview);
    const ReviewItem* item = queue_->item_at(queue_->selected_index());
    const bool decidable = allowed && item && (item->state == ReviewState::Open || item->state == ReviewState::Decided);
    match_->Enable(decidable);
    non_match_->Enable(decidable);
    duplicate_->Enable(decidable && item->kind == ReviewKind::Duplicate);
    confirm_->Enable(allowed && item && item->state == ReviewState::AwaitingConfirmation);
    confirm_->Show(allowed && four_eyes_);
}

bool ReviewPanel::handle_key(const wxKeyEvent& event) {
    if (event.HasAnyModifiers() || !permits(session_.actor.role, Operation::DecideReview)) return false;
    if (dynamic_cast<wxTextCtrl*>(FindFocus())) return false;
    const int code = event.GetKeyCode();
    const wxChar unicode = event.GetUnicodeKey();
    // The same keys on a Russian or Kazakh layout: Ь, Т, В.
    auto is = [&](int latin, wxChar upper, wxChar lower) {
        return code == latin || code == latin + ('a' - 'A') || unicode == upper || unicode == lower;
    };
    std::optional<ReviewVerdict> verdict;
    if (is('M', 0x042C, 0x044C)) verdict = ReviewVerdict::Match;
    else if (is('N', 0x0422, 0x0442)) verdict = ReviewVerdict::NonMatch;
    else if (is('D', 0x0412, 0x0432)) verdict = ReviewVerdict::Duplicate;
    if (!verdict) return false;
    decide_selected(*verdict);
    return true;
}

bool ReviewPanel::decide_selected(ReviewVerdict verdict) {
    const ReviewItem* item = queue_->item_at(queue_->selected_index());
    if (!item || !permits(session_.actor.role, Operation::DecideReview)) return false;
    if (item->kind == ReviewKind::Duplicate && verdict == ReviewVerdict::Match) verdict = ReviewVerdict::Duplicate;
    if (item->kind == ReviewKind::Pair && verdict == ReviewVerdict::Duplicate) {
        notify(_("D is for two enumerated records counted twice; for a listed person press M or N."), true);
        return false;
    }
    const std::int64_t id = item->id;
    ReasonDialog dialog(this, format_text(_("Item {}: {}"), {count_text(id), verdict_text(verdict)}), reason_question(verdict));
    if (dialog.ShowModal() != wxID_OK) return false;
    return decide(id, verdict, dialog.reason()).has_value();
}

Status ReviewPanel::decide(std::int64_t id, ReviewVerdict verdict, const std::string& reason) {
    auto decided = decide_review(session_, id, verdict, reason);
    if (!decided) {
        notify(error_text(decided.error()), true);
        return std::unexpected(decided.error());
    }
    if (!decided->effective())
        notify(format_text(_("Item {}: {}. It counts once a second supervisor confirms it."),
                           {count_text(id), verdict_text(decided->verdict)}),
               false);
    else
        notify(format_text(_("Item {}: {}."), {count_text(id), verdict_text(decided->verdict)}), false);
    select_item(id);  // the place it had: the next item takes it
    reload();
    queue_->SetFocus();
    return {};
}

Status ReviewPanel::confirm_selected() {
    const ReviewItem* item = queue_->item_at(queue_->selected_index());
    if (!item) return fail(ErrorCode::NotFound, N_("Choose an item in the queue."));
    const std::int64_t id = item->id;
    auto confirmed = confirm_review(session_, id);
    if (!confirmed) {
        notify(error_text(confirmed.error()), true);
        return std::unexpected(confirmed.error());
    }
    notify(format_text(_("Item {}: the decision \"{}\" is confirmed."), {count_text(id), verdict_text(confirmed->verdict)}), false);
    reload();
    queue_->SetFocus();
    return {};
}

void ReviewPanel::notify(const wxString& text, bool error) {
    last_notice_ = text;
    last_notice_error_ = error;
    notices_->ShowMessage(text, error ? wxICON_ERROR : wxICON_INFORMATION);
    Layout();
}

}  // namespace sanaq::ui

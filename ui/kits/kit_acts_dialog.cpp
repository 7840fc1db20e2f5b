#include "ui/kits/kit_acts_dialog.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "core/usecases/custody.h"
#include "core/usecases/kit_registry.h"
#include "ui/acts/act_preview_dialog.h"
#include "ui/common/list_columns.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"
#include "ui/devices/devices_panel.h"
#include "ui/common/palette.h"

namespace sanaq::ui {
namespace {
wxString status_text(ComponentStatus status) {
    switch (status) {
        case ComponentStatus::InPlace: return _("in place");
        case ComponentStatus::Missing: return _("missing");
        case ComponentStatus::Damaged: return _("damaged");
    }
    return {};
}
}  // namespace

KitActsDialog::KitActsDialog(wxWindow* parent, Session& session, const std::string& kit_number)
    : wxDialog(parent, wxID_ANY, format_text(_("Kit {}: parts, acts and pulls"), {from_utf8(kit_number)}), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session) {
    const int gap = FromDIP(8);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* state = new wxStaticText(this, wxID_ANY, wxEmptyString);
    state->SetFont(state->GetFont().Bold());
    top->Add(state, 0, wxALL, gap);

    top->Add(new wxStaticText(this, wxID_ANY, _("&Parts:")), 0, wxLEFT | wxRIGHT, gap);
    parts_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(640, 200)), wxLC_REPORT | wxLC_SINGLE_SEL);
    append_fitted_column(parts_, _("Part"), 200, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(parts_, _("Serial"), 170, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(parts_, _("Status"), 110, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(parts_, _("Note"), 150, {}, wxLIST_FORMAT_LEFT);
    top->Add(parts_, 1, wxEXPAND | wxALL, gap);

    top->Add(new wxStaticText(this, wxID_ANY, _("&Acts:")), 0, wxLEFT | wxRIGHT, gap);
    list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(640, 160)), wxLC_REPORT | wxLC_SINGLE_SEL);
    append_fitted_column(list_, _("Act"), 190, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(list_, _("Kind"), 100, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(list_, _("Date"), 100, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(list_, _("BIN"), 120, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(list_, _("Kits"), 120, {}, wxLIST_FORMAT_LEFT);
    top->Add(list_, 1, wxEXPAND | wxALL, gap);

    const bool sees_pulls = permits(session_.actor.role, Operation::ViewDevices);
    if (sees_pulls) {
        top->Add(new wxStaticText(this, wxID_ANY, _("P&ulls from its tablet:")), 0, wxLEFT | wxRIGHT, gap);
        pulls_list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(640, 130)), wxLC_REPORT | wxLC_SINGLE_SEL);
        append_fitted_column(pulls_list_, _("Started"), 140);
        append_fitted_column(pulls_list_, _("Result"), 90, {_("interrupted"), _("cancelled")});
        append_fitted_column(pulls_list_, _("Received"), 70, {}, wxLIST_FORMAT_RIGHT);
        append_fitted_column(pulls_list_, _("Already received"), 70, {}, wxLIST_FORMAT_RIGHT);
        append_fitted_column(pulls_list_, _("Quarantined"), 70, {}, wxLIST_FORMAT_RIGHT);
        append_fitted_column(pulls_list_, _("Persons"), 70, {}, wxLIST_FORMAT_RIGHT);
        append_fitted_column(pulls_list_, _("Left on tablet"), 70, {}, wxLIST_FORMAT_RIGHT);
        append_fitted_column(pulls_list_, _("Missing packages"), 90);
        append_fitted_column(pulls_list_, _("User"), 80);
        top->Add(pulls_list_, 1, wxEXPAND | wxALL, gap);
    }

    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(palette::error_text());
    top->Add(error_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    reprint_ = new wxButton(this, wxID_ANY, _("&Show and reprint..."));
    auto* close = new wxButton(this, wxID_CANCEL, _("&Close"));
    buttons->Add(reprint_, 0, wxRIGHT, gap);
    buttons->AddStretchSpacer();
    buttons->Add(close, 0);
    top->Add(buttons, 0, wxEXPAND | wxALL, gap);
    SetSizerAndFit(top);

    auto history = kit_history(session_, kit_number);
    if (!history) {
        error_->SetLabel(error_text(history.error()));
    } else {
        state->SetLabel(format_text(_("Kit {} is now: {}."), {from_utf8(history->kit.number), tr_label(kit_state_label(history->kit.state))}));
        long row = 0;
        for (const auto& c : history->kit.components) {
            const long i = parts_->InsertItem(row++, tr_label(component_label(c.type)));
            parts_->SetItem(i, 1, from_utf8(c.serial));
            parts_->SetItem(i, 2, status_text(c.status));
            parts_->SetItem(i, 3, from_utf8(c.note));
        }
        acts_ = history->acts;
        row = 0;
        for (const auto& a : acts_) {
            const long i = list_->InsertItem(row++, from_utf8(a.number));
            // TRANSLATORS: kind of act in a kit's history: hand-over to an institution, or return.
            list_->SetItem(i, 1, a.kind == ActKind::Issue ? _("issue") : _("return"));
            list_->SetItem(i, 2, from_utf8(a.date));
            list_->SetItem(i, 3, from_utf8(a.institution_bin));
            wxString kits;
            for (const auto& k : a.kits) kits += (kits.empty() ? "" : ", ") + from_utf8(k);
            list_->SetItem(i, 4, kits);
        }
        if (!acts_.empty()) list_->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    }
    if (pulls_list_) {
        auto pulls = pull_history(session_, kit_number, 0);
        if (!pulls) {
            error_->SetLabel(error_text(pulls.error()));
        } else {
            pulls_ = std::move(*pulls);
            long row = 0;
            auto n = [](std::int64_t v) { return wxString::Format("%lld", static_cast<long long>(v)); };
            for (const auto& p : pulls_) {
                const long i = pulls_list_->InsertItem(row++, utc_time_text(p.started_at_utc));
                pulls_list_->SetItem(i, 1, pull_outcome_text(p.outcome));
                pulls_list_->SetItem(i, 2, n(p.packages_received));
                pulls_list_->SetItem(i, 3, n(p.packages_already));
                pulls_list_->SetItem(i, 4, n(p.packages_quarantined));
                pulls_list_->SetItem(i, 5, n(p.persons));
                pulls_list_->SetItem(i, 6, n(p.packages_left));
                pulls_list_->SetItem(i, 7, from_utf8(p.missing_sequences));
                pulls_list_->SetItem(i, 8, from_utf8(p.user));
                if (left_work_behind(p))
                    pulls_list_->SetItemTextColour(i, palette::error_text());
            }
            if (pulls_.empty()) {
                // TRANSLATORS: the only row of a kit's pull list when its tablet was never pulled.
                pulls_list_->InsertItem(0, _("no pulls yet"));
            }
        }
    }
    reprint_->Enable(!acts_.empty());
    reprint_->SetDefault();
    reprint_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reprint(list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED)); });
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) { reprint(e.GetIndex()); });
    CentreOnParent();
}

void KitActsDialog::reprint(long row) {
    if (row < 0 || row >= static_cast<long>(acts_.size())) return;
    auto act = find_act(session_, acts_[static_cast<std::size_t>(row)].number);
    if (!act) {
        error_->SetLabel(error_text(act.error()));
        Layout();
        return;
    }
    ActPreviewDialog preview(this, session_, *act);
    preview.ShowModal();
}

}  // namespace sanaq::ui

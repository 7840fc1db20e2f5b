#include "ui/dashboard/dashboard_panel.h"

#include <cstdlib>

#include <wx/button.h>

#include <wx/datetime.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/wrapsizer.h>

#include "core/domain/role.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/app/worker_task.h"
#include "ui/common/counts_source_text.h"
#include "ui/common/error_text.h"
#include "ui/common/list_columns.h"
#include "ui/common/palette.h"
#include "ui/common/startup_timing.h"
#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/dashboard/dashboard_tile.h"
#include "ui/devices/devices_panel.h"
#include "ui/upstream/upstream_labels.h"

namespace sanaq::ui {
namespace {

using Kind = DashboardFigures::WarningKind;

wxString warning_caption(Kind kind) {
    switch (kind) {
        // TRANSLATORS: dashboard warning tile: tablets whose package sequence numbers have holes.
        case Kind::SequenceGap: return _("Sequence gaps");
        // TRANSLATORS: dashboard warning tile: the last pull of these tablets stopped or left packages behind.
        case Kind::UnfinishedPull: return _("Pulls not finished");
        case Kind::Quarantined: return _("Quarantined packages");
        // TRANSLATORS: dashboard warning tile: tablets whose clock runs ahead of or behind the workstation's.
        case Kind::ClockSkew: return _("Tablet clocks off");
        // TRANSLATORS: dashboard warning tile: batches the census database refused for good.
        case Kind::HeldBatches: return _("Batches held upstream");
        case Kind::OverdueKits: return _("Kits overdue");
    }
    return {};
}

wxString warning_advice(Kind kind) {
    switch (kind) {
        case Kind::SequenceGap: return _("Packages from these tablets never arrived: pull them again.");
        case Kind::UnfinishedPull: return _("Their last pull did not bring everything: pull them again.");
        case Kind::Quarantined: return _("Retry them once the cause is fixed, or dismiss them.");
        case Kind::ClockSkew: return _("Ask the holders to set the tablets' date and time.");
        case Kind::HeldBatches: return _("Open the Upstream screen: retry or discard them.");
        case Kind::OverdueKits: return _("Their due date has passed: call the holders.");
    }
    return {};
}

wxString detail_text(Kind kind, const DashboardFigures::Detail& d) {
    const wxString subject = from_utf8(d.subject);
    switch (kind) {
        // TRANSLATORS: dashboard, sequence gaps: "KIT-0042: packages 14-16 missing".
        case Kind::SequenceGap: return format_text(_("{}: packages {} missing"), {subject, from_utf8(d.value)});
        // TRANSLATORS: dashboard, tablet clocks: "KIT-0042: +3600 s" (ahead of the workstation's clock).
        case Kind::ClockSkew: return format_text(_("{}: {} s"), {subject, from_utf8(d.value)});
        // TRANSLATORS: dashboard, overdue kits: "KIT-0004: 12 days out".
        case Kind::OverdueKits: {
            if (d.value.empty()) return subject;
            // The value is the days out as digits (dashboard_figures); the count picks the form.
            const auto days = static_cast<unsigned>(std::strtoul(d.value.c_str(), nullptr, 10));
            return format_text(wxPLURAL("{}: {} day out", "{}: {} days out", days), {subject, from_utf8(d.value)});
        }
        default: return d.value.empty() ? subject : subject + ": " + from_utf8(d.value);
    }
}

DashboardTile::Tone warning_tone(Kind kind) {
    switch (kind) {
        case Kind::SequenceGap:
        case Kind::Quarantined:
        case Kind::HeldBatches: return DashboardTile::Tone::Alert;
        default: return DashboardTile::Tone::Warning;
    }
}

wxString time_of_day(const std::string& iso_utc) {
    const wxString t = utc_time_text(iso_utc);  // "2026-11-22 14:14:03" local
    return t.length() >= 16 ? t.Mid(11, 5) : t;
}

wxString long_date(const std::string& iso_date) {
    wxDateTime d;
    if (!d.ParseISODate(from_utf8(iso_date))) return from_utf8(iso_date);
    return d.Format("%d.%m.%Y");
}

}  // namespace

DashboardPanel::DashboardPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxTAB_TRAVERSAL),
      workspace_(std::move(workspace)) {
    build();
    SetScrollRate(0, FromDIP(16));
    reload();
}

void DashboardPanel::build() {
    const Role role = workspace_->actor().role;
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);

    auto* header = new wxBoxSizer(wxHORIZONTAL);
    heading_ = new wxStaticText(this, wxID_ANY, _("Today"));
    heading_->SetFont(GetFont().Bold().Scaled(1.3f));
    header->Add(heading_, 0, wxALIGN_CENTER_VERTICAL);
    header->AddStretchSpacer();
    state_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    header->Add(state_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 2);
    refresh_ = new wxButton(this, wxID_ANY, _("&Refresh"));
    refresh_->SetToolTip(_("Read the figures again (F5)"));
    header->Add(refresh_, 0, wxALIGN_CENTER_VERTICAL);
    top->Add(header, 0, wxEXPAND | wxALL, gap);
    countdown_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    countdown_->SetFont(GetFont().Bold());
    countdown_->Hide();
    top->Add(countdown_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);

    // The figures: a box of their own, so the tiles keep their place in the Tab order.
    figures_box_ = new wxPanel(this);
    auto* figures = new wxWrapSizer(wxHORIZONTAL);
    auto tile = [&](DashboardTile*& slot, DashboardLink link) {
        slot = new DashboardTile(figures_box_);
        slot->on_activate = [this, link] { open(link); };
        figures->Add(slot, 0, wxEXPAND | wxRIGHT | wxBOTTOM, gap * 2);
    };
    if (permits(role, Operation::ViewDevices)) tile(pulls_tile_, DashboardLink::PullHistory);
    if (permits(role, Operation::ViewKits)) tile(kits_tile_, DashboardLink::OutstandingKits);
    if (permits(role, Operation::ViewCoverage)) tile(coverage_tile_, DashboardLink::Coverage);
    if (permits(role, Operation::ViewCoverage)) tile(lists_tile_, DashboardLink::Institutions);
    if (permits(role, Operation::ViewUpstream)) tile(upstream_tile_, DashboardLink::Upstream);
    figures_box_->SetSizer(figures);
    top->Add(figures_box_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);

    warnings_heading_ = new wxStaticText(this, wxID_ANY, _("Warnings"));
    warnings_heading_->SetFont(GetFont().Bold().Scaled(1.15f));
    top->Add(warnings_heading_, 0, wxLEFT | wxRIGHT | wxTOP, gap);
    warnings_box_ = new wxPanel(this);
    warnings_sizer_ = new wxWrapSizer(wxHORIZONTAL);
    no_warnings_ = new wxStaticText(warnings_box_, wxID_ANY, _("Nothing needs attention."));
    warnings_sizer_->Add(no_warnings_, 0, wxALL, gap);
    warnings_box_->SetSizer(warnings_sizer_);
    top->Add(warnings_box_, 0, wxEXPAND | wxALL, gap);

    auto* lists = new wxBoxSizer(wxHORIZONTAL);
    if (pulls_tile_) {
        auto* column = new wxBoxSizer(wxVERTICAL);
        column->Add(new wxStaticText(this, wxID_ANY, _("Tablets pulled &today:")), 0, wxBOTTOM, gap / 2);
        pulls_list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES);
        append_fitted_column(pulls_list_, _("Time"), 60);
        append_fitted_column(pulls_list_, _("Kit"), 90);
        append_fitted_column(pulls_list_, _("Holder"), 160);
        append_fitted_column(pulls_list_, _("Institution"), 120);
        append_fitted_column(pulls_list_, _("Persons"), 70, {}, wxLIST_FORMAT_RIGHT);
        pulls_list_->SetMinSize(wxSize(-1, GetCharHeight() * 10));
        column->Add(pulls_list_, 1, wxEXPAND);
        lists->Add(column, 1, wxEXPAND | wxRIGHT, gap * 2);
        stretch_column(pulls_list_, 3, 120);
        pulls_list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { open(DashboardLink::PullHistory); });
    }
    if (coverage_tile_) {
        auto* column = new wxBoxSizer(wxVERTICAL);
        column->Add(new wxStaticText(this, wxID_ANY, _("Coverage by &institution:")), 0, wxBOTTOM, gap / 2);
        coverage_list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES);
        append_fitted_column(coverage_list_, _("Institution"), 120);
        append_fitted_column(coverage_list_, _("Listed"), 60, {}, wxLIST_FORMAT_RIGHT);
        // TRANSLATORS: dashboard, coverage by institution: listed persons found among the enumerated.
        append_fitted_column(coverage_list_, _("Found"), 60, {}, wxLIST_FORMAT_RIGHT);
        append_fitted_column(coverage_list_, _("Coverage"), 70, {}, wxLIST_FORMAT_RIGHT);
        coverage_list_->SetMinSize(wxSize(-1, GetCharHeight() * 10));
        column->Add(coverage_list_, 1, wxEXPAND);
        lists->Add(column, 1, wxEXPAND);
        stretch_column(coverage_list_, 0, 120);
        coverage_list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { open(DashboardLink::Coverage); });
    }
    top->Add(lists, 1, wxEXPAND | wxALL, gap);

    problems_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    problems_->SetForegroundColour(palette::error_text());
    top->Add(problems_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
    SetSizer(top);

    refresh_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_F5 && !e.HasAnyModifiers()) reload();
        else e.Skip();
    });
    // Until the first figures come: the captions, no numbers.
    fill_tiles();
}

void DashboardPanel::reload() {
    ++loading_;
    state_->SetLabel(_("Reading the figures..."));
    run_on_worker_session<DashboardFigures>(
        lifeline_, workspace_, [](Session& s) -> Result<DashboardFigures> { return read_dashboard(s); },
        [this](Result<DashboardFigures> figures) {
            --loading_;
            if (!figures) {
                state_->SetLabel(wxEmptyString);
                problems_->SetLabel(error_text(figures.error()));
                Layout();
                FitInside();
                return;
            }
            show(std::move(*figures));
        });
}

DashboardLink DashboardPanel::warning_link(std::size_t i) const {
    return i < warning_links_.size() ? warning_links_[i] : DashboardLink::PullHistory;
}

void DashboardPanel::show(DashboardFigures figures) {
    figures_ = std::move(figures);
    Freeze();
    heading_->SetLabel(format_text(_("Today, {}"), {long_date(figures_->today)}));
    state_->SetLabel(format_text(_("As of {}"), {wxDateTime::Now().Format("%H:%M")}));
    if (const auto& next = figures_->next_date) {
        const wxString what = tr_label(milestone_label(next->milestone));
        countdown_->SetLabel(next->days == 0
                                 ? format_text(_("{}: today, {}"), {what, long_date(next->date)})
                                 : format_text(wxPLURAL("{}: {}, in {} day", "{}: {}, in {} days", static_cast<unsigned>(next->days)),
                                               {what, long_date(next->date), wxString::Format("%d", next->days)}));
        countdown_->Show();
    } else {
        countdown_->Hide();
    }
    fill_tiles();
    fill_warnings();
    fill_lists();
    wxString problems;
    for (const auto& e : figures_->problems) problems += (problems.empty() ? "" : "\n") + error_text(e);
    problems_->SetLabel(problems);
    problems_->Show(!problems.empty());
    Layout();
    FitInside();
    Thaw();
    startup_milestone("dashboard_populated");
    startup_milestone_when_idle("idle");
}

void DashboardPanel::fill_tiles() {
    const DashboardFigures* f = figures_ ? &*figures_ : nullptr;
    const wxString none = wxString::FromUTF8("\xE2\x80\x94");  // an em dash while nothing is read
    if (pulls_tile_) {
        std::vector<wxString> lines;
        wxString value = none;
        if (f && f->pulls) {
            value = count_text(f->pulls->tablets);
            if (f->pulls->today.empty()) {
                lines.push_back(_("No tablet has been pulled today."));
            } else {
                lines.push_back(persons_text(f->pulls->persons));
                lines.push_back(households_text(f->pulls->households));
            }
        }
        // TRANSLATORS: dashboard tile: how many tablets were pulled today (the big number).
        pulls_tile_->set_content(_("Tablets pulled today"), value, lines);
    }
    if (kits_tile_) {
        std::vector<wxString> lines;
        wxString value = none;
        auto tone = DashboardTile::Tone::Plain;
        if (f && f->kits) {
            value = count_text(f->kits->outstanding);
            lines.push_back(format_text(wxPLURAL("{} overdue", "{} overdue", static_cast<unsigned long>(f->kits->overdue)),
                                        {count_text(f->kits->overdue)}));
            if (f->kits->overdue > 0) tone = DashboardTile::Tone::Warning;
        }
        kits_tile_->set_tone(tone);
        // TRANSLATORS: dashboard tile: kits held outside the department (the big number).
        kits_tile_->set_content(_("Kits outstanding"), value, lines);
    }
    if (coverage_tile_) {
        std::vector<wxString> lines;
        wxString value = none;
        if (f && f->coverage) {
            const CoverageRow& t = f->coverage->total;
            if (!f->coverage->run) {
                lines.push_back(_("No reconciliation yet."));
            } else {
                value = percent_text(t.coverage_percent());
                lines.push_back(format_text(_("{} of {} listed found"), {count_text(t.matched), count_text(t.listed)}));
                lines.push_back(format_text(_("missing: {}, extra: {}"), {count_text(t.missing), count_text(t.extra)}));
            }
            if (f->coverage->source.summary) lines.push_back(counts_as_of_text(f->coverage->source));
        }
        // TRANSLATORS: dashboard tile: share of the listed persons found enumerated.
        coverage_tile_->set_content(_("Coverage"), value, lines);
    }
    if (lists_tile_) {
        std::vector<wxString> lines;
        wxString value = none;
        auto tone = DashboardTile::Tone::Plain;
        if (f && f->lists) {
            const RegisterTally& t = *f->lists;
            value = format_text(_("{} of {}"), {count_text(t.received), count_text(t.owing)});
            // TRANSLATORS: dashboard, stage-1 lists tile: the whole sentence for screen readers and the line below.
            lines.push_back(format_text(_("Lists: received {} of {}, late {}, missing {}."),
                                        {count_text(t.received), count_text(t.owing), count_text(t.late),
                                         count_text(t.missing)}));
            if (t.missing > 0) tone = DashboardTile::Tone::Warning;
        }
        lists_tile_->set_tone(tone);
        // TRANSLATORS: dashboard tile: institutions' stage-1 lists that came (the big number: N of M).
        lists_tile_->set_content(_("Lists received"), value, lines);
    }
    if (upstream_tile_) {
        std::vector<wxString> lines;
        wxString value = none;
        if (f && f->upstream) {
            const OutboxStats& s = f->upstream->stats;
            value = count_text(s.pending_persons + s.persons_queued);
            if (!f->upstream->configured) lines.push_back(_("Sending is not set up yet."));
            lines.push_back(format_text(_("{} not yet in a batch"), {persons_text(s.pending_persons)}));
            // TRANSLATORS: dashboard, upstream tile: batches formed and waiting to be sent / to be released.
            lines.push_back(format_text(_("Batches queued: {}, awaiting release: {}"),
                                        {count_text(s.batches_queued), count_text(s.batches_awaiting_release)}));
            lines.push_back(s.last_accepted_at_utc.empty()
                                ? _("Nothing accepted yet.")
                                : format_text(_("Last accepted: {}"), {utc_time_text(s.last_accepted_at_utc)}));
            if (s.source.summary) lines.push_back(counts_as_of_text(s.source));
        }
        // TRANSLATORS: dashboard tile: persons whose records still have to go to the census database.
        upstream_tile_->set_content(_("Waiting to go upstream"), value, lines);
    }
    figures_box_->Layout();
}

void DashboardPanel::fill_warnings() {
    for (auto* t : warning_tiles_) t->Destroy();
    warning_tiles_.clear();
    warning_links_.clear();
    const auto& warnings = figures_->warnings;
    for (const auto& w : warnings) {
        auto* tile = new DashboardTile(warnings_box_, warning_tone(w.kind));
        std::vector<wxString> lines;
        for (const auto& d : w.details) lines.push_back(detail_text(w.kind, d));
        if (w.count > static_cast<std::int64_t>(w.details.size()) && !w.details.empty())
            lines.push_back(format_text(_("and {} more"), {count_text(w.count - static_cast<std::int64_t>(w.details.size()))}));
        lines.push_back(warning_advice(w.kind));
        tile->set_content(warning_caption(w.kind), count_text(w.count), lines);
        const DashboardLink link = w.link;
        tile->on_activate = [this, link] { open(link); };
        warnings_sizer_->Add(tile, 0, wxEXPAND | wxRIGHT | wxBOTTOM, FromDIP(12));
        warning_tiles_.push_back(tile);
        warning_links_.push_back(link);
    }
    no_warnings_->Show(warnings.empty());
    warnings_heading_->SetLabel(warnings.empty()
                                    ? _("Warnings")
                                    : format_text(_("Warnings ({})"), {count_text(static_cast<std::int64_t>(warnings.size()))}));
    warnings_box_->Layout();
}

void DashboardPanel::fill_lists() {
    if (pulls_list_) {
        pulls_list_->DeleteAllItems();
        if (figures_->pulls) {
            long row = 0;
            for (const auto& p : figures_->pulls->today) {
                const long i = pulls_list_->InsertItem(row++, time_of_day(p.started_at_utc));
                pulls_list_->SetItem(i, 1, from_utf8(p.kit_number));
                pulls_list_->SetItem(i, 2, from_utf8(p.holder));
                Institution inst;
                inst.name_kk = p.institution_kk;
                inst.name_ru = p.institution_ru;
                pulls_list_->SetItem(i, 3, institution_name(inst));
                pulls_list_->SetItem(i, 4, count_text(p.persons));
                if (p.outcome != PullOutcome::Complete) pulls_list_->SetItemTextColour(i, palette::error_text());
            }
        }
    }
    if (coverage_list_) {
        coverage_list_->DeleteAllItems();
        coverage_keys_.clear();
        if (figures_->coverage) {
            const bool reconciled = figures_->coverage->run.has_value();
            long row = 0;
            for (const auto& r : figures_->coverage->rows) {
                const long i = coverage_list_->InsertItem(row++, coverage_row_name(r));
                coverage_list_->SetItem(i, 1, count_text(r.listed));
                if (!reconciled) continue;  // listed, not yet looked for
                coverage_list_->SetItem(i, 2, count_text(r.matched));
                coverage_list_->SetItem(i, 3, r.listed > 0 ? percent_text(r.coverage_percent()) : wxString());
                if (r.listed > 0 && r.coverage_percent() < 80.0) coverage_list_->SetItemBackgroundColour(i, palette::error_row());
                coverage_keys_.push_back(r.key);
            }
        }
    }
}

void DashboardPanel::open(DashboardLink link) {
    if (on_open) on_open(link);
}

}  // namespace sanaq::ui

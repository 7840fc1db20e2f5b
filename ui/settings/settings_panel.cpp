#include "ui/settings/settings_panel.h"

#include <algorithm>
#include <chrono>

#include <wx/arrstr.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/datetime.h>
#include <wx/dirdlg.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/domain/role.h"
#include "core/i18n/catalog.h"
#include "app/workspace_backups.h"
#include "core/usecases/backup.h"
#include "core/usecases/custody.h"
#include "core/usecases/settings.h"
#include "core/usecases/territories.h"
#include "app/territory_imports.h"
#include "ui/app/appearance.h"
#include "ui/app/open_workspace.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/palette.h"
#include "ui/common/text.h"
#include "ui/common/gauge_progress.h"

namespace sanaq::ui {
namespace {

wxString offset_text(int minutes) {
    const int a = std::abs(minutes);
    return wxString::Format("%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
}

/// "+05:00" -> 300; nullopt when it is not of that form.
std::optional<int> offset_minutes(const std::string& text) {
    int h = 0, m = 0;
    char sign = 0;
    if (text.size() != 6 || std::sscanf(text.c_str(), "%c%2d:%2d", &sign, &h, &m) != 3 || (sign != '+' && sign != '-'))
        return std::nullopt;
    return (sign == '-' ? -1 : 1) * (h * 60 + m);
}

wxString font_percent_text(int percent) {
    // TRANSLATORS: the text size choice on the Settings screen: 100 %, 125 %, ... of the usual size.
    return percent == 100 ? _("Usual (100 %)") : format_text(_("{} %"), {wxString::Format("%d", percent)});
}

wxString file_size_text(std::uint64_t bytes) {
    return wxString::Format("%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

}  // namespace

SettingsPanel::SettingsPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxTAB_TRAVERSAL),
      workspace_(std::move(workspace)) {
    may_change_ = permits(workspace_->actor().role, Operation::ManageSettings);
    build();
    reload();
    SetScrollRate(0, FromDIP(16));
}

SettingsPanel::~SettingsPanel() {
    if (backup_cancel_) *backup_cancel_ = true;
}

void SettingsPanel::build() {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);

    read_only_ = new wxStaticText(this, wxID_ANY, _("Only an administrator changes the workspace settings; you see them as they are."));
    read_only_->SetForegroundColour(palette::warning_text());
    read_only_->Show(!may_change_);
    top->Add(read_only_, 0, wxEXPAND | wxALL, gap);

    // A "label: control" grid inside a box; the label made first, so its mnemonic leads to the control.
    auto grid_in = [&](wxStaticBoxSizer* box) {
        auto* grid = new wxFlexGridSizer(2, gap, gap * 2);
        grid->AddGrowableCol(1, 1);
        box->Add(grid, 0, wxEXPAND | wxALL, gap);
        return grid;
    };
    auto label = [&](wxWindow* parent, wxFlexGridSizer* grid, const wxString& text) {
        grid->Add(new wxStaticText(parent, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL);
    };
    auto text_row = [&](wxWindow* parent, wxFlexGridSizer* grid, const wxString& text, int width) {
        label(parent, grid, text);
        auto* field = new wxTextCtrl(parent, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(width, -1)));
        field->SetEditable(may_change_);  // read-only, yet selectable and in the Tab order
        grid->Add(field, 1, wxEXPAND);
        return field;
    };
    auto outcome_in = [&](wxWindow* parent, wxStaticBoxSizer* box) {
        auto* text = new wxStaticText(parent, wxID_ANY, wxEmptyString);
        box->Add(text, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
        return text;
    };

    // --- Census round ------------------------------------------------------------------------
    auto* round_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Census round"));
    wxWindow* rb = round_box->GetStaticBox();
    auto* round_grid = grid_in(round_box);
    round_ = text_row(rb, round_grid, _("Census &round:"), 160);
    reference_date_ = text_row(rb, round_grid, _("Reference &date (YYYY-MM-DD):"), 160);
    reference_time_ = text_row(rb, round_grid, _("Reference &time (HH:MM):"), 160);
    if (may_change_) {  // an example in a read-only field would pass for a value
        round_->SetHint("2026");
        reference_date_->SetHint("2026-10-01");
        reference_time_->SetHint("00:00");
    }
    label(rb, round_grid, _("Time &zone of the moment:"));
    zone_ = new wxChoice(rb, wxID_ANY);
    for (int h = -12; h <= 14; ++h) zone_->Append("UTC" + offset_text(h * 60));
    zone_->Enable(may_change_);
    round_grid->Add(zone_, 0);
    auto* explanation = new wxStaticText(rb, wxID_ANY,
                                         _("The reference moment is the instant the census counts the population at: 00:00 "
                                           "of the census day in the capital's time (Kazakhstan: UTC+05:00)."));
    // Some slack: GTK measures the text a little wider than wx does and would wrap it once more.
    explanation->Wrap(GetTextExtent("M").x * 50);
    // Every wrapped line kept in view, whatever the toolkit measures after a change of colours.
    explanation->SetMinSize(wxSize(-1, static_cast<int>(explanation->GetLabel().Freq('\n') + 1) * explanation->GetCharHeight()));
    round_box->Add(explanation, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    // The calendar of the round: dates as the joint orders give them (YYYY-MM-DD), any of them
    // left empty until known. No mnemonics: the box's own letters are taken, and Tab reaches them.
    auto* calendar_grid = grid_in(round_box);
    auto pair_row = [&](const wxString& text, wxTextCtrl*& from, wxTextCtrl*& to) {
        label(rb, calendar_grid, text);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        from = new wxTextCtrl(rb, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(110, -1)));
        to = new wxTextCtrl(rb, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(110, -1)));
        from->SetEditable(may_change_);
        to->SetEditable(may_change_);
        row->Add(from, 0);
        row->Add(new wxStaticText(rb, wxID_ANY, " – "), 0, wxALIGN_CENTER_VERTICAL);
        row->Add(to, 0);
        calendar_grid->Add(row, 0);
    };
    list_date_ = text_row(rb, calendar_grid, _("Stage-1 lists as of (default):"), 110);
    region_list_dates_ = text_row(rb, calendar_grid, _("Regions' own list dates (KATO region=date):"), 260);
    pair_row(_("Online enumeration (from – to):"), online_from_, online_to_);
    pair_row(_("Enumeration on tablets (from – to):"), tablet_from_, tablet_to_);
    end_date_ = text_row(rb, calendar_grid, _("Census ends:"), 110);
    order_number_ = text_row(rb, calendar_grid, _("Joint order number:"), 110);
    order_date_ = text_row(rb, calendar_grid, _("Joint order date:"), 110);
    if (may_change_) {
        list_date_->SetHint("2026-06-01");
        region_list_dates_->SetHint("59=2026-07-01, 31=2026-06-01");
    }
    save_round_ = new wxButton(rb, wxID_ANY, _("&Save census round and calendar"));
    save_round_->Show(may_change_);
    round_box->Add(save_round_, 0, wxALL, gap);
    round_outcome_ = outcome_in(rb, round_box);
    top->Add(round_box, 0, wxEXPAND | wxALL, gap);

    // --- Department --------------------------------------------------------------------------
    auto* dept_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Department details on acts"));
    wxWindow* db = dept_box->GetStaticBox();
    auto* dept_grid = grid_in(dept_box);
    name_kk_ = text_row(db, dept_grid, _("Name in &Kazakh:"), 420);
    name_ru_ = text_row(db, dept_grid, _("Name in R&ussian:"), 420);
    address_ = text_row(db, dept_grid, _("&Address:"), 420);
    head_ = text_row(db, dept_grid, _("Head of de&partment:"), 420);
    save_department_ = new wxButton(db, wxID_ANY, _("Save department detai&ls"));
    save_department_->Show(may_change_);
    dept_box->Add(save_department_, 0, wxALL, gap);
    department_outcome_ = outcome_in(db, dept_box);
    top->Add(dept_box, 0, wxEXPAND | wxALL, gap);

    // --- Territories ---------------------------------------------------------------------------
    auto* terr_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Territories (KATO)"));
    wxWindow* tb = terr_box->GetStaticBox();
    auto* terr_grid = grid_in(terr_box);
    label(tb, terr_grid, _("Region of t&he department:"));
    region_ = new wxChoice(tb, wxID_ANY);
    region_->Append(_("not set"));
    // The regions of the current edition, by code, named in the interface's language.
    for (const auto& r : kato_regions(kKatoCurrentVersion))
        region_->Append(from_utf8(std::string(r.code) + " " + std::string(region_name(r, ui_language()))));
    region_->Enable(may_change_);
    terr_grid->Add(region_, 0);
    label(tb, terr_grid, _("Classi&fier edition:"));
    edition_ = new wxChoice(tb, wxID_ANY);
    for (auto v : kKatoVersions) edition_->Append(from_utf8(v));
    edition_->SetStringSelection(from_utf8(kKatoCurrentVersion));
    terr_grid->Add(edition_, 0);
    classifiers_ = new wxStaticText(tb, wxID_ANY, wxEmptyString);
    terr_box->Add(classifiers_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    auto* terr_buttons = new wxBoxSizer(wxHORIZONTAL);
    save_region_ = new wxButton(tb, wxID_ANY, _("Sa&ve the department's region"));
    import_classifier_ = new wxButton(tb, wxID_ANY, _("Import the KATO classifier &workbook..."));
    terr_buttons->Add(save_region_, 0, wxRIGHT, gap);
    terr_buttons->Add(import_classifier_, 0);
    save_region_->Show(may_change_);
    import_classifier_->Show(may_change_);
    terr_box->Add(terr_buttons, 0, wxALL, gap);
    territories_outcome_ = outcome_in(tb, terr_box);
    top->Add(terr_box, 0, wxEXPAND | wxALL, gap);

    // --- Idle lock ---------------------------------------------------------------------------
    auto* lock_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Idle lock"));
    wxWindow* lb = lock_box->GetStaticBox();
    auto* lock_grid = grid_in(lock_box);
    label(lb, lock_grid, _("Lock after idle &minutes (0 = never):"));
    idle_minutes_ = new wxSpinCtrl(lb, wxID_ANY, "10", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 240, 10);
    idle_minutes_->Enable(may_change_);
    lock_grid->Add(idle_minutes_, 0);
    save_idle_ = new wxButton(lb, wxID_ANY, _("Save &idle lock"));
    save_idle_->Show(may_change_);
    lock_box->Add(save_idle_, 0, wxALL, gap);
    idle_outcome_ = outcome_in(lb, lock_box);
    top->Add(lock_box, 0, wxEXPAND | wxALL, gap);

    // --- The person's own: language and appearance ------------------------------------------
    auto* own_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Your language and appearance on this workstation"));
    wxWindow* ob = own_box->GetStaticBox();
    auto* own_grid = grid_in(own_box);
    label(ob, own_grid, _("Interface lan&guage:"));
    language_ = new wxChoice(ob, wxID_ANY);
    for (auto code : i18n::kLanguages) language_->Append(language_native_name(code));
    own_grid->Add(language_, 0);
    label(ob, own_grid, _("Te&xt size:"));
    font_ = new wxChoice(ob, wxID_ANY);
    for (int p : kFontPercents) font_->Append(font_percent_text(p));
    own_grid->Add(font_, 0);
    own_grid->AddSpacer(0);
    contrast_ = new wxCheckBox(ob, wxID_ANY, _("High &contrast: yellow text on black, thick focus outline"));
    own_grid->Add(contrast_, 0);
    apply_appearance_ = new wxButton(ob, wxID_ANY, _("Appl&y appearance"));
    own_box->Add(apply_appearance_, 0, wxALL, gap);
    top->Add(own_box, 0, wxEXPAND | wxALL, gap);

    // --- The workspace -----------------------------------------------------------------------
    auto* ws_box = new wxStaticBoxSizer(wxVERTICAL, this, _("Workspace"));
    wxWindow* wb = ws_box->GetStaticBox();
    auto* ws_grid = grid_in(ws_box);
    label(wb, ws_grid, _("Workspace f&older:"));
    workspace_field_ = new wxTextCtrl(wb, wxID_ANY, from_utf8(workspace_->dir().string()), wxDefaultPosition,
                                      FromDIP(wxSize(420, -1)), wxTE_READONLY);
    ws_grid->Add(workspace_field_, 1, wxEXPAND);
    auto* ws_buttons = new wxBoxSizer(wxHORIZONTAL);
    open_workspace_ = new wxButton(wb, wxID_ANY, _("Open a&nother workspace..."));
    open_workspace_->SetToolTip(_("Sign out and choose another workspace folder at the sign-in"));
    ws_buttons->Add(open_workspace_, 0, wxRIGHT, gap);
    backup_ = new wxButton(wb, wxID_ANY, _("&Back up workspace..."));
    backup_->SetToolTip(_("Write one encrypted file with the whole workspace; the same users open it with their passwords"));
    backup_->Enable(permits(workspace_->actor().role, Operation::BackupWorkspace));
    ws_buttons->Add(backup_, 0, wxRIGHT, gap);
    cancel_backup_ = new wxButton(wb, wxID_ANY, _("Canc&el backup"));
    cancel_backup_->Enable(false);
    ws_buttons->Add(cancel_backup_, 0);
    ws_box->Add(ws_buttons, 0, wxALL, gap);
    gauge_ = new wxGauge(wb, wxID_ANY, 1000, wxDefaultPosition, FromDIP(wxSize(300, -1)));
    gauge_->Hide();
    ws_box->Add(gauge_, 0, wxLEFT | wxRIGHT, gap);
    backup_outcome_ = outcome_in(wb, ws_box);
    if (!backup_->IsEnabled())
        show_outcome(backup_outcome_, _("Backups are made by an administrator."), false);
    top->Add(ws_box, 0, wxEXPAND | wxALL, gap);

    SetSizer(top);
    FitInside();

    save_round_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_census_round(); });
    save_department_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_department(); });
    save_idle_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_idle_lock(); });
    save_region_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_department_region(); });
    import_classifier_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import_classifier(); });
    language_->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) { choose_language(e.GetSelection()); });
    apply_appearance_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { apply_appearance_choice(); });
    open_workspace_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { open_other_workspace(); });
    backup_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { back_up(); });
    cancel_backup_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { cancel_backup(); });
}

void SettingsPanel::reload() {
    Session& session = workspace_->session();
    if (auto round = census_round(session)) {
        round_->ChangeValue(from_utf8(round->name));
        reference_date_->ChangeValue(from_utf8(round->reference_date));
        reference_time_->ChangeValue(from_utf8(round->reference_time));
        const int minutes = offset_minutes(round->utc_offset).value_or(5 * 60);  // Kazakhstan since 2024
        const wxString wanted = "UTC" + offset_text(minutes);
        int index = zone_->FindString(wanted);
        if (index == wxNOT_FOUND) index = zone_->Append(wanted);
        zone_->SetSelection(index);
    } else {
        show_outcome(round_outcome_, error_text(round.error()), true);
    }
    if (auto c = census_calendar(session)) {
        list_date_->ChangeValue(from_utf8(c->list_date));
        wxString regions;
        for (const auto& r : c->region_list_dates)
            regions += (regions.empty() ? "" : ", ") + from_utf8(r.region) + "=" + from_utf8(r.date);
        region_list_dates_->ChangeValue(regions);
        online_from_->ChangeValue(from_utf8(c->online_from));
        online_to_->ChangeValue(from_utf8(c->online_to));
        tablet_from_->ChangeValue(from_utf8(c->tablet_from));
        tablet_to_->ChangeValue(from_utf8(c->tablet_to));
        end_date_->ChangeValue(from_utf8(c->end_date));
        order_number_->ChangeValue(from_utf8(c->order_number));
        order_date_->ChangeValue(from_utf8(c->order_date));
    }
    if (auto d = department_details(session)) {
        name_kk_->ChangeValue(from_utf8(d->name_kk));
        name_ru_->ChangeValue(from_utf8(d->name_ru));
        address_->ChangeValue(from_utf8(d->address));
        head_->ChangeValue(from_utf8(d->head_name));
    } else {
        show_outcome(department_outcome_, error_text(d.error()), true);
    }
    if (auto region = department_region(session)) {
        region_->SetSelection(0);
        const auto regions = kato_regions(kKatoCurrentVersion);
        for (std::size_t i = 0; i < regions.size(); ++i)
            if (regions[i].code == *region) region_->SetSelection(static_cast<int>(i) + 1);
    }
    if (auto editions = kato_editions(session)) {
        wxString text;
        for (auto v : kKatoVersions) {
            wxString line = format_text(_("KATO {}: no classifier imported; codes are checked for their form only."),
                                        {from_utf8(v)});
            for (const auto& e : *editions)
                if (e.edition == v)
                    line = format_text(_("KATO {}: classifier from {}, {} entries, imported {} by {}."),
                                       {from_utf8(e.edition), from_utf8(e.source_name), std::to_string(e.entries),
                                        from_utf8(e.imported_at_utc), from_utf8(e.imported_by)});
            text += (text.empty() ? "" : "\n") + line;
        }
        classifiers_->SetLabel(text);
    }
    if (auto minutes = idle_lock_minutes(session)) idle_minutes_->SetValue(*minutes);
    for (std::size_t i = 0; i < std::size(i18n::kLanguages); ++i)
        if (i18n::kLanguages[i] == ui_language()) language_->SetSelection(static_cast<int>(i));
    const Appearance& a = current_appearance();
    for (std::size_t i = 0; i < std::size(kFontPercents); ++i)
        if (kFontPercents[i] == a.font_percent) font_->SetSelection(static_cast<int>(i));
    contrast_->SetValue(a.high_contrast);
}

std::string SettingsPanel::chosen_offset() const {
    const wxString s = zone_->GetStringSelection();
    return s.StartsWith("UTC") ? to_utf8(s.Mid(3)) : std::string();
}

void SettingsPanel::save_census_round() {
    auto field = [](wxTextCtrl* f) { return to_utf8(f->GetValue().Strip(wxString::both)); };
    CensusCalendar calendar;
    calendar.round = {field(round_), field(reference_date_), field(reference_time_), chosen_offset()};
    const CensusRound& round = calendar.round;
    calendar.list_date = field(list_date_);
    // "59=2021-07-01, 31=2021-06-01": commas, semicolons or spaces between; the core checks each.
    wxString regions = region_list_dates_->GetValue();
    regions.Replace(";", ",");
    regions.Replace(" ", ",");
    for (const wxString& item : wxSplit(regions, ',')) {
        if (item.empty()) continue;
        calendar.region_list_dates.push_back({to_utf8(item.BeforeFirst('=')), to_utf8(item.AfterFirst('='))});
    }
    calendar.online_from = field(online_from_);
    calendar.online_to = field(online_to_);
    calendar.tablet_from = field(tablet_from_);
    calendar.tablet_to = field(tablet_to_);
    calendar.end_date = field(end_date_);
    calendar.order_number = field(order_number_);
    calendar.order_date = field(order_date_);
    if (auto ok = set_census_calendar(workspace_->session(), calendar); !ok) {
        show_outcome(round_outcome_, error_text(ok.error()), true);
        return;
    }
    show_outcome(round_outcome_,
                 format_text(_("Census round {} saved: the reference moment is {} {} (UTC{})."),
                             {from_utf8(round.name), from_utf8(round.reference_date), from_utf8(round.reference_time),
                              from_utf8(round.utc_offset)}),
                 false);
}

void SettingsPanel::save_department() {
    Department d{to_utf8(name_kk_->GetValue()), to_utf8(name_ru_->GetValue()), to_utf8(address_->GetValue()),
                 to_utf8(head_->GetValue())};
    if (auto ok = set_department_details(workspace_->session(), d); !ok) show_outcome(department_outcome_, error_text(ok.error()), true);
    else show_outcome(department_outcome_, _("Department details saved; new acts will carry them."), false);
}

void SettingsPanel::save_department_region() {
    const int index = region_->GetSelection();
    const auto regions = kato_regions(kKatoCurrentVersion);
    const std::string code =
        index > 0 && static_cast<std::size_t>(index) <= regions.size() ? std::string(regions[index - 1].code) : "";
    if (auto ok = set_department_region(workspace_->session(), code); !ok)
        show_outcome(territories_outcome_, error_text(ok.error()), true);
    else
        show_outcome(territories_outcome_,
                     code.empty() ? _("The department's region is cleared.")
                                  : format_text(_("The department's region is {} ({})."),
                                                {from_utf8(code), from_utf8(region_name(regions[index - 1], ui_language()))}),
                     false);
}

void SettingsPanel::import_classifier() {
    wxFileDialog dialog(this, _("Import KATO classifier"), wxEmptyString, wxEmptyString,
                        _("Spreadsheets (*.xlsx;*.csv)|*.xlsx;*.csv"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) return;
    import_classifier_from(std::filesystem::path(to_utf8(dialog.GetPath())));
}

bool SettingsPanel::import_classifier_from(const std::filesystem::path& path) {
    // On the UI thread: the classifier is some 15,000 rows, checked and stored in well under a
    // second, within the table budgets whatever the file holds.
    const std::string edition = to_utf8(edition_->GetStringSelection());
    auto imported = app::import_kato_classifier(workspace_->session(), path, edition);
    if (!imported) {
        show_outcome(territories_outcome_, error_text(imported.error()), true);
        return false;
    }
    if (!imported->problems.empty()) {
        // The count, then the first rows' problems: nothing is stored while one row is wrong.
        const long n = static_cast<long>(imported->problems.size());
        wxString text = format_text(wxString(wxPLURAL("Nothing was saved: {} row of the classifier file has a problem.",
                                                      "Nothing was saved: {} rows of the classifier file have a problem.",
                                                      static_cast<unsigned long>(n))),
                                    {std::to_string(n)});
        for (std::size_t i = 0; i < imported->problems.size() && i < 5; ++i)
            text += "\n" + error_text(imported->problems[i]);
        show_outcome(territories_outcome_, text, true);
        return false;
    }
    const auto& e = *imported->stored;
    show_outcome(territories_outcome_,
                 format_text(wxString(wxPLURAL("KATO classifier {} imported from {}: {} entry.",
                                               "KATO classifier {} imported from {}: {} entries.",
                                               static_cast<unsigned long>(e.entries))),
                             {from_utf8(e.edition), from_utf8(e.source_name), std::to_string(e.entries)}),
                 false);
    reload();
    return true;
}

void SettingsPanel::save_idle_lock() {
    const int minutes = idle_minutes_->GetValue();
    if (auto ok = set_idle_lock_minutes(workspace_->session(), minutes); !ok) {
        show_outcome(idle_outcome_, error_text(ok.error()), true);
        return;
    }
    if (on_idle_lock_changed) on_idle_lock_changed();
    show_outcome(idle_outcome_,
                 minutes == 0 ? _("Saved: the workstation no longer locks itself when idle.")
                              : format_text(wxPLURAL("Saved: the workstation locks after {} idle minute.",
                                                     "Saved: the workstation locks after {} idle minutes.",
                                                     static_cast<unsigned long>(minutes)),
                                            {wxString::Format("%d", minutes)}),
                 false);
}

void SettingsPanel::apply_appearance_choice() {
    Appearance a;
    const int f = font_->GetSelection();
    a.font_percent = f >= 0 && f < static_cast<int>(std::size(kFontPercents)) ? kFontPercents[f] : 100;
    a.high_contrast = contrast_->GetValue();
    if (on_appearance) on_appearance(a);
}

void SettingsPanel::choose_language(int index) {
    if (index < 0 || index >= static_cast<int>(std::size(i18n::kLanguages))) return;
    const std::string code(i18n::kLanguages[static_cast<std::size_t>(index)]);
    if (code != ui_language() && on_language) on_language(code);
}

void SettingsPanel::open_other_workspace() {
    wxDirDialog dialog(this, _("Choose the workspace folder"), from_utf8(workspace_->dir().parent_path().string()),
                       wxDD_DEFAULT_STYLE | wxDD_DIR_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) return;
    if (on_open_workspace) on_open_workspace(std::filesystem::path(to_utf8(dialog.GetPath())));
}

void SettingsPanel::back_up() {
    // No overwrite prompt: a backup never replaces a file (the core refuses, and says so), so the
    // suggested name is one that is free.
    const std::filesystem::path folder = workspace_->dir().parent_path();
    const std::string stem = "sanaq-backup-" + to_utf8(wxDateTime::Now().Format("%Y%m%d-%H%M"));
    std::string name = stem + ".sanaq-backup";
    std::error_code ec;
    for (int n = 2; std::filesystem::exists(folder / name, ec) && n < 100; ++n)
        name = stem + "-" + std::to_string(n) + ".sanaq-backup";
    wxFileDialog dialog(this, _("Back up the workspace to"), from_utf8(folder.string()), from_utf8(name),
                        _("Sanaq backups (*.sanaq-backup)|*.sanaq-backup|All files|*"), wxFD_SAVE);
    if (dialog.ShowModal() != wxID_OK) return;
    back_up_to(std::filesystem::path(to_utf8(dialog.GetPath())));
}

bool SettingsPanel::back_up_to(const std::filesystem::path& path) {
    if (backup_cancel_ || !permits(workspace_->actor().role, Operation::BackupWorkspace)) return false;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    backup_cancel_ = cancel;
    set_backup_busy(true);
    show_outcome(backup_outcome_, format_text(_("Backing up to {}..."), {from_utf8(path.string())}), false);
    last_backup_.reset();
    app::JobProgressFn progress = gauge_progress(lifeline_, gauge_);
    run_in_background<BackupInfo>(
        lifeline_,
        [workspace = workspace_, path, progress, cancel]() -> Result<BackupInfo> {
            auto worker = OpenWorkspace::open_worker_session(workspace);
            SANAQ_TRY(worker);
            return app::back_up_workspace((*worker)->session(), workspace->archiver(), path, progress,
                                          app::CancelToken(*cancel));
        },
        [this, path](Result<BackupInfo> done) {
            backup_cancel_.reset();
            set_backup_busy(false);
            wxString title, text;
            if (done) {
                gauge_->SetValue(gauge_->GetRange());
                title = _("Backup written");
                text = format_text(_("Backup written to {} ({}). It is encrypted like the workspace; the same users open it "
                                     "with their passwords."),
                                   {from_utf8(done->file.string()), file_size_text(done->size)});
                show_outcome(backup_outcome_, text + "\nSHA-256 " + from_utf8(done->sha256), false);
            } else if (done.error().code == ErrorCode::Cancelled) {
                title = _("Backup cancelled");
                text = _("The backup was cancelled; no file was left behind.");
                show_outcome(backup_outcome_, text, false);
            } else {
                title = _("Backup failed");
                text = error_text(done.error());
                show_outcome(backup_outcome_, text, true);
            }
            last_backup_ = std::move(done);
            if (on_finished) on_finished(title, text);
        });
    return true;
}

void SettingsPanel::cancel_backup() {
    if (backup_cancel_) *backup_cancel_ = true;
}

void SettingsPanel::set_backup_busy(bool busy) {
    backup_->Enable(!busy && permits(workspace_->actor().role, Operation::BackupWorkspace));
    open_workspace_->Enable(!busy);
    cancel_backup_->Enable(busy);
    gauge_->Show(busy || gauge_->GetValue() > 0);
    if (busy) gauge_->SetValue(0);
    Layout();
    FitInside();
}

void SettingsPanel::show_outcome(wxStaticText* label, const wxString& text, bool error) {
    label->SetForegroundColour(error ? palette::error_text() : palette::ok_text());
    label->SetLabel(text);
    label->Wrap(std::max(FromDIP(360), GetClientSize().x - FromDIP(60)));
    Layout();
    FitInside();
}

}  // namespace sanaq::ui

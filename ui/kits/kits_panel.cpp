#include "ui/kits/kits_panel.h"

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/infobar.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include <algorithm>

#include "app/kit_imports.h"
#include "core/usecases/custody.h"
#include "core/usecases/kit_registry.h"
#include "tables/kit_inventory.h"
#include "tables/table.h"
#include "ui/acts/act_preview_dialog.h"
#include "ui/app/open_workspace.h"
#include "ui/app/worker_task.h"
#include "ui/common/button_labels.h"
#include "ui/common/error_text.h"
#include "ui/common/table_export.h"
#include "ui/common/text.h"
#include "ui/kits/issue_wizard.h"
#include "ui/kits/kit_acts_dialog.h"
#include "ui/kits/kit_import_dialog.h"
#include "ui/kits/kit_list_view.h"
#include "ui/kits/outstanding_report.h"
#include "ui/kits/paper_custody_dialog.h"
#include "ui/kits/paper_stock_dialog.h"
#include "ui/kits/register_kit_dialog.h"
#include "ui/kits/replace_part_dialog.h"
#include "ui/kits/return_dialog.h"
#include "ui/kits/return_gate_dialog.h"
#include "ui/kits/service_dialog.h"

namespace sanaq::ui {
namespace {
constexpr KitState kStates[] = {KitState::InStock, KitState::Issued, KitState::PartlyReturned, KitState::UnderRepair,
                                KitState::WrittenOff};
constexpr int kFilterPauseMs = 300;
}  // namespace

KitsPanel::KitsPanel(wxWindow* parent, std::shared_ptr<OpenWorkspace> workspace)
    : wxPanel(parent), workspace_(std::move(workspace)), session_(workspace_->session()), filter_timer_(this) {
    build();
    refresh();
}

KitsPanel::~KitsPanel() { filter_timer_.Stop(); }

void KitsPanel::build() {
    const int gap = FromDIP(6);
    const Role role = session_.actor.role;
    auto* top = new wxBoxSizer(wxVERTICAL);
    notices_ = make_notice_bar(this);
    top->Add(notices_, 0, wxEXPAND);

    // Wraps: in Kazakh at 200 % text the row is wider than the window.
    auto* filters = new wxWrapSizer(wxHORIZONTAL);
    // TRANSLATORS: label of the kit list's search box (kit number, serials, model).
    // Each label with its field, so a wrapped row never leaves a label at the end of a line.
    auto* find = new wxBoxSizer(wxHORIZONTAL);
    find->Add(new wxStaticText(this, wxID_ANY, _("&Find:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    filter_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(260, -1)), wxTE_PROCESS_ENTER);
    filter_->SetHint(_("kit, serial, model"));
    find->Add(filter_, 0, wxALIGN_CENTER_VERTICAL);
    filters->Add(find, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT | wxBOTTOM, gap * 3);
    auto* state = new wxBoxSizer(wxHORIZONTAL);
    state->Add(new wxStaticText(this, wxID_ANY, _("S&tate:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    state_ = new wxChoice(this, wxID_ANY);
    state_->Append(_("All states"));
    for (KitState s : kStates) state_->Append(tr_label(kit_state_label(s)));
    state_->SetSelection(0);
    state->Add(state_, 0, wxALIGN_CENTER_VERTICAL);
    filters->Add(state, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT | wxBOTTOM, gap * 3);
    outstanding_ = new wxCheckBox(this, wxID_ANY, _("&Outstanding only"));
    outstanding_->SetToolTip(_("Kits held outside the department, with holder, institution and due date"));
    filters->Add(outstanding_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT | wxBOTTOM, gap * 3);
    count_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    filters->Add(count_, 0, wxALIGN_CENTER_VERTICAL | wxBOTTOM, gap);
    top->Add(filters, 0, wxEXPAND | wxALL, gap);

    list_ = new KitListView(this, session_);
    top->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);

    auto* busy_row = new wxBoxSizer(wxHORIZONTAL);
    spinner_ = new wxActivityIndicator(this);
    busy_text_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    busy_row->Add(spinner_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    busy_row->Add(busy_text_, 1, wxALIGN_CENTER_VERTICAL);
    spinner_->Hide();
    top->Add(busy_row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

    auto* buttons = new wxWrapSizer(wxHORIZONTAL);
    auto add = [&](wxButton*& slot, const wxString& label, Operation op, void (KitsPanel::*action)()) {
        slot = new wxButton(this, wxID_ANY, label);
        slot->Bind(wxEVT_BUTTON, [this, action](wxCommandEvent&) { (this->*action)(); });
        if (permits(role, op)) buttons->Add(slot, 0, wxRIGHT | wxBOTTOM, gap);
        else slot->Hide();
    };
    add(register_, _("&Register kit..."), Operation::RegisterKits, &KitsPanel::register_kit);
    add(import_, _("I&mport..."), Operation::RegisterKits, &KitsPanel::import_inventory);
    add(issue_, _("&Issue..."), Operation::IssueKits, &KitsPanel::issue);
    add(return_, _("Ret&urn..."), Operation::ReturnKits, &KitsPanel::return_selected);
    add(service_, _("Ser&vice..."), Operation::ServiceKits, &KitsPanel::service_selected);
    add(replace_part_, _("Re&place part..."), Operation::ServiceKits, &KitsPanel::replace_part_selected);
    // TRANSLATORS: supervisors let a kit be checked in although its last pull left packages behind.
    add(allow_return_, _("A&llow return..."), Operation::OverrideReturnGate, &KitsPanel::allow_return_selected);
    add(acts_, _("&Acts..."), Operation::ViewActs, &KitsPanel::acts_of_selected);
    add(export_, _("E&xport outstanding..."), Operation::ExportReports, &KitsPanel::export_outstanding);
    add(paper_, _("Paper &stock..."), Operation::ViewKits, &KitsPanel::show_paper_stock);
    // Paper without a kit: to a responsible employee, and back from a holder.
    add(issue_paper_, _("&Hand over paper..."), Operation::IssueKits,
        &KitsPanel::issue_paper_alone);
    add(return_paper_, _("Take paper &back..."), Operation::ReturnKits,
        &KitsPanel::return_paper_alone);
    top->Add(buttons, 0, wxEXPAND | wxALL, gap);
    SetSizer(top);

    filter_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { filter_timer_.StartOnce(kFilterPauseMs); });
    filter_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        filter_timer_.Stop();
        refresh();
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { refresh(); });
    state_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { refresh(); });
    outstanding_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { refresh(); });
    list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { update_buttons(); });
    list_->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { update_buttons(); });
    list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { acts_of_selected(); });
    list_->on_error = [this](const Error& e) { notify(error_text(e), true); };
}

std::optional<KitState> KitsPanel::chosen_state() const {
    const int i = state_->GetSelection();
    if (i <= 0) return std::nullopt;
    return kStates[i - 1];
}

void KitsPanel::show_outstanding() {
    outstanding_->SetValue(true);
    refresh();
}

void KitsPanel::refresh() {
    filter_timer_.Stop();
    const std::string text = to_utf8(filter_->GetValue().Strip(wxString::both));
    if (outstanding_->GetValue()) {
        list_->show_outstanding(text, chosen_state());
        count_->SetLabel(format_text(wxPLURAL("{} kit outstanding", "{} kits outstanding", static_cast<unsigned>(list_->rows())),
                                     {wxString::Format("%ld", list_->rows())}));
    } else {
        KitQuery query;
        query.state = chosen_state();
        query.text = text;
        list_->show_registry(query);
        count_->SetLabel(format_text(wxPLURAL("{} kit", "{} kits", static_cast<unsigned>(list_->rows())),
                                     {wxString::Format("%ld", list_->rows())}));
    }
    if (list_->rows() == 1) list_->Select(0);  // a search that finds one kit: ready to act on it
    update_buttons();
    Layout();
}

void KitsPanel::update_buttons() {
    const auto kit = list_->selected_kit();
    const KitState state = kit ? kit->state : KitState::WrittenOff;
    return_->Enable(kit && is_outstanding(state));
    service_->Enable(kit && (state == KitState::InStock || state == KitState::UnderRepair));
    acts_->Enable(kit.has_value());
    allow_return_->Enable(kit && is_outstanding(state));
    // The core replaces missing or damaged parts (not the tablet) while the kit is in the department.
    // A row of the outstanding report lists what is owed rather than the parts themselves.
    bool replaceable = false;
    if (kit && (state == KitState::InStock || state == KitState::PartlyReturned || state == KitState::UnderRepair)) {
        if (const OutstandingKit* row = list_->outstanding_at(list_->GetFirstSelected()))
            replaceable = std::ranges::any_of(row->owed, [](ComponentType c) { return c != ComponentType::Tablet; });
        else
            replaceable = !ReplacePartDialog::replaceable(*kit).empty();
    }
    replace_part_->Enable(replaceable);
    import_->Enable(!importing_);
}

void KitsPanel::notify(const wxString& text, bool error) {
    last_notice_ = text;
    notices_->ShowMessage(text, error ? wxICON_ERROR : wxICON_INFORMATION);
    Layout();
}

void KitsPanel::set_busy(bool busy, const wxString& what) {
    if (busy) {
        spinner_->Show();
        spinner_->Start();
    } else {
        spinner_->Stop();
        spinner_->Hide();
    }
    busy_text_->SetLabel(what);
    Layout();
}

void KitsPanel::register_kit() {
    RegisterKitDialog dialog(this, session_);
    if (dialog.ShowModal() != wxID_OK) return;
    refresh();
    list_->select_kit(dialog.registered_number());
    update_buttons();
    notify(format_text(_("Kit {} registered and in stock."), {from_utf8(dialog.registered_number())}), false);
}

void KitsPanel::import_inventory() {
    wxFileDialog dialog(this, _("Import a kit inventory"), wxEmptyString, wxEmptyString,
                        _("Inventory files (*.xlsx;*.csv)|*.xlsx;*.csv|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() != wxID_OK) return;
    import_file(std::filesystem::path(to_utf8(dialog.GetPath())));
}

void KitsPanel::import_file(const std::filesystem::path& path) {
    if (importing_) return;
    importing_ = true;
    update_buttons();
    set_busy(true, format_text(_("Reading {}..."), {from_utf8(path.filename().string())}));
    // The job `sanaq kit import` runs: the role first, then the file, then the register's
    // conflicts — on a worker with a connection of its own, not on the UI thread.
    run_on_worker_session<app::KitInventoryPreview>(
        lifeline_, workspace_,
        [path](Session& session) { return app::read_kit_inventory(session, path); },
        [this, path](Result<app::KitInventoryPreview> preview) {
            importing_ = false;
            set_busy(false);
            update_buttons();
            if (!preview) {
                notify(error_text(preview.error()), true);
                return;
            }
            if (!preview->file_problems.empty()) {
                wxString text;
                for (const auto& p : preview->file_problems) text += (text.empty() ? "" : "\n") + error_text(p);
                notify(text, true);
                return;
            }
            KitImportDialog dialog(this, session_, std::move(*preview));
            if (dialog.ShowModal() != wxID_OK) return;
            refresh();
            notify(format_text(wxPLURAL("{} kit registered from {}.", "{} kits registered from {}.",
                                        static_cast<unsigned>(dialog.imported())),

                               {wxString::Format("%d", dialog.imported()), from_utf8(path.filename().string())}),
                   false);
        });
}

void KitsPanel::issue() {
    const auto kit = list_->selected_kit();
    IssueWizard wizard(this, session_, kit && kit->state == KitState::InStock ? kit->number : std::string());
    const int answer = wizard.ShowModal();
    if (answer != wxID_OK || !wizard.act()) return;
    refresh();
    show_act(*wizard.act(), wxString());
}

void KitsPanel::return_selected() {
    const auto kit = list_->selected_kit();
    if (!kit) return;
    ReturnDialog dialog(this, session_, kit->number);
    if (dialog.ShowModal() != wxID_OK || !dialog.act()) return;
    refresh();
    list_->select_kit(kit->number);
    update_buttons();
    show_act(*dialog.act(), dialog.outcome());
}

void KitsPanel::service_selected() {
    const auto kit = list_->selected_kit();
    if (!kit) return;
    ServiceDialog dialog(this, session_, *kit);
    if (dialog.ShowModal() != wxID_OK) return;
    refresh();
    list_->select_kit(kit->number);
    update_buttons();
    notify(dialog.outcome(), false);
}

void KitsPanel::allow_return_selected() {
    const auto kit = list_->selected_kit();
    if (!kit || !permits(session_.actor.role, Operation::OverrideReturnGate)) return;
    ReturnGateDialog dialog(this, session_, kit->number);
    if (dialog.ShowModal() != wxID_OK) return;
    notify(dialog.outcome(), false);
}

void KitsPanel::replace_part_selected() {
    const auto selected = list_->selected_kit();
    if (!selected || !permits(session_.actor.role, Operation::ServiceKits)) return;
    auto kit = find_kit(session_, selected->number);  // the parts as they are now
    if (!kit) {
        notify(error_text(kit.error()), true);
        return;
    }
    ReplacePartDialog dialog(this, session_, *kit);
    if (dialog.ShowModal() != wxID_OK) return;
    refresh();
    list_->select_kit(kit->number);
    update_buttons();
    notify(dialog.outcome(), false);
}

void KitsPanel::show_paper_stock() {
    PaperStockDialog dialog(this, session_);
    if (dialog.ShowModal() != wxID_OK) return;
    notify(dialog.outcome(), false);
}

void KitsPanel::issue_paper_alone() {
    PaperCustodyDialog dialog(this, session_, PaperCustodyDialog::Mode::Issue);
    if (dialog.ShowModal() != wxID_OK || !dialog.act()) return;
    show_act(*dialog.act(), dialog.outcome());
}

void KitsPanel::return_paper_alone() {
    PaperCustodyDialog dialog(this, session_, PaperCustodyDialog::Mode::Return);
    if (dialog.ShowModal() != wxID_OK || !dialog.act()) return;
    show_act(*dialog.act(), dialog.outcome());
}

void KitsPanel::acts_of_selected() {
    const auto kit = list_->selected_kit();
    if (!kit || !permits(session_.actor.role, Operation::ViewActs)) return;
    KitActsDialog dialog(this, session_, kit->number);
    dialog.ShowModal();
}

void KitsPanel::export_outstanding() {
    const auto path = ask_table_path(this, _("Export the outstanding kits"), _("outstanding-kits.xlsx"));
    if (path.empty()) return;
    if (auto ok = export_outstanding_to(path); !ok) notify(error_text(ok.error()), true);
    else notify(format_text(_("Outstanding report written to {}."), {from_utf8(path.string())}), false);
}

static Status export_outstanding_checked(Session& session, const std::filesystem::path& path) {
    SANAQ_TRY(require(session.actor, Operation::ExportReports));
    auto rows = outstanding_kits(session);
    SANAQ_TRY(rows);
    auto paper = paper_outstanding(session);
    SANAQ_TRY(paper);
    return write_table_file(path, outstanding_report_header(),
                            outstanding_report_rows(*rows, *paper), to_utf8(_("Outstanding")));
}

Status KitsPanel::export_outstanding_to(const std::filesystem::path& path) { return export_outstanding_checked(session_, path); }

void KitsPanel::show_act(const Act& act, const wxString& notice) {
    ActPreviewDialog preview(this, session_, act, notice);
    preview.ShowModal();
}

}  // namespace sanaq::ui

#include "ui/institutions/institutions_panel.h"
#include "ui/common/button_labels.h"

#include <map>

#include <filesystem>

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/wrapsizer.h>
#include <wx/stattext.h>

#include "app/coverage_exports.h"
#include "core/usecases/registry.h"
#include "coverage/list_register.h"
#include "ui/app/ui_language.h"
#include "ui/common/list_columns.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"
#include "ui/institutions/institution_dialog.h"
#include "ui/institutions/register_dialog.h"
#include "ui/institutions/staff_dialog.h"

namespace sanaq::ui {

InstitutionsPanel::InstitutionsPanel(wxWindow* parent, Session& session) : wxPanel(parent), session_(session) {
    const int gap = FromDIP(6);
    const Role role = session_.actor.role;
    auto* top = new wxBoxSizer(wxVERTICAL);
    notices_ = make_notice_bar(this);
    top->Add(notices_, 0, wxEXPAND);

    top->Add(new wxStaticText(this, wxID_ANY, _("I&nstitutions:")), 0, wxLEFT | wxRIGHT | wxTOP, gap);
    institutions_list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES);
    append_fitted_column(institutions_list_, _("Name"), 420, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(institutions_list_, _("BIN"), 120, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(institutions_list_, _("Type"), 230, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(institutions_list_, _("KATO"), 140, {}, wxLIST_FORMAT_LEFT);
    // The stage-1 register, for the roles that see coverage (the others do not hold it).
    if (permits(role, Operation::ViewCoverage)) {
        append_fitted_column(institutions_list_, _("Deadline"), 100, {}, wxLIST_FORMAT_LEFT);
        append_fitted_column(institutions_list_, _("List"), 130, {}, wxLIST_FORMAT_LEFT);
        append_fitted_column(institutions_list_, _("Listed"), 70, {}, wxLIST_FORMAT_RIGHT);
        append_fitted_column(institutions_list_, _("Expected"), 70, {}, wxLIST_FORMAT_RIGHT);
    }
    top->Add(institutions_list_, 3, wxEXPAND | wxALL, gap);

    // Wraps: at 200 % text in Kazakh or Russian the four buttons do not fit on one line.
    auto* inst_buttons = new wxWrapSizer(wxHORIZONTAL);
    add_ = new wxButton(this, wxID_ANY, _("&Add institution..."));
    edit_ = new wxButton(this, wxID_ANY, _("&Edit..."));
    const bool can_edit = permits(role, Operation::EditInstitutions);
    for (auto* b : {add_, edit_}) {
        if (can_edit) inst_buttons->Add(b, 0, wxRIGHT | wxBOTTOM, gap);
        else b->Hide();
    }
    edit_register_ = new wxButton(this, wxID_ANY, _("Stage 1 &list..."));
    edit_register_->SetToolTip(_("Whether the institution owes a stage 1 list, its deadline and expected headcount"));
    if (can_edit && permits(role, Operation::ViewCoverage))
        inst_buttons->Add(edit_register_, 0, wxRIGHT | wxBOTTOM, gap);
    else
        edit_register_->Hide();
    export_not_sent_ = new wxButton(this, wxID_ANY, _("E&xport lists not sent..."));
    export_not_sent_->SetToolTip(_("The institutions whose stage-1 list has not come, to a PDF in Kazakh and Russian or an XLSX file"));
    if (permits(role, Operation::ViewCoverage) && permits(role, Operation::ExportReports))
        inst_buttons->Add(export_not_sent_, 0, wxRIGHT | wxBOTTOM, gap);
    else
        export_not_sent_->Hide();
    top->Add(inst_buttons, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);

    staff_heading_ = new wxStaticText(this, wxID_ANY, _("Responsible &staff:"));
    top->Add(staff_heading_, 0, wxLEFT | wxRIGHT | wxTOP, gap);
    staff_list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES);
    append_fitted_column(staff_list_, _("Full name"), 300, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(staff_list_, _("IIN"), 130, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(staff_list_, _("Position"), 260, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(staff_list_, _("Phone"), 150, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(staff_list_, _("Appointment order"), 160, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(staff_list_, _("Trained on"), 100, {}, wxLIST_FORMAT_LEFT);
    top->Add(staff_list_, 2, wxEXPAND | wxALL, gap);
    add_employee_ = new wxButton(this, wxID_ANY, _("Add e&mployee..."));
    if (permits(role, Operation::EditStaff)) top->Add(add_employee_, 0, wxLEFT | wxRIGHT | wxBOTTOM, gap);
    else add_employee_->Hide();
    SetSizer(top);

    add_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_institution(); });
    edit_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_institution(); });
    add_employee_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_employee(); });
    export_not_sent_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_not_sent(); });
    edit_register_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_register(); });
    institutions_list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { show_staff(); });
    institutions_list_->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) {
        if (permits(session_.actor.role, Operation::EditInstitutions)) edit_institution();
    });
    reload();
}

void InstitutionsPanel::reload() {
    const auto previous = selected();
    institutions_list_->DeleteAllItems();
    auto list = list_institutions(session_);
    if (!list) {
        notify(error_text(list.error()), true);
        return;
    }
    institutions_ = std::move(*list);
    std::map<std::string, RegisterRow> register_rows;
    if (permits(session_.actor.role, Operation::ViewCoverage)) {
        if (auto reg = list_register(session_))
            for (auto& r : reg->rows) register_rows.emplace(r.institution.bin, std::move(r));
        else
            notify(error_text(reg.error()), true);
    }
    long row = 0;
    std::size_t reselect = 0;
    for (const auto& inst : institutions_) {
        const long i = institutions_list_->InsertItem(row, institution_name(inst));
        institutions_list_->SetItem(i, 1, from_utf8(inst.bin));
        institutions_list_->SetItem(i, 2, tr_label(institution_type_label(inst.type)));
        institutions_list_->SetItem(i, 3, from_utf8(inst.kato.code) + " (" + from_utf8(inst.kato.classifier_version) + ")");
        if (auto r = register_rows.find(inst.bin); r != register_rows.end()) {
            institutions_list_->SetItem(i, 4, from_utf8(r->second.deadline));
            institutions_list_->SetItem(i, 5, tr_label(list_status_label(r->second.status)));
            institutions_list_->SetItem(i, 6, wxString::Format("%lld", static_cast<long long>(r->second.listed)));
            if (r->second.duty.expected)
                institutions_list_->SetItem(i, 7, wxString::Format("%lld", static_cast<long long>(*r->second.duty.expected)));
        }
        if (previous && previous->bin == inst.bin) reselect = static_cast<std::size_t>(row);
        ++row;
    }
    if (!institutions_.empty()) select(reselect);
    else show_staff();
}

void InstitutionsPanel::select(std::size_t index) {
    if (index >= institutions_.size()) return;
    institutions_list_->SetItemState(static_cast<long>(index), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                     wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    institutions_list_->EnsureVisible(static_cast<long>(index));
    show_staff();
}

std::optional<Institution> InstitutionsPanel::selected() const {
    const long i = institutions_list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (i < 0 || i >= static_cast<long>(institutions_.size())) return std::nullopt;
    return institutions_[static_cast<std::size_t>(i)];
}

void InstitutionsPanel::show_staff() {
    staff_list_->DeleteAllItems();
    staff_.clear();
    const auto inst = selected();
    edit_->Enable(inst.has_value());
    add_employee_->Enable(inst.has_value());
    if (!inst) {
        staff_heading_->SetLabel(_("Responsible &staff:"));
        return;
    }
    staff_heading_->SetLabel(format_text(_("Responsible &staff of {}:"), {institution_name(*inst)}));
    auto staff = list_staff(session_, inst->bin);
    if (!staff) {
        notify(error_text(staff.error()), true);
        return;
    }
    staff_ = std::move(*staff);
    long row = 0;
    for (const auto& e : staff_) {
        const long i = staff_list_->InsertItem(row++, from_utf8(e.full_name));
        staff_list_->SetItem(i, 1, from_utf8(e.iin));
        staff_list_->SetItem(i, 2, from_utf8(e.position));
        staff_list_->SetItem(i, 3, from_utf8(e.phone));
        if (!e.appointment_order_number.empty())
            staff_list_->SetItem(i, 4, format_text(_("No. {} of {}"), {from_utf8(e.appointment_order_number),
                                                                      from_utf8(e.appointment_order_date)}));
        staff_list_->SetItem(i, 5, from_utf8(e.trained_on));
    }
    Layout();
}

void InstitutionsPanel::add_institution() {
    InstitutionDialog dialog(this, session_, std::nullopt);
    if (dialog.ShowModal() != wxID_OK) return;
    reload();
    for (std::size_t i = 0; i < institutions_.size(); ++i)
        if (institutions_[i].bin == dialog.saved_bin()) select(i);
    notify(_("The institution is registered."), false);
}

void InstitutionsPanel::edit_institution() {
    const auto inst = selected();
    if (!inst) return;
    InstitutionDialog dialog(this, session_, inst);
    if (dialog.ShowModal() != wxID_OK) return;
    reload();
    notify(_("The institution is saved."), false);
}

void InstitutionsPanel::add_employee() {
    const auto inst = selected();
    if (!inst) return;
    StaffDialog dialog(this, session_, *inst);
    if (dialog.ShowModal() != wxID_OK) return;
    show_staff();
    notify(_("The responsible employee is registered."), false);
}

void InstitutionsPanel::edit_register() {
    const auto inst = selected();
    if (!inst) return;
    auto reg = list_register(session_);
    if (!reg) {
        notify(error_text(reg.error()), true);
        return;
    }
    for (const auto& row : reg->rows)
        if (row.institution.bin == inst->bin) {
            RegisterDialog dialog(this, session_, row);
            if (dialog.ShowModal() == wxID_OK) reload();
            return;
        }
}

void InstitutionsPanel::export_not_sent() {
    wxFileDialog dialog(this, _("Export the institutions that have not sent their list"), wxEmptyString,
                        _("lists-not-sent") + ".pdf", _("PDF documents (*.pdf)|*.pdf|Excel workbooks (*.xlsx)|*.xlsx"),
                        wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) return;
    std::filesystem::path path(to_utf8(dialog.GetPath()));
    if (path.extension() != ".pdf" && path.extension() != ".xlsx")
        path += dialog.GetFilterIndex() == 1 ? ".xlsx" : ".pdf";
    export_not_sent_to(path);
}

void InstitutionsPanel::export_not_sent_to(const std::filesystem::path& path) {
    auto reg = list_register(session_);
    if (!reg) {
        notify(error_text(reg.error()), true);
        return;
    }
    // The entry on the trail, then the file, as `sanaq register export`: a few pages, drawn here.
    const Status written =
        path.extension() == ".pdf"
            ? app::export_register_pdf(session_, *reg, path)
            : export_register_table(session_, *reg, path, [](const char* msgid) { return to_utf8(tr_label(msgid)); },
                                    ui_language() == "kk");
    if (!written) {
        notify(error_text(written.error()), true);
        return;
    }
    notify(format_text(_("The institutions that have not sent their list are in {}."), {from_utf8(path.string())}),
           false);
}

void InstitutionsPanel::notify(const wxString& text, bool error) {
    notices_->ShowMessage(text, error ? wxICON_ERROR : wxICON_INFORMATION);
    Layout();
}

}  // namespace sanaq::ui

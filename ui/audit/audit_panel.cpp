#include "ui/audit/audit_panel.h"
#include "ui/common/button_labels.h"

#include <wx/button.h>
#include <wx/infobar.h>
#include <wx/sizer.h>
#include <wx/wrapsizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/audit_review.h"
#include "ui/audit/audit_list_view.h"
#include "ui/common/error_text.h"
#include "ui/common/optional_date_picker.h"
#include "ui/common/table_export.h"
#include "ui/common/text.h"
#include "ui/common/wrapping_text.h"
#include "ui/common/palette.h"
#include "upstream/client/audit_witness.h"

namespace sanaq::ui {
namespace {
// The trail stores UTC; the pickers mean local days. 00:00 local of the day, as UTC.
std::string utc_start_of(const wxDateTime& local_day) {
    return local_day.Format("%Y-%m-%dT%H:%M:%SZ", wxDateTime::UTC).utf8_string();
}
}  // namespace

AuditPanel::AuditPanel(wxWindow* parent, Session& session) : wxPanel(parent), session_(session) {
    const int gap = FromDIP(6);
    const Role role = session_.actor.role;
    auto* top = new wxBoxSizer(wxVERTICAL);
    notices_ = make_notice_bar(this);
    top->Add(notices_, 0, wxEXPAND);

    auto* filters = new wxWrapSizer(wxHORIZONTAL);
    auto label = [&](const wxString& text) {
        filters->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    };
    label(_("&User:"));
    user_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(110, -1)), wxTE_PROCESS_ENTER);
    filters->Add(user_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 3);
    // TRANSLATORS: filter of the audit list by the start of the action code, e.g. "kit." for all kit actions.
    label(_("A&ction starts with:"));
    action_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(110, -1)), wxTE_PROCESS_ENTER);
    action_->SetHint("kit.");
    filters->Add(action_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 3);
    from_ = new OptionalDatePicker(this, _("&From:"));
    filters->Add(from_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 3);
    to_ = new OptionalDatePicker(this, _("&To:"));
    filters->Add(to_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap * 3);
    auto* apply = new wxButton(this, wxID_ANY, _("&Show"));
    filters->Add(apply, 0, wxALIGN_CENTER_VERTICAL);
    top->Add(filters, 0, wxEXPAND | wxALL, gap);

    list_ = new AuditListView(this);
    top->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);
    count_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    top->Add(count_, 0, wxLEFT | wxRIGHT | wxTOP, gap);

    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    verify_ = new wxButton(this, wxID_ANY, _("&Verify the chain"));
    export_ = new wxButton(this, wxID_ANY, _("E&xport..."));
    if (permits(role, Operation::VerifyAudit)) bottom->Add(verify_, 0, wxRIGHT, gap);
    else verify_->Hide();
    if (permits(role, Operation::ExportAudit)) bottom->Add(export_, 0, wxRIGHT, gap * 3);
    else export_->Hide();
    // Wraps: with the witnessed head it is a long sentence, longer still in Kazakh at 200 %.
    verification_ = new WrappingText(this);
    bottom->Add(verification_, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(bottom, 0, wxEXPAND | wxALL, gap);
    SetSizer(top);

    apply->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
    user_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { reload(); });
    action_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { reload(); });
    verify_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { verify(); });
    export_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_entries(); });
    reload();
}

void AuditPanel::reload() {
    AuditFilter filter;
    filter.actor = to_utf8(user_->GetValue().Strip(wxString::both));
    filter.action_prefix = to_utf8(action_->GetValue().Strip(wxString::both));
    if (auto from = from_->date()) filter.from_utc = utc_start_of(*from);
    if (auto to = to_->date()) filter.to_utc = utc_start_of(to->Add(wxDateSpan::Day()));  // "to" includes its day
    auto entries = list_audit(session_, filter);
    if (!entries) {
        notify(error_text(entries.error()), true);
        list_->set_entries({});
    } else {
        list_->set_entries(std::move(*entries));
    }
    count_->SetLabel(format_text(wxPLURAL("{} entry", "{} entries", static_cast<unsigned>(list_->entries().size())),
                                 {wxString::Format("%zu", list_->entries().size())}));
    Layout();
}

void AuditPanel::verify() {
    auto result = upstream::verify_audit_trail(session_);
    if (!result) {
        notify(error_text(result.error()), true);
        return;
    }
    if (result->intact()) {
        verification_->SetForegroundColour(palette::ok_text());
        wxString text = format_text(wxPLURAL("The chain is intact: {} entry checked.", "The chain is intact: {} entries checked.",
                                             static_cast<unsigned>(result->checked)),
                                    {wxString::Format("%zu", result->checked)});
        if (result->witnesses_unreadable)
            text += " " + _("The heads the census database witnessed are kept with the census data, which your role does not open: "
                            "the chain and its signatures were checked, the witnesses were not. An officer or supervisor can check them.");
        else if (const auto& w = result->last_witnessed)
            text += " " + format_text(_("Last head witnessed by the census database: entry {} ({}…), at {} by {}."),
                                      {wxString::Format("%lld", static_cast<long long>(w->seq)),
                                       from_utf8(w->hash.substr(0, 16)), from_utf8(w->witnessed_at), from_utf8(w->witness)});
        else
            text += " " + _("No head of this trail has been witnessed by the census database yet; one goes with every batch sent.");
        verification_->set_text(text);
        list_->set_bad_seq(0);
    } else {
        verification_->SetForegroundColour(palette::error_text());
        verification_->set_text(format_text(_("The chain is broken at entry {}: {}."),
                                            {wxString::Format("%lld", static_cast<long long>(result->first_bad_seq)),
                                             tr_label(audit_problem_label(result->problem))}));
        list_->set_bad_seq(result->first_bad_seq);
    }
    Layout();
}

void AuditPanel::export_entries() {
    const auto path = ask_table_path(this, _("Export the audit trail"), _("audit-trail.xlsx"));
    if (path.empty()) return;
    if (auto ok = export_to(path); !ok) notify(error_text(ok.error()), true);
    else
        notify(format_text(wxPLURAL("{} entry written to {}.", "{} entries written to {}.",
                                    static_cast<unsigned>(list_->entries().size())),
                           {wxString::Format("%zu", list_->entries().size()), from_utf8(path.string())}),
               false);

}

Status AuditPanel::export_to(const std::filesystem::path& path) {
    SANAQ_TRY(require(session_.actor, Operation::ExportAudit));
    const auto& entries = list_->entries();
    SANAQ_TRY(write_table_file(path, audit_export_header(), audit_export_rows(entries), "Audit"));
    return record_audit_export(session_, std::filesystem::absolute(path).string(), entries.size());
}

void AuditPanel::notify(const wxString& text, bool error) {
    notices_->ShowMessage(text, error ? wxICON_ERROR : wxICON_INFORMATION);
    Layout();
}

}  // namespace sanaq::ui

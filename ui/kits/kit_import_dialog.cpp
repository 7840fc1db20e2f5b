#include "ui/kits/kit_import_dialog.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "ui/common/list_columns.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"
#include "ui/common/palette.h"
#include "ui/common/tab_order.h"

namespace sanaq::ui {

KitImportDialog::KitImportDialog(wxWindow* parent, Session& session, app::KitInventoryPreview preview)
    : wxDialog(parent, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session),
      preview_(std::move(preview)) {
    SetTitle(format_text(_("Import kits from {}"), {from_utf8(preview_.source_name)}));
    const int gap = FromDIP(8);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* summary = new wxStaticText(this, wxID_ANY, wxEmptyString);
    top->Add(summary, 0, wxALL, gap);

    rows_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(900, 420)), wxLC_REPORT | wxLC_HRULES);
    append_fitted_column(rows_, _("Row"), 50, {}, wxLIST_FORMAT_RIGHT);
    append_fitted_column(rows_, _("Kit"), 110, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(rows_, _("Tablet serial"), 150, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(rows_, _("USB serial"), 150, {}, wxLIST_FORMAT_LEFT);
    append_fitted_column(rows_, _("Check"), 440, {}, wxLIST_FORMAT_LEFT);
    long row = 0;
    for (const auto& item : preview_.items) {
        const long i = rows_->InsertItem(row++, wxString::Format("%d", item.line));
        rows_->SetItem(i, 1, from_utf8(item.kit.number));
        rows_->SetItem(i, 2, from_utf8(item.kit.tablet.serial));
        rows_->SetItem(i, 3, from_utf8(item.kit.tablet.usb_serial));
        if (item.problems.empty()) {
            ++valid_;
            // TRANSLATORS: result of checking one row of an inventory file: nothing wrong.
            rows_->SetItem(i, 4, _("ok"));
        } else {
            wxString what;
            for (const auto& p : item.problems) what += (what.empty() ? "" : "; ") + error_text(p);
            rows_->SetItem(i, 4, what);
            rows_->SetItemBackgroundColour(i, palette::error_row());
        }
    }
    const int invalid = static_cast<int>(preview_.items.size()) - valid_;
    summary->SetLabel(format_text(_("Rows that can be imported: {}; rows with problems, which will be skipped: {}."),

                                  {wxString::Format("%d", valid_), wxString::Format("%d", invalid)}));
    top->Add(rows_, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);

    error_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    error_->SetForegroundColour(palette::error_text());
    top->Add(error_, 0, wxEXPAND | wxALL, gap);

    auto* buttons = new wxStdDialogButtonSizer();
    import_ = new wxButton(this, wxID_OK, _("&Import valid rows"));
    import_->Enable(valid_ > 0);
    import_->SetDefault();
    buttons->AddButton(import_);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    tab_order_as_laid_out(buttons);  // GTK puts Cancel left of OK: Tab goes as they stand
    top->Add(buttons, 0, wxEXPAND | wxALL, gap);
    SetSizerAndFit(top);
    import_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { import_valid(); });
    CentreOnParent();
}

void KitImportDialog::import_valid() {
    auto saved = app::register_kit_inventory(session_, preview_, {.valid_only = true});
    if (!saved) {
        error_->SetLabel(error_text(saved.error()));
        Layout();
        return;
    }
    imported_ = *saved;
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui

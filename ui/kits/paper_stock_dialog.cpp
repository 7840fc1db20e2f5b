#include "ui/kits/paper_stock_dialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/usecases/kit_registry.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {
namespace {
wxString number(int n) { return wxString::Format("%d", n); }
}  // namespace

PaperStockDialog::PaperStockDialog(wxWindow* parent, Session& session)
    : FormDialog(parent, _("Paper stock"), 300), session_(session) {
    stock_ = new wxStaticText(this, wxID_ANY, stock_text());
    column()->Add(stock_, 0, wxLEFT | wxRIGHT | wxTOP, margin());
    const bool may_receive = permits(session_.actor.role, Operation::ManagePaperStock);
    if (may_receive) {
        auto spin = [this] {
            return new wxSpinCtrl(this, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0, 1000000, 0);
        };
        explanations_ = add_row(_("&Explanations received:"), spin());
        certificates_ = add_row(_("Completion cer&tificates received:"), spin());
        note_ = add_text(_("&Note (delivery, invoice):"));
    }
    wxButton* ok = finish(_("&Receive"), [this] { receive(); });
    if (may_receive) {
        explanations_->SetFocus();
    } else {
        // Only the figures: a Close button instead of Receive and Cancel.
        ok->Hide();
        if (auto* close = dynamic_cast<wxButton*>(FindWindow(wxID_CANCEL))) {
            close->SetLabel(_("&Close"));
            close->SetDefault();
            close->SetFocus();
        }
        Layout();
    }
    CentreOnParent();
}

wxString PaperStockDialog::stock_text() {
    auto stock = paper_stock(session_);
    if (!stock) return error_text(stock.error());
    return format_text(_("In stock: explanations: {}, completion certificates: {}."),
                       {number(stock->explanations), number(stock->certificates)});
}

void PaperStockDialog::receive() {
    const int explanations = explanations_->GetValue(), certificates = certificates_->GetValue();
    if (auto ok = receive_paper(session_, explanations, certificates, to_utf8(note_->GetValue())); !ok) {
        show_error(error_text(ok.error()), explanations_);
        return;
    }
    outcome_ = format_text(_("Received: explanations: {}, completion certificates: {}."),

                           {number(explanations), number(certificates)}) +
               " " + stock_text();
    EndModal(wxID_OK);
}

}  // namespace sanaq::ui

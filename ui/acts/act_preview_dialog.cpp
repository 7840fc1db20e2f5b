#include "ui/acts/act_preview_dialog.h"

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/printdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "acts/act_document.h"
#include "core/usecases/custody.h"
#include "ui/acts/act_catalogs.h"
#include "ui/acts/act_page_view.h"
#include "ui/acts/act_printout.h"
#include "ui/common/error_text.h"
#include "ui/common/page_bitmap.h"
#include "ui/common/text.h"
#include "ui/common/palette.h"

namespace sanaq::ui {
namespace {
// Screen preview resolution: an A4 page is then about 830 pixels wide.
constexpr double kPreviewDpi = 100.0;

struct RenderedAct {
    std::shared_ptr<const ActCatalogs> catalogs;
    std::vector<acts::PageImage> pages;
};
}  // namespace

ActPreviewDialog::ActPreviewDialog(wxWindow* parent, Session& session, Act act, const wxString& notice)
    : wxDialog(parent, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      session_(session),
      act_(std::move(act)) {
    SetTitle(format_text(act_.kind == ActKind::Issue ? _("Issue act {}") : _("Return act {}"), {from_utf8(act_.number)}));
    const int gap = FromDIP(8);
    auto* top = new wxBoxSizer(wxVERTICAL);
    if (!notice.empty()) {
        auto* text = new wxStaticText(this, wxID_ANY, notice);
        text->SetFont(text->GetFont().Bold());
        text->Wrap(FromDIP(820));
        top->Add(text, 0, wxEXPAND | wxALL, gap);
    }
    view_ = new ActPageView(this);
    view_->SetMinSize(FromDIP(wxSize(880, 620)));
    top->Add(view_, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);

    auto* status_row = new wxBoxSizer(wxHORIZONTAL);
    spinner_ = new wxActivityIndicator(this);
    status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    status_row->Add(spinner_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    status_row->Add(status_, 1, wxALIGN_CENTER_VERTICAL);
    top->Add(status_row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    previous_ = new wxButton(this, wxID_BACKWARD, _("&Previous page"));
    page_label_ = new wxStaticText(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(130, -1)),
                                   wxALIGN_CENTRE_HORIZONTAL | wxST_NO_AUTORESIZE);
    next_ = new wxButton(this, wxID_FORWARD, _("&Next page"));
    save_ = new wxButton(this, wxID_SAVEAS, _("Save as P&DF..."));
    print_ = new wxButton(this, wxID_PRINT, _("P&rint..."));
    close_ = new wxButton(this, wxID_CLOSE, _("&Close"));
    buttons->Add(previous_, 0, wxRIGHT, gap);
    buttons->Add(page_label_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    buttons->Add(next_, 0, wxRIGHT, gap);
    buttons->AddStretchSpacer();
    buttons->Add(save_, 0, wxRIGHT, gap);
    buttons->Add(print_, 0, wxRIGHT, gap);
    buttons->Add(close_, 0);
    top->Add(buttons, 0, wxEXPAND | wxALL, gap);
    SetSizerAndFit(top);
    SetEscapeId(wxID_CLOSE);
    close_->SetDefault();
    close_->SetFocus();

    previous_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { show_page(current_ - 1); });
    next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { show_page(current_ + 1); });
    save_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ask_and_save(); });
    print_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { print(); });
    close_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { finish(); });
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        // Page Up / Page Down turn pages when the page view has no scrolling left to do.
        if (e.GetKeyCode() == WXK_PAGEDOWN && e.ControlDown()) show_page(current_ + 1);
        else if (e.GetKeyCode() == WXK_PAGEUP && e.ControlDown()) show_page(current_ - 1);
        else e.Skip();
    });
    CentreOnParent();
    render();
}

ActPreviewDialog::~ActPreviewDialog() = default;

void ActPreviewDialog::finish() {
    if (IsModal()) EndModal(wxID_CLOSE);
    else Destroy();
}

void ActPreviewDialog::render() {
    set_busy(true, _("Rendering the act..."));
    run_in_background<RenderedAct>(
        lifeline_,
        [act = act_]() -> Result<RenderedAct> {
            RenderedAct out;
            out.catalogs = std::make_shared<const ActCatalogs>(load_act_catalogs());
            auto count = acts::act_page_count(act, out.catalogs->kk, out.catalogs->ru);
            SANAQ_TRY(count);
            for (int i = 0; i < *count; ++i) {
                auto page = acts::render_act_page(act, i, kPreviewDpi, out.catalogs->kk, out.catalogs->ru);
                SANAQ_TRY(page);
                out.pages.push_back(std::move(*page));
            }
            return out;
        },
        [this](Result<RenderedAct> done) {
            set_busy(false);
            if (!done) {
                show_outcome(error_text(done.error()), true);
                update_controls();
                return;
            }
            catalogs_ = done->catalogs;
            std::vector<wxImage> images;
            for (const auto& p : done->pages) images.push_back(page_to_image(p));
            rendered(std::move(images));
        });
}

void ActPreviewDialog::rendered(std::vector<wxImage> images) {
    pages_.clear();
    for (auto& image : images) pages_.emplace_back(image);
    if (catalogs_ && catalogs_->problem)
        show_outcome(_("The Kazakh or Russian catalog is missing, so the preview shows English text; saving and printing are off until the catalogs are installed.") +
                         "\n" + error_text(*catalogs_->problem),
                     true);
    show_page(0);
}

void ActPreviewDialog::show_page(int index) {
    if (pages_.empty()) return;
    current_ = std::clamp(index, 0, page_count() - 1);
    view_->set_page(pages_[static_cast<std::size_t>(current_)]);
    page_label_->SetLabel(format_text(_("Page {} of {}"), {wxString::Format("%d", current_ + 1), wxString::Format("%d", page_count())}));
    update_controls();
}

bool ActPreviewDialog::can_export() const { return pages_ready() && catalogs_ && !catalogs_->problem && !busy_; }

void ActPreviewDialog::update_controls() {
    const bool printable = can_export();
    previous_->Enable(pages_ready() && current_ > 0);
    next_->Enable(pages_ready() && current_ + 1 < page_count());
    save_->Enable(printable);
    print_->Enable(printable);
}

void ActPreviewDialog::set_busy(bool busy, const wxString& what) {
    busy_ = busy;
    if (busy) {
        spinner_->Show();
        spinner_->Start();
        status_->SetLabel(what);
    } else {
        spinner_->Stop();
        spinner_->Hide();
        status_->SetLabel(wxEmptyString);
    }
    update_controls();
    Layout();
}

void ActPreviewDialog::show_outcome(const wxString& text, bool error) {
    outcome_ = text;
    status_->SetForegroundColour(error ? palette::error_text() : palette::ok_text());
    status_->SetLabel(text);
    status_->Wrap(FromDIP(820));
    Layout();
}

void ActPreviewDialog::ask_and_save() {
    wxFileDialog dialog(this, _("Save the act as PDF"), wxEmptyString, from_utf8(act_.number + ".pdf"),
                        _("PDF documents (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) return;
    std::filesystem::path path(to_utf8(dialog.GetPath()));
    if (path.extension() != ".pdf") path += ".pdf";
    save_pdf(path);
}

void ActPreviewDialog::save_pdf(const std::filesystem::path& path) {
    if (!can_export()) return;
    set_busy(true, _("Writing the PDF..."));
    run_in_background<void>(
        lifeline_, [act = act_, catalogs = catalogs_, path] { return acts::write_act_pdf(act, path, catalogs->kk, catalogs->ru); },
        [this, path](Status written) {
            set_busy(false);
            if (!written) {
                show_outcome(error_text(written.error()), true);
                return;
            }
            // The file exists; the export goes on the trail (UI thread: the workspace lives here).
            const auto absolute = std::filesystem::absolute(path);
            if (auto ok = record_act_export(session_, act_, absolute.string()); !ok) {
                show_outcome(error_text(ok.error()), true);
                return;
            }
            show_outcome(format_text(_("Saved to {}."), {from_utf8(absolute.string())}), false);
        });
}

void ActPreviewDialog::print() {
    if (!can_export()) return;
    wxPrintDialogData data;
    data.SetMinPage(1);
    data.SetMaxPage(page_count());
    data.SetAllPages(true);
    wxPrinter printer(&data);
    ActPrintout printout(act_, *catalogs_, page_count());
    if (!printer.Print(this, &printout, true)) {
        if (wxPrinter::GetLastError() == wxPRINTER_ERROR) show_outcome(_("The act could not be printed."), true);
        return;
    }
    if (auto ok = record_act_export(session_, act_, "printer"); !ok) {
        show_outcome(error_text(ok.error()), true);
        return;
    }
    show_outcome(_("Sent to the printer."), false);
}

}  // namespace sanaq::ui

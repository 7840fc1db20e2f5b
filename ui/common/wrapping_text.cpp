#include "ui/common/wrapping_text.h"

#include <wx/dialog.h>
#include <wx/sizer.h>

namespace sanaq::ui {
namespace {
// Narrow enough that a row never has to be wider than the window for this label's sake.
constexpr int kMinWidthDip = 120;
}  // namespace

WrappingText::WrappingText(wxWindow* parent, const wxString& text, long style)
    // No auto-resize: a new label must not resize the control (a size event would wrap it again).
    : wxStaticText(parent, wxID_ANY, text, wxDefaultPosition, wxDefaultSize,
                   style | wxST_NO_AUTORESIZE),
      text_(text) {
    SetMinSize(wxSize(FromDIP(kMinWidthDip), GetBestSize().y));
    Bind(wxEVT_SIZE, &WrappingText::on_size, this);
}

void WrappingText::set_text(const wxString& text) {
    if (text == text_) return;
    text_ = text;
    const int width = wrapped_at_;
    wrapped_at_ = -1;
    if (width > 0)
        wrap_to(width);
    else {
        SetLabel(text_);
        SetMinSize(wxSize(FromDIP(kMinWidthDip), GetBestSize().y));
    }
}

void WrappingText::on_size(wxSizeEvent& event) {
    event.Skip();
    const int width = event.GetSize().x;
    if (width > 0 && width != wrapped_at_ && !wrapping_) wrap_to(width);
}

void WrappingText::wrap_to(int width) {
    wrapping_ = true;
    wrapped_at_ = width;
    SetLabel(text_);
    Wrap(width);
    InvalidateBestSize();
    const int height = GetBestSize().y;
    wrapping_ = false;
    if (height == GetMinSize().y) return;
    SetMinSize(wxSize(FromDIP(kMinWidthDip), height));
    // The new height takes effect at the next layout; asked for after this size event is done. A
    // dialog was fitted to the unwrapped text: it grows (never shrinks) to the height it now needs.
    CallAfter([this] {
        wxWindow* top = wxGetTopLevelParent(this);
        if (auto* dialog = dynamic_cast<wxDialog*>(top); dialog && dialog->GetSizer()) {
            const wxSize fitting = dialog->GetSizer()->ComputeFittingWindowSize(dialog);
            if (fitting.y > dialog->GetSize().y) dialog->SetSize(wxSize(dialog->GetSize().x, fitting.y));
        }
        if (wxWindow* parent = GetParent()) parent->Layout();
    });
}

}  // namespace sanaq::ui

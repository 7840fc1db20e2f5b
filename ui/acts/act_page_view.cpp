#include "ui/acts/act_page_view.h"

#include <wx/dcbuffer.h>

namespace sanaq::ui {
namespace {
constexpr int kMargin = 16;
}

ActPageView::ActPageView(wxWindow* parent)
    : wxScrolledCanvas(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxHSCROLL | wxFULL_REPAINT_ON_RESIZE) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetScrollRate(20, 20);
    Bind(wxEVT_PAINT, &ActPageView::on_paint, this);
}

void ActPageView::set_page(const wxBitmap& page) {
    page_ = page;
    const wxSize size = page_.IsOk() ? page_.GetSize() : wxSize(0, 0);
    SetVirtualSize(size.x + 2 * kMargin, size.y + 2 * kMargin);
    Scroll(0, 0);
    Refresh();
}

void ActPageView::on_paint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    DoPrepareDC(dc);
    dc.SetBackground(wxBrush(wxColour(0x80, 0x80, 0x80)));
    dc.Clear();
    if (!page_.IsOk()) return;
    const int x = std::max(kMargin, (GetClientSize().x - page_.GetWidth()) / 2);
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(wxColour(0x50, 0x50, 0x50)));
    dc.DrawRectangle(x + 4, kMargin + 4, page_.GetWidth(), page_.GetHeight());  // shadow
    dc.DrawBitmap(page_, x, kMargin);
}

}  // namespace sanaq::ui

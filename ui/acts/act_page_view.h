#pragma once
// One rendered act page on a grey desk, scrollable.
#include <wx/bitmap.h>
#include <wx/scrolwin.h>

namespace sanaq::ui {

class ActPageView : public wxScrolledCanvas {
public:
    explicit ActPageView(wxWindow* parent);
    void set_page(const wxBitmap& page);
    const wxBitmap& page() const { return page_; }

private:
    void on_paint(wxPaintEvent& event);

    wxBitmap page_;
};

}  // namespace sanaq::ui

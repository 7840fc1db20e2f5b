#pragma once
// A label that wraps to the width its sizer gives it: hints and counts whose length depends on
// the language and the text size (Kazakh at 200 % needs twice the English width) stay whole on
// more lines instead of running past the window's edge. Add it with wxEXPAND (or a proportion
// in a horizontal row); set its text with set_text(), not SetLabel().
#include <wx/stattext.h>

namespace sanaq::ui {

class WrappingText : public wxStaticText {
  public:
    explicit WrappingText(wxWindow* parent, const wxString& text = {}, long style = 0);
    void set_text(const wxString& text);
    const wxString& text() const { return text_; }

  private:
    void on_size(wxSizeEvent& event);
    void wrap_to(int width);

    wxString text_;
    int wrapped_at_ = -1;
    bool wrapping_ = false;
};

}  // namespace sanaq::ui

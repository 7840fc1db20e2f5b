#pragma once
// The shape every data-entry dialog here shares: "label: control" rows in a two-column grid, a
// red line under them where the core's refusal appears (wrapped, the dialog re-fitted, the dialog
// stays open), and an OK button with the dialog's own label (the default) beside Cancel.
// Rows keep the order of the calls, on screen and in the tab order.
#include <concepts>
#include <functional>

#include <wx/dialog.h>

class wxButton;
class wxFlexGridSizer;
class wxSizer;
class wxStaticText;
class wxTextCtrl;

namespace sanaq::ui {

class FormDialog : public wxDialog {
public:
    /// Where the refusal shows (empty while there is none); exists once finish() has run.
    wxStaticText* error_label() const { return error_; }

protected:
    /// `text_width` (DIP) is how wide add_text() makes its fields.
    FormDialog(wxWindow* parent, const wxString& title, int text_width, long style = wxDEFAULT_DIALOG_STYLE);

    /// The spacing unit: between rows and columns; the form keeps margin() from the edges.
    int gap() const { return gap_; }
    int margin() const { return 2 * gap_; }
    /// The dialog's top-to-bottom sizer, for what is not a "label: control" row.
    wxSizer* column() const;

    /// A new grid for the rows that follow, inside `into` with `border` all round. Without a
    /// call, the first row starts one in column(), margin() from the edges.
    wxFlexGridSizer* start_grid(wxSizer* into, int border);
    /// A row with a text field text_width wide (`style`: wxTE_PASSWORD and the like).
    wxTextCtrl* add_text(const wxString& label, long style = 0);
    /// Such a field alone, for the caller to place.
    wxTextCtrl* text_field(long style = 0);
    /// A row with a control made by the caller (a child of this dialog), or with a sizer of
    /// several. The label goes before the cell's first window in the tab order, as if made
    /// first: GTK hands a label's mnemonic to the next focusable window.
    template <std::derived_from<wxWindow> Control>
    Control* add_row(const wxString& label, Control* control) {
        place_row(label, control);
        return control;
    }
    void add_row(const wxString& label, wxSizer* cell);

    /// Ends the layout: the error line, then OK (`ok_label`, default button, runs `on_ok` and
    /// leaves closing to it) and Cancel; sizes the dialog to fit.
    wxButton* finish(const wxString& ok_label, std::function<void()> on_ok);

    /// Shows the core's (or the dialog's own) refusal under the form, wrapped to the form's
    /// width; focus goes to `focus` when given.
    void show_error(const wxString& text, wxWindow* focus = nullptr);

private:
    void place_row(const wxString& label, wxWindow* control);
    void add_label(const wxString& label, wxWindow* goes_before);
    wxFlexGridSizer* grid();

    int gap_;
    int text_width_;
    wxSizer* column_;
    wxFlexGridSizer* grid_ = nullptr;
    wxStaticText* error_ = nullptr;
};

}  // namespace sanaq::ui

#pragma once
// Which column of a list file holds which field, chosen by hand: for a list whose header the
// reader does not recognise, or reads wrongly. Each column of the file shows its heading and an
// example value beside a choice of field; the header row can be moved (0: no header at all).
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "lists/list_reader.h"

class wxChoice;
class wxSpinCtrl;
class wxStaticText;

namespace sanaq::ui {

class ColumnMappingDialog : public wxDialog {
public:
    /// `top_rows`: the first rows of the file as read (headings and examples come from them).
    ColumnMappingDialog(wxWindow* parent, std::vector<std::vector<std::string>> top_rows,
                        const lists::ColumnMapping& initial);

    lists::ColumnMapping mapping() const;

    wxSpinCtrl* header_line_field() const { return header_line_; }
    /// One choice per file column; item 0 is "not read", then the fields of field_order().
    const std::vector<wxChoice*>& field_choices() const { return choices_; }
    static const std::vector<lists::ListField>& field_order();

private:
    void update_samples();

    std::vector<std::vector<std::string>> rows_;
    wxSpinCtrl* header_line_ = nullptr;
    std::vector<wxStaticText*> headings_;
    std::vector<wxStaticText*> examples_;
    std::vector<wxChoice*> choices_;
};

/// "A", "B", ... "Z", "AA", ... for a 0-based column index.
wxString column_letter(std::size_t column);

}  // namespace sanaq::ui

#include "ui/lists/column_mapping_dialog.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>

#include "ui/common/text.h"
#include "ui/coverage/coverage_labels.h"
#include "ui/common/tab_order.h"

namespace sanaq::ui {
namespace {
constexpr std::size_t kMaxColumns = 40;
constexpr int kMaxHeaderLine = 50;

wxString shortened(const std::string& text) {
    wxString s = from_utf8(text);
    s.Replace("\n", " ");
    return s.length() > 40 ? s.Left(39) + wxString::FromUTF8("\xE2\x80\xA6") : s;
}
}  // namespace

wxString column_letter(std::size_t column) {
    wxString out;
    std::size_t n = column + 1;
    while (n > 0) {
        const std::size_t r = (n - 1) % 26;
        out.Prepend(wxUniChar(static_cast<int>('A' + r)));
        n = (n - 1) / 26;
    }
    return out;
}

const std::vector<lists::ListField>& ColumnMappingDialog::field_order() {
    static const std::vector<lists::ListField> order = [] {
        std::vector<lists::ListField> out;
        for (const auto& spec : lists::list_columns()) out.push_back(spec.field);
        return out;
    }();
    return order;
}

ColumnMappingDialog::ColumnMappingDialog(wxWindow* parent, std::vector<std::vector<std::string>> top_rows,
                                         const lists::ColumnMapping& initial)
    : wxDialog(parent, wxID_ANY, _("Columns of the list"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      rows_(std::move(top_rows)) {
    const int gap = FromDIP(8);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   _("Choose what each column of the file holds. Columns left as \"not read\" are ignored. "
                                     "The data start on the row below the header row."));
    intro->Wrap(FromDIP(620));
    top->Add(intro, 0, wxALL, gap);

    auto* header_row = new wxBoxSizer(wxHORIZONTAL);
    header_row->Add(new wxStaticText(this, wxID_ANY, _("&Header row (0: the file has none):")), 0,
                    wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    header_line_ = new wxSpinCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 0,
                                  kMaxHeaderLine, std::clamp(initial.header_line, 0, kMaxHeaderLine));
    header_row->Add(header_line_, 0, wxALIGN_CENTER_VERTICAL);
    top->Add(header_row, 0, wxLEFT | wxRIGHT | wxBOTTOM, gap);

    std::size_t columns = 0;
    for (const auto& r : rows_) columns = std::max(columns, r.size());
    for (const auto& [column, field] : initial.columns) columns = std::max(columns, column + 1);
    columns = std::min(columns, kMaxColumns);

    auto* scroller = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(700, 380)), wxVSCROLL);
    scroller->SetScrollRate(0, FromDIP(12));
    auto* grid = new wxFlexGridSizer(4, gap / 2, gap * 2);
    grid->AddGrowableCol(2, 1);
    auto bold = [&](const wxString& text) {
        auto* label = new wxStaticText(scroller, wxID_ANY, text);
        label->SetFont(label->GetFont().Bold());
        grid->Add(label, 0, wxALIGN_CENTER_VERTICAL);
    };
    bold(_("Column"));
    bold(_("Heading in the file"));
    bold(_("Example"));
    bold(_("Field"));
    for (std::size_t c = 0; c < columns; ++c) {
        grid->Add(new wxStaticText(scroller, wxID_ANY, column_letter(c)), 0, wxALIGN_CENTER_VERTICAL);
        headings_.push_back(new wxStaticText(scroller, wxID_ANY, wxEmptyString));
        grid->Add(headings_.back(), 0, wxALIGN_CENTER_VERTICAL);
        examples_.push_back(new wxStaticText(scroller, wxID_ANY, wxEmptyString));
        grid->Add(examples_.back(), 0, wxALIGN_CENTER_VERTICAL);
        auto* choice = new wxChoice(scroller, wxID_ANY);
        // TRANSLATORS: column mapping: this column of the file is ignored.
        choice->Append(_("not read"));
        for (lists::ListField f : field_order()) choice->Append(list_field_text(f));
        choice->SetSelection(0);
        for (const auto& [column, field] : initial.columns) {
            if (column != c) continue;
            const auto& order = field_order();
            const auto at = std::find(order.begin(), order.end(), field);
            if (at != order.end()) choice->SetSelection(static_cast<int>(at - order.begin()) + 1);
            break;
        }
        choice->SetName(column_letter(c));
        choice->SetMinSize(wxSize(FromDIP(220), -1));
        grid->Add(choice, 0, wxEXPAND);
        choices_.push_back(choice);
    }
    scroller->SetSizer(grid);
    scroller->FitInside();
    top->Add(scroller, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);
    if (columns == 0) top->Add(new wxStaticText(this, wxID_ANY, _("The file has no columns to choose from.")), 0, wxALL, gap);

    auto* buttons = new wxStdDialogButtonSizer();
    auto* ok = new wxButton(this, wxID_OK, _("&Use these columns"));
    ok->SetDefault();
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
    buttons->Realize();
    tab_order_as_laid_out(buttons);  // GTK puts Cancel left of OK: Tab goes as they stand
    top->Add(buttons, 0, wxEXPAND | wxALL, gap);
    SetSizerAndFit(top);
    header_line_->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { update_samples(); });
    update_samples();
    if (!choices_.empty()) choices_.front()->SetFocus();
    CentreOnParent();
}

void ColumnMappingDialog::update_samples() {
    const int header = header_line_->GetValue();
    auto cell = [&](std::size_t row, std::size_t column) -> std::string {
        if (row >= rows_.size() || column >= rows_[row].size()) return {};
        return rows_[row][column];
    };
    for (std::size_t c = 0; c < choices_.size(); ++c) {
        headings_[c]->SetLabel(header > 0 ? shortened(cell(static_cast<std::size_t>(header - 1), c)) : wxString());
        // The first non-empty value below the header.
        std::string example;
        for (std::size_t r = static_cast<std::size_t>(header); r < rows_.size() && example.empty(); ++r) example = cell(r, c);
        examples_[c]->SetLabel(shortened(example));
    }
    Layout();
}

lists::ColumnMapping ColumnMappingDialog::mapping() const {
    lists::ColumnMapping m;
    m.header_line = header_line_->GetValue();
    const auto& order = field_order();
    for (std::size_t c = 0; c < choices_.size(); ++c) {
        const int i = choices_[c]->GetSelection();
        if (i > 0 && static_cast<std::size_t>(i) <= order.size()) m.columns.emplace_back(c, order[static_cast<std::size_t>(i - 1)]);
    }
    return m;
}

}  // namespace sanaq::ui

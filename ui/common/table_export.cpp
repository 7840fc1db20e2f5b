#include "ui/common/table_export.h"

#include <wx/filedlg.h>

#include "tables/table.h"
#include "ui/common/text.h"

namespace sanaq::ui {

wxString table_file_wildcard() {
    return _("Excel workbook (*.xlsx)|*.xlsx|CSV, semicolon-separated (*.csv)|*.csv");
}

std::filesystem::path ask_table_path(wxWindow* parent, const wxString& title, const wxString& default_name) {
    wxFileDialog dialog(parent, title, wxEmptyString, default_name, table_file_wildcard(),
                        wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) return {};
    std::filesystem::path path(to_utf8(dialog.GetPath()));
    if (path.extension() != ".xlsx" && path.extension() != ".csv")
        path += dialog.GetFilterIndex() == 1 ? ".csv" : ".xlsx";
    return path;
}

Status write_table_file(const std::filesystem::path& path, const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows, const std::string& sheet) {
    if (path.extension() == ".csv") return tables::write_csv(path, header, rows);
    if (path.extension() == ".xlsx") return tables::write_xlsx(path, header, rows, sheet);
    return fail(ErrorCode::Usage, N_("Export to a .csv or .xlsx file, not {}."), {path.string()});
}

}  // namespace sanaq::ui

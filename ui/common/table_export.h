#pragma once
// Writing a report the user asked for (outstanding kits, the audit trail) as CSV or XLSX, chosen
// by the file name's extension — the table library (src/tables) does the writing.
#include <filesystem>
#include <string>
#include <vector>

#include <wx/string.h>
#include <wx/window.h>

#include "core/error.h"

namespace sanaq::ui {

/// The file dialog's wildcard: XLSX first, then CSV.
wxString table_file_wildcard();
/// Asks where to save (.xlsx or .csv); empty when cancelled. Adds the extension of the chosen
/// filter when the user typed none.
std::filesystem::path ask_table_path(wxWindow* parent, const wxString& title, const wxString& default_name);

Status write_table_file(const std::filesystem::path& path, const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows, const std::string& sheet);

}  // namespace sanaq::ui

#pragma once
// Crossing between the core's UTF-8 std::string and wxString. Text with non-ASCII letters never
// goes through wxString's narrow-char constructor: under the C locale that yields "".
#include <string>
#include <string_view>
#include <vector>

#include <wx/intl.h>
#include <wx/string.h>

namespace sanaq::ui {

inline wxString from_utf8(std::string_view text) { return wxString::FromUTF8(text.data(), text.size()); }
inline std::string to_utf8(const wxString& text) { return text.utf8_string(); }

/// A core label (an English msgid such as component_label() returns) in the interface language.
inline wxString tr_label(const char* msgid) { return wxGetTranslation(wxString::FromUTF8(msgid)); }

/// Substitutes {} placeholders in order, as the core's i18n::format_message does, so that UI
/// strings and core messages give translators one placeholder style. A missing argument leaves
/// "{}" visible.
wxString format_text(const wxString& pattern, const std::vector<wxString>& args);

/// "2026-11-22T14:14:03+05:00" -> "2026-11-22 14:14:03" (the offset is the workstation's own).
wxString local_time_text(std::string_view iso_local);

}  // namespace sanaq::ui

#include "ui/common/text.h"

namespace sanaq::ui {

wxString format_text(const wxString& pattern, const std::vector<wxString>& args) {
    wxString out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < pattern.length(); ++i) {
        if (pattern[i] == '{' && i + 1 < pattern.length() && pattern[i + 1] == '}' && next < args.size()) {
            out += args[next++];
            ++i;
        } else if (pattern[i] == '{' && i + 2 < pattern.length() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
                   pattern[i + 1] <= '9' && static_cast<std::size_t>(pattern[i + 1] - '0') < args.size()) {
            // "{1}": a translation that needs the arguments in another order names them.
            out += args[static_cast<std::size_t>(pattern[i + 1] - '0')];
            i += 2;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

wxString local_time_text(std::string_view iso_local) {
    std::string text(iso_local.substr(0, 19));
    if (text.size() > 10 && text[10] == 'T') text[10] = ' ';
    return from_utf8(text);
}

}  // namespace sanaq::ui

#pragma once
// A core Error in the interface language: the message id through wxGetTranslation (singular,
// plural and count for a counted Error), then the {} placeholders filled in (core
// i18n::format_message).
#include <wx/string.h>

#include "core/error.h"

namespace sanaq::ui {

/// The translated message. Technical detail (a library's own words) is added on a second line
/// only for failures the user cannot act on otherwise (Unexpected, Io).
wxString error_text(const Error& error);

/// Sign-in failures in plain words: what happened and what to do about it.
wxString sign_in_error_text(const Error& error);

}  // namespace sanaq::ui

#pragma once
// The interface language: wxTranslations with the application catalog "sanaq" from the same
// folder the core's catalogs come from (i18n::Catalog::default_locale_dir()). Switchable at run
// time; screens re-create their texts afterwards.
#include <string>
#include <string_view>

#include <wx/string.h>

#include "core/domain/institution.h"

namespace sanaq::ui {

/// Installs a fresh wxTranslations for `code` ("kk", "ru" or "en"; anything else means "en").
void apply_ui_language(std::string_view code);
/// The code last applied ("en" before any).
const std::string& ui_language();
/// The language's name in that language (never translated): Қазақша, Русский, English.
wxString language_native_name(std::string_view code);
/// --lang if given, else $SANAQ_LANG, else the language last chosen on this workstation
/// (preferences.h), else the system language when it is kk, ru or en, else kk.
std::string initial_ui_language(std::string_view requested);

/// An institution's name in the interface language: Kazakh for kk, otherwise Russian (each falls
/// back on the other when empty).
wxString institution_name(const Institution& institution);

}  // namespace sanaq::ui

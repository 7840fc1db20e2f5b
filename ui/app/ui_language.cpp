#include "ui/app/ui_language.h"

#include <clocale>
#include <cstdlib>
#include <cstring>

#include <wx/translation.h>
#include <wx/uilocale.h>

#include "core/i18n/catalog.h"
#include "ui/app/preferences.h"
#include "ui/common/button_labels.h"
#include "ui/common/text.h"

#ifdef __GLIBC__
extern "C" int _nl_msg_cat_cntr;  // glibc's, exported for this purpose (not in a header)
#endif

namespace sanaq::ui {
namespace {
std::string g_language = "en";

bool is_ours(std::string_view code) {
    for (auto l : i18n::kLanguages)
        if (l == code) return true;
    return false;
}
// GTK's own windows (the file chooser, its buttons and places) are translated by gettext in the
// process's locale, not by wx: LANGUAGE points gettext at the session's language. gettext ignores
// LANGUAGE under the plain "C" locale (a desktop without LANG, Xvfb), so messages move to C.UTF-8
// then — once, on the first call, made at start-up before any worker thread (setlocale is not
// thread-safe). After the first setenv the variable exists, and later ones replace its value only.
void point_gettext_at(const std::string& code) {
    static const bool messages_locale_ready = [] {
        const char* now = std::setlocale(LC_MESSAGES, nullptr);
        if (now && (std::strcmp(now, "C") == 0 || std::strcmp(now, "POSIX") == 0)) std::setlocale(LC_MESSAGES, "C.UTF-8");
        return true;
    }();
    (void)messages_locale_ready;
    setenv("LANGUAGE", code.c_str(), 1);
#ifdef __GLIBC__
    ++_nl_msg_cat_cntr;  // glibc caches looked-up translations until this counter moves
#endif
}
}  // namespace

void apply_ui_language(std::string_view code) {
    g_language = is_ours(code) ? std::string(code) : "en";
    auto* translations = new wxTranslations();
    translations->SetLanguage(from_utf8(g_language));
    // The lookup list is global and only grows: add our folder once.
    static const bool added = [] {
        wxFileTranslationsLoader::AddCatalogLookupPathPrefix(from_utf8(i18n::Catalog::default_locale_dir().string()));
        return true;
    }();
    (void)added;
    translations->AddStdCatalog();            // wx's own texts (file dialogs, stock items)
    translations->AddCatalog("sanaq");        // ours; missing (.mo not built yet) means English
    wxTranslations::Set(translations);        // deletes the previous one
    keep_own_button_labels();                 // or GTK labels OK/Cancel/Close in the desktop's language
    point_gettext_at(g_language);             // GTK's own dialogs
}

const std::string& ui_language() { return g_language; }

wxString language_native_name(std::string_view code) {
    if (code == "kk") return wxString::FromUTF8("Қазақша");
    if (code == "ru") return wxString::FromUTF8("Русский");
    return "English";
}

std::string initial_ui_language(std::string_view requested) {
    if (is_ours(requested)) return std::string(requested);
    if (const char* env = std::getenv("SANAQ_LANG"); env && is_ours(env)) return env;
    if (const std::string saved = saved_language(); is_ours(saved)) return saved;
    const wxString system = wxUILocale::GetLanguageCanonicalName(wxUILocale::GetSystemLanguage());
    const std::string prefix = system.Left(2).utf8_string();
    if (is_ours(prefix)) return prefix;
    return "kk";
}

wxString institution_name(const Institution& institution) {
    const bool kazakh = g_language == "kk";
    const std::string& first = kazakh ? institution.name_kk : institution.name_ru;
    const std::string& other = kazakh ? institution.name_ru : institution.name_kk;
    return from_utf8(first.empty() ? other : first);
}

}  // namespace sanaq::ui

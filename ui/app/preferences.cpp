#include "ui/app/preferences.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

#include <wx/fileconf.h>

#include "ui/common/text.h"

namespace sanaq::ui {
namespace {

std::unique_ptr<wxFileConfig> open_config() {
    const auto file = preferences_file();
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    return std::make_unique<wxFileConfig>(wxEmptyString, wxEmptyString, from_utf8(file.string()), wxEmptyString,
                                          wxCONFIG_USE_LOCAL_FILE);
}

/// A user name as one INI path component (names are [a-z0-9._-] in the core; anything else goes).
wxString user_key(std::string_view user) {
    std::string key;
    for (char c : user) key += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') ? c : '_';
    return from_utf8(key);
}

int nearest_percent(long value) {
    int best = 100;
    for (int p : kFontPercents)
        if (std::abs(p - value) < std::abs(best - value)) best = p;
    return best;
}

}  // namespace

std::filesystem::path preferences_file() {
    if (const char* dir = std::getenv("SANAQ_CONFIG_DIR"); dir && *dir) return std::filesystem::path(dir) / "station.ini";
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "sanaq" / "station.ini";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : ".") / ".config" / "sanaq" / "station.ini";
}

Appearance saved_appearance(std::string_view user) {
    auto config = open_config();
    wxString who = from_utf8(user);
    if (who.empty()) config->Read("/appearance/last_user", &who);
    Appearance a;
    if (who.empty()) return a;
    const wxString group = "/appearance/" + user_key(to_utf8(who)) + "/";
    a.font_percent = nearest_percent(config->ReadLong(group + "font_percent", 100));
    a.high_contrast = config->ReadBool(group + "high_contrast", false);
    return a;
}

void save_appearance(std::string_view user, const Appearance& appearance) {
    auto config = open_config();
    const wxString group = "/appearance/" + user_key(user) + "/";
    config->Write(group + "font_percent", static_cast<long>(nearest_percent(appearance.font_percent)));
    config->Write(group + "high_contrast", appearance.high_contrast);
    config->Write("/appearance/last_user", from_utf8(user));
    config->Flush();
}

void remember_last_user(std::string_view user) {
    auto config = open_config();
    config->Write("/appearance/last_user", from_utf8(user));
    config->Flush();
}

std::string saved_language() {
    auto config = open_config();
    return to_utf8(config->Read("/ui/language", wxEmptyString));
}

void save_language(std::string_view code) {
    auto config = open_config();
    config->Write("/ui/language", from_utf8(code));
    config->Flush();
}

}  // namespace sanaq::ui

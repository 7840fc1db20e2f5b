#pragma once
// What a person prefers on this workstation, kept outside the workspace: it holds nothing
// confidential, and the login dialog needs it before anyone has opened a workspace. An INI file
// (wxFileConfig): $SANAQ_CONFIG_DIR/station.ini, else $XDG_CONFIG_HOME/sanaq/station.ini, else
// ~/.config/sanaq/station.ini.
//
//   [ui]          language=kk                       the last language chosen anywhere
//   [appearance]  last_user=officer                 whose appearance the login dialog shows
//   [appearance/<user>]  font_percent=150, high_contrast=1
#include <filesystem>
#include <string>
#include <string_view>

namespace sanaq::ui {

/// Larger fonts and high contrast: the census site's mode for the visually impaired, per user.
struct Appearance {
    int font_percent = 100;      // one of kFontPercents
    bool high_contrast = false;  // black background, yellow text, thick focus outlines
    bool operator==(const Appearance&) const = default;
};
inline constexpr int kFontPercents[] = {100, 125, 150, 200};

std::filesystem::path preferences_file();

/// `user`'s appearance; for "" the one last saved or used on this workstation.
Appearance saved_appearance(std::string_view user);
/// Stores `user`'s appearance and makes it the workstation's last.
void save_appearance(std::string_view user, const Appearance& appearance);
/// Marks `user` as the last one signed in (the login dialog then shows their appearance).
void remember_last_user(std::string_view user);

/// The language last chosen on this workstation ("" when none).
std::string saved_language();
void save_language(std::string_view code);

}  // namespace sanaq::ui

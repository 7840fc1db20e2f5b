#pragma once
// Gettext catalogs without wx or the C locale: the core, the CLI and the act printer read the
// same compiled .mo files the GUI uses. An act prints in Kazakh and Russian whatever language the
// user interface is in, so catalogs are values one can hold several of, not a global setting.
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/i18n/plural_rule.h"

namespace sanaq::i18n {

/// The languages Sanaq Station speaks; codes as in i18n/<code>.po.
inline constexpr std::string_view kLanguages[] = {"kk", "ru", "en"};

class Catalog {
public:
    Catalog() = default;  // the identity catalog: English msgids as written in the source

    /// Loads `<dir>/<lang>/LC_MESSAGES/sanaq.mo`. English and a missing file give the identity
    /// catalog only for "en"; for other languages a missing file is an error (a broken install).
    /// The plural rule comes from the catalog's own Plural-Forms header; a header that does not
    /// parse within PluralRule's budget makes the catalog "damaged", like a broken table.
    static Result<Catalog> load(const std::filesystem::path& locale_dir, std::string_view lang);

    /// The catalog directory: $SANAQ_LOCALE_DIR, else next to the build tree, else the install prefix.
    static std::filesystem::path default_locale_dir();

    const std::string& language() const { return language_; }
    /// Translated text for a msgid, or the msgid itself when the catalog lacks it.
    std::string tr(std::string_view msgid) const;
    /// Plural-aware lookup (msgid_plural): the catalog's Plural-Forms rule picks the form
    /// (Russian has three, Kazakh and English two). An index the catalog has no form for — past
    /// nplurals, empty, or a rule that divides by zero — gives the msgid forms (n != 1).
    std::string trn(std::string_view singular, std::string_view plural, long n) const;
    std::size_t size() const { return entries_.size(); }
    /// nplurals of the catalog's Plural-Forms header (2 for the identity catalog).
    unsigned plural_forms() const { return plural_rule_.forms(); }
    /// The translated forms of a msgid (one for a plain entry, the msgstr[] of a plural one);
    /// empty when the catalog lacks it.
    const std::vector<std::string>& forms(std::string_view msgid) const;

private:
    std::string language_ = "en";
    PluralRule plural_rule_;  // English's n != 1 until a header says otherwise
    std::unordered_map<std::string, std::vector<std::string>> entries_;  // msgid -> forms
};

/// Substitutes {} placeholders in order; a missing argument leaves "{}" visible, never throws.
/// Label arguments (label_arg) are passed through `translate_label`; without it they print as
/// their English msgid.
std::string format_message(std::string_view pattern, const std::vector<std::string>& args,
                           const std::function<std::string(std::string_view)>& translate_label = {});

/// An Error in the catalog's language: translated message (a counted Error through trn with its
/// count), then the technical detail if any.
std::string render(const Error& error, const Catalog& catalog);

/// The process-wide catalog the CLI and core helpers use for user-facing text.
const Catalog& current();
void set_current(Catalog catalog);

}  // namespace sanaq::i18n

/// Translate through the current catalog (CLI and core). The GUI uses wxGetTranslation instead.
inline std::string tr(std::string_view msgid) { return sanaq::i18n::current().tr(msgid); }
/// The plural form for count n through the current catalog (CLI and core). The GUI uses wxPLURAL.
inline std::string trn(std::string_view singular, std::string_view plural, long n) {
    return sanaq::i18n::current().trn(singular, plural, n);
}

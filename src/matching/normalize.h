#pragma once
// Name normalisation for record linkage (README.md, "Normalisation"). People's names reach us
// typed on Kazakh and Russian keyboards, with Latin look-alike letters, in either case and in
// either order, with patronymics in several written forms and surnames with or without -ов/-ова.
// Everything here folds such spellings onto one comparable form; nothing here decides a match.
#include <string>
#include <string_view>

namespace sanaq::matching {

/// What a name's ending says about its bearer's sex (-ова, -қызы, -овна: female).
enum class SexHint { Unknown, Male, Female };

/// A folded name: lower-case Russian Cyrillic letters only, one byte per letter (the byte is the
/// letter's Windows-1251 code, 0xE0 'а' .. 0xFF 'я'), so comparisons run on bytes and short
/// names fit in std::string's inline buffer. Folding:
///  - Kazakh letters to their Russian-keyboard substitutes: Ә→А Ғ→Г Қ→К Ң→Н Ө→О Ұ→У Ү→У Һ→Х І→И;
///  - Ё→Е, Й→И, Э→Е; Ь and Ъ dropped (Евгеньевич / Evgenevich);
///  - in a word that has any Cyrillic letter, the Latin look-alikes A B C E H K M O P T X Y
///    (either case) become the Cyrillic letters they imitate ("Hемцы" with a Latin H);
///  - a word written wholly in Latin letters is transliterated (sh→ш, zh→ж, ch→ч, kh→х, ya→я,
///    q→к, ä→а, ö→о, ü→у, ğ→г, ı→ы, ...), so "Aigerim Serikqyzy" meets "Айгерим Серикқызы";
///  - spaces, hyphens, apostrophes, dots and digits are dropped ("Нұрлан ұлы" = "Нұрланұлы").
std::string fold(std::string_view utf8);

/// UTF-8 text of a folded name, for tests and display ("жанбулатова").
std::string folded_to_utf8(std::string_view folded);

/// A name reduced to the part that stays the same across its forms, and what the removed ending
/// said about the bearer's sex.
struct NameRoot {
    std::string root;   // folded
    SexHint sex = SexHint::Unknown;
};

/// Surname stem: strips -ов/-ова/-ев/-ева/-ин/-ина, -ский/-ская (to -ск), -ұлы/-қызы (the newer
/// surnames made from the father's name), when at least three letters remain. Жанбулатов,
/// Жанбулатова and Жанбулат all give "жанбулат". Takes a folded name.
NameRoot surname_root(std::string_view folded);

/// Patronymic root: strips -ұлы/-улы/-uly, -қызы/-кызы/-qyzy, -ович/-евич/-ич, -овна/-евна/-ична
/// (Нұрланұлы, Нұрланович and Nurlanuly all give "нурлан"). Takes a folded name.
NameRoot patronymic_root(std::string_view folded);

/// The three parts of a full name written in one field ("Жанбулатов Әйгерім Серікқызы"): surname,
/// given name, patronymic (a patronymic written apart, "Серік қызы", is joined). Not folded.
struct NameParts {
    std::string surname, name, patronymic;
};
NameParts split_full_name(std::string_view utf8);

/// A person's name ready for comparison: folded roots, and the sex the endings suggest.
struct NormalizedName {
    std::string surname;          // surname_root(fold(surname))
    std::string name;             // fold(name)
    std::string name_as_surname;  // surname_root(fold(name)): compared with a surname when the order is swapped
    std::string patronymic;       // patronymic_root(fold(patronymic))
    SexHint sex = SexHint::Unknown;
};
NormalizedName normalize_name(std::string_view surname, std::string_view name, std::string_view patronymic);

/// Jaro–Winkler similarity of two folded names, 0 (nothing alike) .. 1 (equal); prefix scale
/// 0.1 over at most four letters. Typing slips (a letter dropped, doubled, swapped) stay above
/// about 0.9 in names of six letters or more.
double jaro_winkler(std::string_view a, std::string_view b);

/// How two name parts agree after normalisation.
enum class NameAgreement { Missing, Exact, Similar, Disagree };
/// Exact when the folded roots are equal; Similar when their Jaro–Winkler similarity is at least
/// `similar_at`; Missing when either is empty.
NameAgreement compare_name_part(std::string_view a, std::string_view b, double similar_at = 0.9);

/// True when the two names are the same person's name with surname and given name possibly
/// swapped (each part Exact or Similar, in one order or the other); patronymics are compared
/// when both have one.
bool same_name_any_order(const NormalizedName& a, const NormalizedName& b, double similar_at = 0.9);

}  // namespace sanaq::matching

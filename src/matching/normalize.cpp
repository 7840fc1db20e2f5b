#include "matching/normalize.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace sanaq::matching {
namespace {

// Folded letters are Windows-1251 codes of lower-case Russian letters: 0xE0 'а' .. 0xFF 'я'.
constexpr unsigned char cyr(char32_t lower) { return static_cast<unsigned char>(0xE0 + (lower - U'а')); }

// Reads one code point; malformed bytes come back as U+FFFD and are dropped by the caller.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i++]);
    if (b0 < 0x80) return b0;
    int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
    if (extra < 0) return 0xFFFD;
    char32_t cp = b0 & (0x3F >> extra);
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    return cp;
}

// A Cyrillic letter (Russian or Kazakh, either case) folded to its Russian lower-case form;
// 0 when `cp` is no Cyrillic letter, 1 for letters that fold to nothing (ь, ъ).
char32_t fold_cyrillic(char32_t cp) {
    if (cp >= U'А' && cp <= U'Я') cp += 0x20;
    if (cp >= U'а' && cp <= U'я') {
        switch (cp) {
            case U'й': return U'и';
            case U'э': return U'е';
            case U'ь': case U'ъ': return 1;
            default: return cp;
        }
    }
    switch (cp) {
        case U'Ё': case U'ё': return U'е';
        case U'Ә': case U'ә': return U'а';
        case U'Ғ': case U'ғ': return U'г';
        case U'Қ': case U'қ': return U'к';
        case U'Ң': case U'ң': return U'н';
        case U'Ө': case U'ө': return U'о';
        case U'Ұ': case U'ұ': case U'Ү': case U'ү': return U'у';
        case U'Һ': case U'һ': return U'х';
        case U'І': case U'і': return U'и';
        default: return 0;
    }
}

// Latin letters (ASCII and the Kazakh/Turkic Latin diacritics) lower-cased; 0 for anything else.
char32_t latin_lower(char32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 0x20;
    if (cp >= 'a' && cp <= 'z') return cp;
    switch (cp) {
        case U'Ä': case U'ä': case U'Á': case U'á': return U'ä';
        case U'Ö': case U'ö': case U'Ó': case U'ó': return U'ö';
        case U'Ü': case U'ü': case U'Ú': case U'ú': case U'Ū': case U'ū': case U'Ý': case U'ý': return U'ü';
        case U'Ğ': case U'ğ': case U'Ǵ': case U'ǵ': return U'ğ';
        case U'I': return 'i';
        case U'İ': return 'i';
        case U'ı': return U'ı';
        case U'Ş': case U'ş': return U'ş';
        case U'Ç': case U'ç': return U'ç';
        case U'Ñ': case U'ñ': case U'Ń': case U'ń': return U'ñ';
        default: return 0;
    }
}

// The Cyrillic letter a Latin look-alike imitates (lower case), or 0.
char32_t look_alike(char32_t lower) {
    switch (lower) {
        case 'a': return U'а'; case 'b': return U'в'; case 'c': return U'с'; case 'e': return U'е';
        case 'h': return U'н'; case 'k': return U'к'; case 'm': return U'м'; case 'o': return U'о';
        case 'p': return U'р'; case 't': return U'т'; case 'x': return U'х'; case 'y': return U'у';
        default: return 0;
    }
}

bool is_upper_look_alike(char32_t cp) {
    return cp == 'A' || cp == 'B' || cp == 'C' || cp == 'E' || cp == 'H' || cp == 'K' || cp == 'M' ||
           cp == 'O' || cp == 'P' || cp == 'T' || cp == 'X' || cp == 'Y';
}

// Transliterates a wholly Latin word (lower case) into folded Cyrillic. Latin spellings of
// Kazakh names are not deterministic; this picks the common readings.
void transliterate(const std::vector<char32_t>& w, std::string& out) {
    auto put = [&](char32_t c) { out.push_back(static_cast<char>(cyr(c))); };
    for (std::size_t i = 0; i < w.size(); ++i) {
        const char32_t c = w[i];
        const char32_t n = i + 1 < w.size() ? w[i + 1] : 0;
        if (n == 'h' && (c == 's' || c == 'c' || c == 'z' || c == 'k')) {
            if (c == 's' && i + 3 < w.size() && w[i + 2] == 'c' && w[i + 3] == 'h') {
                put(U'щ');
                i += 3;
                continue;
            }
            put(c == 's' ? U'ш' : c == 'c' ? U'ч' : c == 'z' ? U'ж' : U'х');
            ++i;
            continue;
        }
        if (c == 't' && n == 's') { put(U'ц'); ++i; continue; }
        if (c == 'y' && (n == 'a' || n == 'u' || n == 'o' || n == 'e')) {
            put(n == 'a' ? U'я' : n == 'u' ? U'ю' : U'е');
            ++i;
            continue;
        }
        switch (c) {
            case 'a': case U'ä': put(U'а'); break;
            case 'b': put(U'б'); break;
            case 'c': put(U'ц'); break;
            case 'd': put(U'д'); break;
            case 'e': put(U'е'); break;
            case 'f': put(U'ф'); break;
            case 'g': case U'ğ': put(U'г'); break;
            case 'h': put(U'х'); break;
            case 'i': put(U'и'); break;
            case 'j': put(U'ж'); break;
            case 'k': case 'q': put(U'к'); break;
            case 'l': put(U'л'); break;
            case 'm': put(U'м'); break;
            case 'n': case U'ñ': put(U'н'); break;
            case 'o': case U'ö': put(U'о'); break;
            case 'p': put(U'п'); break;
            case 'r': put(U'р'); break;
            case 's': put(U'с'); break;
            case U'ş': put(U'ш'); break;
            case U'ç': put(U'ч'); break;
            case 't': put(U'т'); break;
            case 'u': case 'w': case U'ü': put(U'у'); break;
            case 'v': put(U'в'); break;
            case 'x': put(U'к'); put(U'с'); break;
            case 'y': case U'ı': put(U'ы'); break;
            case 'z': put(U'з'); break;
            default: break;
        }
    }
}

void flush_word(std::vector<char32_t>& word, std::string& out) {
    if (word.empty()) return;
    bool has_cyrillic = false, all_upper_look_alikes = true;
    for (char32_t cp : word) {
        if (fold_cyrillic(cp) != 0) has_cyrillic = true;
        else if (!is_upper_look_alike(cp)) all_upper_look_alikes = false;
    }
    if (has_cyrillic || all_upper_look_alikes) {
        for (char32_t cp : word) {
            char32_t f = fold_cyrillic(cp);
            if (f == 0) {
                const char32_t l = latin_lower(cp);
                f = l ? look_alike(l) : 0;
                if (f == 0 && l) {   // a Latin letter with no look-alike inside a Cyrillic word
                    std::vector<char32_t> one{l};
                    transliterate(one, out);
                    continue;
                }
            }
            if (f > 1) out.push_back(static_cast<char>(cyr(f)));
        }
    } else {
        std::vector<char32_t> lower;
        lower.reserve(word.size());
        for (char32_t cp : word) lower.push_back(latin_lower(cp));
        transliterate(lower, out);
    }
    word.clear();
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Folded form of a UTF-8 literal (the tables below are written in Cyrillic for readability).
std::string f(std::string_view utf8) { return fold(utf8); }

struct Ending {
    std::string folded;
    std::size_t keep;   // letters of the ending that stay in the root (-ская keeps "ск")
    SexHint sex;
};

const std::vector<Ending>& surname_endings() {
    static const std::vector<Ending> endings = {
        {f("ская"), 2, SexHint::Female}, {f("цкая"), 2, SexHint::Female},
        {f("ский"), 2, SexHint::Male},   {f("цкий"), 2, SexHint::Male},
        {f("қызы"), 0, SexHint::Female}, {f("ұлы"), 0, SexHint::Male},
        {f("ова"), 0, SexHint::Female},  {f("ева"), 0, SexHint::Female},
        {f("ина"), 0, SexHint::Female},  {f("ына"), 0, SexHint::Female},
        {f("ов"), 0, SexHint::Male},     {f("ев"), 0, SexHint::Male},
        {f("ин"), 0, SexHint::Male},     {f("ын"), 0, SexHint::Male},
    };
    return endings;
}

const std::vector<Ending>& patronymic_endings() {
    static const std::vector<Ending> endings = {
        {f("ович"), 0, SexHint::Male},   {f("евич"), 0, SexHint::Male},
        {f("овна"), 0, SexHint::Female}, {f("евна"), 0, SexHint::Female},
        {f("ична"), 0, SexHint::Female}, {f("қызы"), 0, SexHint::Female},
        {f("kizi"), 0, SexHint::Female}, {f("оглы"), 0, SexHint::Male},
        {f("уулу"), 0, SexHint::Male},   {f("ұлы"), 0, SexHint::Male},
        {f("ич"), 0, SexHint::Male},
    };
    return endings;
}

NameRoot strip(std::string_view folded, const std::vector<Ending>& endings, std::size_t min_root) {
    for (const auto& e : endings) {
        if (ends_with(folded, e.folded) && folded.size() - e.folded.size() >= min_root)
            return {std::string(folded.substr(0, folded.size() - e.folded.size() + e.keep)), e.sex};
    }
    return {std::string(folded), SexHint::Unknown};
}

}  // namespace

std::string fold(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size() / 2 + 1);
    std::vector<char32_t> word;
    std::size_t i = 0;
    while (i < utf8.size()) {
        const char32_t cp = next_code_point(utf8, i);
        if (fold_cyrillic(cp) != 0 || latin_lower(cp) != 0) word.push_back(cp);
        else flush_word(word, out);   // spaces, hyphens, apostrophes, digits, punctuation
    }
    flush_word(word, out);
    return out;
}

std::string folded_to_utf8(std::string_view folded) {
    std::string out;
    out.reserve(folded.size() * 2);
    for (unsigned char b : folded) {
        const char32_t cp = U'а' + (b - 0xE0);
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    return out;
}

NameRoot surname_root(std::string_view folded) { return strip(folded, surname_endings(), 3); }
NameRoot patronymic_root(std::string_view folded) { return strip(folded, patronymic_endings(), 2); }

NameParts split_full_name(std::string_view utf8) {
    std::vector<std::string> words;
    std::size_t start = std::string_view::npos;
    for (std::size_t i = 0; i <= utf8.size(); ++i) {
        const bool space = i == utf8.size() || utf8[i] == ' ' || utf8[i] == '\t' || utf8[i] == ',';
        if (space && start != std::string_view::npos) {
            words.emplace_back(utf8.substr(start, i - start));
            start = std::string_view::npos;
        } else if (!space && start == std::string_view::npos) {
            start = i;
        }
    }
    // "Серік қызы", "Нұрлан ұлы": the patronymic written apart.
    if (words.size() >= 4) {
        const std::string last = fold(words.back());
        if (last == f("ұлы") || last == f("қызы") || last == f("оглы") || last == f("uly") || last == f("qyzy")) {
            words[words.size() - 2] += " " + words.back();
            words.pop_back();
        }
    }
    NameParts p;
    if (!words.empty()) p.surname = words[0];
    if (words.size() > 1) p.name = words[1];
    for (std::size_t k = 2; k < words.size(); ++k) p.patronymic += (k > 2 ? " " : "") + words[k];
    return p;
}

NormalizedName normalize_name(std::string_view surname, std::string_view name, std::string_view patronymic) {
    NormalizedName n;
    NameRoot s = surname_root(fold(surname));
    n.surname = std::move(s.root);
    n.name = fold(name);
    n.name_as_surname = surname_root(n.name).root;
    NameRoot p = patronymic_root(fold(patronymic));
    n.patronymic = std::move(p.root);
    n.sex = p.sex != SexHint::Unknown ? p.sex : s.sex;
    return n;
}

double jaro_winkler(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
    if (a == b) return 1.0;
    if (a.size() > b.size()) std::swap(a, b);
    const std::size_t la = a.size(), lb = b.size();
    const std::size_t window = lb / 2 > 0 ? lb / 2 - 1 : 0;
    std::array<bool, 64> ma_buf{}, mb_buf{};
    std::vector<bool> ma_big, mb_big;
    const bool big = lb > 64;
    if (big) {
        ma_big.assign(la, false);
        mb_big.assign(lb, false);
    }
    auto ma = [&](std::size_t i) -> bool { return big ? ma_big[i] : ma_buf[i]; };
    auto mb = [&](std::size_t i) -> bool { return big ? mb_big[i] : mb_buf[i]; };
    auto set_ma = [&](std::size_t i) { if (big) ma_big[i] = true; else ma_buf[i] = true; };
    auto set_mb = [&](std::size_t i) { if (big) mb_big[i] = true; else mb_buf[i] = true; };
    std::size_t matches = 0;
    for (std::size_t i = 0; i < la; ++i) {
        const std::size_t lo = i > window ? i - window : 0;
        const std::size_t hi = std::min(lb, i + window + 1);
        for (std::size_t j = lo; j < hi; ++j) {
            if (!mb(j) && a[i] == b[j]) {
                set_ma(i);
                set_mb(j);
                ++matches;
                break;
            }
        }
    }
    if (matches == 0) return 0.0;
    std::size_t transpositions = 0, j = 0;
    for (std::size_t i = 0; i < la; ++i) {
        if (!ma(i)) continue;
        while (!mb(j)) ++j;
        if (a[i] != b[j]) ++transpositions;
        ++j;
    }
    const double m = static_cast<double>(matches);
    const double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
    std::size_t prefix = 0;
    while (prefix < 4 && prefix < la && a[prefix] == b[prefix]) ++prefix;
    return jaro + prefix * 0.1 * (1.0 - jaro);
}

NameAgreement compare_name_part(std::string_view a, std::string_view b, double similar_at) {
    if (a.empty() || b.empty()) return NameAgreement::Missing;
    if (a == b) return NameAgreement::Exact;
    return jaro_winkler(a, b) >= similar_at ? NameAgreement::Similar : NameAgreement::Disagree;
}

bool same_name_any_order(const NormalizedName& a, const NormalizedName& b, double similar_at) {
    auto agrees = [&](std::string_view x, std::string_view y) {
        const NameAgreement g = compare_name_part(x, y, similar_at);
        return g == NameAgreement::Exact || g == NameAgreement::Similar;
    };
    const bool straight = agrees(a.surname, b.surname) && agrees(a.name, b.name);
    const bool swapped = agrees(a.surname, b.name_as_surname) && agrees(a.name_as_surname, b.surname);
    if (!straight && !swapped) return false;
    const NameAgreement p = compare_name_part(a.patronymic, b.patronymic, similar_at);
    return p != NameAgreement::Disagree;
}

}  // namespace sanaq::matching

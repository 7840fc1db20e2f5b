#include "tables/detail/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>

namespace sanaq::tables::detail {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is invalid.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;        // no overlong forms
        if (c == 0xED) hi = 0x9F;        // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;        // at most U+10FFFF
    } else {
        return 0;
    }
    if (i + n > text.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    return n;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

// Folds letters that are written interchangeably in headers onto one form. Applied to the
// aliases and to the file's headers alike, so only consistency matters, not linguistics.
char32_t fold_lookalike(char32_t c) {
    switch (c) {
        // Kazakh letters typed as their Russian look-alikes (and ё as е).
        case U'ә': return U'а';
        case U'ғ': return U'г';
        case U'қ': return U'к';
        case U'ң': return U'н';
        case U'ө': return U'о';
        case U'ұ': case U'ү': return U'у';
        case U'һ': return U'х';
        case U'і': return U'и';
        case U'ё': return U'е';
        // Latin letters hiding in Cyrillic words (and the reverse): one form for both.
        case U'a': return U'а';
        case U'b': return U'в';
        case U'c': return U'с';
        case U'e': return U'е';
        case U'h': return U'н';
        case U'i': return U'и';
        case U'k': return U'к';
        case U'm': return U'м';
        case U'o': return U'о';
        case U'p': return U'р';
        case U't': return U'т';
        case U'x': return U'х';
        case U'y': return U'у';
        default: return c;
    }
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = utf8_sequence(text, i);
        if (!n) return false;
        i += n;
    }
    return true;
}

Utf8Counts count_utf8(std::string_view text) {
    Utf8Counts counts;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = utf8_sequence(text, i);
        if (n == 0) {
            ++counts.invalid;
            ++i;
        } else {
            if (n > 1) ++counts.multibyte;
            i += n;
        }
    }
    return counts;
}

std::string sanitize_utf8(std::string_view text) {
    if (is_valid_utf8(text)) return std::string(text);
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = utf8_sequence(text, i);
        if (n) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::optional<std::string> to_utf8(std::string_view bytes, const char* charset) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> cnv(ucnv_open(charset, &status));
    if (U_FAILURE(status) || !cnv) return std::nullopt;
    ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    if (U_FAILURE(status)) return std::nullopt;

    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    std::array<UChar, 16384> buffer{};
    const char* source = bytes.data();
    const char* source_end = bytes.data() + bytes.size();
    char16_t pending_high = 0;  // a high surrogate whose partner is in the next chunk
    auto emit = [&](const UChar* begin, const UChar* end) -> bool {
        for (const UChar* p = begin; p != end; ++p) {
            char16_t u = *p;
            if (pending_high) {
                if (u < 0xDC00 || u > 0xDFFF) return false;
                append_utf8(out, 0x10000 + ((char32_t(pending_high) - 0xD800) << 10) + (u - 0xDC00));
                pending_high = 0;
            } else if (u >= 0xD800 && u <= 0xDBFF) {
                pending_high = u;
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                return false;
            } else {
                append_utf8(out, u);
            }
        }
        return true;
    };
    bool done = false;
    while (!done) {
        UChar* target = buffer.data();
        status = U_ZERO_ERROR;
        ucnv_toUnicode(cnv.get(), &target, buffer.data() + buffer.size(), &source, source_end,
                       nullptr, /*flush=*/true, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            status = U_ZERO_ERROR;
        } else if (U_FAILURE(status)) {
            return std::nullopt;
        } else {
            done = true;
        }
        if (!emit(buffer.data(), target)) return std::nullopt;
    }
    if (pending_high) return std::nullopt;
    return out;
}

std::string header_key(std::string_view text) {
    // "№" would become "no" under NFKC: drop it first (it is decoration in "№ комплекта").
    std::string cleaned;
    cleaned.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.substr(i, 3) == "\xE2\x84\x96") {
            cleaned += ' ';
            i += 2;
        } else {
            cleaned += text[i];
        }
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    icu::UnicodeString folded = icu::UnicodeString::fromUTF8(sanitize_utf8(cleaned));
    if (U_SUCCESS(status) && nfkc_cf) {
        icu::UnicodeString normalized = nfkc_cf->normalize(folded, status);
        if (U_SUCCESS(status)) folded = normalized;
    }
    std::string key;
    for (int32_t i = 0; i < folded.length();) {
        UChar32 c = folded.char32At(i);
        i += U16_LENGTH(c);
        if (c == U'?') {  // a Kazakh letter lost in a windows-1251 round trip
            key += '?';
            continue;
        }
        if (!u_isalnum(c)) continue;
        append_utf8(key, fold_lookalike(static_cast<char32_t>(c)));
    }
    return key;
}

bool is_ascii_digits(std::string_view text) {
    if (text.empty()) return false;
    for (unsigned char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace sanaq::tables::detail

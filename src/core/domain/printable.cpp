#include "core/domain/printable.h"

#include <cstdint>
#include <cstdio>

namespace sanaq {
namespace {

bool invisible_code_point(std::uint32_t cp) {
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

/// Length of the valid UTF-8 sequence at `i` and its code point; 0 when the bytes are not UTF-8.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07;
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

std::string escape(std::string_view text, bool keep_newlines, bool* changed) {
    std::string out;
    out.reserve(text.size());
    char buf[12];
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t cp = 0;
        const std::size_t n = decode(text, i, cp);
        if (n == 0) {   // not UTF-8: the byte itself, visibly
            std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(text[i]));
            out += buf;
            if (changed) *changed = true;
            ++i;
            continue;
        }
        if (n == 1 && (cp < 0x20 || cp == 0x7F) && !(keep_newlines && cp == '\n')) {
            std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(cp));
            out += buf;
            if (changed) *changed = true;
        } else if (n > 1 && invisible_code_point(cp)) {
            std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
            out += buf;
            if (changed) *changed = true;
        } else {
            out.append(text.substr(i, n));
        }
        i += n;
    }
    return out;
}

}  // namespace

std::string printable_name(std::string_view text) { return escape(text, false, nullptr); }

std::string printable_text(std::string_view text) { return escape(text, true, nullptr); }

std::string printable_json(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    char buf[12];
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t cp = 0;
        const std::size_t n = decode(text, i, cp);
        // Outside strings JSON has only ASCII, so every such code point sits inside a string,
        // where a \u escape means the same character.
        if ((n == 1 && cp == 0x7F) || (n > 1 && invisible_code_point(cp))) {
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
            out += buf;
        } else {
            out.append(text.substr(i, n == 0 ? 1 : n));
        }
        i += n == 0 ? 1 : n;
    }
    return out;
}

bool needs_escaping(std::string_view text) {
    bool changed = false;
    escape(text, false, &changed);
    return changed;
}

}  // namespace sanaq

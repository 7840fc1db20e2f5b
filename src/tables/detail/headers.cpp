#include "tables/detail/headers.h"

#include <algorithm>

#include "core/domain/identifiers.h"
#include "tables/detail/text.h"

namespace sanaq::tables::detail {

bool too_long_for_header(std::string_view cell) {
    return cell.size() > kMaxHeaderChars && (cell.size() > 4 * kMaxHeaderChars || utf8_length(cell) > kMaxHeaderChars);
}

std::string shown_header(std::string_view cell) {
    std::string text = trim(cell);
    if (!too_long_for_header(text)) return text;
    std::size_t chars = 0, at = 0;
    while (at < text.size() && chars < kMaxHeaderChars) {
        auto c = static_cast<unsigned char>(text[at]);
        at += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        ++chars;
    }
    text.resize(std::min(at, text.size()));
    return text + "\u2026";
}

bool key_matches(std::string_view file_key, std::string_view alias_key) {
    if (file_key == alias_key) return true;
    // Wildcards only where most of the header survived.
    auto wildcards = static_cast<std::size_t>(std::count(file_key.begin(), file_key.end(), '?'));
    if (wildcards == 0 || wildcards * 3 > utf8_length(file_key)) return false;
    std::size_t i = 0, j = 0;
    auto next = [](std::string_view s, std::size_t k) {
        auto c = static_cast<unsigned char>(s[k]);
        return k + (c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2);
    };
    while (i < file_key.size() && j < alias_key.size()) {
        std::size_t ni = next(file_key, i), nj = next(alias_key, j);
        if (!(file_key[i] == '?' || file_key.substr(i, ni - i) == alias_key.substr(j, nj - j))) return false;
        i = ni;
        j = nj;
    }
    return i == file_key.size() && j == alias_key.size();
}

std::string without_brackets(std::string_view text) {
    std::string out;
    int depth = 0;
    for (char c : text) {
        if (c == '(' || c == '[') ++depth;
        else if ((c == ')' || c == ']') && depth > 0) --depth;
        else if (depth == 0) out += c;
    }
    return out;
}

std::string column_letters(std::size_t index) {
    std::string out;
    std::size_t n = index + 1;
    while (n > 0) {
        out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
        n = (n - 1) / 26;
    }
    return out;
}

bool is_row_counter_header(std::string_view text) {
    static constexpr std::string_view kCounters[] = {"#", "no", "n", "п/п", "№ п/п", "р/с", "№ р/с", "р/с №", "row"};
    std::string t = trim(text);
    if (t == "№" || t == "#") return true;
    std::string key = header_key(t);
    if (key.empty()) return false;
    for (std::string_view counter : kCounters)
        if (key == header_key(counter)) return true;
    return false;
}

bool looks_rounded_by_excel(std::string_view value) {
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t start = i;
        while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
        return i > start;
    };
    if (!digits()) return false;
    if (i < value.size() && (value[i] == '.' || value[i] == ',')) {
        ++i;
        if (!digits()) return false;
    }
    if (i >= value.size() || (value[i] != 'E' && value[i] != 'e')) return false;
    ++i;
    if (i < value.size() && (value[i] == '+' || value[i] == '-')) ++i;
    return digits() && i == value.size();
}

}  // namespace sanaq::tables::detail

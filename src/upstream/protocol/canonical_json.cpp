#include "upstream/protocol/canonical_json.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include <nlohmann/json.hpp>

#include "upstream/protocol/batch_body.h"

namespace sanaq::upstream {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool lower_hex(char c) { return digit(c) || (c >= 'a' && c <= 'f'); }
int hex_value(char c) { return digit(c) ? c - '0' : c - 'a' + 10; }

// ---- The check: one pass, no allocation unless a key holds an escape. ----------------------

class Checker {
public:
    explicit Checker(std::string_view text) : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()) {}

    std::optional<CanonicalDeviation> run() {
        if (!value(0)) return deviation_;
        if (p_ != end_) return CanonicalDeviation{offset(), "text after the value (white space included)"};
        return std::nullopt;
    }

private:
    std::size_t offset() const { return static_cast<std::size_t>(p_ - begin_); }
    bool fail(std::string what) {
        deviation_ = CanonicalDeviation{offset(), std::move(what)};
        return false;
    }

    bool value(int depth) {
        if (p_ == end_) return fail("the text ends where a value should be");
        switch (*p_) {
            case '{': return object(depth + 1);
            case '[': return array(depth + 1);
            case '"': {
                std::string_view raw;
                bool escaped = false;
                return string(raw, escaped);
            }
            case 't': return literal("true");
            case 'f': return literal("false");
            case 'n': return literal("null");
            default: return number();
        }
    }

    bool literal(std::string_view word) {
        if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
            return fail("not a JSON value (or white space where none belongs)");
        p_ += word.size();
        return true;
    }

    static std::string decoded(std::string_view raw) {
        std::string out;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '\\') {
                out += raw[i];
                continue;
            }
            if (raw[i + 1] == 'u') {   // only \u00XX passes the check
                out += static_cast<char>(hex_value(raw[i + 4]) * 16 + hex_value(raw[i + 5]));
                i += 5;
            } else {
                out += raw[i + 1];
                i += 1;
            }
        }
        return out;
    }

    bool object(int depth) {
        if (depth > kCanonicalMaxDepth) return fail("nested deeper than 64 levels");
        ++p_;   // '{'
        if (p_ != end_ && *p_ == '}') {
            ++p_;
            return true;
        }
        std::string_view previous;
        std::string previous_owned;
        bool first = true;
        for (;;) {
            if (p_ == end_ || *p_ != '"') return fail("a member name should start here");
            const std::size_t key_at = offset();
            std::string_view raw;
            bool escaped = false;
            if (!string(raw, escaped)) return false;
            std::string key_owned;
            std::string_view key = raw;
            if (escaped) {
                key_owned = decoded(raw);
                key = key_owned;
            }
            if (!first) {
                const int order = key.compare(previous);   // char_traits<char>: bytes as unsigned
                if (order <= 0) {
                    deviation_ = CanonicalDeviation{key_at, order == 0 ? "duplicate member name"
                                                                       : "member names not in code-point order"};
                    return false;
                }
            }
            first = false;
            if (escaped) {
                previous_owned = std::move(key_owned);
                previous = previous_owned;
            } else {
                previous = key;
            }
            if (p_ == end_ || *p_ != ':') return fail("':' should follow the member name directly");
            ++p_;
            if (!value(depth)) return false;
            if (p_ == end_) return fail("the object is not closed");
            if (*p_ == '}') {
                ++p_;
                return true;
            }
            if (*p_ != ',') return fail("',' or '}' should follow the member directly");
            ++p_;
        }
    }

    bool array(int depth) {
        if (depth > kCanonicalMaxDepth) return fail("nested deeper than 64 levels");
        ++p_;   // '['
        if (p_ != end_ && *p_ == ']') {
            ++p_;
            return true;
        }
        for (;;) {
            if (!value(depth)) return false;
            if (p_ == end_) return fail("the array is not closed");
            if (*p_ == ']') {
                ++p_;
                return true;
            }
            if (*p_ != ',') return fail("',' or ']' should follow the element directly");
            ++p_;
        }
    }

    // From the opening quote. `raw` is the content between the quotes.
    bool string(std::string_view& raw, bool& escaped) {
        const char* start = ++p_;
        while (p_ != end_) {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                raw = std::string_view(start, static_cast<std::size_t>(p_ - start));
                ++p_;
                return true;
            }
            if (c == '\\') {
                escaped = true;
                if (end_ - p_ < 2) return fail("the string is not closed");
                const char e = p_[1];
                if (e == '"' || e == '\\') {
                    p_ += 2;
                    continue;
                }
                if (e == 'u' && end_ - p_ >= 6 && p_[2] == '0' && p_[3] == '0' && (p_[4] == '0' || p_[4] == '1') &&
                    lower_hex(p_[5])) {
                    p_ += 6;
                    continue;
                }
                return fail("an escape the canonical form does not use (only \\\", \\\\ and \\u00xx in lower-case "
                            "hex for U+0000 to U+001F)");
            }
            if (c < 0x20) return fail("a control character not written as \\u00xx");
            if (c < 0x80) {
                ++p_;
                continue;
            }
            if (!utf8_sequence()) return fail("not UTF-8");
        }
        return fail("the string is not closed");
    }

    // One multi-byte UTF-8 sequence (utf8_sequence_length).
    bool utf8_sequence() {
        const auto n = utf8_sequence_length(std::string_view(p_, static_cast<std::size_t>(end_ - p_)), 0);
        p_ += n;
        return n != 0;
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?, not -0, at most kCanonicalMaxNumber characters.
    bool number() {
        const char* start = p_;
        const bool negative = *p_ == '-';
        if (negative) ++p_;
        if (p_ == end_ || !digit(*p_)) return fail("not a JSON value (or white space where none belongs)");
        const bool zero = *p_ == '0';
        if (zero)
            ++p_;
        else
            while (p_ != end_ && digit(*p_)) ++p_;
        if (p_ != end_ && digit(*p_)) return fail("a number with a leading zero");
        bool fraction = false;
        if (p_ != end_ && *p_ == '.') {
            ++p_;
            const char* digits = p_;
            while (p_ != end_ && digit(*p_)) ++p_;
            if (p_ == digits) return fail("a number with nothing after its '.'");
            if (p_[-1] == '0') return fail("a number with a trailing zero in its fraction");
            fraction = true;
        }
        if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) return fail("a number with an exponent");
        if (negative && zero && !fraction) return fail("-0 (written 0)");
        if (static_cast<std::size_t>(p_ - start) > kCanonicalMaxNumber) return fail("a number longer than 64 characters");
        return true;
    }

    const char* begin_;
    const char* p_;
    const char* end_;
    std::optional<CanonicalDeviation> deviation_;
};

// ---- The writer: any JSON into a small tree (nlohmann's SAX reader), then written canonically.

struct Node {
    enum class Kind : unsigned char { Verbatim, String, Array, Object } kind = Kind::Verbatim;
    std::string text;                // Verbatim: true/false/null or a canonical number; String: the value
    std::vector<std::string> keys;   // Object: the member names, beside items
    std::vector<Node> items;         // Array elements or Object values
};

// The exact plain decimal of a JSON number's text (which nlohmann has already checked): no
// exponent, no leading zeros, no trailing zeros in the fraction, no -0. No binary floating point
// in between, so 0.1 stays 0.1 and 12345678901234567890123 keeps every digit.
std::optional<std::string> plain_decimal(std::string_view text) {
    std::size_t i = 0;
    const bool negative = text[i] == '-';
    if (negative) ++i;
    std::string digits;
    long long point = 0;   // digits before the decimal point
    while (i < text.size() && digit(text[i])) digits += text[i++], ++point;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && digit(text[i])) digits += text[i++];
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (text[i] == '+' || text[i] == '-') exp_negative = text[i++] == '-';
        long long exponent = 0;
        while (i < text.size() && digit(text[i])) {
            exponent = exponent * 10 + (text[i++] - '0');
            if (exponent > 100000) return std::nullopt;   // far beyond any answer; written as a string
        }
        point += exp_negative ? -exponent : exponent;
    }
    const auto lead = digits.find_first_not_of('0');
    if (lead == std::string::npos) return std::string("0");
    digits.erase(0, lead);
    point -= static_cast<long long>(lead);
    digits.erase(digits.find_last_not_of('0') + 1);
    const auto n = static_cast<long long>(digits.size());
    std::string out = negative ? "-" : "";
    if (point <= 0) {
        if (-point + n + 2 > static_cast<long long>(kCanonicalMaxNumber)) return std::nullopt;
        out += "0.";
        out.append(static_cast<std::size_t>(-point), '0');
        out += digits;
    } else if (point >= n) {
        if (point > static_cast<long long>(kCanonicalMaxNumber)) return std::nullopt;
        out += digits;
        out.append(static_cast<std::size_t>(point - n), '0');
    } else {
        out += digits.substr(0, static_cast<std::size_t>(point));
        out += '.';
        out += digits.substr(static_cast<std::size_t>(point));
    }
    if (out.size() > kCanonicalMaxNumber) return std::nullopt;
    return out;
}

class TreeBuilder : public nlohmann::json::json_sax_t {
public:
    Node root;

    bool null() override { return add(verbatim("null")); }
    bool boolean(bool v) override { return add(verbatim(v ? "true" : "false")); }
    bool number_integer(number_integer_t v) override { return add(verbatim(std::to_string(v))); }
    bool number_unsigned(number_unsigned_t v) override { return add(verbatim(std::to_string(v))); }
    bool number_float(number_float_t, const string_t& text) override {
        if (auto plain = plain_decimal(text)) return add(verbatim(std::move(*plain)));
        Node n;   // too long in plain form: kept as it was written, as a string
        n.kind = Node::Kind::String;
        n.text = text;
        return add(std::move(n));
    }
    bool string(string_t& v) override {
        Node n;
        n.kind = Node::Kind::String;
        n.text = std::move(v);
        return add(std::move(n));
    }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override { return open(Node::Kind::Object); }
    bool key(string_t& k) override {
        key_ = std::move(k);
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(Node::Kind::Array); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

private:
    static Node verbatim(std::string text) {
        Node n;
        n.text = std::move(text);
        return n;
    }
    // Places a value in the open container (or as the root); returns where it went.
    Node* place(Node&& n) {
        if (open_.empty()) {
            root = std::move(n);
            return &root;
        }
        Node& parent = *open_.back();
        if (parent.kind == Node::Kind::Object) parent.keys.push_back(std::move(key_));
        parent.items.push_back(std::move(n));
        return &parent.items.back();
    }
    bool add(Node&& n) {
        place(std::move(n));
        return true;
    }
    bool open(Node::Kind kind) {
        if (static_cast<int>(open_.size()) >= kCanonicalMaxDepth) return false;
        Node n;
        n.kind = kind;
        open_.push_back(place(std::move(n)));   // only the innermost open container grows
        return true;
    }
    bool close() {
        open_.pop_back();
        return true;
    }

    std::vector<Node*> open_;
    std::string key_;
};

// False on a duplicate member name.
bool write(std::string& out, const Node& n, std::string_view drop = {}, bool top = false) {
    switch (n.kind) {
        case Node::Kind::Verbatim: out += n.text; return true;
        case Node::Kind::String: append_json_string(out, n.text); return true;
        case Node::Kind::Array: {
            out += '[';
            for (std::size_t i = 0; i < n.items.size(); ++i) {
                if (i) out += ',';
                if (!write(out, n.items[i])) return false;
            }
            out += ']';
            return true;
        }
        case Node::Kind::Object: {
            std::vector<std::size_t> order(n.keys.size());
            std::iota(order.begin(), order.end(), std::size_t{0});
            // std::string compares bytes as unsigned: UTF-8 byte order is code-point order.
            std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return n.keys[a] < n.keys[b]; });
            out += '{';
            bool first = true;
            for (std::size_t k = 0; k < order.size(); ++k) {
                const auto i = order[k];
                if (k > 0 && n.keys[i] == n.keys[order[k - 1]]) return false;
                if (top && n.keys[i] == drop) continue;
                if (!first) out += ',';
                first = false;
                append_json_string(out, n.keys[i]);
                out += ':';
                if (!write(out, n.items[i])) return false;
            }
            out += '}';
            return true;
        }
    }
    return false;
}

// The common shape of a tablet's answers — one object of plain strings, integers and literals,
// in questionnaire order and any spacing — sorted without building a tree: the members' texts are
// already canonical, only their order is not. False (out unchanged) for anything else, which the
// tree then writes.
class FlatObject {
public:
    explicit FlatObject(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    bool append_sorted(std::string& out) {
        thread_local std::vector<std::pair<std::string_view, std::string_view>> members;
        members.clear();
        space();
        if (!take('{')) return false;
        space();
        if (!take('}')) {
            for (;;) {
                std::string_view key, value;
                if (!plain_string(key)) return false;
                space();
                if (!take(':')) return false;
                space();
                if (!scalar(value)) return false;
                members.emplace_back(key, value);
                space();
                if (take('}')) break;
                if (!take(',')) return false;
                space();
            }
        }
        space();
        if (p_ != end_) return false;
        // By the names inside the quotes: with them, `"a!"` would sort before `"a"` ('!' < '"').
        auto name = [](std::string_view quoted) { return quoted.substr(1, quoted.size() - 2); };
        std::sort(members.begin(), members.end(), [&](const auto& a, const auto& b) { return name(a.first) < name(b.first); });
        for (std::size_t i = 1; i < members.size(); ++i)
            if (members[i].first == members[i - 1].first) return false;   // the tree refuses it
        out += '{';
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i) out += ',';
            out += members[i].first;   // with its quotes
            out += ':';
            out += members[i].second;
        }
        out += '}';
        return true;
    }

private:
    void space() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    bool take(char c) {
        if (p_ == end_ || *p_ != c) return false;
        ++p_;
        return true;
    }
    // A string without escapes or control characters, quotes included, of well-formed UTF-8.
    bool plain_string(std::string_view& text) {
        const char* start = p_;
        if (!take('"')) return false;
        while (p_ != end_) {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                ++p_;
                text = std::string_view(start, static_cast<std::size_t>(p_ - start));
                return true;
            }
            if (c == '\\' || c < 0x20) return false;
            if (c < 0x80) {
                ++p_;
                continue;
            }
            const auto n = utf8_sequence_length(std::string_view(p_, static_cast<std::size_t>(end_ - p_)), 0);
            if (n == 0) return false;
            p_ += n;
        }
        return false;
    }
    bool scalar(std::string_view& text) {
        if (p_ == end_) return false;
        if (*p_ == '"') return plain_string(text);
        const char* start = p_;
        for (std::string_view word : {"true", "false", "null"})
            if (static_cast<std::size_t>(end_ - p_) >= word.size() && std::string_view(p_, word.size()) == word) {
                p_ += word.size();
                text = word;
                return true;
            }
        // A canonical integer: -?(0|[1-9][0-9]*), not -0, at most 18 digits.
        if (*p_ == '-') ++p_;
        const char* digits = p_;
        while (p_ != end_ && digit(*p_)) ++p_;
        const auto n = p_ - digits;
        if (n == 0 || n > 18 || (n > 1 && *digits == '0') || (*start == '-' && n == 1 && *digits == '0')) return false;
        if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
        text = std::string_view(start, static_cast<std::size_t>(p_ - start));
        return true;
    }

    const char* p_;
    const char* end_;
};

std::optional<Node> tree(std::string_view text) {
    TreeBuilder builder;
    if (!nlohmann::json::sax_parse(text, &builder)) return std::nullopt;
    return std::move(builder.root);
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    unsigned char lo = 0x80, hi = 0xBF;
    std::size_t tail = 0;
    if (c >= 0xC2 && c <= 0xDF) tail = 1;
    else if (c == 0xE0) tail = 2, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) tail = 2;
    else if (c == 0xED) tail = 2, hi = 0x9F;
    else if (c == 0xF0) tail = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) tail = 3;
    else if (c == 0xF4) tail = 3, hi = 0x8F;
    else return 0;
    if (text.size() - i <= tail) return 0;
    for (std::size_t k = 1; k <= tail; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if (b < lo || b > hi) return 0;
        lo = 0x80, hi = 0xBF;  // only the second byte has narrower bounds
    }
    return tail + 1;
}

std::optional<CanonicalDeviation> canonical_deviation(std::string_view text) { return Checker(text).run(); }

bool append_canonical_json(std::string& out, std::string_view text) {
    if (is_canonical_json(text)) {
        out += text;
        return true;
    }
    if (FlatObject(text).append_sorted(out)) return true;
    auto root = tree(text);
    if (!root) return false;
    const auto size = out.size();
    if (!write(out, *root)) {
        out.resize(size);
        return false;
    }
    return true;
}

std::optional<std::string> canonical_json_without(std::string_view object_text, std::string_view drop) {
    auto root = tree(object_text);
    if (!root || root->kind != Node::Kind::Object) return std::nullopt;
    std::string out;
    if (!write(out, *root, drop, true)) return std::nullopt;
    return out;
}

}  // namespace sanaq::upstream

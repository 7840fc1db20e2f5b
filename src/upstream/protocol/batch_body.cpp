#include "upstream/protocol/batch_body.h"

#include <optional>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "upstream/protocol/canonical_json.h"

namespace sanaq::upstream {
namespace {

void key(std::string& out, std::string_view name) {
    out += '"';
    out += name;   // our own keys: plain ASCII, nothing to escape
    out += "\":";
}

void str(std::string& out, std::string_view name, std::string_view value) {
    key(out, name);
    append_json_string(out, value);
    out += ',';
}

void num(std::string& out, std::string_view name, std::int64_t value) {
    key(out, name);
    out += std::to_string(value);
    out += ',';
}

// The stored answers are a JSON object text as the tablet wrote it (questionnaire order, its own
// spacing and escapes): it goes in its canonical form, like every other part of the line. An empty
// one goes as {}. Text the package reader let through that is not a JSON object (it checks only
// the braces) goes as a string holding that text, so the line stays canonical JSON.
void answers(std::string& out, std::string_view json_text) {
    key(out, "answers");
    if (json_text.empty())
        out += "{}";
    else if (json_text.front() != '{' || !append_canonical_json(out, json_text))
        append_json_string(out, json_text);
    out += ',';
}

void close_object(std::string& out) {
    out.back() = '}';   // replaces the last ','
    out += '\n';
}

// The top-level fields of one line that the receiver reads; the last occurrence of a key wins.
struct LineFields {
    std::string type, uuid, household_uuid;
    std::int64_t revision = 0;
    std::string format, batch_uuid, workstation, created_at;
    std::int64_t version = 0, households = -1, persons = -1;
    bool top_is_object = false;

    std::string* text_field(std::string_view key) {
        if (key == "type") return &type;
        if (key == "uuid") return &uuid;
        if (key == "household_uuid") return &household_uuid;
        if (key == "format") return &format;
        if (key == "batch_uuid") return &batch_uuid;
        if (key == "workstation") return &workstation;
        if (key == "created_at") return &created_at;
        return nullptr;
    }
    std::int64_t* integer_field(std::string_view key) {
        if (key == "revision") return &revision;
        if (key == "version") return &version;
        if (key == "households") return &households;
        if (key == "persons") return &persons;
        return nullptr;
    }
};

// Top-level fields of one record line, collected without building a DOM (the receiver reads a
// million lines per benchmark run). The fallback of FastJson below.
class LineReader : public nlohmann::json::json_sax_t {
public:
    LineFields fields;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t v) override { return integer(v); }
    bool number_unsigned(number_unsigned_t v) override { return integer(static_cast<std::int64_t>(v)); }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t& v) override {
        if (depth_ != 1) return true;
        if (auto* field = fields.text_field(key_)) *field = v;
        return true;
    }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        if (depth_ == 0) fields.top_is_object = true;
        ++depth_;
        return true;
    }
    bool key(string_t& k) override {
        if (depth_ == 1) key_ = k;
        return true;
    }
    bool end_object() override {
        --depth_;
        return true;
    }
    bool start_array(std::size_t) override {
        ++depth_;
        return true;
    }
    bool end_array() override {
        --depth_;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

private:
    bool integer(std::int64_t v) {
        if (depth_ != 1) return true;
        if (auto* field = fields.integer_field(key_)) *field = v;
        return true;
    }
    int depth_ = 0;
    std::string key_;
};

// A JSON scanner for the text batches are made of, run before nlohmann's parser because it is
// several times faster. It answers true only for text that nlohmann accepts as well — a strict
// subset of JSON: no \u escapes, no exponents, no integer part longer than 18 digits, nesting at
// most 64 deep, strings of well-formed UTF-8 — and false for everything else, which then goes to
// nlohmann, whose verdict stands. So the outcome is exactly nlohmann's, only sooner. With `line`
// it also collects the members of a top-level object as LineReader does (and answers false for
// anything else at the top, for escapes in those members' keys, and in the strings it collects).
class FastJson {
public:
    FastJson(std::string_view text, LineFields* line) : p_(text.data()), end_(text.data() + text.size()), line_(line) {}

    bool whole_text() {
        skip_space();
        if (line_ && (p_ == end_ || *p_ != '{')) return false;
        if (!value(0)) return false;
        skip_space();
        return p_ == end_;
    }

private:
    static constexpr int kMaxDepth = 64;

    static bool digit(char c) { return c >= '0' && c <= '9'; }

    void skip_space() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }

    // `depth`: the containers around this value.
    bool value(int depth) {
        if (p_ == end_) return false;
        switch (*p_) {
            case '{': return object(depth + 1);
            case '[': return array(depth + 1);
            case '"': {
                std::string_view text;
                bool plain = true;
                return string(text, plain);
            }
            case 't': return literal("true");
            case 'f': return literal("false");
            case 'n': return literal("null");
            default: {
                bool integral = false;
                std::int64_t v = 0;
                return number(integral, v);
            }
        }
    }

    bool literal(std::string_view word) {
        if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
        p_ += word.size();
        return true;
    }

    bool object(int depth) {
        if (depth > kMaxDepth) return false;
        const bool top = line_ && depth == 1;
        if (top) line_->top_is_object = true;
        ++p_;   // '{'
        skip_space();
        if (p_ != end_ && *p_ == '}') {
            ++p_;
            return true;
        }
        for (;;) {
            std::string_view key;
            bool plain = true;
            if (p_ == end_ || *p_ != '"' || !string(key, plain)) return false;
            skip_space();
            if (p_ == end_ || *p_ != ':') return false;
            ++p_;
            skip_space();
            if (top ? !(plain && member(key)) : !value(depth)) return false;
            skip_space();
            if (p_ == end_) return false;
            if (*p_ == '}') {
                ++p_;
                return true;
            }
            if (*p_ != ',') return false;
            ++p_;
            skip_space();
        }
    }

    // A member of the top-level object, its value collected when LineFields wants it.
    bool member(std::string_view key) {
        if (p_ == end_) return false;
        if (*p_ == '"') {
            std::string_view text;
            bool plain = true;
            if (!string(text, plain)) return false;
            if (auto* field = line_->text_field(key)) {
                if (!plain) return false;
                field->assign(text);
            }
            return true;
        }
        if (*p_ == '-' || digit(*p_)) {
            bool integral = false;
            std::int64_t v = 0;
            if (!number(integral, v)) return false;
            if (integral)
                if (auto* field = line_->integer_field(key)) *field = v;
            return true;
        }
        return value(1);
    }

    bool array(int depth) {
        if (depth > kMaxDepth) return false;
        ++p_;   // '['
        skip_space();
        if (p_ != end_ && *p_ == ']') {
            ++p_;
            return true;
        }
        for (;;) {
            if (!value(depth)) return false;
            skip_space();
            if (p_ == end_) return false;
            if (*p_ == ']') {
                ++p_;
                return true;
            }
            if (*p_ != ',') return false;
            ++p_;
            skip_space();
        }
    }

    // From the opening quote; `text` is the raw content, `plain` false when it holds escapes.
    bool string(std::string_view& text, bool& plain) {
        const char* start = ++p_;
        while (p_ != end_) {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                text = std::string_view(start, static_cast<std::size_t>(p_ - start));
                ++p_;
                return true;
            }
            if (c == '\\') {
                plain = false;
                if (++p_ == end_) return false;
                switch (*p_) {
                    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': ++p_; continue;
                    default: return false;   // \u and anything else: nlohmann decides
                }
            }
            if (c < 0x20) return false;
            if (c < 0x80) {
                ++p_;
                continue;
            }
            if (!utf8_sequence()) return false;
        }
        return false;
    }

    // One multi-byte UTF-8 sequence (utf8_sequence_length).
    bool utf8_sequence() {
        const auto n = utf8_sequence_length(std::string_view(p_, static_cast<std::size_t>(end_ - p_)), 0);
        p_ += n;
        return n != 0;
    }

    // -?(0|[1-9][0-9]*)(.[0-9]+)? with at most 18 integer digits; `v` set when integral.
    bool number(bool& integral, std::int64_t& v) {
        const bool negative = *p_ == '-';
        if (negative) ++p_;
        const char* digits = p_;
        if (p_ == end_ || !digit(*p_)) return false;
        if (*p_ == '0')
            ++p_;
        else
            while (p_ != end_ && digit(*p_)) ++p_;
        if (p_ - digits > 18) return false;
        std::int64_t n = 0;
        for (const char* d = digits; d != p_; ++d) n = n * 10 + (*d - '0');
        integral = true;
        if (p_ != end_ && *p_ == '.') {
            ++p_;
            if (p_ == end_ || !digit(*p_)) return false;
            while (p_ != end_ && digit(*p_)) ++p_;
            integral = false;
        }
        if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) return false;
        v = negative ? -n : n;
        return true;
    }

    const char* p_;
    const char* end_;
    LineFields* line_;
};

// The top-level fields of one line, or nullopt when it is not JSON.
std::optional<LineFields> read_line(std::string_view line, bool fast_path) {
    LineFields fast;
    if (fast_path && FastJson(line, &fast).whole_text()) return fast;
    LineReader r;
    if (!nlohmann::json::sax_parse(line, &r)) return std::nullopt;
    return std::move(r.fields);
}

std::unexpected<Error> malformed(std::string detail) {
    return fail(ErrorCode::InvalidInput, N_("The batch is malformed."), {}, std::move(detail));
}

}  // namespace

bool is_workstation_id(std::string_view s) {
    auto digits = [](std::string_view d) { return d.size() == 2 && d[0] >= '0' && d[0] <= '9' && d[1] >= '0' && d[1] <= '9'; };
    return s.size() == 8 && s.starts_with("ws-") && digits(s.substr(3, 2)) && s[5] == '-' && digits(s.substr(6, 2));
}

bool is_canonical_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < 36; ++i) {
        char c = s[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

// Canonical string form: `"` and `\` escaped, U+0000-U+001F as \u00xx in lower-case hex,
// everything else as it is. A byte that is not part of well-formed UTF-8 (the package reader lets
// none into the store) is written as U+FFFD, so the line stays JSON whatever was stored.
void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            if (const auto n = utf8_sequence_length(text, i)) {
                i += n - 1;
                continue;
            }
            out.append(text.data() + start, i - start);
            out += "\xEF\xBF\xBD";
            start = i + 1;
            continue;
        }
        if (c != '"' && c != '\\' && c >= 0x20) continue;
        out.append(text.data() + start, i - start);
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else out += fmt::format("\\u{:04x}", c);
        start = i + 1;
    }
    out.append(text.data() + start, text.size() - start);
    out += '"';
}

void append_manifest_line(std::string& body, const BatchManifest& m) {
    body += '{';
    str(body, "batch_uuid", m.batch_uuid);
    str(body, "created_at", m.created_at);
    str(body, "format", kBatchFormat);
    num(body, "households", m.households);
    num(body, "persons", m.persons);
    num(body, "version", kBatchVersion);
    str(body, "workstation", m.workstation);
    close_object(body);
}

// Keys in code-point order, as the spec's canonical form asks.
void append_household_line(std::string& body, const Household& h, const RecordProvenance& from) {
    body += '{';
    answers(body, h.answers_json);
    str(body, "flat", h.flat);
    str(body, "hotel_name", h.hotel_name);
    str(body, "house", h.house);
    str(body, "household_number", h.household_number);
    str(body, "institution_bin", h.institution_bin);
    str(body, "institution_type", h.institution_type);
    str(body, "kato", h.kato);
    str(body, "kato_version", h.kato_version);
    str(body, "kit", from.kit_number);
    str(body, "package_uuid", from.package_uuid);
    str(body, "place", household_place_code(h.place));
    num(body, "revision", h.revision);
    str(body, "street", h.street);
    str(body, "type", "household");
    str(body, "uuid", h.uuid);
    close_object(body);
}

void append_person_line(std::string& body, const Person& p, const RecordProvenance& from) {
    body += '{';
    answers(body, p.answers_json);
    str(body, "birth_date", p.birth_date);
    str(body, "household_uuid", p.household_uuid);
    str(body, "iin", p.iin);
    str(body, "kit", from.kit_number);
    str(body, "name", p.name);
    str(body, "package_uuid", from.package_uuid);
    str(body, "patronymic", p.patronymic);
    str(body, "relationship", p.relationship);
    str(body, "residence", residence_code(p.residence));
    num(body, "revision", p.revision);
    str(body, "sex", sex_code(p.sex));
    str(body, "source", record_source_code(p.source));
    str(body, "surname", p.surname);
    str(body, "type", "person");
    str(body, "uuid", p.uuid);
    close_object(body);
}

namespace {

Result<ParsedBatch> parse_body(std::string_view body, bool fast_path) {
    if (body.empty() || body.back() != '\n')
        return malformed("the batch body does not end with a line break");
    ParsedBatch batch;
    std::int64_t households = 0, persons = 0;
    std::size_t line_no = 0;
    bool seen_person = false;
    std::size_t pos = 0;
    while (pos < body.size()) {
        std::size_t end = body.find('\n', pos);
        std::string_view line = body.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        auto read = read_line(line, fast_path);
        if (!read || !read->top_is_object)
            return malformed(fmt::format("line {} is not a JSON object", line_no));
        auto& r = *read;
        if (line_no == 1) {
            if (r.format != kBatchFormat || r.version != kBatchVersion)
                return malformed("line 1 is not a sanaq-batch version 1 manifest");
            if (!is_canonical_uuid(r.batch_uuid) || r.households < 0 || r.persons < 0 || r.workstation.empty())
                return malformed("the manifest lacks its batch UUID, workstation or counts");
            batch.manifest = {r.batch_uuid, r.workstation, r.created_at, r.households, r.persons};
            batch.records.reserve(static_cast<std::size_t>(r.households + r.persons));
            continue;
        }
        bool household = r.type == "household";
        if (!household && r.type != "person")
            return malformed(fmt::format("line {}: unknown record type", line_no));
        if (!is_canonical_uuid(r.uuid) || r.revision < 1)
            return malformed(fmt::format("line {}: no valid uuid and revision", line_no));
        if (household && seen_person)
            return malformed(fmt::format("line {}: a household after a person", line_no));
        seen_person = seen_person || !household;
        (household ? households : persons) += 1;
        batch.records.push_back({household, std::move(r.uuid), r.revision});
    }
    if (line_no == 0) return malformed("the batch body is empty");
    if (households != batch.manifest.households || persons != batch.manifest.persons)
        return malformed(fmt::format("the manifest announces {} households and {} persons; the body has {} and {}",
                                batch.manifest.households, batch.manifest.persons, households, persons));
    return batch;
}

}  // namespace

Result<ParsedBatch> parse_batch_body(std::string_view body) { return parse_body(body, true); }

std::optional<std::string> first_non_canonical_line(std::string_view body) {
    std::size_t line_no = 0, pos = 0;
    while (pos < body.size()) {
        std::size_t end = body.find('\n', pos);
        if (end == std::string_view::npos) end = body.size();
        ++line_no;
        if (auto deviation = canonical_deviation(body.substr(pos, end - pos)))
            return fmt::format("line {}, byte {}: {}", line_no, deviation->offset + 1, deviation->what);
        pos = end + 1;
    }
    return std::nullopt;
}

namespace detail {

bool fast_json_accepts(std::string_view text) { return FastJson(text, nullptr).whole_text(); }

Result<ParsedBatch> parse_batch_body_with_nlohmann_only(std::string_view body) { return parse_body(body, false); }

}  // namespace detail

}  // namespace sanaq::upstream

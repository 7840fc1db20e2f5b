#include "upstream/protocol/batch_body.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

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

// The stored answers are a JSON object already validated at pull time; an empty one goes as {}.
// Anything else (never expected) goes as a string so the line stays valid JSON.
void answers(std::string& out, std::string_view json_text) {
    key(out, "answers");
    if (json_text.empty())
        out += "{}";
    else if (json_text.front() == '{' && nlohmann::json::accept(json_text))
        out += json_text;
    else
        append_json_string(out, json_text);
    out += ',';
}

void close_object(std::string& out) {
    out.back() = '}';   // replaces the last ','
    out += '\n';
}

// Top-level fields of one record line, collected without building a DOM (the receiver reads a
// million lines per benchmark run).
class LineReader : public nlohmann::json::json_sax_t {
public:
    std::string type, uuid, household_uuid;
    std::int64_t revision = 0;
    std::string format, batch_uuid, workstation, created_at;
    std::int64_t version = 0, households = -1, persons = -1;
    bool top_is_object = false;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t v) override { return integer(v); }
    bool number_unsigned(number_unsigned_t v) override { return integer(static_cast<std::int64_t>(v)); }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t& v) override {
        if (depth_ != 1) return true;
        if (key_ == "type") type = v;
        else if (key_ == "uuid") uuid = v;
        else if (key_ == "household_uuid") household_uuid = v;
        else if (key_ == "format") format = v;
        else if (key_ == "batch_uuid") batch_uuid = v;
        else if (key_ == "workstation") workstation = v;
        else if (key_ == "created_at") created_at = v;
        return true;
    }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        if (depth_ == 0) top_is_object = true;
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
        if (key_ == "revision") revision = v;
        else if (key_ == "version") version = v;
        else if (key_ == "households") households = v;
        else if (key_ == "persons") persons = v;
        return true;
    }
    int depth_ = 0;
    std::string key_;
};

std::unexpected<Error> malformed(std::string detail) {
    return fail(ErrorCode::InvalidInput, N_("The batch is malformed."), {}, std::move(detail));
}

}  // namespace

bool is_canonical_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < 36; ++i) {
        char c = s[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
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

Result<ParsedBatch> parse_batch_body(std::string_view body) {
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
        LineReader r;
        if (!nlohmann::json::sax_parse(line, &r) || !r.top_is_object)
            return malformed(fmt::format("line {} is not a JSON object", line_no));
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

}  // namespace sanaq::upstream

#include "core/package/format.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "crypto/crypto.h"

namespace sanaq::package::detail {
namespace {

using nlohmann::json;

Error malformed_manifest(std::string detail) {
    return Error::make(ErrorCode::InvalidInput,
                       N_("The package manifest is damaged or incomplete. Pull the package again; if it fails again, export it again on the tablet."),
                       {}, std::move(detail));
}

bool is_hex(std::string_view s, std::size_t len) {
    if (s.size() != len) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

bool is_utc_time(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SSZ
    static constexpr std::string_view shape = "dddd-dd-ddTdd:dd:ddZ";
    if (s.size() != shape.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (shape[i] == 'd') {
            if (s[i] < '0' || s[i] > '9') return false;
        } else if (s[i] != shape[i]) {
            return false;
        }
    }
    return true;
}

void append_escaped(std::string& out, std::string_view field) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < field.size(); ++i) {
        char c = field[i];
        const char* rep = nullptr;
        switch (c) {
            case '\\': rep = "\\\\"; break;
            case '\t': rep = "\\t"; break;
            case '\n': rep = "\\n"; break;
            case '\r': rep = "\\r"; break;
            default: continue;
        }
        out.append(field.data() + start, i - start);
        out.append(rep, 2);
        start = i + 1;
    }
    out.append(field.data() + start, field.size() - start);
}

void field(std::string& out, std::string_view value) {
    out += '\t';
    append_escaped(out, value);
}

}  // namespace

std::string manifest_json(const PackageManifest& m, const EncryptionParams& enc) {
    json j = {
        {"format", "sanaq-package"},
        {"format_version", m.format_version},
        {"package_uuid", m.package_uuid},
        {"device_id", m.device_id},
        {"device_model", m.device_model},
        {"usb_serial", m.usb_serial},
        {"kit_number", m.kit_number},
        {"interviewer_iin", m.interviewer_iin},
        {"census_round", m.census_round},
        {"sequence", m.sequence},
        {"exported_at", m.exported_at},
        {"households", m.households},
        {"persons", m.persons},
        {"payload_format", std::string(kPayloadFormat)},
        {"payload_size", m.payload_size},
        {"payload_sha256", m.payload_sha256},
        {"encryption",
         {
             {"kem", "X25519"},
             {"kdf", "HKDF-SHA256"},
             {"aead", "AES-256-GCM"},
             {"recipient_key", enc.recipient_key},
             {"ephemeral_public_key", crypto::to_hex(enc.ephemeral_public)},
             {"base_nonce", crypto::to_hex(enc.base_nonce)},
             {"chunk_size", enc.chunk_size},
         }},
    };
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool needed_for_reading(std::string_view member) {
    return member.empty() || member == "package_uuid" || member == "device_id" || member == "payload_size" ||
           member == "payload_sha256" || member.starts_with("encryption");
}

Result<PackageManifest> parse_manifest(std::string_view text, EncryptionParams& enc, Deviation* where,
                                       std::vector<ManifestProblem>* all, bool lenient) {
    // Every problem is collected (for `package check`); the first one is the refusal.
    std::vector<ManifestProblem> problems;
    std::set<std::string> flagged;   // members already reported: no second report for them
    auto bad = [&](const char* check, std::string subject, std::string detail) {
        if (!subject.empty() && !flagged.insert(subject).second) return;
        problems.push_back({Deviation{check, spec_section::kManifest, std::move(subject), 0}, std::move(detail)});
    };
    auto done = [&]() -> std::unexpected<Error> {
        if (where) *where = problems.front().where;
        std::string detail = problems.front().detail;
        if (all) *all = std::move(problems);
        return std::unexpected(malformed_manifest(std::move(detail)));
    };
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        bad("manifest.json", "", "manifest is not a JSON object");
        return done();
    }

    auto str = [&](const json& obj, const char* key, const char* name) -> std::string {
        auto it = obj.find(key);
        if (it == obj.end() || !it->is_string()) {
            bad("manifest.member", name, std::string("missing or mistyped field ") + name);
            return {};
        }
        return it->get<std::string>();
    };
    auto num = [&](const json& obj, const char* key, const char* name) -> std::int64_t {
        auto it = obj.find(key);
        if (it == obj.end() || !it->is_number_integer()) {
            bad("manifest.member", name, std::string("missing or mistyped field ") + name);
            return -1;
        }
        return it->get<std::int64_t>();
    };

    PackageManifest m;
    std::string format = str(j, "format", "format");
    m.format_version = static_cast<int>(num(j, "format_version", "format_version"));
    m.package_uuid = str(j, "package_uuid", "package_uuid");
    m.device_id = str(j, "device_id", "device_id");
    m.device_model = str(j, "device_model", "device_model");
    m.usb_serial = str(j, "usb_serial", "usb_serial");
    m.kit_number = str(j, "kit_number", "kit_number");
    m.interviewer_iin = str(j, "interviewer_iin", "interviewer_iin");
    m.census_round = str(j, "census_round", "census_round");
    m.sequence = num(j, "sequence", "sequence");
    m.exported_at = str(j, "exported_at", "exported_at");
    m.households = num(j, "households", "households");
    m.persons = num(j, "persons", "persons");
    m.payload_size = num(j, "payload_size", "payload_size");
    m.payload_sha256 = str(j, "payload_sha256", "payload_sha256");
    std::string payload_format = str(j, "payload_format", "payload_format");
    static const json kNoObject = json::object();
    auto e = j.find("encryption");
    const bool has_enc = e != j.end() && e->is_object();
    if (!has_enc) {
        bad("manifest.member", "encryption", "no encryption object");
        for (const char* member : {"encryption.kem", "encryption.kdf", "encryption.aead", "encryption.recipient_key",
                                   "encryption.ephemeral_public_key", "encryption.base_nonce", "encryption.chunk_size"})
            flagged.insert(member);
    }
    const json& eo = has_enc ? *e : kNoObject;
    std::string kem = str(eo, "kem", "encryption.kem"), kdf = str(eo, "kdf", "encryption.kdf"),
                aead = str(eo, "aead", "encryption.aead");
    enc.recipient_key = str(eo, "recipient_key", "encryption.recipient_key");
    std::string eph = str(eo, "ephemeral_public_key", "encryption.ephemeral_public_key"),
                nonce = str(eo, "base_nonce", "encryption.base_nonce");
    std::int64_t chunk = num(eo, "chunk_size", "encryption.chunk_size");

    if (format != "sanaq-package") bad("manifest.value", "format", "format is not sanaq-package");
    if (m.format_version != kFormatVersion) bad("manifest.value", "format_version", "format_version mismatch");
    if (payload_format != kPayloadFormat) bad("manifest.value", "payload_format", "unknown payload_format");
    if (kem != "X25519") bad("manifest.value", "encryption.kem", "unknown encryption algorithms");
    if (kdf != "HKDF-SHA256") bad("manifest.value", "encryption.kdf", "unknown encryption algorithms");
    if (aead != "AES-256-GCM") bad("manifest.value", "encryption.aead", "unknown encryption algorithms");
    if (!is_canonical_uuid(m.package_uuid))
        bad("manifest.value", "package_uuid", "package_uuid is not a lower-case canonical UUID");
    if (!is_hex(m.device_id, 64)) bad("manifest.value", "device_id", "device_id is not 64 lower-case hex digits");
    if (!is_hex(enc.recipient_key, 64))
        bad("manifest.value", "encryption.recipient_key", "recipient_key is not 64 lower-case hex digits");
    if (!is_hex(m.payload_sha256, 64))
        bad("manifest.value", "payload_sha256", "payload_sha256 is not 64 lower-case hex digits");
    if (m.sequence < 1) bad("manifest.value", "sequence", "sequence < 1");
    if (!is_utc_time(m.exported_at)) bad("manifest.value", "exported_at", "exported_at is not YYYY-MM-DDTHH:MM:SSZ");
    if (m.households < 0) bad("manifest.value", "households", "negative record count");
    if (m.persons < 0) bad("manifest.value", "persons", "negative record count");
    const bool size_ok = m.payload_size >= static_cast<std::int64_t>(kTagSize) && m.payload_size <= kMaxPayloadSize;
    if (!size_ok) bad("manifest.value", "payload_size", "payload_size out of range");
    const bool chunk_ok = chunk >= static_cast<std::int64_t>(kMinChunkSize) && chunk <= static_cast<std::int64_t>(kMaxChunkSize);
    if (!chunk_ok) bad("manifest.value", "encryption.chunk_size", "chunk_size out of range");
    if (!is_hex(eph, 64)) bad("manifest.value", "encryption.ephemeral_public_key", "bad ephemeral key");
    if (!is_hex(nonce, 24)) bad("manifest.value", "encryption.base_nonce", "bad nonce");
    if (size_ok && chunk_ok && !chunk_count(static_cast<std::uint64_t>(m.payload_size), static_cast<std::size_t>(chunk)))
        bad("manifest.value", "payload_size", "payload_size does not fit the chunk size");
    if (!problems.empty()) {
        const bool readable = lenient && std::none_of(problems.begin(), problems.end(), [](const ManifestProblem& p) {
                                  return needed_for_reading(p.where.subject);
                              });
        if (!readable) return done();
        if (all) *all = std::move(problems);
    }
    enc.chunk_size = static_cast<std::size_t>(chunk);
    enc.ephemeral_public = *crypto::from_hex(eph);
    enc.base_nonce = *crypto::from_hex(nonce);
    return m;
}

std::optional<std::uint64_t> chunk_count(std::uint64_t payload_size, std::size_t chunk_size) {
    const std::uint64_t sealed = chunk_size + kTagSize;
    if (payload_size < kTagSize) return std::nullopt;
    std::uint64_t n = (payload_size + sealed - 1) / sealed;
    std::uint64_t last = payload_size - (n - 1) * sealed;
    if (last < kTagSize) return std::nullopt;
    return n;
}

std::string chunk_nonce(std::string_view base_nonce, std::uint64_t index) {
    std::string nonce(base_nonce);
    for (int i = 0; i < 8; ++i) nonce[kNonceSize - 1 - i] ^= static_cast<char>((index >> (8 * i)) & 0xff);
    return nonce;
}

std::string chunk_aad(std::string_view package_uuid, std::uint64_t index, bool last) {
    std::string aad(package_uuid);
    for (int i = 7; i >= 0; --i) aad += static_cast<char>((index >> (8 * i)) & 0xff);
    aad += static_cast<char>(last ? 1 : 0);
    return aad;
}

std::optional<std::string> derive_payload_key(std::string_view shared_secret, std::string_view ephemeral_public,
                                              std::string_view recipient_public, std::string_view package_uuid) {
    std::string salt(ephemeral_public);
    salt += recipient_public;
    std::string info(kHkdfInfoPrefix);
    info += package_uuid;
    return crypto::hkdf_sha256(shared_secret, salt, info, 32);
}

void put_u32le(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
void put_u16le(std::string& out, std::uint16_t v) {
    out += static_cast<char>(v & 0xff);
    out += static_cast<char>(v >> 8);
}
std::uint32_t get_u32le(const unsigned char* p) {
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[3]} << 24;
}
std::uint16_t get_u16le(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | p[1] << 8); }

void append_record(std::string& out, const Household& h) {
    out += 'H';
    field(out, h.uuid);
    out += '\t';
    out += std::to_string(h.revision);
    field(out, household_place_code(h.place));
    field(out, h.kato);
    field(out, h.kato_version);
    field(out, h.street);
    field(out, h.house);
    field(out, h.flat);
    field(out, h.institution_bin);
    field(out, h.institution_type);
    field(out, h.hotel_name);
    field(out, h.household_number);
    field(out, h.answers_json);
    out += '\n';
}

void append_record(std::string& out, const Person& p) {
    out += 'P';
    field(out, p.uuid);
    out += '\t';
    out += std::to_string(p.revision);
    field(out, p.household_uuid);
    field(out, p.iin);
    field(out, p.surname);
    field(out, p.name);
    field(out, p.patronymic);
    field(out, sex_code(p.sex));
    field(out, p.birth_date);
    field(out, p.relationship);
    field(out, residence_code(p.residence));
    field(out, record_source_code(p.source));
    field(out, p.answers_json);
    out += '\n';
}

bool is_canonical_uuid(std::string_view s) {
    return is_record_uuid(s) && std::none_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'F'; });
}

}  // namespace sanaq::package::detail

namespace sanaq::package {

bool is_record_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < 36; ++i) {
        char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return true;
}

}  // namespace sanaq::package

namespace sanaq::package::detail {

HeaderState parse_header(std::string_view bytes, ParsedHeader& out, Error& error, Deviation* where,
                         std::vector<ManifestProblem>* lenient) {
    auto at = [&](const char* check, std::string subject = {}) {
        if (where) *where = Deviation{check, spec_section::kByteLayout, std::move(subject), 0};
    };
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t have = bytes.size();
    std::size_t magic_have = std::min(have, kMagic.size());
    if (bytes.substr(0, magic_have) != kMagic.substr(0, magic_have)) {
        at("layout.magic");
        error = Error::make(ErrorCode::InvalidInput,
                            N_("This file is not a Sanaq census package: it does not begin with the package marker. Make sure it was exported by the tablet's census app."),
                            {}, "bad magic");
        return HeaderState::Broken;
    }
    if (have < kFixedHeaderSize) return HeaderState::NeedMore;
    if (p[5] != kFormatVersion) {
        at("layout.version", std::to_string(p[5]));
        error = Error::make(ErrorCode::InvalidInput,
                            N_("The package uses format version {}, which this version of Sanaq Station cannot read. Update Sanaq Station or export the package again."),
                            {std::to_string(p[5])}, "unsupported version");
        return HeaderState::Broken;
    }
    auto damaged = [&](std::string detail) {
        error = Error::make(ErrorCode::InvalidInput,
                            N_("The package header is damaged. Pull the package again; if it fails again, export it again on the tablet."),
                            {}, std::move(detail));
        return HeaderState::Broken;
    };
    if (p[6] != 0 || p[7] != 0) {
        if (!lenient) {
            at("layout.flags");
            return damaged("flags/reserved bytes are not zero");
        }
        lenient->push_back({Deviation{"layout.flags", spec_section::kByteLayout, {}, 0}, "flags/reserved bytes are not zero"});
    }
    std::uint32_t mlen = get_u32le(p + 8);
    if (mlen == 0 || mlen > kMaxManifestSize) {
        at("layout.manifest_length", std::to_string(mlen));
        return damaged("manifest length out of range");
    }
    std::size_t sig_len_at = kFixedHeaderSize + mlen;
    if (have < sig_len_at + 2) return HeaderState::NeedMore;
    std::uint16_t slen = get_u16le(p + sig_len_at);
    if (slen != kSignatureSize) {
        at("layout.signature_length", std::to_string(slen));
        return damaged("signature length is not 64");
    }
    std::size_t total = sig_len_at + 2 + slen;
    if (have < total) return HeaderState::NeedMore;
    std::vector<ManifestProblem> problems;
    auto manifest = parse_manifest(bytes.substr(kFixedHeaderSize, mlen), out.enc, where, lenient ? &problems : nullptr,
                                   lenient != nullptr);
    if (!manifest) {
        error = manifest.error();
        return HeaderState::Broken;
    }
    if (lenient) lenient->insert(lenient->end(), problems.begin(), problems.end());
    out.manifest = std::move(*manifest);
    out.signed_size = sig_len_at;
    out.total_size = total;
    out.signature.assign(bytes.substr(sig_len_at + 2, slen));
    return HeaderState::Done;
}

}  // namespace sanaq::package::detail

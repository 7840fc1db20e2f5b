#include "core/domain/territories.h"
#include "core/package/package_reader.h"

#include <cstring>
#include <optional>

#include "core/domain/institution.h"
#include "core/package/format.h"
#include "core/domain/secret.h"
#include "crypto/crypto.h"

namespace sanaq::package {

using namespace detail;

namespace {

constexpr std::size_t kFieldCount = 14;   // type letter + 13 fields, H and P alike

bool valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        // Fast path: eight ASCII bytes at a time.
        if (end - p >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            if ((w & 0x8080808080808080ULL) == 0) {
                p += 8;
                continue;
            }
        }
        unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0) n = 1, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) n = 2, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) n = 3, cp = c & 0x07;
        else return false;
        if (end - p <= n) return false;
        for (int i = 1; i <= n; ++i) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += n + 1;
    }
    return true;
}

/// Undoes the four escapes; false on any other backslash sequence.
bool unescape(std::string_view in, std::string& out) {
    const char* bs = static_cast<const char*>(std::memchr(in.data(), '\\', in.size()));
    if (!bs) {
        out.assign(in.data(), in.size());
        return true;
    }
    out.clear();
    std::size_t i = 0;
    while (i < in.size()) {
        std::size_t j = in.find('\\', i);
        if (j == std::string_view::npos) {
            out.append(in.data() + i, in.size() - i);
            break;
        }
        out.append(in.data() + i, j - i);
        if (j + 1 >= in.size()) return false;
        switch (in[j + 1]) {
            case '\\': out += '\\'; break;
            case 't': out += '\t'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            default: return false;
        }
        i = j + 2;
    }
    return true;
}

std::optional<int> parse_revision(std::string_view s) {
    if (s.empty() || s.size() > 9 || s[0] == '0') return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

bool digits_or_empty(std::string_view s, std::size_t n) {
    if (s.empty()) return true;
    if (s.size() != n) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

bool date_or_empty(std::string_view s) {
    if (s.empty()) return true;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

bool json_object_or_empty(std::string_view s) { return s.empty() || (s.front() == '{' && s.back() == '}'); }

}  // namespace

struct PackageReader::State {
    SecretText department_private_pem;  // wiped with the reader
    PackageReader* owner = nullptr;

    enum class Phase { Header, Payload } phase = Phase::Header;
    std::optional<ReadFailure> failure;
    std::optional<Error> stopped;     // a callback's error: returned again on later calls
    std::uint64_t fed = 0;

    std::string front;                // header bytes while incomplete
    ParsedHeader header;
    std::string signed_bytes;         // fixed header + manifest, kept until verify
    std::string manifest_json;        // the manifest as stored
    std::string pending;              // payload bytes fed before verify()
    bool signature_ok = false;        // check_signature() passed
    bool verified = false;            // and the payload key is derived
    bool finished = false;

    // Payload.
    std::uint64_t chunks = 0;         // total sealed chunks per manifest
    std::uint64_t chunk_index = 0;
    std::uint64_t received = 0;       // payload bytes seen (may exceed payload_size)
    SecretText key;  // the payload key, wiped with the reader
    crypto::Sha256 hash;
    std::string sealed;               // partial sealed chunk
    std::string plain;                // decrypted chunk
    bool auth_failed = false;         // a chunk failed authentication: the reason is settled in finish()
    std::uint64_t auth_failed_chunk = 0;
    // Checking (on_deviation set): what was found and reading went on; every chunk that failed.
    std::optional<ReadFailure> first_deviation;
    std::vector<std::pair<std::uint64_t, std::string>> failed_chunks;   // index, sealed bytes
    char line_type = 0;               // 'H' or 'P' once a line shows its type
    bool tag_seen = false;
    bool last_done = false;
    std::string carry;                // an incomplete record line
    std::uint64_t line_no = 0;
    std::int64_t households = 0, persons = 0;
    Household household;
    Person person;
    std::string_view fields[kFieldCount];

    ReaderLeniency leniency;

    bool checking() const { return static_cast<bool>(owner->on_deviation); }
    void report(ReadFailure f) {
        if (!first_deviation) first_deviation = f;
        owner->on_deviation(f);
    }
    Status fail_with(QuarantineReason reason, Error error, Deviation where) {
        failure = ReadFailure{reason, error, std::move(where)};
        return std::unexpected(std::move(error));
    }

    Status current_error() const {
        if (failure) return std::unexpected(failure->error);
        if (stopped) return std::unexpected(*stopped);
        return {};
    }

    std::size_t sealed_size(std::uint64_t index) const {
        const std::uint64_t full = header.enc.chunk_size + kTagSize;
        if (index + 1 < chunks) return full;
        return static_cast<std::size_t>(static_cast<std::uint64_t>(header.manifest.payload_size) - (chunks - 1) * full);
    }

    Status take_front(std::string_view bytes) {
        front.append(bytes);
        Error error;
        Deviation where;
        std::vector<ManifestProblem> lenient;
        auto st = parse_header(front, header, error, &where, checking() ? &lenient : nullptr);
        if (st == HeaderState::NeedMore) return {};
        // Checking: what did not stop the header (flags, members the payload does not need), in order.
        for (auto& problem : lenient)
            report(ReadFailure{QuarantineReason::Malformed,
                               Error::make(ErrorCode::InvalidInput,
                                           N_("The package header is damaged. Pull the package again; if it fails again, export it again on the tablet."),
                                           {}, problem.detail),
                               std::move(problem.where)});
        if (st == HeaderState::Broken) return fail_with(QuarantineReason::Malformed, std::move(error), std::move(where));
        phase = Phase::Payload;
        chunks = *chunk_count(static_cast<std::uint64_t>(header.manifest.payload_size), header.enc.chunk_size);
        signed_bytes = front.substr(0, header.signed_size);
        manifest_json = front.substr(kFixedHeaderSize, header.signed_size - kFixedHeaderSize);
        std::string rest = front.substr(header.total_size);
        std::string().swap(front);
        return take_payload(rest);
    }

    Status take_payload(std::string_view bytes) {
        if (bytes.empty()) return {};
        if (!verified) {
            pending.append(bytes);
            return {};
        }
        hash.update(bytes);
        const auto payload_size = static_cast<std::uint64_t>(header.manifest.payload_size);
        std::uint64_t usable = received >= payload_size ? 0 : std::min<std::uint64_t>(bytes.size(), payload_size - received);
        received += bytes.size();
        bytes = bytes.substr(0, usable);
        while (!bytes.empty() && (!auth_failed || checking())) {
            std::size_t need = sealed_size(chunk_index) - sealed.size();
            if (sealed.empty() && bytes.size() >= need) {
                SANAQ_TRY(open(bytes.substr(0, need)));
                bytes.remove_prefix(need);
                continue;
            }
            std::size_t take = std::min(need, bytes.size());
            sealed.append(bytes.substr(0, take));
            bytes.remove_prefix(take);
            if (sealed.size() == sealed_size(chunk_index)) {
                SANAQ_TRY(open(sealed));
                sealed.clear();
            }
        }
        return {};
    }

    Status open(std::string_view chunk) {
        const bool last = chunk_index + 1 == chunks;
        std::string nonce = chunk_nonce(header.enc.base_nonce, chunk_index);
        std::string aad = chunk_aad(header.manifest.package_uuid, chunk_index, last);
        const std::size_t n = chunk.size() - kTagSize;
        plain.resize(n);
        const bool ok = crypto::aes256gcm_open(key.view(), nonce, chunk.substr(0, n), chunk.substr(n), aad,
                                               reinterpret_cast<unsigned char*>(plain.data()));
        if (!ok) {
            // Damaged ciphertext or a key mismatch: which one is known only once every byte has
            // been compared with the signed digest (finish()). Stop delivering records now.
            if (!auth_failed) auth_failed_chunk = chunk_index;
            auth_failed = true;
            std::string().swap(plain);
            if (!checking()) return {};
            // Checking: every chunk is authenticated on its own, to name each one that fails.
            failed_chunks.emplace_back(chunk_index, std::string(chunk));
        }
        ++chunk_index;
        if (last) last_done = true;
        if (auth_failed) return {};   // records after a chunk that failed cannot be read
        return parse_plain(plain);
    }

    Status parse_plain(std::string_view data) {
        if (!carry.empty()) {
            const char* nl = static_cast<const char*>(std::memchr(data.data(), '\n', data.size()));
            if (!nl) {
                carry.append(data);
                if (carry.size() > kMaxRecordSize) return too_long();
                return {};
            }
            std::size_t n = static_cast<std::size_t>(nl - data.data());
            carry.append(data.substr(0, n));
            if (carry.size() > kMaxRecordSize) return too_long();
            SANAQ_TRY(line(carry));
            carry.clear();
            data.remove_prefix(n + 1);
        }
        while (!data.empty()) {
            const char* nl = static_cast<const char*>(std::memchr(data.data(), '\n', data.size()));
            if (!nl) {
                if (data.size() > kMaxRecordSize) return too_long();
                carry.assign(data);
                return {};
            }
            std::size_t n = static_cast<std::size_t>(nl - data.data());
            if (n > kMaxRecordSize) return too_long();
            SANAQ_TRY(line(data.substr(0, n)));
            data.remove_prefix(n + 1);
        }
        return {};
    }

    Status too_long() { return broken_record("record longer than the format allows", "records.too_long"); }

    /// `check`/`subject`: the rule of the spec broken (Deviation); a field name for records.field.
    ReadFailure record_failure(std::string detail, const char* check, std::string subject = {}) const {
        return ReadFailure{QuarantineReason::Malformed,
                           Error::make(ErrorCode::InvalidInput,
                                       N_("Record {} of the package is not valid. The tablet's census app wrote a broken package: export it again on the tablet and pull it again."),
                                       {std::to_string(line_no)}, std::move(detail)),
                           Deviation{check, spec_section::kPlaintext, std::move(subject), line_no}};
    }
    Status broken_record(std::string detail, const char* check = "records.field", std::string subject = {}) {
        auto f = record_failure(std::move(detail), check, std::move(subject));
        // Checking: a broken line is reported and the next one read; it still counts for its type.
        const std::string_view c = check;
        if (checking() && c != "records.tag" && c != "records.too_long") {
            if (line_type == 'H') ++households;
            if (line_type == 'P') ++persons;
            report(std::move(f));
            return {};
        }
        return fail_with(f.reason, f.error, f.where);
    }
    /// Whether a sealed chunk opens at `index` with the last-chunk flag `last` (a diagnosis).
    bool opens_as(std::string_view chunk, std::uint64_t index, bool last) {
        const std::string nonce = chunk_nonce(header.enc.base_nonce, index);
        const std::string aad = chunk_aad(header.manifest.package_uuid, index, last);
        const std::size_t n = chunk.size() - kTagSize;
        std::string out(n, '\0');
        return crypto::aes256gcm_open(key.view(), nonce, chunk.substr(0, n), chunk.substr(n), aad,
                                      reinterpret_cast<unsigned char*>(out.data()));
    }
    /// What is wrong with a chunk that fails: the last-chunk flag, or its place among the chunks.
    std::string diagnose_chunk(std::uint64_t index, std::string_view chunk) {
        const bool last = index + 1 == chunks;
        if (opens_as(chunk, index, !last))
            return "chunk " + std::to_string(index) + " opens with the last-chunk flag " + (last ? "00" : "01") +
                   " in its AAD; it must be " + (last ? "01" : "00");
        for (std::uint64_t j : {index - 1, index + 1})
            if (j < chunks && opens_as(chunk, j, j + 1 == chunks))
                return "chunk " + std::to_string(index) + " opens as chunk " + std::to_string(j) + ": the chunks are out of order";
        return "chunk " + std::to_string(index) + " opens at no nearby position: check the key derivation, the nonce and the AAD";
    }
    /// A record UUID in either case, kept lower-case (Android and iOS print UUIDs in different
    /// cases; the spec is liberal there). False when it is not a UUID at all.
    bool take_uuid(std::string_view text, std::string& out) {
        if (!is_record_uuid(text)) return false;
        out.assign(text);
        bool upper = false;
        for (char& c : out)
            if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a'), upper = true;
        if (upper && leniency.upper_case_uuids++ == 0) {
            leniency.first_upper_case_record = line_no;
            leniency.first_upper_case_uuid.assign(text);
        }
        return true;
    }

    Status line(std::string_view text) {
        ++line_no;
        line_type = text.size() >= 2 && text[1] == '\t' && (text[0] == 'H' || text[0] == 'P') ? text[0] : 0;
        if (line_no == 1) {
            if (text != kRecordsTag) return broken_record("the payload does not start with the records tag", "records.tag");
            return {};
        }
        if (!valid_utf8(text)) return broken_record("not UTF-8", "records.utf8");
        if (text.size() < 2 || text[1] != '\t' || (text[0] != 'H' && text[0] != 'P'))
            return broken_record("unknown record type", "records.type");
        std::size_t count = 0;
        std::size_t start = 0;
        while (true) {
            const char* tab = static_cast<const char*>(std::memchr(text.data() + start, '\t', text.size() - start));
            std::size_t end = tab ? static_cast<std::size_t>(tab - text.data()) : text.size();
            if (count == kFieldCount) return broken_record("too many fields", "records.field_count");
            fields[count++] = text.substr(start, end - start);
            if (!tab) break;
            start = end + 1;
        }
        if (count != kFieldCount) return broken_record("too few fields", "records.field_count");
        return text[0] == 'H' ? household_line() : person_line();
    }

    bool text_field(std::size_t i, std::string& out) { return unescape(fields[i], out); }

    Status household_line() {
        Household& h = household;
        if (!take_uuid(fields[1], h.uuid)) return broken_record("household uuid", "records.field", "H.uuid");
        auto rev = parse_revision(fields[2]);
        if (!rev) return broken_record("household revision", "records.field", "H.revision");
        h.revision = *rev;
        auto place = parse_household_place(fields[3]);
        if (!place) return broken_record("household place code", "records.field", "H.place");
        h.place = *place;
        if (!digits_or_empty(fields[4], 9)) return broken_record("KATO code", "records.field", "H.kato");
        h.kato.assign(fields[4]);
        if (!text_field(5, h.kato_version) || !text_field(6, h.street) || !text_field(7, h.house) ||
            !text_field(8, h.flat))
            return broken_record("bad escape", "records.escape");
        // An edition that is not one would make every grouping by territory guess: the
        // package is malformed (README.md, kato_version), never stored with it.
        if (!h.kato_version.empty() && !is_kato_edition(h.kato_version))
            return broken_record("KATO version", "records.field", "H.kato_version");
        if (!digits_or_empty(fields[9], 12)) return broken_record("institution BIN", "records.field", "H.institution_bin");
        h.institution_bin.assign(fields[9]);
        if (!fields[10].empty() && !parse_institution_type(fields[10]))
            return broken_record("institution type code", "records.field", "H.institution_type");
        h.institution_type.assign(fields[10]);
        if (!text_field(11, h.hotel_name) || !text_field(12, h.household_number) || !text_field(13, h.answers_json))
            return broken_record("bad escape", "records.escape");
        if (!json_object_or_empty(h.answers_json))
            return broken_record("answers are not a JSON object", "records.field", "H.answers");
        ++households;
        if (owner->on_household) {
            if (auto st = owner->on_household(h); !st) {
                stopped = st.error();
                return st;
            }
        }
        return {};
    }

    Status person_line() {
        Person& p = person;
        if (!take_uuid(fields[1], p.uuid)) return broken_record("person uuid", "records.field", "P.uuid");
        auto rev = parse_revision(fields[2]);
        if (!rev) return broken_record("person revision", "records.field", "P.revision");
        p.revision = *rev;
        if (!take_uuid(fields[3], p.household_uuid))
            return broken_record("household uuid of a person", "records.field", "P.household_uuid");
        if (!text_field(4, p.iin) || !text_field(5, p.surname) || !text_field(6, p.name) ||
            !text_field(7, p.patronymic))
            return broken_record("bad escape", "records.escape");
        auto sex = parse_sex(fields[8]);
        if (!sex) return broken_record("sex code", "records.field", "P.sex");
        p.sex = *sex;
        if (!date_or_empty(fields[9])) return broken_record("birth date", "records.field", "P.birth_date");
        p.birth_date.assign(fields[9]);
        if (!text_field(10, p.relationship)) return broken_record("bad escape", "records.escape");
        auto residence = parse_residence(fields[11]);
        if (!residence) return broken_record("residence code", "records.field", "P.residence");
        p.residence = *residence;
        auto source = parse_record_source(fields[12]);
        if (!source) return broken_record("source code", "records.field", "P.source");
        p.source = *source;
        if (!text_field(13, p.answers_json)) return broken_record("bad escape", "records.escape");
        if (!json_object_or_empty(p.answers_json))
            return broken_record("answers are not a JSON object", "records.field", "P.answers");
        ++persons;
        if (owner->on_person) {
            if (auto st = owner->on_person(p); !st) {
                stopped = st.error();
                return st;
            }
        }
        return {};
    }
};

PackageReader::PackageReader(std::string_view department_encryption_private_pem) : state_(std::make_unique<State>()) {
    state_->department_private_pem = SecretText(department_encryption_private_pem);
    state_->owner = this;
}

PackageReader::~PackageReader() = default;

Status PackageReader::feed(std::string_view bytes) {
    auto& s = *state_;
    SANAQ_TRY(s.current_error());
    s.fed += bytes.size();
    if (s.phase == State::Phase::Header) return s.take_front(bytes);
    return s.take_payload(bytes);
}

bool PackageReader::header_ready() const { return state_->phase == State::Phase::Payload; }
const PackageManifest& PackageReader::manifest() const { return state_->header.manifest; }
bool PackageReader::verified() const { return state_->verified; }
const ReadFailure* PackageReader::failure() const { return state_->failure ? &*state_->failure : nullptr; }
std::uint64_t PackageReader::bytes_fed() const { return state_->fed; }
const ReaderLeniency& PackageReader::leniency() const { return state_->leniency; }
std::uint64_t PackageReader::record_line() const { return state_->line_no; }
const std::string& PackageReader::manifest_text() const { return state_->manifest_json; }
std::size_t PackageReader::chunk_size() const { return state_->header.enc.chunk_size; }

Status PackageReader::check_signature(std::string_view device_signing_public_pem) {
    auto& s = *state_;
    SANAQ_TRY(s.current_error());
    if (!header_ready())
        return fail(ErrorCode::Unexpected, N_("The package header has not been read yet."));
    if (s.signature_ok) return {};
    auto device_key = crypto::KeyHandle::from_public_pem(crypto::KeyType::Ed25519, device_signing_public_pem);
    if (!device_key)
        return fail(ErrorCode::InvalidInput, N_("The enrolled device key is not an Ed25519 public key in PEM form. Enrol the tablet's key again."));
    const auto& m = s.header.manifest;
    std::string fingerprint = crypto::sha256_hex(device_key.public_raw());
    if (fingerprint != m.device_id)
        return s.fail_with(QuarantineReason::BadSignature,
                           Error::make(ErrorCode::InvalidInput,
                                       N_("The package names device {} as its signer, but the key it was checked with belongs to device {}. Check which key is enrolled for kit {}."),
                                       {m.device_id.substr(0, 16), fingerprint.substr(0, 16), m.kit_number}),
                           Deviation{"signature.device_id", spec_section::kReading, fingerprint, 0});
    if (!crypto::ed25519_verify(device_key, s.signed_bytes, s.header.signature))
        return s.fail_with(QuarantineReason::BadSignature,
                           Error::make(ErrorCode::InvalidInput,
                                       N_("The signature of package {} from kit {} does not verify: the package was altered or damaged. Pull it again; if it fails again, keep it in quarantine and check the tablet."),
                                       {m.package_uuid, m.kit_number}),
                           Deviation{"signature.invalid", spec_section::kByteLayout, "signature", 0});
    s.signature_ok = true;
    return {};
}

Status PackageReader::verify(std::string_view device_signing_public_pem) {
    auto& s = *state_;
    SANAQ_TRY(s.current_error());
    if (s.verified) return {};
    SANAQ_TRY(check_signature(device_signing_public_pem));
    const auto& m = s.header.manifest;

    auto own = crypto::KeyHandle::from_private_pem(crypto::KeyType::X25519, s.department_private_pem);
    if (!own)
        return fail(ErrorCode::InvalidInput, N_("The department decryption key is not an X25519 private key. Check the workspace keys."));
    std::string own_public = own.public_raw();
    std::string own_fingerprint = crypto::sha256_hex(own_public);
    if (own_fingerprint != s.header.enc.recipient_key)
        return s.fail_with(QuarantineReason::Undecryptable,
                           Error::make(ErrorCode::InvalidInput,
                                       N_("Package {} was encrypted for another department key ({}), not this workstation's ({}). Install this department's key file on the tablet, export again, and pull again."),
                                       {m.package_uuid, s.header.enc.recipient_key.substr(0, 16), own_fingerprint.substr(0, 16)}),
                           Deviation{"encryption.recipient", spec_section::kEncryption, own_fingerprint, 0});
    auto ephemeral = crypto::KeyHandle::from_public_raw(crypto::KeyType::X25519, s.header.enc.ephemeral_public);
    std::optional<crypto::SecretBytes> shared;
    std::optional<std::string> key;
    if (ephemeral) shared = crypto::x25519_derive(own, ephemeral);
    if (shared) key = derive_payload_key(shared->view(), s.header.enc.ephemeral_public, own_public, m.package_uuid);
    if (!key)
        return s.fail_with(QuarantineReason::Undecryptable,
                           Error::make(ErrorCode::InvalidInput,
                                       N_("Package {} cannot be decrypted: its encryption parameters are invalid. Export it again on the tablet."),
                                       {m.package_uuid}),
                           Deviation{"encryption.key_derivation", spec_section::kEncryption, "encryption.ephemeral_public_key", 0});
    s.key = std::move(*key);
    s.verified = true;
    std::string().swap(s.signed_bytes);
    std::string pending;
    pending.swap(s.pending);
    return s.take_payload(pending);
}

Status PackageReader::finish() {
    auto& s = *state_;
    SANAQ_TRY(s.current_error());
    if (!header_ready())
        return s.fail_with(QuarantineReason::Malformed,
                           Error::make(ErrorCode::InvalidInput,
                                       N_("The package ends before its header is complete: it did not arrive whole. Pull it again."),
                                       {}, "truncated header"),
                           Deviation{"layout.truncated", spec_section::kByteLayout, {}, 0});
    if (!s.verified) return fail(ErrorCode::Unexpected, N_("The package was not verified before it was finished."));
    if (s.finished) return {};
    const auto& m = s.header.manifest;
    const auto expected = static_cast<std::uint64_t>(m.payload_size);
    if (s.received != expected || s.hash.final_hex() != m.payload_sha256)
        return s.fail_with(QuarantineReason::DigestMismatch,
                           Error::make(ErrorCode::InvalidInput,
                                       N_("The data of package {} do not match its signed digest (bytes arrived: {} of {}): the package was altered or did not arrive whole. Pull it again."),
                                       {m.package_uuid, std::to_string(s.received), std::to_string(expected)}),
                           Deviation{"payload.digest", spec_section::kReading, s.received != expected ? "payload_size" : "payload_sha256", 0});
    if (s.auth_failed) {
        // Checking: each chunk that fails is its own finding, with what seems to be wrong with it.
        for (const auto& [index, chunk] : s.failed_chunks)
            s.report(ReadFailure{QuarantineReason::Undecryptable,
                                 Error::make(ErrorCode::InvalidInput,
                                             N_("Package {} cannot be decrypted with this department's key although its signature is valid. Check the department key file installed on the tablet, export again, and pull again."),
                                             {m.package_uuid}, s.diagnose_chunk(index, chunk)),
                                 Deviation{"encryption.authentication", spec_section::kEncryption, std::to_string(index), 0}});
        return s.fail_with(QuarantineReason::Undecryptable,
                           Error::make(ErrorCode::InvalidInput,
                                       N_("Package {} cannot be decrypted with this department's key although its signature is valid. Check the department key file installed on the tablet, export again, and pull again."),
                                       {m.package_uuid}, "chunk " + std::to_string(s.auth_failed_chunk)),
                           Deviation{"encryption.authentication", spec_section::kEncryption, std::to_string(s.auth_failed_chunk), 0});
    }
    // The end of the records: each rule on its own (checking reports every one, a pull stops at the first).
    auto end_rule = [&](ReadFailure f) -> Status {
        if (!s.checking()) return s.fail_with(f.reason, f.error, f.where);
        s.report(std::move(f));
        return {};
    };
    if (!s.last_done)
        SANAQ_TRY(end_rule(s.record_failure("payload ends without its last chunk", "records.last_chunk")));
    if (!s.carry.empty())
        SANAQ_TRY(end_rule(s.record_failure("the last record has no line end", "records.final_lf")));
    if (s.line_no == 0)
        SANAQ_TRY(end_rule(s.record_failure("empty payload", "records.tag")));
    // (Counts the manifest does not give, a finding of their own, are not compared.)
    if (m.households >= 0 && m.persons >= 0 && (s.households != m.households || s.persons != m.persons))
        if (auto st = end_rule(ReadFailure{QuarantineReason::Malformed,
                                           Error::make(ErrorCode::InvalidInput,
                                                       N_("Package {} says it holds households: {}, persons: {}; it contains households: {}, persons: {}. The tablet's census app wrote a broken package: export it again."),

                                                       {m.package_uuid, std::to_string(m.households), std::to_string(m.persons),
                                                        std::to_string(s.households), std::to_string(s.persons)}),
                                           Deviation{"records.counts", spec_section::kManifest,
                                                     s.households != m.households ? "households" : "persons", 0}});
            !st)
            return st;
    if (s.first_deviation) return s.fail_with(s.first_deviation->reason, s.first_deviation->error, s.first_deviation->where);
    s.finished = true;
    return {};
}

Result<PackageManifest> peek_manifest(std::string_view package_bytes) {
    ParsedHeader header;
    Error error;
    switch (parse_header(package_bytes, header, error)) {
        case HeaderState::Done: return header.manifest;
        case HeaderState::Broken: return std::unexpected(error);
        case HeaderState::NeedMore: break;
    }
    return fail(ErrorCode::InvalidInput,
                N_("The package ends before its header is complete: it did not arrive whole. Pull it again."), {},
                "truncated header");
}

}  // namespace sanaq::package

#include "core/package/conformance.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/package/format.h"
#include "core/package/keys.h"
#include "crypto/crypto.h"
#include "core/package/package_reader.h"

namespace sanaq::package {

using namespace detail;

namespace {

constexpr const char* kSizeBudget = "Size budget";

/// What each rule of the spec says when it is broken; {} are filled from the finding.
const char* explanation(std::string_view check) {
    static const std::map<std::string_view, const char*> texts = {
        {"layout.magic", N_("The file does not begin with the five bytes SQPKG (53 51 50 4B 47).")},
        {"layout.version", N_("Header byte 5, the format version, is {}; only 1 is defined.")},
        {"layout.flags", N_("Header bytes 6 (flags) and 7 (reserved) must both be 00.")},
        {"layout.manifest_length", N_("The manifest length in bytes 8 to 11 is {}; it must be 1 to 65536.")},
        {"layout.signature_length", N_("The signature length after the manifest is {}; it must be 64.")},
        {"layout.truncated", N_("The file ends before its header, manifest and signature are complete.")},
        {"manifest.json", N_("The manifest is not a JSON object in UTF-8.")},
        {"manifest.member", N_("The manifest member {} is missing or does not have the JSON type the spec gives it.")},
        {"manifest.value", N_("The manifest member {} has a value the spec does not allow.")},
        {"signature.device_id", N_("The manifest's device_id is not the fingerprint of the device key given ({}).")},
        {"signature.invalid", N_("The Ed25519 signature does not verify over the header and the manifest with the device key given.")},
        {"encryption.recipient", N_("encryption.recipient_key is not the fingerprint of the department key given ({}).")},
        {"encryption.key_derivation", N_("The key derivation fails: the ephemeral public key gives an all-zero X25519 result.")},
        {"encryption.authentication", N_("Chunk {} fails AES-256-GCM authentication although the payload matches its digest: check the key derivation, the nonces, the AAD and the chunk sizes.")},
        {"records.tag", N_("The plaintext does not begin with the line SANAQ-RECORDS, TAB, 1.")},
        {"records.utf8", N_("Line {} of the plaintext is not valid UTF-8.")},
        {"records.type", N_("Line {} does not begin with the record type H or P followed by a TAB.")},
        {"records.field_count", N_("Line {} does not have exactly 14 TAB-separated fields.")},
        {"records.escape", N_("Line {} has a backslash escape other than the four the spec allows.")},
        {"records.field", N_("Line {}: the field {} does not have a value the spec allows.")},
        {"records.too_long", N_("Line {} is longer than 4 MiB.")},
        {"records.last_chunk", N_("The payload ends without its last chunk.")},
        {"records.final_lf", N_("The last record does not end with LF.")},
    };
    auto it = texts.find(check);
    return it == texts.end() ? N_("The file does not follow the spec here.") : it->second;
}

Finding refusal_from(const ReadFailure& f) {
    Finding out;
    out.check = f.where.check.empty() ? "unknown" : f.where.check;
    out.section = f.where.section.empty() ? spec_section::kReading : f.where.section;
    out.severity = FindingSeverity::Refusal;
    out.reason = f.reason;
    out.subject = f.where.subject;
    out.line = f.where.record;
    out.detail = f.error.detail;
    std::vector<std::string> args;
    const auto& c = out.check;
    if (c == "records.field") args = {std::to_string(out.line), out.subject};
    else if (c.starts_with("records.") && c != "records.tag" && c != "records.last_chunk" && c != "records.final_lf")
        args = {std::to_string(out.line)};
    else if (c == "layout.version" || c == "layout.manifest_length" || c == "layout.signature_length" ||
             c == "manifest.member" || c == "manifest.value" || c == "signature.device_id" ||
             c == "encryption.recipient" || c == "encryption.authentication")
        args = {out.subject};
    out.message = Error::make(ErrorCode::InvalidInput, explanation(c), std::move(args));
    return out;
}

/// A refusal as found, the counts with their figures.
Finding finding_from(const ReadFailure& f, const PackageManifest& m) {
    auto out = refusal_from(f);
    if (f.where.check == "records.counts")
        out.message = Error::make(ErrorCode::InvalidInput, N_("The manifest gives households: {}, persons: {}; the payload holds households: {}, persons: {}."),
                                  {std::to_string(m.households), std::to_string(m.persons),
                                   f.error.args.size() > 4 ? f.error.args[3] : "?", f.error.args.size() > 4 ? f.error.args[4] : "?"});
    return out;
}

bool same_place(const ReadFailure& a, const ReadFailure& b) {
    return a.where.check == b.where.check && a.where.subject == b.where.subject && a.where.record == b.where.record;
}

Finding note(std::string check, std::string section, FindingSeverity severity, Error message,
             std::string subject = {}) {
    Finding f;
    f.check = std::move(check);
    f.section = std::move(section);
    f.severity = severity;
    f.subject = std::move(subject);
    f.message = std::move(message);
    return f;
}

/// Many records with the same finding are one finding: the count and the first line.
struct Tally {
    std::uint64_t count = 0, first_line = 0;
    void add(std::uint64_t line) {
        if (count++ == 0) first_line = line;
    }
};

}  // namespace

const char* finding_severity_code(FindingSeverity severity) {
    switch (severity) {
        case FindingSeverity::Refusal: return "refusal";
        case FindingSeverity::Deviation: return "deviation";
        case FindingSeverity::Warning: return "warning";
        case FindingSeverity::Note: return "note";
    }
    return "";
}

bool PackageCheck::conforms() const {
    for (const auto& f : findings)
        if (f.severity == FindingSeverity::Refusal || f.severity == FindingSeverity::Deviation) return false;
    return true;
}

std::optional<QuarantineReason> PackageCheck::refusal() const {
    for (const auto& f : findings)
        if (f.severity == FindingSeverity::Refusal) return f.reason;
    return std::nullopt;
}

PackageCheck check_package(std::string_view bytes, const CheckKeys& keys) {
    PackageCheck out;
    // Every deviation is its own finding: the reader goes on past those that leave the rest
    // readable (a manifest member the payload does not need, a broken record line, a chunk that
    // fails) and reports each; reading stops only where nothing further can be read.
    std::vector<ReadFailure> found, listed;   // reported by the reader; already findings
    PackageManifest seen;   // the manifest once read, for the counts' message
    auto flush = [&] {
        for (auto& f : found) {
            out.findings.push_back(finding_from(f, seen));
            listed.push_back(std::move(f));
        }
        found.clear();
    };
    // The failure the reader stops with is often one it reported already (the first of them).
    auto refuse = [&](const ReadFailure& f) {
        flush();
        if (std::none_of(listed.begin(), listed.end(), [&](const ReadFailure& r) { return same_place(r, f); })) {
            out.findings.push_back(finding_from(f, seen));
            listed.push_back(f);
        }
    };

    if (bytes.size() > kMaxPackageSize) {
        auto f = note("size.too_large", kSizeBudget, FindingSeverity::Refusal,
                      Error::make_n(ErrorCode::InvalidInput,
                                    N_n("The file is {} byte, over the budget of 64 MiB for one package.",
                                        "The file is {} bytes, over the budget of 64 MiB for one package."),
                                    static_cast<long>(bytes.size()), {std::to_string(bytes.size())}));
        f.reason = QuarantineReason::TooLarge;
        out.findings.push_back(std::move(f));
        return out;
    }

    PackageReader reader(keys.department_private_pem);
    reader.on_deviation = [&](const ReadFailure& f) { found.push_back(f); };
    // Records: what the workstation accepts but warns about, and the order of households.
    std::set<std::string> households_seen;
    std::map<std::string, std::uint64_t> waiting;   // household uuid -> first line of a person before it
    Tally out_of_order, elsewhere, empty_iin, invalid_iin, impossible_date;
    reader.on_household = [&](const Household& h) -> Status {
        households_seen.insert(h.uuid);
        if (auto it = waiting.find(h.uuid); it != waiting.end()) {
            out_of_order.add(it->second);
            waiting.erase(it);
        }
        return {};
    };
    reader.on_person = [&](const Person& p) -> Status {
        const auto line = reader.record_line();
        if (!households_seen.contains(p.household_uuid)) waiting.emplace(p.household_uuid, line);
        for (auto w : person_warnings(p.iin, p.birth_date)) {
            if (w == PersonWarning::EmptyIin) empty_iin.add(line);
            if (w == PersonWarning::InvalidIin) invalid_iin.add(line);
            if (w == PersonWarning::ImpossibleBirthDate) impossible_date.add(line);
        }
        return {};
    };

    // The header: feed up to the payload (all of it is in memory; the reader holds back the rest).
    (void)reader.feed(bytes);
    if (!reader.header_ready()) {
        const auto* f = reader.failure();
        if (f && (f->where.check == "manifest.member" || f->where.check == "manifest.value")) {
            // Every member that is wrong, not only the first: a tablet team fixes them in one go.
            const auto mlen = get_u32le(reinterpret_cast<const unsigned char*>(bytes.data()) + 8);
            EncryptionParams enc;
            std::vector<ManifestProblem> all;
            (void)parse_manifest(bytes.substr(kFixedHeaderSize, mlen), enc, nullptr, &all);
            for (auto& problem : all) {
                ReadFailure each{QuarantineReason::Malformed, f->error, problem.where};
                each.error.detail = problem.detail;
                refuse(each);
            }
            if (!all.empty()) return out;
        }
        if (f) refuse(*f);
        else if (auto ok = reader.finish(); !ok && reader.failure()) refuse(*reader.failure());
        return out;
    }
    const PackageManifest m = reader.manifest();
    out.manifest = m;
    seen = m;
    flush();   // the flags and the manifest members that did not stop the reading

    // Manifest: canonical form and the writer's choices (accepted either way).
    const std::string& text = reader.manifest_text();
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_discarded() && parsed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) != text)
        out.findings.push_back(note("manifest.canonical", spec_section::kManifest, FindingSeverity::Deviation,
                                    Error::make(ErrorCode::InvalidInput,
                                                N_("The manifest is not in canonical form (members sorted, no whitespace, only the required escapes, lower-case hex in \\u00XX); it is accepted, but writers must produce the canonical form."))));
    if (reader.chunk_size() != kDefaultChunkSize)
        out.findings.push_back(note("manifest.chunk_size", spec_section::kEncryption, FindingSeverity::Note,
                                    Error::make(ErrorCode::InvalidInput,
                                                N_("encryption.chunk_size is {}; it is within the bounds readers accept, but writers use 1048576."),
                                                {std::to_string(reader.chunk_size())}),
                                    "encryption.chunk_size"));
    if (m.package_uuid.size() == 36 && m.package_uuid[14] != '4')
        out.findings.push_back(note("manifest.package_uuid_version", spec_section::kManifest, FindingSeverity::Note,
                                    Error::make(ErrorCode::InvalidInput,
                                                N_("package_uuid is not a version-4 (random) UUID; it is accepted, but writers use random UUIDs.")),
                                    "package_uuid"));

    // The payload digest needs no key: the check says so even without the department's key.
    std::string_view payload = bytes.substr(std::min(bytes.size(), kFixedHeaderSize + text.size() + 2 + kSignatureSize));
    const std::string digest = crypto::sha256_hex(payload);
    const bool digest_ok = payload.size() == static_cast<std::uint64_t>(m.payload_size) && digest == m.payload_sha256;

    // The signature: with the device key only.
    const bool device_key = !keys.device_public_pem.empty();
    if (!device_key) {
        out.findings.push_back(note("signature.not_checked", spec_section::kByteLayout, FindingSeverity::Note,
                                    Error::make(ErrorCode::InvalidInput,
                                                N_("The signature and the records were not checked: give the tablet's Ed25519 public key with --device-key."))));
    } else if (auto ok = reader.check_signature(keys.device_public_pem); !ok) {
        if (const auto* f = reader.failure()) refuse(*f);
        else out.findings.push_back(note("keys.device", spec_section::kKeys, FindingSeverity::Note, ok.error()));
        return out;
    }

    // The recipient: the department's private key (or its public key, or public file) names it.
    std::optional<std::string> department;
    if (!keys.department_private_pem.empty()) {
        if (auto own = crypto::KeyHandle::from_private_pem(crypto::KeyType::X25519, keys.department_private_pem))
            department = crypto::sha256_hex(own.public_raw());
    } else if (!keys.department_public_pem.empty()) {
        auto file = parse_department_public_file(keys.department_public_pem);
        auto fp = encryption_key_fingerprint(file ? file->encryption_public_pem : keys.department_public_pem);
        if (fp) department = *fp;
    }
    if (!keys.department_private_pem.empty() || !keys.department_public_pem.empty()) {
        if (!department) {
            out.findings.push_back(note("keys.department", spec_section::kKeys, FindingSeverity::Note,
                                        Error::make(ErrorCode::InvalidInput,
                                                    N_("The department key given is not an X25519 key in PEM form; the recipient and the records were not checked."))));
        } else {
            const auto& enc = parsed["encryption"];
            if (enc.value("recipient_key", std::string()) != *department) {
                refuse(ReadFailure{QuarantineReason::Undecryptable, {},
                                   Deviation{"encryption.recipient", spec_section::kEncryption, *department, 0}});
                return out;
            }
        }
    }
    if (!digest_ok) {
        auto f = note("payload.digest", spec_section::kReading, FindingSeverity::Refusal,
                      Error::make(ErrorCode::InvalidInput,
                                  N_("The payload does not match the manifest: size in bytes {}, SHA-256 {}; the manifest says size in bytes {}, SHA-256 {}."),

                                  {std::to_string(payload.size()), digest, std::to_string(m.payload_size), m.payload_sha256}),
                      payload.size() != static_cast<std::uint64_t>(m.payload_size) ? "payload_size" : "payload_sha256");
        f.reason = QuarantineReason::DigestMismatch;
        out.findings.push_back(std::move(f));
        return out;
    }
    if (keys.department_private_pem.empty() || !department || !device_key) {
        if (keys.department_private_pem.empty())
            out.findings.push_back(note("encryption.not_checked", spec_section::kEncryption, FindingSeverity::Note,
                                        Error::make(ErrorCode::InvalidInput,
                                                    N_("The payload was not decrypted: give the department's X25519 private key with --department-key."))));
        return out;
    }
    if (auto ok = reader.verify(keys.device_public_pem); !ok) {
        if (const auto* f = reader.failure()) refuse(*f);
        else out.findings.push_back(note("keys.department", spec_section::kKeys, FindingSeverity::Note, ok.error()));
        return out;
    }
    if (auto ok = reader.finish(); !ok) {
        if (const auto* f = reader.failure()) refuse(*f);
        else flush();
        return out;
    }
    out.payload_read = true;
    out.households = m.households;
    out.persons = m.persons;

    const auto& len = reader.leniency();
    if (len.upper_case_uuids) {
        auto f = note("records.upper_case_uuid", spec_section::kPlaintext, FindingSeverity::Deviation,
                      Error::make(ErrorCode::InvalidInput,
                                  N_("Record UUIDs in upper case: {} (the first on line {}, {}). They are accepted and stored in lower case, but writers must write lower case."),
                                  {std::to_string(len.upper_case_uuids), std::to_string(len.first_upper_case_record),
                                   len.first_upper_case_uuid}));
        f.count = len.upper_case_uuids;
        f.line = len.first_upper_case_record;
        out.findings.push_back(std::move(f));
    }
    for (const auto& [h, line] : waiting) elsewhere.add(line);
    auto tally = [&](const Tally& t, const char* check, FindingSeverity severity, const char* msgid) {
        if (!t.count) return;
        auto f = note(check, spec_section::kPlaintext, severity,
                      Error::make(ErrorCode::InvalidInput, msgid, {std::to_string(t.count), std::to_string(t.first_line)}));
        f.count = t.count;
        f.line = t.first_line;
        out.findings.push_back(std::move(f));
    };
    tally(out_of_order, "records.order", FindingSeverity::Deviation,
          N_("Persons before their household in the same package: {} (the first on line {}). They are accepted, but households must come before their persons."));
    tally(elsewhere, "records.household_elsewhere", FindingSeverity::Note,
          N_("Persons whose household is not in this package: {} (the first on line {}). They are accepted, as for a household sent in an earlier package."));
    tally(empty_iin, "records.empty_iin", FindingSeverity::Warning,
          N_("Persons without an IIN: {} (the first on line {}). They are stored, each with a warning."));
    tally(invalid_iin, "records.invalid_iin", FindingSeverity::Warning,
          N_("Persons whose IIN is not 12 digits with a valid check digit: {} (the first on line {}). They are stored as entered, each with a warning."));
    tally(impossible_date, "records.impossible_birth_date", FindingSeverity::Warning,
          N_("Persons whose birth date is no calendar day: {} (the first on line {}). They are stored as written, each with a warning."));
    return out;
}

}  // namespace sanaq::package

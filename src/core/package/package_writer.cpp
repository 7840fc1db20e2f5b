#include "core/package/package_writer.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>

#include "core/io/atomic_file.h"
#include "core/package/format.h"
#include "core/domain/secret.h"
#include "crypto/crypto.h"

namespace sanaq::package {

using namespace detail;

namespace {

// Ciphertext beyond this size goes to an unlinked temporary file instead of memory.
constexpr std::size_t kSpillThreshold = 32 << 20;

std::string random_bytes(std::size_t n) {
    auto out = crypto::random_string(n);
    if (!out) throw std::runtime_error("RAND_bytes failed");
    return std::move(*out);
}

std::string random_uuid() {
    std::string r = random_bytes(16);
    r[6] = static_cast<char>((r[6] & 0x0f) | 0x40);
    r[8] = static_cast<char>((r[8] & 0x3f) | 0x80);
    std::string hex = crypto::to_hex(r);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20);
}

std::string utc_now() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

struct FileClose {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

struct PackageWriter::State {
    PackageManifest manifest;
    EncryptionParams enc;
    std::optional<Error> broken;      // set at construction when a key is unusable
    bool finished = false;
    SecretText key;                   // AES-256 key, wiped with the writer
    crypto::KeyHandle device_key;
    std::string plain;                // plaintext not yet sealed (< chunk_size + one record)
    std::uint64_t chunk_index = 0;
    std::string cipher;               // sealed chunks while small
    std::unique_ptr<std::FILE, FileClose> spill;
    crypto::Sha256 hash;
    std::int64_t payload_size = 0;
    std::string sealed;               // scratch for one sealed chunk

    Status seal(std::string_view data, bool last) {
        std::string nonce = chunk_nonce(enc.base_nonce, chunk_index);
        std::string aad = chunk_aad(manifest.package_uuid, chunk_index, last);
        sealed.resize(data.size() + kTagSize);
        auto* out = reinterpret_cast<unsigned char*>(sealed.data());
        const bool ok = crypto::aes256gcm_seal(key.view(), nonce, data, aad, out, out + data.size());
        if (!ok) return fail(ErrorCode::Unexpected, N_("Could not encrypt the package."));
        ++chunk_index;
        hash.update(sealed);
        payload_size += static_cast<std::int64_t>(sealed.size());
        if (!spill && cipher.size() + sealed.size() > kSpillThreshold) {
            spill.reset(std::tmpfile());
            if (!spill) return fail(ErrorCode::Io, N_("Could not create a temporary file for the package."), {}, std::strerror(errno));
            if (std::fwrite(cipher.data(), 1, cipher.size(), spill.get()) != cipher.size())
                return fail(ErrorCode::Io, N_("Could not create a temporary file for the package."), {}, std::strerror(errno));
            std::string().swap(cipher);
        }
        if (spill) {
            if (std::fwrite(sealed.data(), 1, sealed.size(), spill.get()) != sealed.size())
                return fail(ErrorCode::Io, N_("Could not create a temporary file for the package."), {}, std::strerror(errno));
        } else {
            cipher += sealed;
        }
        return {};
    }

    Status after_add() {
        std::size_t off = 0;
        while (plain.size() - off > enc.chunk_size) {
            SANAQ_TRY(seal(std::string_view(plain).substr(off, enc.chunk_size), false));
            off += enc.chunk_size;
        }
        if (off) plain.erase(0, off);
        return {};
    }

    Status ready() const {
        if (broken) return std::unexpected(*broken);
        if (finished) return fail(ErrorCode::Unexpected, N_("The package was already finished."));
        return {};
    }

    /// Seals the rest and returns the signed front (header, manifest, signature).
    Result<std::string> seal_and_sign() {
        SANAQ_TRY(ready());
        SANAQ_TRY(seal(plain, true));
        std::string().swap(plain);
        finished = true;
        manifest.payload_size = payload_size;
        manifest.payload_sha256 = hash.final_hex();
        std::string json = manifest_json(manifest, enc);
        std::string front(kMagic);
        front += static_cast<char>(kFormatVersion);
        front += '\0';
        front += '\0';
        put_u32le(front, static_cast<std::uint32_t>(json.size()));
        front += json;
        auto sig = crypto::ed25519_sign(device_key, front);
        if (!sig) return fail(ErrorCode::Unexpected, N_("Could not sign the package."));
        put_u16le(front, static_cast<std::uint16_t>(sig->size()));
        front += *sig;
        return front;
    }
};

PackageWriter::PackageWriter(PackageManifest manifest, std::string department_encryption_public_pem,
                             std::string_view device_signing_private_pem, std::size_t chunk_size,
                             const FixedRandomness* fixed)
    : state_(std::make_unique<State>()) {
    auto& s = *state_;
    s.manifest = std::move(manifest);
    s.manifest.format_version = kFormatVersion;
    s.manifest.households = 0;
    s.manifest.persons = 0;
    if (s.manifest.package_uuid.empty()) s.manifest.package_uuid = random_uuid();
    if (s.manifest.exported_at.empty()) s.manifest.exported_at = utc_now();
    s.enc.chunk_size = std::clamp(chunk_size, kMinChunkSize, kMaxChunkSize);
    s.plain.reserve(s.enc.chunk_size + 4096);
    s.plain.append(kRecordsTag);
    s.plain += '\n';

    auto recipient = crypto::KeyHandle::from_public_pem(crypto::KeyType::X25519, department_encryption_public_pem);
    s.device_key = crypto::KeyHandle::from_private_pem(crypto::KeyType::Ed25519, device_signing_private_pem);
    if (!recipient) {
        s.broken = Error::make(ErrorCode::InvalidInput, N_("The department encryption key is not an X25519 public key in PEM form."));
        return;
    }
    if (!s.device_key) {
        s.broken = Error::make(ErrorCode::InvalidInput, N_("The device signing key is not an Ed25519 private key in PEM form."));
        return;
    }
    if (!is_canonical_uuid(s.manifest.package_uuid)) {
        s.broken = Error::make(ErrorCode::InvalidInput, N_("The package identifier {} is not a lower-case UUID."),
                               {s.manifest.package_uuid});
        return;
    }
    s.manifest.device_id = crypto::sha256_hex(s.device_key.public_raw());
    std::string recipient_raw = recipient.public_raw();
    s.enc.recipient_key = crypto::sha256_hex(recipient_raw);
    auto ephemeral = fixed ? crypto::KeyHandle::from_private_raw(crypto::KeyType::X25519, fixed->ephemeral_private)
                           : crypto::KeyHandle::generate(crypto::KeyType::X25519);
    std::optional<crypto::SecretBytes> shared;
    if (ephemeral) shared = crypto::x25519_derive(ephemeral, recipient);
    std::optional<std::string> key;
    if (shared) {
        s.enc.ephemeral_public = ephemeral.public_raw();
        key = derive_payload_key(shared->view(), s.enc.ephemeral_public, recipient_raw, s.manifest.package_uuid);
    }
    if (!key) {
        s.broken = Error::make(ErrorCode::Unexpected, N_("Could not encrypt the package."));
        return;
    }
    s.key = std::move(*key);
    s.enc.base_nonce = fixed && fixed->base_nonce.size() == kNonceSize ? fixed->base_nonce : random_bytes(kNonceSize);
}

PackageWriter::~PackageWriter() = default;

Status PackageWriter::add(const Household& household) {
    auto& s = *state_;
    SANAQ_TRY(s.ready());
    append_record(s.plain, household);
    ++s.manifest.households;
    return s.after_add();
}

Status PackageWriter::add(const Person& person) {
    auto& s = *state_;
    SANAQ_TRY(s.ready());
    append_record(s.plain, person);
    ++s.manifest.persons;
    return s.after_add();
}

Result<std::string> PackageWriter::finish() {
    auto& s = *state_;
    auto front = s.seal_and_sign();
    if (!front) return front;
    std::string out = std::move(*front);
    if (s.spill) {
        std::FILE* f = s.spill.get();
        std::rewind(f);
        std::size_t at = out.size();
        out.resize(at + static_cast<std::size_t>(s.payload_size));
        if (std::fread(out.data() + at, 1, static_cast<std::size_t>(s.payload_size), f) !=
            static_cast<std::size_t>(s.payload_size))
            return fail(ErrorCode::Io, N_("Could not read back the temporary package file."), {}, std::strerror(errno));
        s.spill.reset();
    } else {
        out += s.cipher;
        std::string().swap(s.cipher);
    }
    return out;
}

Status PackageWriter::finish_to_file(const std::string& path) {
    auto& s = *state_;
    auto front = s.seal_and_sign();
    SANAQ_TRY(front);
    return io::write_atomically(path, [&](const std::filesystem::path& temp) -> Status {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(front->data(), static_cast<std::streamsize>(front->size()));
        if (s.spill) {
            std::FILE* f = s.spill.get();
            std::rewind(f);
            std::string buf(1 << 20, '\0');
            std::size_t n;
            while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) out.write(buf.data(), static_cast<std::streamsize>(n));
            if (std::ferror(f))
                return fail(ErrorCode::Io, N_("Could not read back the temporary package file."), {}, std::strerror(errno));
        } else {
            out.write(s.cipher.data(), static_cast<std::streamsize>(s.cipher.size()));
        }
        out.close();
        if (!out) return fail(ErrorCode::Io, N_("Could not write the file {}."), {path}, std::strerror(errno));
        return {};
    });
}

const PackageManifest& PackageWriter::manifest() const { return state_->manifest; }

}  // namespace sanaq::package

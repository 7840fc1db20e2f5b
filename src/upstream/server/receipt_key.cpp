#include "upstream/server/receipt_key.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <iterator>
#include <memory>

#include "core/io/atomic_file.h"

namespace sanaq::upstream::receiver {
namespace {

namespace fs = std::filesystem;

struct Free {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Free>;
using BioPtr = std::unique_ptr<BIO, Free>;

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

KeyPtr read_private(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    return key;
}

Result<std::string> read_key_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::Io, N_("Could not read the file {}."), {path.string()});
    std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto key = read_private(pem);
    if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        return fail(ErrorCode::InvalidInput, N_("{} is not an Ed25519 private key in PEM."), {path.string()});
    return pem;
}

// write_file_atomically makes files owner-only; the public half is meant to be copied around.
void make_public(const fs::path& path) {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::others_read, ec);
}

}  // namespace

Result<std::string> load_or_make_receipt_key(const std::optional<fs::path>& given, const fs::path& store) {
    if (given) return read_key_file(*given);
    fs::path private_path = store / "receipt.key";
    fs::path public_path = store / "receipt.pub";
    std::error_code ec;
    if (fs::exists(private_path, ec)) {
        auto pem = read_key_file(private_path);
        if (pem && !fs::exists(public_path, ec)) {
            auto key = read_private(*pem);
            BioPtr pub(BIO_new(BIO_s_mem()));
            PEM_write_bio_PUBKEY(pub.get(), key.get());
            if (auto st = io::write_file_atomically(public_path, bio_text(pub.get())); !st)
                return std::unexpected(st.error());
            make_public(public_path);
        }
        return pem;
    }

    KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key) return fail(ErrorCode::Unexpected, N_("Could not make a receipt key."));
    BioPtr priv(BIO_new(BIO_s_mem())), pub(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    PEM_write_bio_PUBKEY(pub.get(), key.get());
    std::string private_pem = bio_text(priv.get());
    // The public half first: a key without its .pub beside it would leave clients unconfigurable.
    if (auto st = io::write_file_atomically(public_path, bio_text(pub.get())); !st) return std::unexpected(st.error());
    make_public(public_path);
    if (auto st = io::write_file_atomically(private_path, private_pem); !st) return std::unexpected(st.error());
    return private_pem;
}

}  // namespace sanaq::upstream::receiver

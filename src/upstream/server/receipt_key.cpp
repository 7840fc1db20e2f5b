#include "upstream/server/receipt_key.h"

#include <fstream>
#include <iterator>

#include "core/io/atomic_file.h"
#include "crypto/crypto.h"

namespace sanaq::upstream::receiver {
namespace {

namespace fs = std::filesystem;

crypto::KeyHandle read_private(const std::string& pem) {
    return crypto::KeyHandle::from_private_pem(crypto::KeyType::Ed25519, pem);
}

Result<std::string> read_key_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::Io, N_("Could not read the file {}."), {path.string()});
    std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto key = read_private(pem);
    if (!key)
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
            SANAQ_TRY(io::write_file_atomically(public_path, key.public_pem()));
            make_public(public_path);
        }
        return pem;
    }

    auto key = crypto::KeyHandle::generate(crypto::KeyType::Ed25519);
    if (!key) return fail(ErrorCode::Unexpected, N_("Could not make a receipt key."));
    std::string private_pem = key.private_pem();
    // The public half first: a key without its .pub beside it would leave clients unconfigurable.
    SANAQ_TRY(io::write_file_atomically(public_path, key.public_pem()));
    make_public(public_path);
    SANAQ_TRY(io::write_file_atomically(private_path, private_pem));
    return private_pem;
}

}  // namespace sanaq::upstream::receiver

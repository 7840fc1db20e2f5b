#include "upstream/protocol/gzip.h"
#include "crypto/crypto.h"

#include <zlib.h>

#include <memory>
#include <stdexcept>

namespace sanaq::upstream {

void gzip_compress_into(std::string& out, std::string_view bytes, int level) {
    z_stream zs{};
    // 15 window bits + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    int rc = Z_STREAM_ERROR;
    // resize_and_overwrite: deflate writes the buffer, nothing zero-fills it first.
    out.resize_and_overwrite(deflateBound(&zs, static_cast<uLong>(bytes.size())), [&](char* buffer, std::size_t size) {
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
        zs.avail_in = static_cast<uInt>(bytes.size());
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = static_cast<uInt>(size);
        rc = deflate(&zs, Z_FINISH);
        return rc == Z_STREAM_END ? static_cast<std::size_t>(zs.total_out) : 0;
    });
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
}

std::string gzip_compress(std::string_view bytes, int level) {
    std::string out;
    gzip_compress_into(out, bytes, level);
    return out;
}

std::optional<std::string> gzip_decompress(std::string_view bytes, std::size_t max_size, bool* too_large) {
    if (too_large) *too_large = false;
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) return std::nullopt;
    std::string out;
    out.resize(std::min<std::size_t>(max_size, std::max<std::size_t>(bytes.size() * 4, 4096)));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.avail_in = static_cast<uInt>(bytes.size());
    int rc = Z_OK;
    bool at_limit = false;
    while (true) {
        if (zs.total_out == out.size()) {
            if (out.size() >= max_size) {
                at_limit = true;
                break;
            }
            out.resize(std::min(max_size, out.size() * 2));
        }
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + zs.total_out);
        zs.avail_out = static_cast<uInt>(out.size() - zs.total_out);
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END || (rc != Z_OK && rc != Z_BUF_ERROR)) break;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;   // truncated input
    }
    bool complete = rc == Z_STREAM_END && zs.avail_in == 0;
    std::size_t size = zs.total_out;
    inflateEnd(&zs);
    if (!complete) {
        if (too_large) *too_large = at_limit;
        return std::nullopt;
    }
    out.resize(size);
    return out;
}

GzipMeasure gzip_measure(std::string_view bytes, std::size_t max_size) {
    GzipMeasure result;
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) return result;
    std::unique_ptr<z_stream, int (*)(z_stream*)> zs_guard(&zs, inflateEnd);
    crypto::Sha256 sha;
    // 64 KiB of window: the only memory the inflated bytes ever take here.
    unsigned char window[64 * 1024];
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.avail_in = static_cast<uInt>(bytes.size());
    std::size_t total = 0;
    int rc = Z_OK;
    while (true) {
        zs.next_out = window;
        zs.avail_out = sizeof window;
        rc = inflate(&zs, Z_NO_FLUSH);
        std::size_t produced = sizeof window - zs.avail_out;
        total += produced;
        if (total > max_size) {
            result.verdict = GzipMeasure::Verdict::TooLarge;
            result.inflated_size = total;
            return result;
        }
        sha.update(crypto::ByteView(window, produced));
        if (rc == Z_STREAM_END) break;
        if (rc != Z_OK && rc != Z_BUF_ERROR) return result;            // not gzip, or corrupt
        if (produced == 0 && zs.avail_in == 0) return result;          // truncated
        if (rc == Z_BUF_ERROR && produced == 0) return result;         // no progress possible
    }
    if (zs.avail_in != 0) return result;   // bytes after the stream: not one complete gzip stream
    result.sha256_hex = sha.final_hex();
    result.verdict = GzipMeasure::Verdict::Complete;
    result.inflated_size = total;
    return result;
}

std::optional<std::string> gzip_decompress_sized(std::string_view bytes, std::size_t size) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) return std::nullopt;
    std::unique_ptr<z_stream, int (*)(z_stream*)> zs_guard(&zs, inflateEnd);
    bool complete = false;
    std::string out;
    // One byte more than expected: a stream that would inflate further shows up as not finished.
    out.resize_and_overwrite(size + 1, [&](char* buffer, std::size_t capacity) {
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
        zs.avail_in = static_cast<uInt>(bytes.size());
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = static_cast<uInt>(capacity);
        int rc = inflate(&zs, Z_FINISH);
        complete = rc == Z_STREAM_END && zs.avail_in == 0 && zs.total_out == size;
        return complete ? size : 0;
    });
    if (!complete) return std::nullopt;
    return out;
}

}  // namespace sanaq::upstream

#include "upstream/protocol/gzip.h"

#include <zlib.h>

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

}  // namespace sanaq::upstream

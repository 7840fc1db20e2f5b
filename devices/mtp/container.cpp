#include "mtp/container.h"

#include <cstring>

namespace sanaq::mtp {
namespace {

void put16(std::string& out, std::uint16_t v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>(v >> 8));
}
void put32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
std::uint16_t get16(const char* p) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(p[0]) |
                                      (static_cast<unsigned char>(p[1]) << 8));
}
std::uint32_t get32(const char* p) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}
CodecError bad(std::string what) { return CodecError{std::move(what)}; }

}  // namespace

std::string encode_container(const Container& c) {
    std::string out;
    const std::size_t n = c.params.size() < kMaxParams ? c.params.size() : kMaxParams;
    out.reserve(kHeaderSize + 4 * n);
    put32(out, static_cast<std::uint32_t>(kHeaderSize + 4 * n));
    put16(out, static_cast<std::uint16_t>(c.type));
    put16(out, c.code);
    put32(out, c.transaction_id);
    for (std::size_t i = 0; i < n; ++i) put32(out, c.params[i]);
    return out;
}

std::string encode_data_header(std::uint16_t code, std::uint32_t transaction_id, std::uint64_t payload_size) {
    std::string out;
    out.reserve(kHeaderSize);
    const std::uint64_t total = payload_size + kHeaderSize;
    put32(out, total > 0xFFFFFFFEull ? 0xFFFFFFFFu : static_cast<std::uint32_t>(total));
    put16(out, static_cast<std::uint16_t>(ContainerType::Data));
    put16(out, code);
    put32(out, transaction_id);
    return out;
}

Decoded<ContainerHeader> decode_header(std::string_view bytes) {
    if (bytes.size() < kHeaderSize) return bad("container shorter than its 12-byte header");
    ContainerHeader h;
    h.length = get32(bytes.data());
    const std::uint16_t type = get16(bytes.data() + 4);
    if (type < 1 || type > 4) return bad("container type " + std::to_string(type) + " is not 1..4");
    h.type = static_cast<ContainerType>(type);
    h.code = get16(bytes.data() + 6);
    h.transaction_id = get32(bytes.data() + 8);
    if (h.length < kHeaderSize) return bad("container length " + std::to_string(h.length) + " is below 12");
    return h;
}

Decoded<Container> decode_container(std::string_view bytes) {
    auto h = decode_header(bytes);
    if (!h) return h.error();
    if (h->type == ContainerType::Data) return bad("a data container where parameters were expected");
    if (h->length != bytes.size())
        return bad("container length field " + std::to_string(h->length) + " but " +
                   std::to_string(bytes.size()) + " bytes");
    const std::size_t payload = h->length - kHeaderSize;
    if (payload % 4 != 0 || payload / 4 > kMaxParams)
        return bad("container payload of " + std::to_string(payload) + " bytes is not 0..5 parameters");
    Container c{h->type, h->code, h->transaction_id, {}};
    for (std::size_t i = 0; i < payload / 4; ++i) c.params.push_back(get32(bytes.data() + kHeaderSize + 4 * i));
    return c;
}

// --- strings -----------------------------------------------------------------------------------

std::u16string utf8_to_utf16(std::string_view s) {
    std::u16string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        char32_t cp = 0xFFFD;
        std::size_t len = 1;
        if (c < 0x80) {
            cp = c;
        } else if ((c >> 5) == 0x6) {
            len = 2;
        } else if ((c >> 4) == 0xE) {
            len = 3;
        } else if ((c >> 3) == 0x1E) {
            len = 4;
        }
        if (len > 1) {
            if (i + len > s.size()) {
                len = 1;
            } else {
                char32_t v = c & (0x7F >> len);
                bool ok = true;
                for (std::size_t k = 1; k < len; ++k) {
                    const auto cc = static_cast<unsigned char>(s[i + k]);
                    if ((cc >> 6) != 0x2) { ok = false; break; }
                    v = (v << 6) | (cc & 0x3F);
                }
                static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
                if (ok && v >= min_for_len[len] && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF)) cp = v;
                else len = 1;
            }
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
        } else {
            out.push_back(static_cast<char16_t>(cp));
        }
        i += len;
    }
    return out;
}

std::string utf16_to_utf8(std::u16string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char32_t cp = s[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            ++i;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

// --- dataset writer / reader -------------------------------------------------------------------

void DatasetWriter::u16(std::uint16_t v) { put16(out_, v); }
void DatasetWriter::u32(std::uint32_t v) { put32(out_, v); }
void DatasetWriter::u64(std::uint64_t v) {
    put32(out_, static_cast<std::uint32_t>(v));
    put32(out_, static_cast<std::uint32_t>(v >> 32));
}
void DatasetWriter::string(std::string_view utf8) {
    auto u16s = utf8_to_utf16(utf8);
    if (u16s.size() > 254) u16s.resize(254);  // the count byte includes the NUL: at most 255
    if (u16s.empty()) {
        u8(0);
        return;
    }
    u8(static_cast<std::uint8_t>(u16s.size() + 1));
    for (char16_t c : u16s) put16(out_, static_cast<std::uint16_t>(c));
    put16(out_, 0);
}
void DatasetWriter::u16_array(const std::vector<std::uint16_t>& v) {
    u32(static_cast<std::uint32_t>(v.size()));
    for (auto x : v) u16(x);
}
void DatasetWriter::u32_array(const std::vector<std::uint32_t>& v) {
    u32(static_cast<std::uint32_t>(v.size()));
    for (auto x : v) u32(x);
}

Decoded<std::uint8_t> DatasetReader::u8() {
    if (remaining() < 1) return bad("dataset truncated");
    return static_cast<std::uint8_t>(in_[pos_++]);
}
Decoded<std::uint16_t> DatasetReader::u16() {
    if (remaining() < 2) return bad("dataset truncated");
    auto v = get16(in_.data() + pos_);
    pos_ += 2;
    return v;
}
Decoded<std::uint32_t> DatasetReader::u32() {
    if (remaining() < 4) return bad("dataset truncated");
    auto v = get32(in_.data() + pos_);
    pos_ += 4;
    return v;
}
Decoded<std::uint64_t> DatasetReader::u64() {
    if (remaining() < 8) return bad("dataset truncated");
    std::uint64_t v = get32(in_.data() + pos_) | (std::uint64_t{get32(in_.data() + pos_ + 4)} << 32);
    pos_ += 8;
    return v;
}
Decoded<std::string> DatasetReader::string() {
    auto n = u8();
    if (!n) return n.error();
    if (*n == 0) return std::string{};
    if (remaining() < 2u * *n) return bad("dataset string truncated");
    std::u16string s;
    for (unsigned i = 0; i < *n; ++i) {
        s.push_back(static_cast<char16_t>(get16(in_.data() + pos_)));
        pos_ += 2;
    }
    // A device may fill all 255 units without the NUL; we keep what our own writer can send back
    // (254 + NUL), so a string read and written again reads the same (found by the fuzzer).
    if (s.size() > 254) s.resize(254);
    while (!s.empty() && s.back() == 0) s.pop_back();
    return utf16_to_utf8(s);
}
Decoded<std::vector<std::uint16_t>> DatasetReader::u16_array() {
    auto n = u32();
    if (!n) return n.error();
    if (remaining() / 2 < *n) return bad("dataset array truncated");
    std::vector<std::uint16_t> v(*n);
    for (auto& x : v) x = *u16();
    return v;
}
Decoded<std::vector<std::uint32_t>> DatasetReader::u32_array() {
    auto n = u32();
    if (!n) return n.error();
    if (remaining() / 4 < *n) return bad("dataset array truncated");
    std::vector<std::uint32_t> v(*n);
    for (auto& x : v) x = *u32();
    return v;
}

// --- datasets ------------------------------------------------------------------------------------

std::string encode_object_info(const ObjectInfo& i) {
    DatasetWriter w;
    w.u32(i.storage_id);
    w.u16(i.format);
    w.u16(i.protection);
    w.u32(i.compressed_size);
    w.u16(i.thumb_format);
    w.u32(i.thumb_compressed_size);
    w.u32(i.thumb_width);
    w.u32(i.thumb_height);
    w.u32(i.image_width);
    w.u32(i.image_height);
    w.u32(i.image_bit_depth);
    w.u32(i.parent);
    w.u16(i.association_type);
    w.u32(i.association_desc);
    w.u32(i.sequence_number);
    w.string(i.filename);
    w.string(i.date_created);
    w.string(i.date_modified);
    w.string(i.keywords);
    return w.take();
}

#define SANAQ_READ(dst, expr)                              \
    do {                                                   \
        auto r_ = (expr);                                  \
        if (!r_) return r_.error();       \
        dst = *r_;                                         \
    } while (0)

Decoded<ObjectInfo> decode_object_info(std::string_view bytes) {
    DatasetReader r(bytes);
    ObjectInfo i;
    SANAQ_READ(i.storage_id, r.u32());
    SANAQ_READ(i.format, r.u16());
    SANAQ_READ(i.protection, r.u16());
    SANAQ_READ(i.compressed_size, r.u32());
    SANAQ_READ(i.thumb_format, r.u16());
    SANAQ_READ(i.thumb_compressed_size, r.u32());
    SANAQ_READ(i.thumb_width, r.u32());
    SANAQ_READ(i.thumb_height, r.u32());
    SANAQ_READ(i.image_width, r.u32());
    SANAQ_READ(i.image_height, r.u32());
    SANAQ_READ(i.image_bit_depth, r.u32());
    SANAQ_READ(i.parent, r.u32());
    SANAQ_READ(i.association_type, r.u16());
    SANAQ_READ(i.association_desc, r.u32());
    SANAQ_READ(i.sequence_number, r.u32());
    SANAQ_READ(i.filename, r.string());
    // Some devices stop after the file name; the dates and keywords are optional to us.
    if (r.remaining() > 0) { SANAQ_READ(i.date_created, r.string()); }
    if (r.remaining() > 0) { SANAQ_READ(i.date_modified, r.string()); }
    if (r.remaining() > 0) { SANAQ_READ(i.keywords, r.string()); }
    return i;
}

std::string encode_device_info(const DeviceInfo& d) {
    DatasetWriter w;
    w.u16(d.standard_version);
    w.u32(d.vendor_extension_id);
    w.u16(d.vendor_extension_version);
    w.string(d.vendor_extension_desc);
    w.u16(d.functional_mode);
    w.u16_array(d.operations);
    w.u16_array(d.events);
    w.u16_array(d.device_properties);
    w.u16_array(d.capture_formats);
    w.u16_array(d.playback_formats);
    w.string(d.manufacturer);
    w.string(d.model);
    w.string(d.device_version);
    w.string(d.serial_number);
    return w.take();
}

Decoded<DeviceInfo> decode_device_info(std::string_view bytes) {
    DatasetReader r(bytes);
    DeviceInfo d;
    SANAQ_READ(d.standard_version, r.u16());
    SANAQ_READ(d.vendor_extension_id, r.u32());
    SANAQ_READ(d.vendor_extension_version, r.u16());
    SANAQ_READ(d.vendor_extension_desc, r.string());
    SANAQ_READ(d.functional_mode, r.u16());
    SANAQ_READ(d.operations, r.u16_array());
    SANAQ_READ(d.events, r.u16_array());
    SANAQ_READ(d.device_properties, r.u16_array());
    SANAQ_READ(d.capture_formats, r.u16_array());
    SANAQ_READ(d.playback_formats, r.u16_array());
    SANAQ_READ(d.manufacturer, r.string());
    SANAQ_READ(d.model, r.string());
    SANAQ_READ(d.device_version, r.string());
    SANAQ_READ(d.serial_number, r.string());
    return d;
}

#undef SANAQ_READ

std::string encode_u32_array(const std::vector<std::uint32_t>& values) {
    DatasetWriter w;
    w.u32_array(values);
    return w.take();
}

Decoded<std::vector<std::uint32_t>> decode_u32_array(std::string_view bytes) {
    DatasetReader r(bytes);
    return r.u32_array();
}

}  // namespace sanaq::mtp

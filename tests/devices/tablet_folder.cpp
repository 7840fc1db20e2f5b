#include "devices/tablet_folder.h"

#include <fstream>

namespace sanaq::test {

std::string pattern_bytes(std::uint64_t size, std::uint32_t seed) {
    std::string out(size, '\0');
    std::uint64_t x = 0x9E3779B97F4A7C15ull ^ seed;
    for (std::uint64_t i = 0; i < size; i += 8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        for (int k = 0; k < 8 && i + k < size; ++k) out[i + k] = static_cast<char>(x >> (8 * k));
    }
    return out;
}

std::filesystem::path make_tablet_folder(const std::filesystem::path& root) {
    auto sanaq = root / "Documents" / "Sanaq";
    std::filesystem::create_directories(sanaq / "outbox");
    std::filesystem::create_directories(root / "DCIM" / "Camera");
    std::ofstream(sanaq / "device-key.pem", std::ios::binary) << kTestDeviceKey;
    std::ofstream(root / "DCIM" / "Camera" / "IMG_0001.jpg", std::ios::binary) << "not a package";
    return sanaq / "outbox";
}

std::filesystem::path add_package(const std::filesystem::path& root, const std::string& name, std::uint64_t size,
                                  std::uint32_t seed) {
    auto path = root / "Documents" / "Sanaq" / "outbox" / name;
    std::ofstream out(path, std::ios::binary);
    const auto bytes = pattern_bytes(size, seed);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

}  // namespace sanaq::test

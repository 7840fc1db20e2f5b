// libFuzzer target for the package reader: any bytes, fed in two pieces, must end in a clean
// success or a clean failure — never a crash, a leak or a read out of bounds.
// Built and run by run_fuzz_package.sh (ctest: fuzz_package_reader).
//
// SANAQ_FUZZ_SEEDS_DIR=DIR: write a seed corpus of valid packages (made with the fixed keys
// below, so the fuzzer starts from packages that verify and decrypt) into DIR first.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "core/package/package_reader.h"
#include "core/package/package_writer.h"

namespace {

// Fixed test keys (not secret): the seeds are encrypted and signed with them.
const char* const kDepartmentPrivate =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VuBCIEIMCm6TGucV0p2Ox5lf/tvzIANkDFsYRhvJSxkcOX6VFq\n"
    "-----END PRIVATE KEY-----\n";
const char* const kDepartmentPublic =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VuAyEA808D5xq43KqxH5V619LglmaEtgppVwhO+pO9Y5qfcgo=\n"
    "-----END PUBLIC KEY-----\n";
const char* const kDevicePrivate =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIA0VYkVfaOT0tTRGOohKGp9ldcft9xoltmLclURFjnw/\n"
    "-----END PRIVATE KEY-----\n";
const char* const kDevicePublic =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAu2tuZuP6d7PD/j//4Ip/KpoDLuPp7/lAzumGgUwMO7k=\n"
    "-----END PUBLIC KEY-----\n";

void write_seeds(const std::string& dir) {
    for (int n : {0, 1, 3, 20}) {
        sanaq::PackageManifest m;
        m.package_uuid = "0b7e0c1a-5a7d-4c1e-9f3a-2d6b8e4f1a9" + std::to_string(n % 10);
        m.kit_number = "KIT-0042";
        m.census_round = "2026";
        m.sequence = n + 1;
        m.exported_at = "2026-10-03T09:15:00Z";
        sanaq::package::PackageWriter writer(m, kDepartmentPublic, kDevicePrivate, 1024);
        for (int i = 0; i < n; ++i) {
            sanaq::Household h;
            h.uuid = "00000001-0000-4000-8000-0000000000" + std::to_string(10 + i);
            h.kato = "191010000";
            h.kato_version = "2022";
            h.street = "Төле би\tкөшесі";
            h.answers_json = "{\"d1\":\"x\\ny\"}";
            (void)writer.add(h);
            sanaq::Person p;
            p.uuid = "00000002-0000-4000-8000-0000000000" + std::to_string(10 + i);
            p.household_uuid = h.uuid;
            p.iin = "870102300123";
            p.surname = "Жанбулатов";
            p.name = "Нұрлан";
            p.birth_date = "1987-01-02";
            p.relationship = "head";
            p.answers_json = "{}";
            (void)writer.add(p);
        }
        auto bytes = writer.finish();
        if (!bytes) continue;
        std::ofstream(dir + "/seed-" + std::to_string(n) + ".sqpkg", std::ios::binary) << *bytes;
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (const char* dir = std::getenv("SANAQ_FUZZ_SEEDS_DIR")) write_seeds(dir);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    sanaq::package::PackageReader reader(kDepartmentPrivate);
    std::size_t seen = 0;
    reader.on_household = [&](const sanaq::Household& h) -> sanaq::Status {
        seen += h.uuid.size();
        return {};
    };
    reader.on_person = [&](const sanaq::Person& p) -> sanaq::Status {
        seen += p.surname.size();
        return {};
    };
    // Split where the first byte says, so piece boundaries get fuzzed too.
    const std::size_t split = size ? (data[0] * 131u) % (size + 1) : 0;
    for (auto piece : {bytes.substr(0, split), bytes.substr(split)}) {
        if (!reader.feed(piece)) return 0;
        if (reader.header_ready() && !reader.verified() && !reader.verify(kDevicePublic)) return 0;
    }
    (void)reader.finish();
    (void)sanaq::package::peek_manifest(bytes);
    return 0;
}

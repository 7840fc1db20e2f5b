#pragma once
// Keys and sample records shared by the package tests. Key generation is cheap but not free,
// so each kind is made once per test run.
#include <string>
#include <vector>

#include "core/domain/census.h"
#include "core/package/keys.h"
#include "core/package/package_reader.h"
#include "core/package/package_writer.h"

namespace sanaq::test {

struct Keys {
    package::KeyPair department_encryption;
    package::KeyPair department_signing;
    package::KeyPair device;
    package::KeyPair other_device;
    package::KeyPair other_department;
};
const Keys& keys();

PackageManifest sample_manifest(std::int64_t sequence = 1);
Household sample_household(int i);
Person sample_person(int i, const std::string& household_uuid);

struct Records {
    std::vector<Household> households;
    std::vector<Person> persons;
};
Records sample_records(int households, int persons_per_household);

/// A package made with the sample keys.
std::string make_package(const Records& records, std::size_t chunk_size = package::kDefaultChunkSize,
                         PackageManifest manifest = sample_manifest());

struct ReadOutcome {
    bool ok = false;
    std::optional<QuarantineReason> reason;   // set when the reader reported a quarantine failure
    std::string message_id;
    Records records;
    PackageManifest manifest;
};
/// Feeds `bytes` in pieces of `piece` bytes (0: all at once), verifies with `device_public` as
/// soon as the header is ready, finishes.
ReadOutcome read_package(std::string_view bytes, std::size_t piece = 0,
                         const std::string* device_public = nullptr,
                         const SecretText* department_private = nullptr);

}  // namespace sanaq::test

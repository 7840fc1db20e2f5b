#pragma once
// The census data simulator: a deterministic simulated world of kits, institutions and the people
// their tablets enumerate, and packages laid out as a tablet's shared storage
// (src/core/package/README.md, "Tablet export package"). Same seed and kit number, same people — so
// a simulated institution list and simulated tablets can describe the same population.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/census.h"
#include "core/domain/institution.h"
#include "core/domain/package.h"
#include "core/error.h"
#include "core/package/keys.h"
#include "core/package/package_writer.h"

namespace sanaq::census_sim {

/// Where a kit was issued in the simulated world: the institution, its responsible employee
/// (who holds the kit and signs in on the tablet), and the tablet itself.
struct SimulatedKit {
    std::string kit_number;
    std::uint64_t seed = 0;
    Institution institution;          // valid BIN, names in kk and ru, type, KATO with version
    ResponsibleEmployee responsible;  // valid IIN; id 0 (not in any store)
    std::string device_model;
    std::string usb_serial;
    std::string census_round;         // "2026"
    std::string reference_date;       // census moment, "YYYY-MM-DD": ages are counted to it
};
SimulatedKit simulated_kit(std::uint64_t seed, std::string_view kit_number);

struct Population {
    std::vector<Household> households;
    std::vector<Person> persons;      // in household order, each after its household
};

/// The people one kit enumerates, household by household. Household `index` is a pure function
/// of (seed, kit number, index), so any range can be regenerated without the ones before it.
class PopulationGenerator {
public:
    PopulationGenerator(std::uint64_t seed, std::string_view kit_number);
    const SimulatedKit& kit() const { return kit_; }
    /// Appends household `index` (0-based) and its persons.
    void household(std::int64_t index, Population& out) const;

private:
    SimulatedKit kit_;
    std::uint64_t kit_seed_;
};

/// Exactly `persons` people from household `first_household` on (the last household is cut
/// short when needed). With first_household 0 this is what `make_packages` exports for the kit
/// in its first run with the same seed and person count.
Population kit_population(std::uint64_t seed, std::string_view kit_number, std::int64_t persons,
                          std::int64_t first_household = 0);

/// A corrected re-export of `person`: revision + 1 and one fix (a check-digit typo in the IIN
/// corrected, Kazakh letters restored in the patronymic, or a changed answer).
Person corrected(const Person& person, std::uint64_t seed);

/// Share of persons whose IIN is missing / deliberately invalid (a typo that breaks the check digit).
inline constexpr double kMissingIinShare = 0.02;
inline constexpr double kInvalidIinShare = 0.03;

// ---- Packages laid out as a tablet's shared storage ------------------------------------------

/// Test situations beyond the regular packages.
struct PackageFaults {
    int corrections = 0;              // persons of the first package re-exported at revision 2 in an extra package
    bool replay = false;              // a byte copy of the first package as "<uuid>.replay.sqpkg"
    bool conflicting_duplicate = false;   // another package with the first one's UUID and sequence, other content ("<uuid>.dup.sqpkg")
    bool tamper = false;              // one payload byte of the last regular package flipped
    bool foreign_device = false;      // an extra package signed by another tablet's key (sequence 1 of that device)
    int gap_after = 0;                // skip one sequence number after this many regular packages (0: no gap)
};

struct MakePackagesRequest {
    std::string kit_number;
    std::string department_public_file_text;   // package::department_public_file() text
    std::int64_t persons = 100;
    int packages = 1;
    std::uint64_t seed = 1;
    /// The USB serial the simulated tablet reports (the one the kit register holds for the kit,
    /// so it is recognised as a real tablet would be). Empty: the simulated kit's own.
    std::string usb_serial;
    /// The device's Ed25519 key. Empty: the one kept in `.sim/device-private.pem` from an
    /// earlier run, or a new one (then kept there).
    std::optional<package::KeyPair> device_key;
    std::size_t chunk_size = package::kDefaultChunkSize;
    PackageFaults faults;
};

enum class MadeKind { Regular, Correction, Replay, ConflictingDuplicate, ForeignDevice };

struct MadePackage {
    std::filesystem::path path;
    PackageManifest manifest;
    MadeKind kind = MadeKind::Regular;
    bool tampered = false;
};

struct MadePackages {
    SimulatedKit kit;
    std::string device_id;
    std::string device_public_pem;
    std::vector<MadePackage> packages;        // in the order written
    std::vector<std::int64_t> skipped_sequences;
    std::int64_t first_household = 0;         // household index range exported by the regular packages
    std::int64_t households = 0;
    std::int64_t persons = 0;
};

/// Lays out `out_dir` as the tablet's shared storage:
///   Documents/Sanaq/device-key.pem            the device's public key
///   Documents/Sanaq/department-keys.pem       the department public file (put there at issue time)
///   Documents/Sanaq/outbox/<uuid>.sqpkg       the packages, consecutive sequence numbers
/// and keeps simulator-only state in `out_dir/.sim/` (device-private.pem, state.json), so a
/// second run for the same kit signs with the same device and continues the sequence and the
/// population where the first stopped. Refuses a folder that belongs to another kit.
/// `.sim/state.json` also holds `usb_serial`, the kit's, which the simulated tablet reports
/// (devices/simulator/simulated_tablet_source.h reads it).
Result<MadePackages> make_packages(const std::filesystem::path& out_dir, const MakePackagesRequest& request);

}  // namespace sanaq::census_sim

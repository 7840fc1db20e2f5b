// Packages laid out as a tablet's shared storage, as `sanaq-tablet-sim make-packages` writes them.
#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "census_sim/census_sim.h"
#include "core/io/atomic_file.h"
#include "core/package/package_reader.h"
#include "census_sim/random.h"

namespace sanaq::census_sim {

namespace fs = std::filesystem;
using namespace detail;

namespace {

constexpr const char* kSanaqDir = "Documents/Sanaq";
constexpr const char* kOutbox = "Documents/Sanaq/outbox";
constexpr const char* kSimDir = ".sim";   // simulator-only: not part of the tablet layout

std::string utc_at(std::chrono::system_clock::time_point t) {
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Result<std::string> read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorCode::Io, N_("Could not read the file {}."), {path.string()});
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct SimState {
    std::string kit_number;
    std::string usb_serial;        // what the simulated tablet reports over (simulated) USB
    std::int64_t next_sequence = 1;
    std::int64_t next_household = 0;
};

Result<std::optional<SimState>> load_state(const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return std::optional<SimState>{};
    auto text = read_text(file);
    SANAQ_TRY(text);
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return fail(ErrorCode::InvalidInput, N_("The simulator state file {} is damaged."), {file.string()});
    SimState s;
    s.kit_number = j.value("kit_number", "");
    s.usb_serial = j.value("usb_serial", "");
    s.next_sequence = j.value("next_sequence", std::int64_t{1});
    s.next_household = j.value("next_household", std::int64_t{0});
    return std::optional<SimState>{s};
}

Status save_state(const fs::path& file, const SimState& s) {
    nlohmann::json j = {{"kit_number", s.kit_number},
                        {"usb_serial", s.usb_serial},
                        {"next_sequence", s.next_sequence},
                        {"next_household", s.next_household}};
    return io::write_file_atomically(file, j.dump(2) + "\n");
}

/// Writes one package from records to `outbox/<uuid><suffix>.sqpkg`.
Result<MadePackage> write_package(const fs::path& outbox, PackageManifest manifest, const std::string& encryption_public,
                                  std::string_view device_private, std::size_t chunk_size,
                                  const std::vector<const Household*>& households,
                                  const std::vector<const Person*>& persons, MadeKind kind,
                                  const std::string& suffix = {}) {
    package::PackageWriter writer(std::move(manifest), encryption_public, device_private, chunk_size);
    for (const auto* h : households)
        SANAQ_TRY(writer.add(*h));
    for (const auto* p : persons)
        SANAQ_TRY(writer.add(*p));
    // The file name is taken before finishing: the writer fills the UUID in at construction.
    fs::path path = outbox / (writer.manifest().package_uuid + suffix + ".sqpkg");
    SANAQ_TRY(writer.finish_to_file(path.string()));
    return MadePackage{path, writer.manifest(), kind, false};
}

Status flip_payload_byte(const MadePackage& made) {
    std::fstream f(made.path, std::ios::binary | std::ios::in | std::ios::out);
    if (!f) return fail(ErrorCode::Io, N_("Could not write the file {}."), {made.path.string()});
    f.seekg(0, std::ios::end);
    const auto size = static_cast<std::int64_t>(f.tellg());
    const std::int64_t at = size - made.manifest.payload_size / 2 - 1;
    f.seekg(at);
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 0x01);
    f.seekp(at);
    f.write(&c, 1);
    f.close();
    if (!f) return fail(ErrorCode::Io, N_("Could not write the file {}."), {made.path.string()});
    return {};
}

}  // namespace

Result<MadePackages> make_packages(const fs::path& out_dir, const MakePackagesRequest& request) {
    if (request.kit_number.empty()) return fail(ErrorCode::Usage, N_("Name the kit the simulated tablet belongs to."));
    if (request.persons < 0 || request.packages < 1)
        return fail(ErrorCode::Usage, N_("The number of persons must not be negative and at least one package is needed."));
    auto department = package::parse_department_public_file(request.department_public_file_text);
    SANAQ_TRY(department);

    std::error_code ec;
    const fs::path sim = out_dir / kSimDir;
    const fs::path outbox = out_dir / kOutbox;
    fs::create_directories(outbox, ec);
    if (!ec) fs::create_directories(sim, ec);
    if (ec) return fail(ErrorCode::Io, N_("Could not create the folder {}."), {out_dir.string()}, ec.message());
    ::chmod(sim.c_str(), 0700);

    auto loaded = load_state(sim / "state.json");
    SANAQ_TRY(loaded);
    SimState state = loaded->value_or(SimState{request.kit_number});
    if (state.kit_number != request.kit_number)
        return fail(ErrorCode::RefusedByState,
                    N_("The folder {} already holds the simulated tablet of kit {}; use another folder for kit {}."),
                    {out_dir.string(), state.kit_number, request.kit_number});

    // The device key: supplied, kept from an earlier run, or new.
    package::KeyPair device;
    const fs::path private_file = sim / "device-private.pem";
    if (request.device_key) {
        device = *request.device_key;
    } else if (fs::exists(private_file, ec)) {
        auto text = read_text(private_file);
        SANAQ_TRY(text);
        auto pub = read_text(out_dir / kSanaqDir / "device-key.pem");
        SANAQ_TRY(pub);
        device = {SecretText(std::move(*text)), *pub};
    } else {
        auto made = package::generate_signing_key();
        SANAQ_TRY(made);
        device = *made;
    }
    SANAQ_TRY(io::write_file_atomically(private_file, device.private_pem));
    SANAQ_TRY(io::write_file_atomically(out_dir / kSanaqDir / "device-key.pem", device.public_pem));
    if (auto st = io::write_file_atomically(out_dir / kSanaqDir / "department-keys.pem", request.department_public_file_text); !st)
        return std::unexpected(st.error());
    auto device_id = package::signing_key_fingerprint(device.public_pem);
    SANAQ_TRY(device_id);

    PopulationGenerator gen(request.seed, request.kit_number);
    MadePackages result;
    result.kit = gen.kit();
    result.device_id = *device_id;
    result.device_public_pem = device.public_pem;
    result.first_household = state.next_household;

    // The regular packages: whole households, persons spread evenly.
    Population pop = kit_population(request.seed, request.kit_number, request.persons, state.next_household);
    const auto hh_count = static_cast<std::int64_t>(pop.households.size());
    result.households = hh_count;
    result.persons = static_cast<std::int64_t>(pop.persons.size());

    PackageManifest base;
    base.device_model = gen.kit().device_model;
    base.usb_serial = request.usb_serial.empty() ? gen.kit().usb_serial : request.usb_serial;
    result.kit.usb_serial = base.usb_serial;  // what the tablet reports, the override included
    base.kit_number = request.kit_number;
    base.interviewer_iin = gen.kit().responsible.iin;
    base.census_round = gen.kit().census_round;

    const auto now = std::chrono::system_clock::now();
    const int extra = request.faults.corrections > 0 ? 1 : 0;
    auto exported_at = [&](int order) {
        return utc_at(now - std::chrono::minutes(5 * (request.packages + extra - order)));
    };

    std::size_t person_at = 0;
    std::int64_t per_package = (result.persons + request.packages - 1) / std::max(1, request.packages);
    std::size_t household_at = 0;
    for (int k = 0; k < request.packages; ++k) {
        if (request.faults.gap_after > 0 && k == request.faults.gap_after)
            result.skipped_sequences.push_back(state.next_sequence++);
        std::vector<const Household*> hs;
        std::vector<const Person*> ps;
        const bool last = k + 1 == request.packages;
        while (household_at < pop.households.size()) {
            if (!last && static_cast<std::int64_t>(ps.size()) >= per_package) break;
            const Household& h = pop.households[household_at++];
            hs.push_back(&h);
            while (person_at < pop.persons.size() && pop.persons[person_at].household_uuid == h.uuid)
                ps.push_back(&pop.persons[person_at++]);
        }
        PackageManifest m = base;
        m.sequence = state.next_sequence++;
        m.exported_at = exported_at(k);
        auto made = write_package(outbox, m, department->encryption_public_pem, device.private_pem,
                                  request.chunk_size, hs, ps, MadeKind::Regular);
        SANAQ_TRY(made);
        result.packages.push_back(std::move(*made));
    }
    state.next_household += hh_count;

    const MadePackage first = result.packages.front();
    if (request.faults.corrections > 0) {
        std::vector<Person> fixed;
        for (const auto& p : pop.persons) {
            if (static_cast<int>(fixed.size()) >= request.faults.corrections) break;
            fixed.push_back(corrected(p, request.seed));
        }
        std::vector<const Person*> ps;
        for (const auto& p : fixed) ps.push_back(&p);
        PackageManifest m = base;
        m.sequence = state.next_sequence++;
        m.exported_at = exported_at(request.packages);
        auto made = write_package(outbox, m, department->encryption_public_pem, device.private_pem,
                                  request.chunk_size, {}, ps, MadeKind::Correction);
        SANAQ_TRY(made);
        result.packages.push_back(std::move(*made));
    }
    if (request.faults.tamper) {
        for (auto it = result.packages.rbegin(); it != result.packages.rend(); ++it) {
            if (it->kind != MadeKind::Regular) continue;
            SANAQ_TRY(flip_payload_byte(*it));
            it->tampered = true;
            break;
        }
    }
    if (request.faults.replay) {
        fs::path copy = outbox / (first.manifest.package_uuid + ".replay.sqpkg");
        fs::copy_file(first.path, copy, fs::copy_options::overwrite_existing, ec);
        if (ec) return fail(ErrorCode::Io, N_("Could not write the file {}."), {copy.string()}, ec.message());
        result.packages.push_back(MadePackage{copy, first.manifest, MadeKind::Replay, first.tampered});
    }
    if (request.faults.conflicting_duplicate && !pop.households.empty()) {
        PackageManifest m = first.manifest;   // same UUID and sequence, other content
        std::vector<const Household*> hs{&pop.households.front()};
        std::vector<const Person*> ps;
        for (const auto& p : pop.persons)
            if (p.household_uuid == pop.households.front().uuid) ps.push_back(&p);
        auto made = write_package(outbox, m, department->encryption_public_pem, device.private_pem,
                                  request.chunk_size, hs, ps, MadeKind::ConflictingDuplicate, ".dup");
        SANAQ_TRY(made);
        result.packages.push_back(std::move(*made));
    }
    if (request.faults.foreign_device && !pop.households.empty()) {
        auto other = package::generate_signing_key();
        SANAQ_TRY(other);
        PackageManifest m = base;
        m.sequence = 1;
        m.usb_serial = "R52N" + std::string("FOREIGN");
        m.exported_at = exported_at(request.packages);
        std::vector<const Household*> hs{&pop.households.front()};
        std::vector<const Person*> ps;
        for (const auto& p : pop.persons)
            if (p.household_uuid == pop.households.front().uuid) ps.push_back(&p);
        auto made = write_package(outbox, m, department->encryption_public_pem, other->private_pem,
                                  request.chunk_size, hs, ps, MadeKind::ForeignDevice);
        SANAQ_TRY(made);
        result.packages.push_back(std::move(*made));
    }
    state.usb_serial = base.usb_serial;
    SANAQ_TRY(save_state(sim / "state.json", state));
    return result;
}

}  // namespace sanaq::census_sim

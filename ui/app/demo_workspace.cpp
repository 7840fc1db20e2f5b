#include "ui/app/demo_workspace.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "core/domain/clock.h"
#include "census_sim/census_sim.h"
#include "census_sim/simulated_list.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/registry.h"
#include "coverage/list_import.h"
#include "core/usecases/demo.h"
#include "core/usecases/devices.h"
#include "core/usecases/users.h"
#include "db/workspace.h"
#include "upstream/client/outbox.h"

namespace sanaq::ui {

std::filesystem::path default_workspace_dir() {
    if (const char* v = std::getenv("SANAQ_WORKSPACE"); v && *v) return v;
    if (const char* v = std::getenv("XDG_DATA_HOME"); v && *v) return std::filesystem::path(v) / "sanaq" / "workspace";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".local" / "share" / "sanaq" / "workspace";
}

namespace {
Status write_marker(const std::filesystem::path& dir) {
    const auto path = dir / std::string(kDemoMarkerFileName);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "This is a Sanaq Station DEMO workspace.\n"
           "\n"
           "Everything in it is invented: the department, the institutions, their staff and the kits.\n"
           "Do not enter real census data here.\n"
           "\n"
           "Accounts (all with the public demo password \"" << kDemoPassword << "\"):\n"
           "  " << kDemoAdministrator << "       administrator\n"
           "  officer     department officer\n"
           "  custodian   equipment custodian\n"
           "  supervisor  supervisor\n"
           "\n"
           "The folders in " << kDemoTabletsFolder << "/ are simulated tablets of the issued kits KIT-0001 and\n"
           "KIT-0006: sign in as officer, open Devices and press Pull to see their packages come in.\n"
           "\n"
           "The folder " << kDemoListsFolder << "/ holds the lists of respondents of the two institutions those\n"
           "kits work at (invented people, with typical mistakes). The first is imported already; import the\n"
           "second in Lists. After pulling, press Reconcile in Coverage.\n"
           "\n"
           "Upstream: when started by `installer/setup.sh run`, the demo sends its batches to the reference\n"
           "receiver sanaq-upstream on this computer (https://localhost:8443): sign in as officer, open\n"
           "Upstream and press Send now.\n"
           "\n"
           "To start with a real workspace, run Sanaq Station with --workspace DIR on a folder made\n"
           "with `sanaq init`.\n";
    out.close();
    if (!out)
        return fail(ErrorCode::Io, N_("Could not write {}."), {path.string()});
    return {};
}

/// A list of respondents the demo's officer imports once census exists (census is theirs to make).
struct DemoList {
    std::filesystem::path file;
    std::string bin;
    std::string as_of;
};

/// The institution a simulated kit enumerates, registered, and its list of respondents (with the
/// simulator's noise: people missing, extra, misspelt, listed twice) written to demo-lists/ for the
/// import wizard — and added to `to_import` when `import` is set, so Coverage has something to
/// show once the tablets are pulled and reconciled.
Status make_demo_list(Session& officer, const std::filesystem::path& dir, const std::string& kit,
                      std::int64_t persons, std::uint64_t seed, bool import,
                      std::vector<DemoList>& to_import) {
    const auto sim = census_sim::simulated_kit(seed, kit);
    if (auto ok = add_institution(officer, sim.institution); !ok && ok.error().code != ErrorCode::AlreadyExists) return ok;
    census_sim::MakeListRequest request;
    request.kit_number = kit;
    request.persons = persons;
    request.seed = seed;
    const auto folder = dir / std::string(kDemoListsFolder);
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    const auto path = folder / (sim.institution.bin + (import ? ".xlsx" : ".csv"));
    auto list = census_sim::make_list(path, request);
    SANAQ_TRY(list);
    if (import) to_import.push_back({path, sim.institution.bin, list->as_of});
    return {};
}

/// Two issued kits get a simulated tablet each (made by the officer), holding packages encrypted
/// to this workspace's department key and signed with a device key enrolled on the kit. The folders hold nothing in
/// plain text but the public keys and the simulator's own state (device key, sequence counter).
Status make_demo_tablets(Session& officer, const std::filesystem::path& dir,
                         std::vector<DemoList>& to_import) {
    auto department = department_public_keys(officer);
    SANAQ_TRY(department);
    struct DemoTablet {
        const char* kit;
        std::int64_t persons;
        int packages;
        std::uint64_t seed;
        bool import_list;   // its institution's list is imported already; the other waits in demo-lists/
    };
    const DemoTablet tablets[] = {{"KIT-0001", 600, 4, 2026, true}, {"KIT-0006", 240, 3, 2027, false}};
    for (const auto& t : tablets) {
        census_sim::MakePackagesRequest request;
        request.kit_number = t.kit;
        request.department_public_file_text = *department;
        request.persons = t.persons;
        request.packages = t.packages;
        request.seed = t.seed;
        // The tablet reports the serial the register holds for its kit, as a real one would.
        auto kit = find_kit(officer, t.kit);
        SANAQ_TRY(kit);
        request.usb_serial = kit->tablet.usb_serial;
        auto made = census_sim::make_packages(dir / std::string(kDemoTabletsFolder) / t.kit, request);
        SANAQ_TRY(made);
        auto enrolled = enroll_device_key(officer, t.kit, made->device_public_pem);
        SANAQ_TRY(enrolled);
        if (auto ok = make_demo_list(officer, dir, t.kit, t.persons, t.seed, t.import_list, to_import);
            !ok)
            return ok;
    }
    return {};
}
/// When installer/setup.sh started the reference receiver for the demo, it says where through
/// SANAQ_DEMO_UPSTREAM_URL and SANAQ_DEMO_UPSTREAM_PKI (the folder of installer/make-test-pki.sh):
/// the demo workspace then sends there, so a new user can watch a batch go up.
Status configure_demo_upstream(Session& admin) {
    const char* url = std::getenv("SANAQ_DEMO_UPSTREAM_URL");
    const char* pki = std::getenv("SANAQ_DEMO_UPSTREAM_PKI");
    if (!url || !*url || !pki || !*pki) return {};
    auto slurp = [&](const char* name) {
        std::ifstream in(std::filesystem::path(pki) / name, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    upstream::ConfigureRequest req;
    req.url = url;
    req.ca_pem = slurp("ca.pem");
    req.client_p12 = slurp("client.p12");
    const char* password = std::getenv("SANAQ_TEST_P12_PASSWORD");
    req.client_p12_password = password && *password ? password : "sanaq-test";
    req.receipt_public_pem = slurp("receipt.pub");
    req.max_batch = 100;   // several batches even for the demo's few hundred persons
    auto configured = upstream::configure_upstream(admin, req);
    SANAQ_TRY(configured);
    return {};
}

/// Signs in as one of the demo's accounts, for the part of the demo that is theirs to enter:
/// with per-role keys every audit entry is signed by its own actor.
template <class Work>
Status as_demo_account(const std::filesystem::path& dir, const std::string& user, Work&& work) {
    auto workspace = db::Workspace::open(dir, user, kDemoPassword);
    SANAQ_TRY(workspace);
    SystemClock clock;
    auto session = sign_in(**workspace, **workspace, clock, user);
    SANAQ_TRY(session);
    return work(*session);
}

/// The officer's part: their first sign-in makes the census part, they confirm the supervisor's
/// access (four eyes: the administrator never holds census, so cannot give it; audited as the
/// officer's), register the kits, make the tablets and import the first list as the demo's
/// officer would — the valid rows, the rejected ones left in the file.
Status enter_officer_part(Session& officer, const std::filesystem::path& dir,
                          DemoSummary& summary) {
    auto given = confirm_access(officer, "supervisor");
    SANAQ_TRY(given);
    SANAQ_TRY(load_demo_registers(officer, summary));
    std::vector<DemoList> lists;
    SANAQ_TRY(make_demo_tablets(officer, dir, lists));
    for (const auto& list : lists) {
        auto preview = preview_list_import(officer, {list.file, list.bin, list.as_of});
        SANAQ_TRY(preview);
        auto stored = import_list(officer, *preview);
        SANAQ_TRY(stored);
    }
    return {};
}
}  // namespace

Status create_demo_workspace(const std::filesystem::path& dir) {
    std::error_code ec;
    if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
    DemoSummary summary;
    {
        // Per-role keys, like every new workspace: the administrator's session holds common, dept
        // and the roster's root key, never census.
        auto workspace = db::Workspace::create_per_role(dir, kDemoAdministrator, kDemoPassword,
                                                        db::kdf_from_environment());
        SANAQ_TRY(workspace);
        SystemClock clock;
        Session admin{**workspace, **workspace, clock,
                      Actor{std::string(kDemoAdministrator), Role::Administrator}};
        SANAQ_TRY(record_workspace_created(admin, "Demo administrator"));
        auto accounts = load_demo_accounts(admin);
        SANAQ_TRY(accounts);
        summary = *accounts;
        SANAQ_TRY(configure_demo_upstream(admin));
    }  // closed: one process holds the workspace at a time
    if (auto ok = as_demo_account(
            dir, "officer", [&](Session& s) { return enter_officer_part(s, dir, summary); });
        !ok)
        return ok;
    if (auto ok = as_demo_account(dir, "custodian",
                                  [&](Session& s) { return load_demo_returns(s, summary); });
        !ok)
        return ok;
    return write_marker(dir);
}

std::vector<std::filesystem::path> demo_tablet_folders(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    const auto root = dir / std::string(kDemoTabletsFolder);
    if (!std::filesystem::is_directory(root, ec)) return out;
    for (const auto& entry : std::filesystem::directory_iterator(root, ec))
        if (entry.is_directory(ec)) out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

bool has_demo_marker(const std::filesystem::path& dir) {
    std::error_code ec;
    return std::filesystem::is_regular_file(dir / std::string(kDemoMarkerFileName), ec);
}

}  // namespace sanaq::ui

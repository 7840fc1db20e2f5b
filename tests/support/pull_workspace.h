#pragma once
// A workspace with an officer and the department's public key file, and the simulator's packages
// pulled from a folder as a tablet would hand them over. Shared by the pull suite and the security
// suite's hostile packages.
#include <filesystem>
#include <string>

#include "census_sim/census_sim.h"
#include "core/package/folder_storage.h"
#include "core/usecases/devices.h"
#include "core/usecases/pull.h"
#include "support/staffed_workspace.h"

namespace sanaq::test {

struct PullWorkspace : StaffedWorkspace {
    Session officer = as("officer", Role::Officer);
    std::string department_file;

    PullWorkspace() {
        auto keys = department_public_keys(officer);
        check(keys);
        department_file = *keys;
    }

    census_sim::MadePackages make(const std::filesystem::path& dir, const std::string& kit, std::int64_t persons,
                                  int packages, census_sim::PackageFaults faults = {}) {
        census_sim::MakePackagesRequest r;
        r.kit_number = kit;
        r.department_public_file_text = department_file;
        r.persons = persons;
        r.packages = packages;
        r.seed = 7;
        r.faults = faults;
        auto made = census_sim::make_packages(dir, r);
        check(made);
        return *made;
    }

    void enroll(const census_sim::MadePackages& made, const std::string& kit) {
        check(enroll_device_key(officer, kit, made.device_public_pem));
    }

    PullSummary pull(TabletStorage& tablet) {
        auto s = pull_tablet(officer, tablet);
        check(s);
        return *s;
    }
    PullSummary pull(const std::filesystem::path& dir) {
        package::FolderTabletStorage tablet(dir);
        return pull(tablet);
    }
};

}  // namespace sanaq::test

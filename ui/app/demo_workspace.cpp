#include "ui/app/demo_workspace.h"

#include <cstdlib>
#include <fstream>

#include "core/domain/clock.h"
#include "core/usecases/demo.h"
#include "core/usecases/users.h"
#include "db/workspace.h"

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
           "To start with a real workspace, run Sanaq Station with --workspace DIR on a folder made\n"
           "with `sanaq init`.\n";
    out.close();
    if (!out)
        return fail(ErrorCode::Io, N_("Could not write {}."), {path.string()});
    return {};
}
}  // namespace

Status create_demo_workspace(const std::filesystem::path& dir) {
    std::error_code ec;
    if (dir.has_parent_path()) std::filesystem::create_directories(dir.parent_path(), ec);
    auto workspace = db::Workspace::create(dir, kDemoAdministrator, kDemoPassword, db::kdf_from_environment());
    if (!workspace) return std::unexpected(workspace.error());
    SystemClock clock;
    Session admin{**workspace, **workspace, clock, Actor{std::string(kDemoAdministrator), Role::Administrator}};
    if (auto ok = record_workspace_created(admin, "Demo administrator"); !ok) return ok;
    auto summary = load_demo(admin);
    if (!summary) return std::unexpected(summary.error());
    return write_marker(dir);
}

bool has_demo_marker(const std::filesystem::path& dir) {
    std::error_code ec;
    return std::filesystem::is_regular_file(dir / std::string(kDemoMarkerFileName), ec);
}

}  // namespace sanaq::ui

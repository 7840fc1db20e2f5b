#include "ui/app/open_workspace.h"

#include "core/usecases/demo.h"
#include "db/workspace.h"

namespace sanaq::ui {

OpenWorkspace::OpenWorkspace(std::unique_ptr<db::Workspace> workspace, std::filesystem::path dir, Actor actor, bool demo)
    : workspace_(std::move(workspace)),
      dir_(std::move(dir)),
      session_{*workspace_, *workspace_, clock_, std::move(actor)},
      demo_(demo) {}

OpenWorkspace::~OpenWorkspace() = default;

Result<std::unique_ptr<OpenWorkspace>> OpenWorkspace::open(const std::filesystem::path& dir, const std::string& user,
                                                           const std::string& password) {
    auto workspace = db::Workspace::open(dir, user, password);
    if (!workspace) return std::unexpected(workspace.error());
    SystemClock clock;
    auto signed_in = sign_in(**workspace, **workspace, clock, user);
    if (!signed_in) return std::unexpected(signed_in.error());
    auto demo = is_demo_workspace(*signed_in);
    if (!demo) return std::unexpected(demo.error());
    return std::unique_ptr<OpenWorkspace>(new OpenWorkspace(std::move(*workspace), dir, signed_in->actor, *demo));
}

}  // namespace sanaq::ui

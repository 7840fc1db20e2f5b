#include "ui/app/open_workspace.h"

#include "core/usecases/demo.h"
#include "core/usecases/users.h"
#include "db/key_slots.h"
#include "db/workspace.h"

namespace sanaq::ui {

OpenWorkspace::OpenWorkspace(std::unique_ptr<db::Workspace> workspace, std::filesystem::path dir,
                             Actor actor, bool demo)
    : workspace_(std::move(workspace)),
      dir_(std::move(dir)),
      session_{*workspace_, *workspace_, clock_, std::move(actor)},
      demo_(demo) {}

OpenWorkspace::~OpenWorkspace() = default;

WorkspaceArchiver& OpenWorkspace::archiver() { return *workspace_; }

Result<std::unique_ptr<OpenWorkspace>> OpenWorkspace::open(const std::filesystem::path& dir,
                                                           const std::string& user,
                                                           const std::string& password,
                                                           const ArchiveProgress& rekey_progress,
                                                           const ArchiveProgress& split_progress) {
    db::OpenOptions options;
    options.key_split_progress = split_progress;
    auto workspace = db::Workspace::open(dir, user, password, options);
    SANAQ_TRY(workspace);
    SystemClock clock;
    auto signed_in = sign_in(**workspace, **workspace, clock, user);
    SANAQ_TRY(signed_in);
    // A failure here (cancelled, a full disk) leaves the old keys in force and the parts waiting
    // for the next sign-in: the member still gets to work.
    (void)rekey_parts(*signed_in, rekey_progress);
    auto demo = is_demo_workspace(*signed_in);
    SANAQ_TRY(demo);
    return std::unique_ptr<OpenWorkspace>(
        new OpenWorkspace(std::move(*workspace), dir, signed_in->actor, *demo));
}

Result<std::unique_ptr<WorkerSession>> OpenWorkspace::open_worker_session(
    std::shared_ptr<OpenWorkspace> workspace) {
    if (!workspace)
        return fail(ErrorCode::Unexpected,
                    N_("Something went wrong that Sanaq Station did not expect."));
    auto store = workspace->workspace_->open_worker_store();
    SANAQ_TRY(store);
    return std::make_unique<WorkerSession>(std::move(workspace), std::move(*store));
}

Status OpenWorkspace::check_password(const std::filesystem::path& dir, const std::string& user,
                                     const std::string& password) {
    // Counted and delayed like a sign-in (db::check_password).
    return db::check_password(dir, user, password);
}

WorkerSession::WorkerSession(std::shared_ptr<OpenWorkspace> workspace, std::unique_ptr<Store> store)
    : workspace_(std::move(workspace)),
      store_(std::move(store)),
      session_{*store_, workspace_->session().keys, workspace_->session().clock,
               workspace_->actor()} {}

WorkerSession::~WorkerSession() = default;

}  // namespace sanaq::ui

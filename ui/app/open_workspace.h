#pragma once
// A workspace opened by a signed-in user: the store, the clock and the Session every screen runs
// its use cases with. Destroying it closes the workspace (wipes the key, releases the lock file).
#include <filesystem>
#include <memory>
#include <string>

#include "core/domain/clock.h"
#include "core/usecases/session.h"

namespace sanaq::db {
class Workspace;
}

namespace sanaq::ui {

class OpenWorkspace {
public:
    /// Unlocks the user's key slot (the Argon2id KDF: about half a second — call it off the UI
    /// thread), signs in and reads whether this is a demo workspace.
    static Result<std::unique_ptr<OpenWorkspace>> open(const std::filesystem::path& dir, const std::string& user,
                                                       const std::string& password);
    ~OpenWorkspace();
    OpenWorkspace(const OpenWorkspace&) = delete;
    OpenWorkspace& operator=(const OpenWorkspace&) = delete;

    Session& session() { return session_; }
    const Actor& actor() const { return session_.actor; }
    const std::filesystem::path& dir() const { return dir_; }
    bool demo() const { return demo_; }

private:
    OpenWorkspace(std::unique_ptr<db::Workspace> workspace, std::filesystem::path dir, Actor actor, bool demo);

    std::unique_ptr<db::Workspace> workspace_;
    SystemClock clock_;
    std::filesystem::path dir_;
    Session session_;
    bool demo_ = false;
};

}  // namespace sanaq::ui

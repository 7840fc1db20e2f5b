#pragma once
// The running workstation: which screen is up and who is signed in. It walks the cycle
//   (demo workspace made on first start) → LoginDialog → MainFrame → lock / sign out → LoginDialog
// and owns the open workspace between sign-in and lock, so locking really closes it (the key is
// wiped, the lock file released) rather than hiding a window.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <wx/weakref.h>

#include "ui/common/background_task.h"

namespace sanaq::ui {

class IdleLock;
class LoginDialog;
class MainFrame;
class OpenWorkspace;

struct WorkstationOptions {
    std::filesystem::path workspace;
    /// Make the demo workspace when `workspace` does not exist (the default folder only).
    bool create_demo_if_missing = false;
    /// Overrides the workspace's idle-lock setting (tests inject milliseconds here).
    std::optional<std::chrono::milliseconds> idle_timeout;
};

class Workstation {
public:
    explicit Workstation(WorkstationOptions options);
    ~Workstation();
    Workstation(const Workstation&) = delete;
    Workstation& operator=(const Workstation&) = delete;

    /// Shows the login dialog, first making the demo workspace if asked to.
    void start();
    /// Closes the main window and the workspace; the login dialog comes back with the user filled in.
    void lock();
    /// The same, with the user name left empty.
    void sign_out();
    /// Closes the main window and the workspace; the login dialog comes back for the folder `dir`.
    void open_workspace(const std::filesystem::path& dir);
    /// Re-creates every visible text in `code`; the session stays signed in.
    void switch_language(const std::string& code);

    // What is up right now (tests look at these; null when not shown).
    LoginDialog* login_dialog() const { return login_.get(); }
    MainFrame* main_frame() const { return frame_.get(); }
    OpenWorkspace* workspace() const { return workspace_.get(); }
    bool preparing_demo() const { return preparing_; }

private:
    void prepare_demo_workspace();
    void show_login(const std::string& user);
    void signed_in(std::unique_ptr<OpenWorkspace> workspace);
    void leave_main(const std::string& prefill_user);
    void main_closed();
    void start_idle_lock();

    WorkstationOptions options_;
    wxWeakRef<LoginDialog> login_;
    wxWeakRef<MainFrame> frame_;
    std::shared_ptr<OpenWorkspace> workspace_;
    std::unique_ptr<IdleLock> idle_lock_;
    unsigned session_number_ = 0;  // tells a late idle-lock callback from the current session's
    bool preparing_ = false;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui

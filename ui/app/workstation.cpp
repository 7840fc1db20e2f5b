#include "ui/app/workstation.h"

#include "core/usecases/settings.h"
#include "ui/app/appearance.h"
#include "ui/app/demo_workspace.h"
#include "ui/app/idle_lock.h"
#include "ui/app/open_workspace.h"
#include "ui/app/preferences.h"
#include "ui/app/ui_language.h"
#include "ui/common/error_text.h"
#include "ui/common/startup_timing.h"
#include "ui/login/login_dialog.h"
#include "ui/main/main_frame.h"

namespace sanaq::ui {

Workstation::Workstation(WorkstationOptions options) : options_(std::move(options)) {}

Workstation::~Workstation() {
    idle_lock_.reset();
    if (frame_) frame_->Destroy();
    if (login_) login_->Destroy();
}

void Workstation::start() {
    std::error_code ec;
    const bool missing = !std::filesystem::exists(options_.workspace, ec);
    // The appearance of whoever signed in here last, so that they can read the sign-in too.
    apply_appearance(saved_appearance(""));
    show_login("");
    if (missing && options_.create_demo_if_missing) prepare_demo_workspace();
}

void Workstation::prepare_demo_workspace() {
    preparing_ = true;
    if (login_) login_->set_busy(_("Preparing the demo workspace..."));
    const auto dir = options_.workspace;
    run_in_background<void>(
        lifeline_, [dir] { return create_demo_workspace(dir); },
        [this](Status done) {
            preparing_ = false;
            if (!login_) return;
            login_->set_idle();
            if (!done) login_->show_error(error_text(done.error()));
            login_->refresh_demo_hint();
        });
}

void Workstation::show_login(const std::string& user) {
    LoginDialog::Events events;
    events.signed_in = [this](std::unique_ptr<OpenWorkspace> ws) { signed_in(std::move(ws)); };
    events.language_changed = [this](const std::string& code) { switch_language(code); };
    events.cancelled = [this] {
        if (login_) login_->Destroy();
        login_ = nullptr;
    };
    login_ = new LoginDialog(nullptr, options_.workspace, user, std::move(events));
    login_->Show();
    login_->Raise();
    startup_milestone_when_idle("login_shown");
}

void Workstation::signed_in(std::unique_ptr<OpenWorkspace> workspace) {
    options_.workspace = workspace->dir();
    workspace_ = std::move(workspace);
    // Each person's fonts and contrast, before any window of theirs is made.
    const std::string& user = workspace_->actor().user;
    apply_appearance(saved_appearance(user));
    remember_last_user(user);
    ++session_number_;
    MainFrame::Actions actions;
    actions.lock = [this] { lock(); };
    actions.sign_out = [this] { sign_out(); };
    actions.switch_language = [this](const std::string& code) { switch_language(code); };
    actions.closed = [this] { main_closed(); };
    actions.idle_lock_changed = [this] { start_idle_lock(); };
    actions.open_workspace = [this](const std::filesystem::path& dir) { open_workspace(dir); };
    startup_milestone("main_window_building");
    frame_ = new MainFrame(workspace_, std::move(actions));
    frame_->Show();
    startup_milestone("main_window_shown");
    if (login_) login_->Destroy();
    login_ = nullptr;
    start_idle_lock();
}

void Workstation::start_idle_lock() {
    std::chrono::milliseconds timeout{0};
    if (options_.idle_timeout) {
        timeout = *options_.idle_timeout;
    } else if (auto minutes = idle_lock_minutes(workspace_->session()); minutes) {
        timeout = std::chrono::minutes(*minutes);
    }
    idle_lock_.reset();
    if (timeout.count() <= 0) return;  // 0 means never
    idle_lock_ = std::make_unique<IdleLock>(timeout, [this, token = lifeline_.token(), number = session_number_] {
        if (*token && number == session_number_ && frame_) lock();
    });
}

void Workstation::lock() {
    if (!workspace_) return;
    leave_main(workspace_->actor().user);
}

void Workstation::sign_out() {
    if (!workspace_) return;
    leave_main("");
}

void Workstation::leave_main(const std::string& prefill_user) {
    idle_lock_.reset();
    ++session_number_;
    if (frame_) {
        frame_->forget_actions();  // its close must not come back here
        frame_->Destroy();          // deleted at idle time; with it the last reference to the workspace
    }
    frame_ = nullptr;
    workspace_.reset();
    show_login(prefill_user);
}

void Workstation::main_closed() {
    idle_lock_.reset();
    ++session_number_;
    frame_ = nullptr;
    workspace_.reset();
}

void Workstation::open_workspace(const std::filesystem::path& dir) {
    if (!workspace_) return;
    options_.workspace = dir;
    options_.create_demo_if_missing = false;
    leave_main("");
}

void Workstation::switch_language(const std::string& code) {
    apply_ui_language(code);
    save_language(code);  // the next start speaks it too (unless --lang or $SANAQ_LANG says otherwise)
    if (frame_) frame_->rebuild();
    if (login_) login_->apply_texts();
}

}  // namespace sanaq::ui

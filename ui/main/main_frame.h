#pragma once
// The main window: a list of screens on the left (Dashboard, Kits, Institutions, Audit, Users, Devices,
// Lists, Coverage, Review, Upstream, Settings — only those the role may use), the screen on the right,
// a status bar saying who is signed in to which workspace, and a DEMO DATA badge on demo workspaces.
// It opens on the Dashboard. The end of long work and a tablet plugged in or out are announced in
// the status bar and, where the desktop has a notification service, as a desktop notice.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/frame.h>
#include <wx/timer.h>

#include "ui/app/preferences.h"
#include "ui/common/background_task.h"
#include "ui/dashboard/dashboard_figures.h"

class wxListBox;
class wxPanel;
class wxSimplebook;

namespace sanaq::ui {

class AuditPanel;
class CoveragePanel;
class DashboardPanel;
class DemoBadge;
class DevicesPanel;
class InstitutionsPanel;
class KitsPanel;
class ListsPanel;
class OpenWorkspace;
class ReviewPanel;
class SettingsPanel;
class UpstreamPanel;
class UsersPanel;

class MainFrame : public wxFrame {
public:
    // Kept in this order: the menu ids and tests count on the values (new screens go last).
    enum class Screen { Kits, Institutions, Audit, Users, Devices, Lists, Coverage, Review, Upstream, Dashboard, Settings };

    struct Actions {
        std::function<void()> lock;
        std::function<void()> sign_out;
        std::function<void(const std::string&)> switch_language;
        std::function<void()> closed;  // the user closed the window (quit)
        std::function<void()> idle_lock_changed;                          // re-read the idle lock setting
        std::function<void(const std::filesystem::path&)> open_workspace;  // sign out towards another folder
    };

    MainFrame(std::shared_ptr<OpenWorkspace> workspace, Actions actions);
    ~MainFrame() override;

    /// Re-creates menus, screens and status texts in the current language, keeping the session
    /// and the screen shown. Deferred to the event queue: it may be asked from a menu handler.
    void rebuild();
    /// Called by the Workstation before it destroys the frame itself.
    void forget_actions() { actions_ = {}; }

    /// Shows the screen, re-reading its data (other screens may have changed it meanwhile).
    bool show_screen(Screen screen, bool reload = true);
    std::optional<Screen> current_screen() const;

    /// File > Change password...: the signed-in user's own password (ChangePasswordDialog).
    void change_password();

    /// Where a dashboard tile or row leads.
    void open_link(DashboardLink link);
    /// The signed-in user's appearance changed on the Settings screen: stored for them on this
    /// workstation, put into force, and the window rebuilt with it (deferred, like rebuild()).
    void change_appearance(const Appearance& appearance);
    /// The end of long work or a tablet event: the status bar line, and a desktop notice when the
    /// desktop can show one.
    void announce(const wxString& title, const wxString& text);
    /// The last announce(): its text, and whether a desktop notice showed it.
    const wxString& last_announcement() const { return last_announcement_; }
    bool last_announcement_on_desktop() const { return last_announcement_on_desktop_; }

    // The screens (null when the role has no such screen), for tests; made if not yet shown.
    DashboardPanel* dashboard_panel() { return ensure_screen(Screen::Dashboard), dashboard_; }
    SettingsPanel* settings_panel() { return ensure_screen(Screen::Settings), settings_; }
    KitsPanel* kits_panel() { return ensure_screen(Screen::Kits), kits_; }
    InstitutionsPanel* institutions_panel() { return ensure_screen(Screen::Institutions), institutions_; }
    AuditPanel* audit_panel() { return ensure_screen(Screen::Audit), audit_; }
    UsersPanel* users_panel() { return ensure_screen(Screen::Users), users_; }
    DevicesPanel* devices_panel() { return ensure_screen(Screen::Devices), devices_; }
    ListsPanel* lists_panel() { return ensure_screen(Screen::Lists), lists_; }
    CoveragePanel* coverage_panel() { return ensure_screen(Screen::Coverage), coverage_; }
    ReviewPanel* review_panel() { return ensure_screen(Screen::Review), review_; }
    UpstreamPanel* upstream_panel() { return ensure_screen(Screen::Upstream), upstream_; }
    wxListBox* navigation() const { return navigation_; }
    unsigned builds() const { return builds_; }

private:
    void build();
    void build_menu();
    void build_body();
    /// A screen's panel, made in `parent` (the book, or the placeholder page it replaces).
    wxWindow* make_screen(Screen screen, wxWindow* parent);
    /// Makes the screen's panel if it has not been made yet; true when it was made now.
    bool ensure_screen(Screen screen);
    void update_status();
    void place_badge();
    void about();
    /// A passing notice (a tablet plugged in, a pull finished) in the status bar for a while.
    void show_notice(const wxString& text);

    std::shared_ptr<OpenWorkspace> workspace_;
    Actions actions_;
    std::vector<Screen> screens_;
    std::vector<bool> built_;  // per screen: its panel made (the others are empty placeholders)
    wxPanel* body_ = nullptr;
    wxListBox* navigation_ = nullptr;
    wxSimplebook* book_ = nullptr;
    KitsPanel* kits_ = nullptr;
    InstitutionsPanel* institutions_ = nullptr;
    AuditPanel* audit_ = nullptr;
    UsersPanel* users_ = nullptr;
    DevicesPanel* devices_ = nullptr;
    ListsPanel* lists_ = nullptr;
    CoveragePanel* coverage_ = nullptr;
    ReviewPanel* review_ = nullptr;
    UpstreamPanel* upstream_ = nullptr;
    DashboardPanel* dashboard_ = nullptr;
    SettingsPanel* settings_ = nullptr;
    DemoBadge* badge_ = nullptr;
    bool focus_appearance_after_build_ = false;
    wxString last_announcement_;
    bool last_announcement_on_desktop_ = false;
    unsigned builds_ = 0;
    wxTimer notice_timer_;
    Lifeline lifeline_;
};

}  // namespace sanaq::ui

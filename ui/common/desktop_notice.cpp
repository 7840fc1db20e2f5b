#include "ui/common/desktop_notice.h"

#include <sys/stat.h>

#include <cstdlib>
#include <string>

#include <wx/log.h>
#include <wx/notifmsg.h>

namespace sanaq::ui {
namespace {

/// A notification service lives on the session bus. Without one (no DBUS_SESSION_BUS_ADDRESS, no
/// $XDG_RUNTIME_DIR/bus socket) libnotify would autolaunch a private bus — fork and exec of
/// dbus-launch on the UI thread, 100-200 ms each time (bench_ui_responsiveness) — only to find
/// no service there.
bool session_bus_exists() {
    if (const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS"); address && *address) return true;
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    if (!runtime || !*runtime) return false;
    struct stat st {};
    return ::stat((std::string(runtime) + "/bus").c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

}  // namespace

bool show_desktop_notice(wxWindow* parent, const wxString& title, const wxString& message) {
    if (const char* off = std::getenv("SANAQ_NO_DESKTOP_NOTICES"); off && *off) return false;
    // A desktop that had no notification service a moment ago does not get one mid-session: after
    // the first refusal the status bar alone is the notice, without asking the bus again (UI thread).
    static bool unavailable = !session_bus_exists();
    if (unavailable) return false;
    // Without a notification daemon wxGTK logs an error (a message box at idle time): the status
    // bar says the same, so stay quiet.
    wxLogNull quiet;
    wxNotificationMessage notice(title, message, parent, wxICON_INFORMATION);
    const bool shown = notice.Show(wxNotificationMessage::Timeout_Auto);
    if (!shown) unavailable = true;
    return shown;
}

}  // namespace sanaq::ui

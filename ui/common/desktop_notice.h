#pragma once
// A passing notice on the desktop (a tablet plugged in, a pull finished): wxNotificationMessage,
// which is libnotify under GTK. Without a notification service (a bare X server, Xvfb, a locked-down
// desktop) it cannot show; the caller's status bar line is then the only notice — which is why
// every caller writes that line too.
#include <wx/string.h>

class wxWindow;

namespace sanaq::ui {

/// Shows `title` / `message` on the desktop; false when no notification service took it.
/// $SANAQ_NO_DESKTOP_NOTICES set: never tries (tests, kiosks).
bool show_desktop_notice(wxWindow* parent, const wxString& title, const wxString& message);

}  // namespace sanaq::ui

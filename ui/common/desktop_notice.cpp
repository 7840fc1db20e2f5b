#include "ui/common/desktop_notice.h"

#include <cstdlib>

#include <wx/log.h>
#include <wx/notifmsg.h>

namespace sanaq::ui {

bool show_desktop_notice(wxWindow* parent, const wxString& title, const wxString& message) {
    if (const char* off = std::getenv("SANAQ_NO_DESKTOP_NOTICES"); off && *off) return false;
    // Without a notification daemon wxGTK logs an error (a message box at idle time): the status
    // bar says the same, so stay quiet.
    wxLogNull quiet;
    wxNotificationMessage notice(title, message, parent, wxICON_INFORMATION);
    return notice.Show(wxNotificationMessage::Timeout_Auto);
}

}  // namespace sanaq::ui

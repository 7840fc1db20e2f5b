#pragma once
// File > Confirm colleagues' access... (officers and supervisors, per-role keys): an administrator
// adds an officer or supervisor but never holds the census key, so a census holder gives it — the
// second pair of eyes on who reads census records (core confirm_access).
#include <wx/string.h>

#include <functional>

#include "core/usecases/session.h"

class wxWindow;

namespace sanaq::ui {

/// Lists the colleagues waiting for the signed-in member's confirmation, all ticked, and confirms
/// the ones left ticked; `notice` gets the outcome in one line.
void confirm_colleagues_access(wxWindow* parent, Session& session,
                               const std::function<void(const wxString&)>& notice);

/// The one-line reminder for the status bar after sign-in, or empty when nobody is waiting.
wxString colleagues_waiting_notice(Session& session);

}  // namespace sanaq::ui

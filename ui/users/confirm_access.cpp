#include "ui/users/confirm_access.h"

#include <wx/choicdlg.h>
#include <wx/msgdlg.h>

#include "core/usecases/users.h"
#include "ui/common/error_text.h"
#include "ui/common/text.h"

namespace sanaq::ui {

void confirm_colleagues_access(wxWindow* parent, Session& session,
                               const std::function<void(const wxString&)>& notice) {
    auto waiting = colleagues_awaiting_access(session);
    if (!waiting) {
        wxMessageBox(error_text(waiting.error()), _("Confirm colleagues' access"),
                     wxOK | wxICON_ERROR, parent);
        return;
    }
    if (waiting->empty()) {
        wxMessageBox(_("Nobody is waiting for you to confirm their access."),
                     _("Confirm colleagues' access"), wxOK | wxICON_INFORMATION, parent);
        return;
    }
    wxArrayString names;
    wxArrayInt ticked;
    for (std::size_t i = 0; i < waiting->size(); ++i) {
        names.Add(from_utf8((*waiting)[i]));
        ticked.Add(static_cast<int>(i));
    }
    wxMultiChoiceDialog dialog(
        parent,
        _("An administrator added these colleagues. Tick those you know should read census "
          "records; they get the census key from you."),
        _("Confirm colleagues' access"), names);
    dialog.SetSelections(ticked);
    if (dialog.ShowModal() != wxID_OK) return;
    int confirmed = 0;
    for (int index : dialog.GetSelections()) {
        auto given = confirm_access(session, (*waiting)[static_cast<std::size_t>(index)]);
        if (!given) {
            wxMessageBox(error_text(given.error()), _("Confirm colleagues' access"),
                         wxOK | wxICON_ERROR, parent);
            break;
        }
        ++confirmed;
    }
    if (confirmed > 0 && notice)
        notice(wxString::Format(wxPLURAL("Access confirmed for %d colleague.",
                                         "Access confirmed for %d colleagues.", confirmed),
                                confirmed));
}

wxString colleagues_waiting_notice(Session& session) {
    if (!permits(session.actor.role, Operation::ViewCensusData)) return {};
    auto waiting = colleagues_awaiting_access(session);
    if (!waiting || waiting->empty()) return {};
    return wxString::Format(
        wxPLURAL("%d colleague waits for you to confirm their census access (File menu).",
                 "%d colleagues wait for you to confirm their census access (File menu).",
                 static_cast<int>(waiting->size())),
        static_cast<int>(waiting->size()));
}

}  // namespace sanaq::ui

#include "ui/common/error_text.h"

#include <wx/intl.h>

#include "core/domain/printable.h"
#include "core/i18n/catalog.h"
#include "ui/common/text.h"

namespace sanaq::ui {

wxString error_text(const Error& error) {
    // A counted error picks its form by the catalog's Plural-Forms rule, as wxPLURAL does.
    const wxString pattern =
        error.counted() ? wxGetTranslation(from_utf8(error.message_id), from_utf8(error.plural_id),
                                           static_cast<unsigned>(error.count < 0 ? -error.count : error.count))
                        : wxGetTranslation(from_utf8(error.message_id));
    // Arguments may be a tablet's file name or strings: shown with visible escapes, never obeyed.
    wxString text = from_utf8(printable_text(i18n::format_message(to_utf8(pattern), error.args, [](std::string_view msgid) {
        return to_utf8(wxGetTranslation(from_utf8(msgid)));
    })));
    if (!error.detail.empty() && (error.code == ErrorCode::Unexpected || error.code == ErrorCode::Io))
        text += "\n" + from_utf8(printable_text(error.detail));
    return text;
}

wxString sign_in_error_text(const Error& error) {
    switch (error.code) {
        case ErrorCode::WrongPassword:
            return _("The user name or the password is wrong. Check the keyboard layout and Caps Lock, then try again.");
        case ErrorCode::UnknownUser:
            // Opening reports an unknown name like a wrong password; signing in reports a disabled
            // account. The core's message says which.
            return error_text(error);
        case ErrorCode::WorkspaceLocked:
            return _("This workspace is already open in another Sanaq Station. Close it there, then sign in here.") +
                   "\n" + error_text(error);
        case ErrorCode::WorkspaceDamaged:
            return _("The workspace files are damaged or were not written by Sanaq Station. Restore the folder from a backup or call your administrator.");
        case ErrorCode::NotAWorkspace:
            return _("This folder is not a Sanaq Station workspace. Choose the folder that holds workspace.db and keyslots.json.");
        default:
            return error_text(error);
    }
}

}  // namespace sanaq::ui

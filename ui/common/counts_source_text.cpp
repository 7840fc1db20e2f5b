#include "ui/common/counts_source_text.h"

#include <wx/intl.h>

#include "ui/common/text.h"

namespace sanaq::ui {

wxString as_of_time_text(const std::string& iso_utc, const wxDateTime& now) {
    wxDateTime t;
    if (iso_utc.size() < 19 || !t.ParseISOCombined(from_utf8(iso_utc.substr(0, 19))))
        return from_utf8(iso_utc);
    t.MakeFromTimezone(wxDateTime::UTC);
    return t.IsSameDate(now) ? t.Format("%H:%M") : t.Format("%d.%m.%Y %H:%M");
}

wxString counts_as_of_text(const CountsSource& source, const wxDateTime& now) {
    if (!source.summary) return {};
    // TRANSLATORS: under counts an administrator reads from the department's summary: "As of
    // 12:40".
    if (!source.as_of_utc.empty())
        return format_text(_("As of {}"), {as_of_time_text(source.as_of_utc, now)});
    return _("No counts from an officer or supervisor yet");
}

wxString counts_source_note(const CountsSource& source, const wxDateTime& now) {
    if (!source.summary) return {};
    if (source.as_of_utc.empty())
        return _(
            "These counts come from the department's summary, which no officer or supervisor has "
            "stored yet: it "
            "fills with their next reconciliation, review decision, list import, pull or upstream "
            "send. Your role "
            "does not open the census records.");
    return format_text(
        _("Counts as of {}, from the department's summary that officers and supervisors keep: your "
          "role does not open the census records."),
        {as_of_time_text(source.as_of_utc, now)});
}

}  // namespace sanaq::ui

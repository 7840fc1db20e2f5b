// wxWidgets labels its stock buttons (OK, Cancel, Close …) through its own "wxstd" catalog. Debian
// ships that catalog for Russian but not for Kazakh, so the stock labels are repeated here for
// xgettext: wx looks a msgid up in every loaded catalog, ours included, and finds them in kk too.
// Nothing calls this function; it exists so the strings are extracted and translated.
#include <wx/intl.h>

namespace sanaq::ui::detail {

[[maybe_unused]] static const char* const kStockLabels[] = {
    wxTRANSLATE("&OK"),     wxTRANSLATE("&Cancel"), wxTRANSLATE("&Close"), wxTRANSLATE("&Yes"),
    wxTRANSLATE("&No"),     wxTRANSLATE("&Apply"),  wxTRANSLATE("&Help"),  wxTRANSLATE("&Save"),
    wxTRANSLATE("&Open"),   wxTRANSLATE("&Print"),  wxTRANSLATE("&Delete"), wxTRANSLATE("&Edit"),
    wxTRANSLATE("&Add"),    wxTRANSLATE("&Remove"), wxTRANSLATE("&Next >"), wxTRANSLATE("< &Back"),
    wxTRANSLATE("&Finish"), wxTRANSLATE("&Refresh"), wxTRANSLATE("&Find"), wxTRANSLATE("&About"),
    wxTRANSLATE("&Quit"),   wxTRANSLATE("&Exit"),   wxTRANSLATE("&Previous"), wxTRANSLATE("&Forward"),
    wxTRANSLATE("Save As..."),
};

}  // namespace sanaq::ui::detail

#include "ui/acts/act_printout.h"

#include <algorithm>

#include "acts/act_document.h"
#include "ui/common/page_bitmap.h"
#include "ui/common/text.h"

namespace sanaq::ui {

ActPrintout::ActPrintout(const Act& act, const ActCatalogs& catalogs, int pages)
    : wxPrintout(from_utf8(act.number)), act_(act), catalogs_(catalogs), pages_(pages) {}

void ActPrintout::GetPageInfo(int* min_page, int* max_page, int* from, int* to) {
    *min_page = 1;
    *max_page = pages_;
    *from = 1;
    *to = pages_;
}

bool ActPrintout::OnPrintPage(int page) {
    wxDC* dc = GetDC();
    if (!dc) return false;
    int ppi_x = 0, ppi_y = 0;
    GetPPIPrinter(&ppi_x, &ppi_y);
    // 300 dpi is plenty for text and the QR code; higher only costs memory.
    const double dpi = std::clamp(static_cast<double>(std::max(ppi_x, ppi_y)), 72.0, 300.0);
    auto image = acts::render_act_page(act_, page - 1, dpi, catalogs_.kk, catalogs_.ru);
    if (!image) return false;
    const wxBitmap bitmap(page_to_image(*image));
    // The page is A4 drawn edge to edge: map it onto the paper, not the printable area.
    FitThisSizeToPaper(bitmap.GetSize());
    dc->DrawBitmap(bitmap, 0, 0);
    return true;
}

}  // namespace sanaq::ui

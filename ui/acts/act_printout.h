#pragma once
// Printing an act: each page drawn afresh at the printer's resolution (not the screen preview
// scaled up), so the QR code and small print stay sharp.
#include <wx/print.h>

#include "core/domain/act.h"
#include "ui/acts/act_catalogs.h"

namespace sanaq::ui {

class ActPrintout : public wxPrintout {
public:
    ActPrintout(const Act& act, const ActCatalogs& catalogs, int pages);

    bool OnPrintPage(int page) override;
    bool HasPage(int page) override { return page >= 1 && page <= pages_; }
    void GetPageInfo(int* min_page, int* max_page, int* from, int* to) override;

private:
    const Act& act_;
    const ActCatalogs& catalogs_;
    int pages_;
};

}  // namespace sanaq::ui

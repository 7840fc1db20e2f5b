#pragma once
// The printed act of acceptance and transfer (қабылдау-тапсыру актісі / акт приема-передачи) and
// the return act. One document, two language parts: the Kazakh text first, then the Russian text,
// each starting on a new page and complete in itself (letterhead with QR code, parties, the table
// of kit components, paper census tools, signatures). Every word comes from the catalogs: pass
// catalogs loaded for "kk" and "ru" (i18n::Catalog::load(dir, "kk")), whatever the UI language is.
//
// The layout is described in acts/README.md.
#include <filesystem>

#include "acts/document.h"
#include "acts/page_image.h"
#include "core/domain/act.h"
#include "core/error.h"
#include "core/i18n/catalog.h"

namespace sanaq::acts {

/// Writes the act as a PDF: Kazakh part, then Russian part. Atomic: the PDF is written to a
/// temporary file in the folder of `out` and renamed into place, so `out` is either the old file
/// or the complete new act, never half of one. Errors: ErrorCode::Io naming `out`.
Status write_act_pdf(const Act& act, const std::filesystem::path& out, const i18n::Catalog& kk,
                     const i18n::Catalog& ru);

/// Number of pages write_act_pdf would produce (both parts together).
Result<int> act_page_count(const Act& act, const i18n::Catalog& kk, const i18n::Catalog& ru);

/// The same drawing as the PDF, page `index` (0-based, over both parts) at `dpi` (10..600), on
/// white, as CAIRO_FORMAT_ARGB32 pixels (see PageImage). Width and height are
/// lround(210 mm and 297 mm in inches * dpi): 1240 x 1754 at 150 dpi.
Result<PageImage> render_act_page(const Act& act, int index, double dpi, const i18n::Catalog& kk,
                                  const i18n::Catalog& ru);

/// The act as a layout-engine document (what the three functions above draw). For callers that
/// want to add to it or draw it elsewhere; most need not. InvalidInput when the act cannot be
/// serialised for its QR code (text that is not valid UTF-8 — a stored act never has any).
Result<Document> act_document(const Act& act, const i18n::Catalog& kk, const i18n::Catalog& ru);

/// "2026-03-15" -> "15.03.2026"; anything else is returned unchanged.
std::string format_act_date(std::string_view iso_date);

}  // namespace sanaq::acts

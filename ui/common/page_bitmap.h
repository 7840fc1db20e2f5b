#pragma once
// Act pages arrive as cairo ARGB32 pixels (premultiplied alpha, native-endian words); wxImage
// wants plain RGB bytes.
#include <wx/image.h>

#include "acts/page_image.h"

namespace sanaq::ui {

/// Composites the page over white, so a translucent pixel (never expected: pages are drawn on
/// white) still comes out right.
wxImage page_to_image(const acts::PageImage& page);

}  // namespace sanaq::ui

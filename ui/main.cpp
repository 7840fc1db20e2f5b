// sanaq-station: the GUI composition root. Everything lives in sanaq_ui (ui/app/station_app.h),
// so tests drive the same classes the application runs.
#include <cstdio>

#include "core/io/process_hardening.h"
#include "ui/app/station_app.h"

namespace {
// Before main(): no core file and no ptrace by another process of the account, from the first
// instruction of the program (the tests drive StationApp in their own processes, without this).
const bool core_dumps_forbidden = [] {
    auto ok = sanaq::io::forbid_core_dumps();
    if (!ok) std::fprintf(stderr, "sanaq-station: %s\n", ok.error().detail.c_str());
    return ok.has_value();
}();
}  // namespace

wxIMPLEMENT_APP(sanaq::ui::StationApp);

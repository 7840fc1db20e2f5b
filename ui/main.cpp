// sanaq-station: the GUI composition root. Everything lives in sanaq_ui (ui/app/station_app.h),
// so tests drive the same classes the application runs.
#include "ui/app/station_app.h"

wxIMPLEMENT_APP(sanaq::ui::StationApp);

#include "ui/common/gauge_progress.h"

#include <algorithm>
#include <chrono>

#include <wx/app.h>
#include <wx/gauge.h>

namespace sanaq::ui {

app::JobProgressFn gauge_progress(const Lifeline& owner, wxGauge* gauge) {
    auto token = owner.token();
    auto last_report = std::make_shared<std::chrono::steady_clock::time_point>();
    return [gauge, token, last_report](const app::JobProgress& p) {
        const auto now = std::chrono::steady_clock::now();
        if (now - *last_report > std::chrono::milliseconds(100) || p.done == p.total) {
            *last_report = now;
            wxTheApp->CallAfter([gauge, token, done = p.done, total = p.total] {
                if (!*token || total == 0) return;
                gauge->SetValue(static_cast<int>(std::min<std::uint64_t>(1000, done * 1000 / total)));
            });
        }
    };
}

}  // namespace sanaq::ui

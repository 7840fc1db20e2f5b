#include "ui/common/gauge_progress.h"

#include <algorithm>
#include <chrono>

#include <wx/app.h>
#include <wx/gauge.h>

namespace sanaq::ui {

ArchiveProgress gauge_progress(const Lifeline& owner, wxGauge* gauge, std::shared_ptr<const std::atomic<bool>> cancel) {
    auto token = owner.token();
    auto last_report = std::make_shared<std::chrono::steady_clock::time_point>();
    return [gauge, token, cancel = std::move(cancel), last_report](std::uint64_t done, std::uint64_t total) {
        const auto now = std::chrono::steady_clock::now();
        if (now - *last_report > std::chrono::milliseconds(100) || done == total) {
            *last_report = now;
            wxTheApp->CallAfter([gauge, token, done, total] {
                if (!*token || total == 0) return;
                gauge->SetValue(static_cast<int>(std::min<std::uint64_t>(1000, done * 1000 / total)));
            });
        }
        return !*cancel;
    };
}

}  // namespace sanaq::ui

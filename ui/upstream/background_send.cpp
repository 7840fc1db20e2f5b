#include "ui/upstream/background_send.h"

#include <chrono>
#include <optional>

#include "app/upstream_sending.h"
#include "ui/app/open_workspace.h"

namespace sanaq::ui {
namespace {
constexpr auto kProgressInterval = std::chrono::milliseconds(100);  // at most ~10 reports a second
}

BackgroundSend::BackgroundSend(std::shared_ptr<OpenWorkspace> workspace) : workspace_(std::move(workspace)) {}

BackgroundSend::~BackgroundSend() {
    if (job_) job_->cancel = true;  // the worker stops at its next step; its report is dropped
}

bool BackgroundSend::start(upstream::SendOptions options, StepFn on_step, DoneFn on_done) {
    if (job_) return false;
    job_ = std::make_shared<Job>();
    auto job = job_;
    auto token = lifeline_.token();
    auto step = std::make_shared<StepFn>(std::move(on_step));
    run_in_background<upstream::SendReport>(
        lifeline_,
        [workspace = workspace_, job, token, step, options = std::move(options)]() mutable -> Result<upstream::SendReport> {
            // Moved in, so the worker session holds the workspace only until this function ends.
            auto worker = OpenWorkspace::open_worker_session(std::move(workspace));
            SANAQ_TRY(worker);
            auto last = std::chrono::steady_clock::now() - kProgressInterval;
            std::optional<upstream::SendStage> last_stage;
            std::int64_t sending = 0;
            auto progress = [&](const upstream::SendProgress& p) {
                if (p.stage == upstream::SendStage::Sending) ++sending;
                else sending = 0;  // a new pass after waiting counts from one again
                const auto now = std::chrono::steady_clock::now();
                if (last_stage == p.stage && now - last < kProgressInterval) return;
                last = now;
                last_stage = p.stage;
                wxTheApp->CallAfter([token, step, s = SendStep{p, sending}] {
                    if (*token) (*step)(s);
                });
            };
            return app::send_upstream((*worker)->session(), std::move(options), progress,
                                      app::CancelToken(job->cancel));
        },
        [this, on_done = std::move(on_done)](Result<upstream::SendReport> report) {
            job_.reset();
            if (on_done) on_done(std::move(report));
        });
    return true;
}

void BackgroundSend::cancel() {
    if (job_) job_->cancel = true;
}

}  // namespace sanaq::ui

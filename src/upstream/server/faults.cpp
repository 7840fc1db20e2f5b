#include "upstream/server/faults.h"

namespace sanaq::upstream::receiver {

FaultPlan::FaultPlan(FaultOptions options) : options_(options) {
    random_.seed(options_.seed ? *options_.seed : std::random_device{}());
}

FaultDecision FaultPlan::next_put() {
    std::lock_guard lock(mutex_);
    std::uniform_real_distribution<double> share(0.0, 1.0);
    FaultDecision d;
    d.unavailable = puts_seen_ < options_.unavailable;
    ++puts_seen_;
    // Each draw is < 1, so a share of 1 always fires and a share of 0 never does.
    d.fail = share(random_) < options_.fail_share;
    d.drop_mid_body = share(random_) < options_.drop_mid_body_share;
    d.lose_answer = share(random_) < options_.lose_answer_share;
    return d;
}

}  // namespace sanaq::upstream::receiver

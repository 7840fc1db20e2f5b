#pragma once
// Misbehaviour on purpose, for testing clients: refusals, stalls, dropped connections and lost
// answers, drawn per PUT from a seeded generator so a run can be repeated.
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>

namespace sanaq::upstream::receiver {

struct FaultOptions {
    double fail_share = 0;             // answer 500 before storing
    int unavailable = 0;               // answer 503 to the first N PUTs ...
    int retry_after_seconds = 1;       // ... with this Retry-After
    int stall_ms = 0;                  // wait before every answer to a PUT
    double drop_mid_body_share = 0;    // read about half the body, then close without answering
    double lose_answer_share = 0;      // commit the batch, then close without answering
    std::optional<std::uint64_t> seed;

    bool any() const {
        return fail_share > 0 || unavailable > 0 || stall_ms > 0 || drop_mid_body_share > 0 ||
               lose_answer_share > 0;
    }
};

/// What happens to one PUT. All draws are made at once, so the sequence of decisions depends on
/// the seed and the order of requests only, not on which checks a request passes.
struct FaultDecision {
    bool unavailable = false;
    bool fail = false;
    bool drop_mid_body = false;
    bool lose_answer = false;
};

class FaultPlan {
public:
    explicit FaultPlan(FaultOptions options);
    FaultDecision next_put();
    const FaultOptions& options() const { return options_; }

private:
    FaultOptions options_;
    std::mutex mutex_;
    std::mt19937_64 random_;
    int puts_seen_ = 0;
};

}  // namespace sanaq::upstream::receiver

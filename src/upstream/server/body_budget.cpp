#include "upstream/server/body_budget.h"

namespace sanaq::upstream::receiver {

bool BodyBudget::fits(std::size_t bytes, std::size_t own) const {
    // Alone (nothing held but this request's own bytes) anything the protocol allows fits.
    return held_ == own || held_ + bytes <= capacity_;
}

std::optional<BodyBudget::Lease> BodyBudget::take(std::size_t bytes) {
    std::lock_guard lock(mutex_);
    if (!fits(bytes, 0)) return std::nullopt;
    held_ += bytes;
    return Lease(this, bytes);
}

std::size_t BodyBudget::held() const {
    std::lock_guard lock(mutex_);
    return held_;
}

bool BodyBudget::Lease::grow(std::size_t more) {
    if (!budget_) return false;
    std::lock_guard lock(budget_->mutex_);
    if (!budget_->fits(more, bytes_)) return false;
    budget_->held_ += more;
    bytes_ += more;
    return true;
}

BodyBudget::Lease::~Lease() {
    if (!budget_) return;
    std::lock_guard lock(budget_->mutex_);
    budget_->held_ -= bytes_;
}

}  // namespace sanaq::upstream::receiver

#pragma once
// How many bytes of request bodies (compressed as read, and inflated) the receiver holds at once,
// across all requests: without it, sixteen connections each declaring 64 MiB — or each inflating
// 512 MiB — would take gigabytes. A request that does not fit is answered 503 with Retry-After
// (the client waits and sends again); it never waits inside the receiver holding a thread.
#include <cstddef>
#include <mutex>
#include <optional>

namespace sanaq::upstream::receiver {

class BodyBudget {
public:
    explicit BodyBudget(std::size_t capacity_bytes) : capacity_(capacity_bytes) {}
    BodyBudget(const BodyBudget&) = delete;
    BodyBudget& operator=(const BodyBudget&) = delete;

    /// Bytes one request holds; given back when it ends.
    class Lease {
    public:
        Lease(Lease&& other) noexcept : budget_(other.budget_), bytes_(other.bytes_) { other.budget_ = nullptr; }
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        /// Holds `more` bytes as well; false (and nothing held) when they do not fit.
        bool grow(std::size_t more);
        std::size_t bytes() const { return bytes_; }

    private:
        friend class BodyBudget;
        Lease(BodyBudget* budget, std::size_t bytes) : budget_(budget), bytes_(bytes) {}
        BodyBudget* budget_;
        std::size_t bytes_;
    };

    /// Nullopt when `bytes` do not fit beside what other requests hold. A request alone may hold
    /// more than the capacity (up to the protocol's own limits), so a batch larger than the
    /// budget still goes through when the receiver is otherwise idle.
    std::optional<Lease> take(std::size_t bytes);

    std::size_t capacity() const { return capacity_; }
    std::size_t held() const;

private:
    bool fits(std::size_t bytes, std::size_t own) const;   // under mutex_
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::size_t held_ = 0;
};

}  // namespace sanaq::upstream::receiver

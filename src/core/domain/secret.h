#pragma once
// Text that is a secret — a PEM private key, a payload key, a password: its bytes are overwritten
// when it is destroyed, assigned over or moved from, so the heap block it leaves behind does not
// keep them (db/README.md, "Threat model": no core files, and no secrets in freed memory either).
#include <string>
#include <string_view>

namespace sanaq {

/// Overwrites every byte of the string's buffer (its whole capacity) in a way the compiler keeps.
void wipe_text(std::string& text) noexcept;

class SecretText {
public:
    SecretText() = default;
    /// Takes the text over; pass an rvalue so no copy is left behind.
    SecretText(std::string&& text) noexcept : text_(std::move(text)) { wipe_text(text); }  // NOLINT: implicit on purpose
    explicit SecretText(std::string_view text) : text_(text) {}
    SecretText(const SecretText& other) : text_(other.text_) {}
    SecretText(SecretText&& other) noexcept : text_(std::move(other.text_)) { wipe_text(other.text_); }
    SecretText& operator=(const SecretText& other) {
        if (this != &other) {
            wipe_text(text_);
            text_ = other.text_;
        }
        return *this;
    }
    SecretText& operator=(SecretText&& other) noexcept {
        if (this != &other) {
            wipe_text(text_);
            text_ = std::move(other.text_);
            wipe_text(other.text_);
        }
        return *this;
    }
    ~SecretText() { wipe_text(text_); }

    operator std::string_view() const noexcept { return text_; }  // NOLINT: reads like the text it is
    std::string_view view() const noexcept { return text_; }
    const char* data() const noexcept { return text_.data(); }
    std::size_t size() const noexcept { return text_.size(); }
    bool empty() const noexcept { return text_.empty(); }
    friend bool operator==(const SecretText& a, const SecretText& b) { return a.text_ == b.text_; }

private:
    std::string text_;
};

}  // namespace sanaq

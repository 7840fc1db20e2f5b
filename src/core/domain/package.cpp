#include "core/domain/package.h"

#include "core/domain/clock.h"
#include "core/domain/identifiers.h"
#include "core/error.h"

namespace sanaq {
namespace {

struct ReasonInfo {
    QuarantineReason reason;
    const char* code;
    const char* label;
};
constexpr ReasonInfo kReasons[] = {
    {QuarantineReason::UnknownDevice, "unknown_device", N_("Unknown device: no kit has this tablet's key enrolled")},
    {QuarantineReason::WrongDeviceKey, "wrong_device_key", N_("Signed by a different tablet than the kit's enrolled one")},
    {QuarantineReason::BadSignature, "bad_signature", N_("Signature does not verify: the package was altered or damaged")},
    {QuarantineReason::DigestMismatch, "digest_mismatch", N_("Payload does not match its signed digest: altered or incomplete")},
    {QuarantineReason::Undecryptable, "undecryptable", N_("Cannot be decrypted with this department's key")},
    {QuarantineReason::Malformed, "malformed", N_("Not a valid census package")},
    {QuarantineReason::Conflict, "conflict", N_("A different package with the same identifier was received before")},
    {QuarantineReason::TooLarge, "too_large", N_("Larger than any real package: only its beginning is kept")},
    {QuarantineReason::RecordConflict, "record_conflict", N_("Carries records already received from another tablet")},
};

}  // namespace

const char* quarantine_reason_code(QuarantineReason reason) {
    for (const auto& r : kReasons)
        if (r.reason == reason) return r.code;
    return "malformed";
}

std::optional<QuarantineReason> parse_quarantine_reason(const std::string& code) {
    for (const auto& r : kReasons)
        if (code == r.code) return r.reason;
    return std::nullopt;
}

const char* quarantine_reason_label(QuarantineReason reason) {
    for (const auto& r : kReasons)
        if (r.reason == reason) return r.label;
    return kReasons[5].label;
}

namespace {

constexpr struct {
    PullOutcome outcome;
    const char* code;
} kPullOutcomes[] = {
    {PullOutcome::Complete, "complete"},
    {PullOutcome::Interrupted, "interrupted"},
    {PullOutcome::Cancelled, "cancelled"},
    {PullOutcome::Failed, "failed"},
};

}  // namespace

const char* pull_outcome_code(PullOutcome outcome) {
    for (const auto& o : kPullOutcomes)
        if (o.outcome == outcome) return o.code;
    return "interrupted";  // not reached: every enumerator is listed
}

std::optional<PullOutcome> parse_pull_outcome(std::string_view code) {
    for (const auto& o : kPullOutcomes)
        if (code == o.code) return o.outcome;
    return std::nullopt;
}

std::vector<PersonWarning> person_warnings(const std::string& iin, const std::string& birth_date) {
    std::vector<PersonWarning> out;
    if (iin.empty()) out.push_back(PersonWarning::EmptyIin);
    else if (iin.size() != 12 || !iin_bin_check_digit_ok(iin)) out.push_back(PersonWarning::InvalidIin);
    if (!birth_date.empty() && !is_iso_date(birth_date)) out.push_back(PersonWarning::ImpossibleBirthDate);
    return out;
}

const char* person_warning_code(PersonWarning warning) {
    switch (warning) {
        case PersonWarning::EmptyIin: return "empty_iin";
        case PersonWarning::InvalidIin: return "invalid_iin";
        case PersonWarning::ImpossibleBirthDate: return "impossible_birth_date";
    }
    return "";
}

}  // namespace sanaq

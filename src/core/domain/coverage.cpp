#include "core/domain/coverage.h"

#include <algorithm>
#include <array>

#include "core/error.h"

namespace sanaq {
namespace {

template <class E, std::size_t N>
std::optional<E> parse_code(std::string_view code, const std::array<std::string_view, N>& codes) {
    for (std::size_t i = 0; i < N; ++i)
        if (codes[i] == code) return static_cast<E>(i);
    return std::nullopt;
}

constexpr std::array<std::string_view, 3> kLevelCodes{"institution", "district", "region"};
constexpr std::array<std::string_view, 2> kKindCodes{"pair", "duplicate"};
constexpr std::array<std::string_view, 3> kVerdictCodes{"match", "nonmatch", "duplicate"};
constexpr std::array<std::string_view, 4> kStateCodes{"open", "decided", "awaiting_confirmation", "gone"};

}  // namespace

std::string_view coverage_level_code(CoverageLevel level) { return kLevelCodes[static_cast<std::size_t>(level)]; }
std::optional<CoverageLevel> parse_coverage_level(std::string_view code) {
    return parse_code<CoverageLevel>(code, kLevelCodes);
}

std::string kato_prefix(std::string_view kato, CoverageLevel level) {
    const std::size_t n = level == CoverageLevel::Region ? 2 : level == CoverageLevel::District ? 4 : kato.size();
    return std::string(kato.substr(0, std::min(n, kato.size())));
}

std::string_view review_kind_code(ReviewKind kind) { return kKindCodes[static_cast<std::size_t>(kind)]; }
std::optional<ReviewKind> parse_review_kind(std::string_view code) { return parse_code<ReviewKind>(code, kKindCodes); }

std::string_view review_verdict_code(ReviewVerdict verdict) {
    return kVerdictCodes[static_cast<std::size_t>(verdict)];
}
std::optional<ReviewVerdict> parse_review_verdict(std::string_view code) {
    return parse_code<ReviewVerdict>(code, kVerdictCodes);
}
const char* review_verdict_label(ReviewVerdict verdict) {
    switch (verdict) {
        case ReviewVerdict::Match: return N_("the same person");
        case ReviewVerdict::NonMatch: return N_("not the same person");
        case ReviewVerdict::Duplicate: return N_("counted twice");
    }
    return "";
}

std::string_view review_state_code(ReviewState state) { return kStateCodes[static_cast<std::size_t>(state)]; }
std::optional<ReviewState> parse_review_state(std::string_view code) {
    return parse_code<ReviewState>(code, kStateCodes);
}

}  // namespace sanaq

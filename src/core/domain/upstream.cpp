#include "core/domain/upstream.h"

#include <array>

#include "core/error.h"

namespace sanaq {
namespace {

constexpr std::array<std::string_view, 5> kStateCodes = {"awaiting_release", "queued", "accepted",
                                                         "held", "discarded"};

}  // namespace

std::string_view batch_state_code(BatchState state) { return kStateCodes[static_cast<std::size_t>(state)]; }

std::optional<BatchState> parse_batch_state(std::string_view code) {
    for (std::size_t i = 0; i < kStateCodes.size(); ++i)
        if (kStateCodes[i] == code) return static_cast<BatchState>(i);
    return std::nullopt;
}

const char* batch_state_label(BatchState state) {
    switch (state) {
        case BatchState::AwaitingRelease: return N_("awaiting release");
        case BatchState::Queued: return N_("queued");
        case BatchState::Accepted: return N_("accepted");
        case BatchState::Held: return N_("held");
        case BatchState::Discarded: return N_("discarded");
    }
    return "";
}

std::string_view record_kind_code(RecordKind kind) {
    return kind == RecordKind::Household ? "household" : "person";
}

}  // namespace sanaq

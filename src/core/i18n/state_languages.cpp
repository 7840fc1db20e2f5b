#include "core/i18n/state_languages.h"

namespace sanaq::i18n {

Result<StateLanguages> load_state_languages(const std::filesystem::path& locale_dir) {
    auto kk = Catalog::load(locale_dir, "kk");
    if (!kk) return std::unexpected(kk.error());
    auto ru = Catalog::load(locale_dir, "ru");
    if (!ru) return std::unexpected(ru.error());
    return StateLanguages{std::move(*kk), std::move(*ru)};
}

}  // namespace sanaq::i18n

#include "core/i18n/state_languages.h"

namespace sanaq::i18n {

Result<StateLanguages> load_state_languages(const std::filesystem::path& locale_dir) {
    auto kk = Catalog::load(locale_dir, "kk");
    SANAQ_TRY(kk);
    auto ru = Catalog::load(locale_dir, "ru");
    SANAQ_TRY(ru);
    return StateLanguages{std::move(*kk), std::move(*ru)};
}

}  // namespace sanaq::i18n

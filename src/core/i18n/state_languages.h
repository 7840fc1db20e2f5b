#pragma once
// Acts and printed reports are official documents in both state languages, whatever language the
// interface speaks: the Kazakh and Russian catalogs they are drawn with, loaded together.
#include <filesystem>

#include "core/i18n/catalog.h"

namespace sanaq::i18n {

struct StateLanguages {
    Catalog kk;
    Catalog ru;
};

/// Both catalogs, or the error of the first one missing or damaged (a broken install: nothing that
/// prints may go on without them).
Result<StateLanguages> load_state_languages(const std::filesystem::path& locale_dir = Catalog::default_locale_dir());

}  // namespace sanaq::i18n

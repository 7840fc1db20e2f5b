#include "ui/acts/act_catalogs.h"

namespace sanaq::ui {

ActCatalogs load_act_catalogs() {
    ActCatalogs catalogs;
    const auto dir = i18n::Catalog::default_locale_dir();
    if (auto kk = i18n::Catalog::load(dir, "kk")) catalogs.kk = std::move(*kk);
    else catalogs.problem = kk.error();
    if (auto ru = i18n::Catalog::load(dir, "ru")) catalogs.ru = std::move(*ru);
    else if (!catalogs.problem) catalogs.problem = ru.error();
    return catalogs;
}

}  // namespace sanaq::ui

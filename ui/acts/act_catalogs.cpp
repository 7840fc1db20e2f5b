#include "ui/acts/act_catalogs.h"

#include "core/i18n/state_languages.h"

namespace sanaq::ui {

ActCatalogs load_act_catalogs() {
    ActCatalogs catalogs;
    if (auto both = i18n::load_state_languages()) {
        catalogs.kk = std::move(both->kk);
        catalogs.ru = std::move(both->ru);
    } else {
        catalogs.problem = both.error();
    }
    return catalogs;
}

}  // namespace sanaq::ui

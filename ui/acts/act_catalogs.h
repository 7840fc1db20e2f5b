#pragma once
// Every act prints in Kazakh and in Russian, whatever the interface language: the two core
// catalogs it is drawn with.
#include <optional>

#include "core/error.h"
#include "core/i18n/catalog.h"

namespace sanaq::ui {

struct ActCatalogs {
    i18n::Catalog kk;
    i18n::Catalog ru;
    /// Set when a catalog is missing (a broken install): the preview then falls back on the
    /// English source text, and saving or printing such an act is refused — an act is an
    /// official document in both state languages.
    std::optional<Error> problem;
};

/// Reads both catalogs from i18n::Catalog::default_locale_dir(). Cheap; safe on any thread.
ActCatalogs load_act_catalogs();

}  // namespace sanaq::ui

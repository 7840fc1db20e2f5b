#pragma once
// Territories: the KATO classifier a department imports (one edition at a time, kept in common),
// the checks codes go through once a classifier of their edition is there, the department's own
// region, and what `sanaq territories show` and the Settings screen show. Reading the classifier
// file is src/tables (kato_classifier.h); the job that joins the two is src/app.
#include <optional>
#include <string>
#include <vector>

#include "core/domain/identifiers.h"
#include "core/domain/territories.h"
#include "core/usecases/session.h"

namespace sanaq {

/// ManageSettings. Replaces the stored classifier of `edition` by `entries` in one transaction
/// with one `territories.import` audit entry (edition, file, entries). InvalidInput for an
/// edition that is not one, or for no entries; nothing is stored then.
Result<KatoEdition> store_kato_classifier(Session& session, std::string_view edition, std::string_view source_name,
                                          std::vector<KatoTerritory> entries);

/// ViewInstitutions. The classifier editions imported.
Result<std::vector<KatoEdition>> kato_editions(Session& session);

/// A code in one edition, as `territories show CODE` tells it.
struct TerritoryInEdition {
    std::string edition;
    bool classifier_loaded = false;           // a classifier of this edition is imported
    std::optional<KatoTerritory> entry;       // the classifier's entry for the code
    std::optional<KatoRegion> region;         // the region of its first two digits (shipped table)
    std::optional<KatoTerritory> district;    // the classifier's entry for its district
    std::vector<KatoTerritory> below;         // the entries one level down (at most kShownBelow)
};
inline constexpr std::size_t kShownBelow = 200;

/// ViewInstitutions. The code (2, 4 or 9 digits) in each edition; InvalidInput for anything else.
Result<std::vector<TerritoryInEdition>> show_territory(Session& session, std::string_view code);

/// Inside a transaction: InvalidInput naming the code and the edition when a classifier of that
/// edition is imported and does not hold the code; nothing to say (format checked elsewhere)
/// when none is.
Status check_kato_exists(StoreSession& tx, const KatoCode& code);

/// ViewInstitutions. The department's region (two digits of the current edition) or "" when unset.
Result<std::string> department_region(Session& session);
/// ManageSettings. "" clears it; otherwise a region of the current edition's table.
Status set_department_region(Session& session, std::string_view region);

/// The warning for an institution outside the department's region, as an Error to render (it
/// refuses nothing): nullopt when inside, when the region is not set, or when the code is of
/// another edition than the current one (the region codes changed with the 2022 reform).
/// The region's name is in `language` (kk, ru, en).
std::optional<Error> region_warning(std::string_view department_region, const KatoCode& code,
                                    std::string_view language);

}  // namespace sanaq

#pragma once
// Importing the statistics bureau's KATO classifier — `sanaq territories import FILE --edition E`
// and the Settings screen's "Import classifier" run this one job: the role is checked before the
// file is opened, the file read within the table budgets, every entry checked, and the edition's
// entries replaced in one transaction — or nothing stored when any row has a problem.
#include <filesystem>
#include <optional>
#include <vector>
#include <string_view>

#include "app/job.h"
#include "core/usecases/territories.h"

namespace sanaq::app {

struct KatoImport {
    std::optional<KatoEdition> stored;  // what was stored; nullopt when a row has a problem
    std::vector<Error> problems;        // every row's problem ("Row {}: ..."); nothing stored then
};

/// ManageSettings. InvalidInput (nothing stored) for an unknown edition, a file that is not a
/// classifier or one past the budgets; rows with problems come back in `problems`, nothing stored.
Result<KatoImport> import_kato_classifier(Session& session, const std::filesystem::path& file,
                                          std::string_view edition, const JobProgressFn& progress = {},
                                          const CancelToken& cancel = {});

inline constexpr const char* kReadClassifierStage = N_("Reading the KATO classifier");

}  // namespace sanaq::app

#pragma once
// Registering kits from an inventory file (CSV/XLSX) — `sanaq kit import` and the Kits screen's
// Import run these two steps: read (every row checked, register conflicts included; nothing
// saved), then register. Both programs check the role before the file is read, and keep the same
// rule for rows with problems: they keep the delivery out unless the person chose to register
// only the valid rows (`--valid-only`; the preview's "Import valid rows").
#include <filesystem>
#include <string>
#include <vector>

#include "app/job.h"
#include "core/usecases/kit_registry.h"

namespace sanaq::app {

struct KitInventoryPreview {
    std::string source_name;             // the file name without directories (on the trail)
    std::vector<Error> file_problems;    // missing or repeated columns: nothing can be registered
    std::vector<KitImportItem> items;    // every row, with its problems
    long valid() const;
    long invalid() const { return static_cast<long>(items.size()) - valid(); }
};

/// RegisterKits (checked before the file is opened). Reads and parses the file and adds the
/// register's conflicts to each row's problems; saves nothing. Cancelled when `cancel` was set
/// before the preview was ready.
Result<KitInventoryPreview> read_kit_inventory(Session& session, const std::filesystem::path& file,
                                               const JobProgressFn& progress = {}, const CancelToken& cancel = {});

struct KitImportChoice {
    /// Register the valid rows even though some have problems.
    bool valid_only = false;
};

/// RegisterKits. Registers the preview's valid rows in one transaction with one `kit.import`
/// entry, and returns how many. Refused (InvalidInput, nothing saved, nothing on the trail) with
/// file problems, with no valid row, or with rows with problems unless `choice.valid_only`.
/// Cancelled (nothing saved) when `cancel` was set before the transaction began.
Result<int> register_kit_inventory(Session& session, const KitInventoryPreview& preview, KitImportChoice choice,
                                   const CancelToken& cancel = {});

inline constexpr const char* kReadInventoryStage = N_("Reading the inventory");

}  // namespace sanaq::app

#include "app/kit_imports.h"

#include <algorithm>

#include "tables/kit_inventory.h"
#include "tables/table.h"

namespace sanaq::app {

long KitInventoryPreview::valid() const {
    return static_cast<long>(std::ranges::count_if(items, [](const KitImportItem& i) { return i.problems.empty(); }));
}

Result<KitInventoryPreview> read_kit_inventory(Session& session, const std::filesystem::path& file,
                                               const JobProgressFn& progress, const CancelToken& cancel) {
    // Before the file is opened: who may not register kits learns that, not what the file holds.
    SANAQ_TRY(require(session.actor, Operation::RegisterKits));
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    if (progress) progress({kReadInventoryStage, 0, 2});
    auto table = tables::read_table(file);
    SANAQ_TRY(table);
    auto parsed = tables::parse_kit_inventory(*table);
    SANAQ_TRY(parsed);
    KitInventoryPreview preview;
    preview.source_name = file.filename().string();
    preview.file_problems = std::move(parsed->file_problems);
    if (!preview.file_problems.empty()) return preview;
    for (auto& row : parsed->rows) preview.items.push_back({row.line, std::move(row.kit), std::move(row.problems)});
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    if (progress) progress({kReadInventoryStage, 1, 2});
    SANAQ_TRY(check_kit_import(session, preview.items));
    if (progress) progress({kReadInventoryStage, 2, 2});
    return preview;
}

Result<int> register_kit_inventory(Session& session, const KitInventoryPreview& preview, KitImportChoice choice,
                                   const CancelToken& cancel) {
    SANAQ_TRY(require(session.actor, Operation::RegisterKits));
    if (!preview.file_problems.empty()) return std::unexpected(preview.file_problems.front());
    const long invalid = preview.invalid();
    if (invalid > 0 && !choice.valid_only)
        return fail_n(ErrorCode::InvalidInput,
                      N_n("Nothing was saved: {} row has problems. Fix the file, or add "
                          "--valid-only to register only the valid rows.",
                          "Nothing was saved: {} rows have problems. Fix the file, or add "
                          "--valid-only to register only the valid rows."),
                      invalid, {std::to_string(invalid)});
    // An empty delivery is not one: nothing to register, and nothing to put on the trail.
    if (preview.valid() == 0)
        return fail(ErrorCode::InvalidInput, N_("Nothing was saved: the file has no row that can be registered."));
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    return import_kits(session, preview.items, preview.source_name);
}

}  // namespace sanaq::app

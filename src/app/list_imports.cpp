#include "app/list_imports.h"

namespace sanaq::app {

Result<ListImportPreview> read_list(Session& session, const ListImportRequest& request, const JobProgressFn& progress,
                                    const CancelToken& cancel) {
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    if (progress) progress({kReadListStage, 0, 1});
    auto preview = preview_list_import(session, request);
    if (!preview) return preview;
    // A preview nobody waits for any more is dropped rather than shown.
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    if (progress) progress({kReadListStage, 1, 1});
    return preview;
}

Result<StoredList> store_list(Session& session, const ListImportPreview& preview, ListStoreChoice choice,
                              const JobProgressFn& progress, const CancelToken& cancel) {
    const auto& pv = preview.preview;
    if (!pv.file_problems.empty()) return std::unexpected(pv.file_problems.front());
    if (pv.rejected_count() > 0 && !choice.valid_only)
        return fail(ErrorCode::InvalidInput,
                    N_("Rows of the list that cannot be imported: {}. Fix the file and import it again, or add "
                       "--valid-only to import only the valid rows (valid rows: {}); --rejected-out FILE writes the "
                       "rejected rows with their problems."),
                    {std::to_string(pv.rejected_count()), std::to_string(pv.importable_count())});
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    if (progress) progress({kStoreListStage, 0, 1});
    auto stored = import_list(session, preview);
    if (stored && progress) progress({kStoreListStage, 1, 1});
    return stored;
}

}  // namespace sanaq::app

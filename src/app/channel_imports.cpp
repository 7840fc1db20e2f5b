#include "app/channel_imports.h"

#include <algorithm>

namespace sanaq::app {

Result<ChannelImportOutcome> import_channels(Session& session, const ChannelImportRequest& request,
                                             ChannelImportChoice choice,
                                             const JobProgressFn& progress,
                                             const CancelToken& cancel) {
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    if (progress) progress({kReadChannelsStage, 0, 2});
    auto preview = preview_channel_import(session, request);
    SANAQ_TRY(preview);
    const auto& pv = preview->preview;
    if (!pv.file_problems.empty()) return std::unexpected(pv.file_problems.front());
    ChannelImportOutcome out;
    out.rejected = pv.rejected_count();
    if (out.rejected > 0 && !choice.valid_only) {
        const auto first = std::find_if(pv.rows.begin(), pv.rows.end(),
                                        [](const auto& r) { return !r.importable(); });
        return fail(ErrorCode::InvalidInput,
                    N_("Rows of the channel file that cannot be imported: {}, the first on line "
                       "{}. Fix the file and "
                       "import it again, or import only the valid rows (valid rows: {})."),
                    {std::to_string(out.rejected), std::to_string(first->line),
                     std::to_string(pv.importable_count())});
    }
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    if (progress) progress({kStoreChannelsStage, 1, 2});
    auto stored = import_channel_file(session, *preview);
    SANAQ_TRY(stored);
    out.stored = std::move(*stored);
    if (progress) progress({kStoreChannelsStage, 2, 2});
    return out;
}

}  // namespace sanaq::app

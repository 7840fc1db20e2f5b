#include "app/records_exports.h"

#include "coverage/coverage_report.h"

namespace sanaq::app {

Result<std::int64_t> export_records(Session& session, const std::filesystem::path& path, const std::string& bin,
                                    const JobProgressFn& progress, const CancelToken& cancel) {
    RecordsExportControl control;
    if (progress)
        control.on_read = [&](std::int64_t read) {
            progress({kReadingRecordsStage, static_cast<std::uint64_t>(read), 0});
        };
    control.stop_requested = [&] { return cancel.cancelled(); };
    return sanaq::export_records(session, path, bin, control);  // a stop is Cancelled already
}

}  // namespace sanaq::app

#pragma once
// Importing the census database's channel file (people counted online or by tablets synced over
// VPN) — `sanaq channels import` and the Coverage screen's "Import counted elsewhere…" run this
// one job: read and check the file, then store it as a new version of its source. Rows that
// cannot be imported keep the file out unless the person chose to store only the valid ones,
// as with lists.
#include "app/job.h"
#include "coverage/channel_import.h"

namespace sanaq::app {

struct ChannelImportChoice {
    /// Store the valid rows even though some are rejected. Without it a file with rejected rows
    /// is refused (InvalidInput) and nothing is stored.
    bool valid_only = false;
};

struct ChannelImportOutcome {
    ChannelFile stored;
    std::int64_t rejected = 0;  // rows left out
};

/// ImportLists. Reads, checks and stores (one transaction, audited `channels.import`). Cancelled
/// (nothing stored) when `cancel` was set before the transaction began.
Result<ChannelImportOutcome> import_channels(Session& session, const ChannelImportRequest& request,
                                             ChannelImportChoice choice,
                                             const JobProgressFn& progress = {},
                                             const CancelToken& cancel = {});

inline constexpr const char* kReadChannelsStage = N_("Reading the channel file");
inline constexpr const char* kStoreChannelsStage = N_("Storing the channel file");

}  // namespace sanaq::app

#pragma once
// Importing an institution's list of respondents — `sanaq list import` and the Lists screen's
// wizard run these two steps: read (a preview; nothing stored), then store. The rule for rows
// that cannot be imported is the same from both: they keep the list out unless the person chose
// to store only the valid rows (`--valid-only`; the wizard's "Import N valid rows").
#include "app/job.h"
#include "coverage/list_import.h"

namespace sanaq::app {

/// ImportLists. Reads and checks the file; stores nothing. Cancelled when `cancel` was set
/// before the preview was ready.
Result<ListImportPreview> read_list(Session& session, const ListImportRequest& request,
                                    const JobProgressFn& progress = {}, const CancelToken& cancel = {});

struct ListStoreChoice {
    /// Store the valid rows even though some are rejected. Without it a list with rejected rows
    /// is refused (InvalidInput) and nothing is stored.
    bool valid_only = false;
};

/// ImportLists. Stores the preview's importable rows as a new version (one transaction, audited
/// `list.import`). Refuses a list with file problems, with no importable row, or with rejected
/// rows unless `choice.valid_only`. Cancelled (nothing stored) when `cancel` was set before the
/// transaction began; once it has begun the list is stored whole.
Result<StoredList> store_list(Session& session, const ListImportPreview& preview, ListStoreChoice choice,
                              const JobProgressFn& progress = {}, const CancelToken& cancel = {});

/// The stages the two steps report (msgids).
inline constexpr const char* kReadListStage = N_("Reading the list");
inline constexpr const char* kStoreListStage = N_("Storing the list");

}  // namespace sanaq::app

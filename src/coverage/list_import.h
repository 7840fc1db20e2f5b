#pragma once
// Importing an institution's list of respondents into the store: read the file,
// validate every row, show the preview with what changed against the current version, then store
// the importable rows as a new version. Nothing is stored before import_list; a failed import
// stores nothing.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/coverage.h"
#include "core/usecases/session.h"
#include "lists/list_diff.h"
#include "lists/list_reader.h"

namespace sanaq {

struct ListImportRequest {
    std::filesystem::path file;
    std::string institution_bin;          // must be a registered institution
    std::string as_of;                    // YYYY-MM-DD; "" = the calendar's list date for the institution's region, else today
    /// A mapping saved for this institution under this name; "" = the one named "default" when
    /// there is one, else header detection.
    std::string mapping_name;
    /// A mapping given explicitly (the wizard): overrides saved ones and detection.
    std::optional<lists::ColumnMapping> mapping;
    /// Save the mapping used under this name for the institution ("" = do not save).
    std::string save_mapping_as;
};

struct ListImportPreview {
    ListImportRequest request;            // as_of filled in
    lists::ListPreview preview;
    std::string source_name;              // the file name without directories
    int version = 1;                      // the version an import would create
    std::optional<StoredList> previous;   // the institution's current version before this import
    /// The importable rows against the previous version's entries (nullopt without one).
    std::optional<lists::ListDiff> diff;
};

/// Reads and validates; stores nothing. ImportLists. InvalidInput for a file that is not a table
/// or has no recognisable header; NotFound for an unknown institution or mapping name.
Result<ListImportPreview> preview_list_import(Session& session, const ListImportRequest& request);

/// Stores the preview's importable rows as a new version (one transaction, audited), saving the
/// mapping when asked. InvalidInput when the preview is not usable or has no importable row.
Result<StoredList> import_list(Session& session, const ListImportPreview& preview);

/// Writes the rows that cannot be imported with their problems (.csv/.xlsx), audited as an
/// export of personal data. ImportLists.
Status export_rejected_rows(Session& session, const ListImportPreview& preview, const std::filesystem::path& path,
                            const lists::MessageRenderer& render = {});

/// Every version of one institution's lists (all when `bin` is empty), newest first. ImportLists
/// or ViewCoverage.
Result<std::vector<StoredList>> list_versions(Session& session, const std::string& bin);
/// One stored version's entries. ViewCensusData.
Result<std::vector<ListedPerson>> list_entries(Session& session, std::int64_t list_id);
/// Names of the institution's saved mappings. ImportLists.
Result<std::vector<std::string>> saved_mappings(Session& session, const std::string& bin);

/// The stable record id of a listed person (see ListedPerson::record_id), before repeats get "#n".
std::string listed_record_key(const std::string& bin, const lists::ListEntry& entry);

}  // namespace sanaq

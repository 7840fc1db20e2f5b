#pragma once
// Importing the census database's channel file: the people it counted itself (online on
// sanaq.gov.kz, tablets synced over VPN). Read and validate (a preview, nothing stored), then
// store the importable rows as a new version of the file's source (one transaction, audited).
// Reconciliation matches listed people against these as well as against the pulled records.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/domain/coverage.h"
#include "core/usecases/session.h"
#include "lists/channel_reader.h"

namespace sanaq {

/// The source a channel file belongs to when the user names none: the census database.
inline constexpr std::string_view kDefaultChannelSource = "census_database";

struct ChannelImportRequest {
    std::filesystem::path file;
    /// Who sent the file; a new file of the same source supersedes the previous version ("" =
    /// kDefaultChannelSource).
    std::string source;
};

struct ChannelImportPreview {
    ChannelImportRequest request;  // source filled in
    lists::ChannelPreview preview;
    std::string source_name;  // the file's name without directories
    int version = 1;          // the version an import would create
};

/// Reads and validates; stores nothing. ImportLists. InvalidInput for a file that is not a table
/// or has no channel file header.
Result<ChannelImportPreview> preview_channel_import(Session& session,
                                                    const ChannelImportRequest& request);

/// Stores the importable rows as a new version (one transaction, audited). InvalidInput when the
/// file has a file problem or no importable row: nothing is stored then.
Result<ChannelFile> import_channel_file(Session& session, const ChannelImportPreview& preview);

/// Every stored version, newest first (of one source when `source` is not empty). ImportLists.
Result<std::vector<ChannelFile>> channel_file_versions(Session& session, const std::string& source);

/// The stable record id of a channel record (see ChannelRecord::record_id), before repeats.
std::string channel_record_key(std::string_view source, const lists::ChannelRow& row);

}  // namespace sanaq

#pragma once
// Reading the channel file the census database gives the department: the people it counted
// itself — online on sanaq.gov.kz, or by tablets that synced over VPN — so that reconciliation
// stops reporting them missing. The grid comes from tables::read_table (same budgets as lists);
// headers in Kazakh, Russian or English are found as lists' are; each row is checked and carries
// its problems. Nothing here stores anything. Spec: README.md ("Channel files").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/census.h"
#include "core/error.h"
#include "lists/list_reader.h"
#include "tables/table.h"

namespace sanaq::lists {

enum class ChannelField {
    Iin,
    Surname,
    Name,
    Patronymic,
    BirthDate,
    Channel,
    ConfirmationCode,
    SyncedAt,
    InstitutionBin,
    Kato,
    Residence,
};
inline constexpr int kChannelFieldCount = 11;

/// "iin", "surname", "name", "patronymic", "birth_date", "channel", "confirmation_code",
/// "synced_at", "institution_bin", "kato", "residence".
std::string_view channel_field_code(ChannelField field);

struct ChannelColumnSpec {
    ChannelField field;
    std::string_view en, ru, kk;
    std::vector<std::string_view> aliases;
};
const std::vector<ChannelColumnSpec>& channel_columns();

/// "online", "онлайн", "sanaq.gov.kz", "интернет" → Online; "vpn_tablet", "vpn", "планшет (VPN)"
/// → VpnTablet. A USB pull is never in a channel file: this department counts those itself.
std::optional<EnumerationChannel> parse_channel_cell(std::string_view text);

/// One row as read, with its problems (errors keep it out, warnings travel with it).
struct ChannelRow {
    int line = 0;  // 1-based row of the file
    std::string iin;
    bool iin_valid = false;
    std::string surname, name, patronymic;
    std::string birth_date;  // YYYY-MM-DD or ""
    std::optional<EnumerationChannel> channel;
    std::optional<Residence> residence;
    std::string confirmation_code;
    std::string synced_at, synced_on;
    std::string institution_bin, kato;
    std::vector<ListProblem> problems;
    bool importable() const;
    /// Codes of the warnings, comma-separated.
    std::string warning_codes() const;
};

struct ChannelPreview {
    int header_line = 0;                                        // 1-based
    std::vector<std::pair<std::size_t, ChannelField>> columns;  // column index -> field
    std::vector<std::string> unknown_columns;
    std::vector<ChannelRow> rows;
    std::vector<Error> file_problems;  // block the import
    std::string encoding;
    bool usable() const { return file_problems.empty(); }
    std::int64_t importable_count() const;
    std::int64_t rejected_count() const;
    std::int64_t warning_count() const;
};

/// Reads the grid. InvalidInput when no row in the first 50 names at least two channel-file
/// columns. File problems (no surname/name column, no IIN and no birth-date column, no channel
/// column, a repeated column) are in the preview and block the import.
Result<ChannelPreview> read_channel_file(tables::Table&& table);

}  // namespace sanaq::lists

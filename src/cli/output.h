#pragma once
// The stable --json shapes (documented in README.md, "JSON output"). Field names never change
// meaning; new fields may be added.
#include <nlohmann/json.hpp>

#include "command_line/reply.h"  // to_json(const Error&), json_text
#include "core/domain/act.h"
#include "core/domain/audit.h"
#include "core/domain/counts_source.h"
#include "core/domain/custody.h"
#include "core/domain/user.h"
#include "core/ports/store.h"

namespace sanaq::cli {

nlohmann::ordered_json to_json(const Kit& kit);
nlohmann::ordered_json to_json(const OutstandingKit& row);
nlohmann::ordered_json to_json(const HeldPaper& held);
nlohmann::ordered_json to_json(const Institution& institution);
nlohmann::ordered_json to_json(const ResponsibleEmployee& employee);
nlohmann::ordered_json to_json(const User& user);
nlohmann::ordered_json to_json(const AuditEntry& entry);
nlohmann::ordered_json to_json(const ActSummary& act);
/// {"from_summary": bool, "as_of": time or null}: counted now, or the department's summary.
nlohmann::ordered_json to_json(const CountsSource& source);
/// The sentence saying the counts are the department's summary and as of when (translated); ""
/// when they were counted now.
std::string counts_source_text(const CountsSource& source);

/// Text columns padded to their widths, for human-readable listings (UTF-8 aware).
std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

}  // namespace sanaq::cli

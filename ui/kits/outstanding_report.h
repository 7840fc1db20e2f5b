#pragma once
// The outstanding report as a table for CSV/XLSX: the columns the CLI writes, headed and
// worded in the interface language.
#include <string>
#include <vector>

#include "core/domain/custody.h"

namespace sanaq::ui {

std::vector<std::string> outstanding_report_header();
/// The kits' rows; then, when someone holds paper census tools, an empty row, the paper's own
/// header row and a row per holder and tool with handed, used, returned and the balance (as the
/// CLI's export).
std::vector<std::vector<std::string>> outstanding_report_rows(const std::vector<OutstandingKit>& rows,
                                                              const std::vector<HeldPaper>& paper = {});

}  // namespace sanaq::ui

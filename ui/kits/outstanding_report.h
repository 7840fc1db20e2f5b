#pragma once
// The outstanding report as a table for CSV/XLSX: the columns the CLI writes, headed and
// worded in the interface language.
#include <string>
#include <vector>

#include "core/domain/custody.h"

namespace sanaq::ui {

std::vector<std::string> outstanding_report_header();
std::vector<std::vector<std::string>> outstanding_report_rows(const std::vector<OutstandingKit>& rows);

}  // namespace sanaq::ui

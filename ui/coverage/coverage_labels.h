#pragma once
// Short texts for the coverage screens (Lists, Coverage, Review): outcome, review kind and state,
// list fields, numbers and percentages in one form everywhere.
#include <cstdint>
#include <string>
#include <string_view>

#include <wx/colour.h>
#include <wx/string.h>

#include "core/domain/coverage.h"
#include "core/domain/institution.h"
#include "lists/list_reader.h"

namespace sanaq::ui {

/// An outcome code ("matched", "review", ...) as a short word for a list column.
wxString outcome_text(std::string_view code);
wxString review_kind_text(ReviewKind kind);
wxString review_state_text(ReviewState state);
/// The heading a list in the interface language gives the column (list_columns(): kk, ru, en).
wxString list_field_text(lists::ListField field);
/// "M"/"F" as the interface language writes it.
wxString sex_text(std::string_view code);
wxString count_text(std::int64_t n);
/// "87.5 %"
wxString percent_text(double percent);
/// A score with one decimal.
wxString score_text(double score);
/// Coverage colours shared by the table and the chart: red below 80 %, amber below 95 %, green.
wxColour coverage_colour(double percent);
/// A coverage row's name: the institution's name in the interface language, or the territory's.
wxString coverage_row_name(const CoverageRow& row);
/// "Surname Name Patronymic" without doubled spaces.
wxString full_name_text(const std::string& surname, const std::string& name, const std::string& patronymic);
/// A message id rendered in the interface language with its arguments (labels translated), for
/// the core's `tr`/MessageRenderer hooks. UI thread only.
std::string translate_msgid(std::string_view msgid);

}  // namespace sanaq::ui

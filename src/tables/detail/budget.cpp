#include "tables/detail/budget.h"

#include "tables/detail/headers.h"
#include "tables/detail/text.h"
#include "tables/limits.h"

namespace sanaq::tables::detail {
namespace {

// UTF-8 is at most 4 bytes a character: a cell this long can only be over the budget.
constexpr std::size_t kSurelyTooLongBytes = 4 * kMaxCellChars;

}  // namespace

bool TableBudget::admit(std::size_t row, std::size_t column, std::size_t new_cells, std::string_view text) {
    if (error_) return false;
    if (row >= kMaxRows) return too_many_rows();
    if (column >= kMaxColumns) return too_many_columns(row);
    if (text.size() > kMaxCellChars && (text.size() > kSurelyTooLongBytes || utf8_length(text) > kMaxCellChars))
        return too_long(row, column);
    if (cells_ + new_cells > kMaxCells) {
        error_ = Error::make_n(ErrorCode::InvalidInput,
                               N_n("The file {} has more than {} cell (rows × columns); delete the unused rows and "
                                   "columns, or split it into several files.",
                                   "The file {} has more than {} cells (rows × columns); delete the unused rows and "
                                   "columns, or split it into several files."),
                               static_cast<long>(kMaxCells), {file_, std::to_string(kMaxCells)});
        return false;
    }
    if (text_bytes_ + text.size() > kMaxTextBytes) return too_much_text();
    cells_ += new_cells;
    text_bytes_ += text.size();
    return true;
}

bool TableBudget::admit_width(std::size_t row, std::size_t fields) {
    if (error_) return false;
    if (fields > kMaxColumns) return too_many_columns(row);
    return true;
}

bool TableBudget::admit_growing_cell(std::size_t row, std::size_t column, std::size_t bytes) {
    if (error_) return false;
    if (bytes > kSurelyTooLongBytes) return too_long(row, column);
    return true;
}

bool TableBudget::admit_pool(std::size_t bytes) {
    if (error_) return false;
    if (bytes > kMaxTextBytes) return too_much_text();
    return true;
}

bool TableBudget::too_many_rows() {
    error_ = Error::make_n(ErrorCode::InvalidInput,
                           N_n("The file {} has more than {} row; split it into several files.",
                               "The file {} has more than {} rows; split it into several files."),
                           static_cast<long>(kMaxRows), {file_, std::to_string(kMaxRows)});
    return false;
}

bool TableBudget::too_many_columns(std::size_t row) {
    error_ = Error::make_n(ErrorCode::InvalidInput,
                           N_n("Row {} of the file {} has more than {} column; delete the unused columns and save "
                               "the file again.",
                               "Row {} of the file {} has more than {} columns; delete the unused columns and save "
                               "the file again."),
                           static_cast<long>(kMaxColumns), {std::to_string(row + 1), file_, std::to_string(kMaxColumns)});
    return false;
}

bool TableBudget::too_long(std::size_t row, std::size_t column) {
    error_ = Error::make_n(ErrorCode::InvalidInput,
                           N_n("The cell {} of the file {} is longer than {} character, Excel's own limit for a "
                               "cell.",
                               "The cell {} of the file {} is longer than {} characters, Excel's own limit for a "
                               "cell."),
                           static_cast<long>(kMaxCellChars),
                           {column_letters(column) + std::to_string(row + 1), file_, std::to_string(kMaxCellChars)});

    return false;
}

bool TableBudget::too_much_text() {
    error_ = Error::make(ErrorCode::InvalidInput,
                         N_("The cells of the file {} hold more than {} MB of text; it is not read."),
                         {file_, std::to_string(kMaxTextBytes >> 20)});
    return false;
}

}  // namespace sanaq::tables::detail

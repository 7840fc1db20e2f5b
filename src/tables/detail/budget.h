#pragma once
// The budgets of tables/limits.h kept while a reader materialises a table: rows, columns,
// cells, the length of each cell and the text of all cells. The first budget exceeded stops the
// reader with an error that names the budget and the file; nothing read so far is returned.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace sanaq::tables::detail {

class TableBudget {
public:
    /// `file` is the file name used in messages.
    explicit TableBudget(std::string file) : file_(std::move(file)) {}

    /// Before a cell with `text` is stored at 0-based (row, column), together with `new_cells`
    /// cells in all (the cell itself plus empty cells materialised before it). False, with
    /// error() set, when a budget would be exceeded; the caller then stops reading.
    bool admit(std::size_t row, std::size_t column, std::size_t new_cells, std::string_view text);
    /// A row has `fields` fields (empty ones included): false past the column budget.
    bool admit_width(std::size_t row, std::size_t fields);
    /// A cell still being read is already `bytes` long: false (error set) once it can only be
    /// longer than the cell budget — a reader checks while reading, not after a 30 MB cell.
    bool admit_growing_cell(std::size_t row, std::size_t column, std::size_t bytes);
    /// An XLSX shared-string pool of `bytes` UTF-8 bytes so far.
    bool admit_pool(std::size_t bytes);

    bool exceeded() const { return error_.has_value(); }
    const std::optional<Error>& error() const { return error_; }
    std::size_t cells() const { return cells_; }

private:
    bool too_many_rows();
    bool too_many_columns(std::size_t row);
    bool too_long(std::size_t row, std::size_t column);
    bool too_much_text();

    std::string file_;
    std::size_t cells_ = 0;
    std::size_t text_bytes_ = 0;
    std::optional<Error> error_;
};

}  // namespace sanaq::tables::detail

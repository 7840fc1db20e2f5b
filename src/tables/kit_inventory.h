#pragma once
// A department's kit inventory — hundreds of kits received at once, listed in a spreadsheet —
// parsed into kits with row-by-row problems before anything is saved. Headers are recognised in
// Kazakh, Russian and English (see README.md for every accepted variant).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/kit.h"
#include "core/error.h"
#include "tables/table.h"

namespace sanaq::tables {

struct KitRow {
    int line = 0;                 // 1-based row in the file (Table::rows index + 1)
    Kit kit;                      // validated and normalised when `problems` is empty
    std::vector<Error> problems;  // InvalidInput errors; message ids with {} placeholders
    bool ok() const { return problems.empty(); }
};

struct KitInventory {
    std::vector<KitRow> rows;                  // rows below the header with something in a known column
    std::vector<std::string> unknown_columns;  // header cells not recognised (as written)
    std::vector<Error> file_problems;          // missing required columns, repeated columns
    int header_line = 0;                       // 1-based row of the header

    int valid_count() const;
    int invalid_count() const;
    /// Nothing wrong with the file as a whole and at least one row (rows may still be invalid).
    bool usable() const { return file_problems.empty() && !rows.empty(); }
};

/// The columns an inventory may have.
enum class KitField {
    Number,        // required
    TabletModel,
    TabletSerial,  // required
    Imei,
    UsbSerial,     // required
    Component,     // one column per ComponentType except Tablet
    Note,
};

struct KitColumnSpec {
    KitField field;
    std::optional<ComponentType> component;  // for KitField::Component
    bool required;
    std::string_view en, ru, kk;             // canonical headers (template, messages)
    std::vector<std::string_view> aliases;   // further accepted headers, any language
};

/// Every recognised column, in template order. Matching folds case, spaces, punctuation, "№",
/// text in brackets, Kazakh letters typed as Russian ones and Latin look-alikes.
const std::vector<KitColumnSpec>& kit_inventory_columns();

/// Finds the header (the first row, among the first 50, naming at least two known columns),
/// maps the columns, and turns each non-empty row below into a Kit checked with core
/// validate(Kit): every problem of a row is listed (empty required values, an IMEI failing its
/// Luhn check, a value Excel rounded to "3.56938E+14", a component marked absent, a kit number,
/// tablet serial, IMEI or USB serial already on an earlier line). Fails with InvalidInput only
/// when no header row is found at all.
Result<KitInventory> parse_kit_inventory(const Table& table);

/// The template's header in "kk", "ru" or "en" (a locale like "ru_RU" works; anything else
/// gives English). parse_kit_inventory recognises all three.
std::vector<std::string> kit_inventory_template_header(std::string_view lang);

/// Writes an empty inventory template for users to fill in: .xlsx (text-formatted columns, so
/// IMEIs and serials stay exact) or .csv, chosen by the extension of `path`.
Status write_kit_inventory_template(const std::filesystem::path& path, std::string_view lang);

}  // namespace sanaq::tables

#include "tables/kit_inventory.h"

#include <algorithm>
#include <array>
#include <map>
#include <variant>

#include "core/domain/identifiers.h"
#include "tables/detail/headers.h"
#include "tables/detail/text.h"

namespace sanaq::tables {
namespace {

using detail::column_letters;
using detail::key_matches;
using detail::looks_rounded_by_excel;
using detail::without_brackets;

constexpr std::size_t kHeaderSearchRows = 50;

const std::vector<KitColumnSpec> kColumns = {
    {KitField::Number, std::nullopt, true, "Kit number", "Номер комплекта", "Жинақ нөмірі",
     {"kit", "kit no", "kit #", "kit id", "kit_number", "number of kit", "№ комплекта", "комплект",
      "комплект №", "номер комплекта планшета", "жинақ", "жинақ №", "№ жинақ", "жинақтың нөмірі",
      "жиынтық", "жиынтық нөмірі", "жиынтықтың нөмірі"}},
    {KitField::TabletModel, std::nullopt, false, "Tablet model", "Модель планшета", "Планшет моделі",
     {"model", "tablet_model", "модель", "планшет", "планшеттің моделі", "планшет үлгісі", "үлгі"}},
    {KitField::TabletSerial, std::nullopt, true, "Tablet serial number", "Серийный номер планшета",
     "Планшеттің сериялық нөмірі",
     {"tablet serial", "tablet_serial", "tablet s/n", "tablet sn", "serial number", "serial", "s/n", "sn",
      "серийный номер", "серийный № планшета", "заводской номер планшета", "заводской номер",
      "s/n планшета", "планшет сериялық нөмірі", "планшеттің сериялық нөмір", "сериялық нөмірі",
      "сериялық нөмір", "планшеттің зауыттық нөмірі", "зауыттық нөмірі"}},
    {KitField::Imei, std::nullopt, false, "IMEI", "IMEI", "IMEI",
     {"imei number", "imei 1", "imei code", "imei код", "imei номер", "номер imei", "imei нөмірі", "imei коды"}},
    {KitField::UsbSerial, std::nullopt, true, "USB serial", "Серийный номер USB", "USB сериялық нөмірі",
     {"usb serial number", "usb_serial", "usb s/n", "usb sn", "usb iserial", "iserialnumber",
      "usb серийный номер", "серийный номер (usb)", "серийный номер по usb", "usb сериялық нөмір",
      "сериялық нөмірі usb", "usb бойынша сериялық нөмірі"}},
    {KitField::Component, ComponentType::ProtectiveCase, false, "Protective case", "Чехол", "Қорғаныш қап",
     {"case", "shock-proof case", "shock-proof protective case", "shockproof case", "cover",
      "противоударный чехол", "защитный чехол", "противоударный защитный чехол", "қап", "қорғаныш қабы",
      "қорғаныс қабы", "соққыға төзімді қорғаныш қап", "соққыға төзімді қап"}},
    {KitField::Component, ComponentType::ProtectiveGlass, false, "Protective glass", "Защитное стекло",
     "Қорғаныш әйнек",
     {"glass", "screen protector", "стекло", "защитное стекло на экран", "қорғаныш әйнегі",
      "қорғаныс әйнегі", "әйнек"}},
    {KitField::Component, ComponentType::Charger, false, "Charger", "Зарядное устройство",
     "Зарядтау құрылғысы", {"зарядка", "зу", "зарядтағыш", "зарядтау құрылғы"}},
    {KitField::Component, ComponentType::UsbCable, false, "USB cable", "USB шнур", "USB сым",
     {"usb_cable", "cable", "usb кабель", "usb-кабель", "шнур usb", "кабель usb", "usb шнуры", "usb кабелі",
      "usb сымы"}},
    {KitField::Component, ComponentType::Stylus, false, "Stylus", "Стилус", "Стилус", {"stylus pen"}},
    {KitField::Component, ComponentType::PowerBank, false, "Power bank", "Powerbank", "Пауэрбанк",
     {"powerbank", "power-bank", "portable charger", "external battery", "портативное зарядное устройство", "внешний аккумулятор", "повербанк",
      "пауэрбанк", "портативті зарядтау құрылғысы", "сыртқы аккумулятор"}},
    {KitField::Component, ComponentType::PowerBankCable, false, "Power bank cable", "Кабель Powerbank",
     "Пауэрбанк сымы",
     {"powerbank cable", "power bank usb cable", "powerbank_cable", "кабель для powerbank", "шнур powerbank",
      "кабель повербанка", "кабель пауэрбанка", "кабель для портативного зарядного устройства",
      "пауэрбанк кабелі", "powerbank сымы", "powerbank кабелі", "пауэрбанктың сымы"}},
    {KitField::Note, std::nullopt, false, "Note", "Примечание", "Ескертпе",
     {"notes", "comment", "remarks", "комментарий", "примечания", "ескерту", "түсініктеме"}},
};

// Component cells: a serial number, or a mark saying the part is there or not.
constexpr std::string_view kPresentMarks[] = {"+", "✓", "✔", "v", "1", "да", "есть", "имеется", "в наличии",
                                              "yes", "y", "true", "иә", "бар", "ok"};
constexpr std::string_view kAbsentMarks[] = {"-", "—", "–", "0", "нет", "отсутствует", "нет в наличии",
                                             "no", "n", "false", "жоқ"};

struct AliasKey {
    std::string key;
    std::size_t spec;
};

const std::vector<AliasKey>& alias_keys() {
    static const std::vector<AliasKey> keys = [] {
        std::vector<AliasKey> out;
        for (std::size_t s = 0; s < kColumns.size(); ++s) {
            const auto& spec = kColumns[s];
            for (std::string_view text : {spec.en, spec.ru, spec.kk}) out.push_back({detail::header_key(text), s});
            for (std::string_view text : spec.aliases) out.push_back({detail::header_key(text), s});
        }
        return out;
    }();
    return keys;
}

enum class HeaderMatch { Unknown, Ignored };

// The spec index a header cell names, or why it names none.
std::variant<std::size_t, HeaderMatch> match_header(std::string_view cell) {
    if (detail::too_long_for_header(cell)) return HeaderMatch::Unknown;  // a giant cell is never a header
    std::string text = trim(cell);
    if (text.empty()) return HeaderMatch::Ignored;
    for (const std::string& candidate : {detail::header_key(text), detail::header_key(without_brackets(text))}) {
        if (candidate.empty()) return HeaderMatch::Ignored;  // "№", "*", ...
        for (const auto& alias : alias_keys())
            if (key_matches(candidate, alias.key)) return alias.spec;
    }
    if (detail::is_row_counter_header(text)) return HeaderMatch::Ignored;
    return HeaderMatch::Unknown;
}

// Identifiers on a kit compare case-insensitively ("kit-0042" repeats "KIT-0042").
std::string lower_key(std::string_view value) { return detail::ascii_lower(trim(value)); }

enum class Mark { None, Present, Absent };

// What a component cell says when it holds a mark instead of a serial number.
Mark component_mark(std::string_view value) {
    struct Keys {
        std::vector<std::string> present, absent;
    };
    static const Keys keys = [] {
        Keys k;
        for (std::string_view m : kPresentMarks) k.present.push_back(detail::header_key(m));
        for (std::string_view m : kAbsentMarks) k.absent.push_back(detail::header_key(m));
        return k;
    }();
    if (value.size() > 40) return Mark::None;  // a long value is a serial or a note, not a mark
    std::string lower = detail::ascii_lower(value);
    for (std::string_view m : kPresentMarks)
        if (lower == m) return Mark::Present;
    for (std::string_view m : kAbsentMarks)
        if (lower == m) return Mark::Absent;
    std::string key = detail::header_key(value);
    if (key.empty()) return Mark::None;
    for (const auto& m : keys.present)
        if (key == m) return Mark::Present;
    for (const auto& m : keys.absent)
        if (key == m) return Mark::Absent;
    return Mark::None;
}

Error problem(std::string message_id, std::vector<std::string> args = {}) {
    return Error::make(ErrorCode::InvalidInput, std::move(message_id), std::move(args));
}

std::string lang_prefix(std::string_view lang) {
    return detail::ascii_lower(lang.substr(0, 2));
}

}  // namespace

int KitInventory::valid_count() const {
    return static_cast<int>(std::count_if(rows.begin(), rows.end(), [](const KitRow& r) { return r.ok(); }));
}
int KitInventory::invalid_count() const { return static_cast<int>(rows.size()) - valid_count(); }

const std::vector<KitColumnSpec>& kit_inventory_columns() { return kColumns; }

Result<KitInventory> parse_kit_inventory(const Table& table) {
    // 1. The header: the first row naming at least two known columns (title rows come first).
    std::optional<std::size_t> header_row;
    std::vector<std::variant<std::size_t, HeaderMatch>> matches;
    for (std::size_t r = 0; r < table.rows.size() && r < kHeaderSearchRows && !header_row; ++r) {
        std::vector<std::variant<std::size_t, HeaderMatch>> row_matches;
        std::vector<bool> seen(kColumns.size(), false);
        int known = 0;
        for (const auto& cell : table.rows[r]) {
            row_matches.push_back(match_header(cell));
            if (auto* spec = std::get_if<std::size_t>(&row_matches.back()); spec && !seen[*spec]) {
                seen[*spec] = true;
                ++known;
            }
        }
        if (known >= 2) {
            header_row = r;
            matches = std::move(row_matches);
        }
    }
    if (!header_row)
        return fail_n(ErrorCode::InvalidInput,
                      N_n("No header row with kit inventory columns (kit number, tablet serial number, USB "
                          "serial) was found in the first {} row.",
                          "No header row with kit inventory columns (kit number, tablet serial number, USB "
                          "serial) was found in the first {} rows."),
                      static_cast<long>(kHeaderSearchRows), {std::to_string(kHeaderSearchRows)});


    KitInventory inventory;
    inventory.header_line = static_cast<int>(*header_row) + 1;
    const auto& header = table.rows[*header_row];

    // 2. Map columns: the first column naming a field wins; repeats and unknowns are reported.
    std::vector<std::optional<std::size_t>> column_of(kColumns.size());
    for (std::size_t c = 0; c < matches.size(); ++c) {
        if (auto* spec = std::get_if<std::size_t>(&matches[c])) {
            if (column_of[*spec]) {
                inventory.file_problems.push_back(
                    problem(N_("Column {} (\"{}\") repeats column {}; only the first one is read."),
                            {column_letters(c), detail::shown_header(header[c]), column_letters(*column_of[*spec])}));
            } else {
                column_of[*spec] = c;
            }
        } else if (std::get<HeaderMatch>(matches[c]) == HeaderMatch::Unknown) {
            inventory.unknown_columns.push_back(detail::shown_header(header[c]));
        }
    }
    for (std::size_t s = 0; s < kColumns.size(); ++s)
        if (kColumns[s].required && !column_of[s])
            inventory.file_problems.push_back(
                problem(N_("The required column \"{}\" is missing (also accepted: \"{}\", \"{}\")."),
                        {std::string(kColumns[s].en), std::string(kColumns[s].ru), std::string(kColumns[s].kk)}));

    auto spec_index = [](KitField field, std::optional<ComponentType> component = std::nullopt) {
        for (std::size_t s = 0; s < kColumns.size(); ++s)
            if (kColumns[s].field == field && kColumns[s].component == component) return s;
        return kColumns.size();
    };
    auto value = [&](std::size_t row, std::size_t spec) -> std::string {
        if (spec >= kColumns.size() || !column_of[spec]) return {};
        return trim(table.cell(row, *column_of[spec]));
    };
    auto header_text = [&](std::size_t spec) { return trim(header[*column_of[spec]]); };

    const std::size_t number_spec = spec_index(KitField::Number);
    const std::size_t model_spec = spec_index(KitField::TabletModel);
    const std::size_t serial_spec = spec_index(KitField::TabletSerial);
    const std::size_t imei_spec = spec_index(KitField::Imei);
    const std::size_t usb_spec = spec_index(KitField::UsbSerial);
    const std::size_t note_spec = spec_index(KitField::Note);

    // Values already seen, by field, with the line that had them first.
    std::map<std::string, int> seen_number, seen_serial, seen_imei, seen_usb;

    // 3. Rows.
    for (std::size_t r = *header_row + 1; r < table.rows.size(); ++r) {
        // Nothing in any recognised column: a blank line, a pre-numbered template row ("Р/с" filled
        // down), a signature line under the table. Not a kit, not a problem.
        bool has_data = false;
        for (std::size_t s = 0; s < kColumns.size() && !has_data; ++s)
            if (column_of[s] && !trim(table.cell(r, *column_of[s])).empty()) has_data = true;
        if (!has_data) continue;
        KitRow row;
        row.line = static_cast<int>(r) + 1;

        Tablet tablet;
        tablet.model = value(r, model_spec);
        tablet.serial = value(r, serial_spec);
        tablet.imei = value(r, imei_spec);
        tablet.usb_serial = value(r, usb_spec);
        std::string number = value(r, number_spec);

        // Values Excel has already rounded cannot be repaired: say so instead of "bad IMEI".
        std::vector<bool> rounded(kColumns.size() + 1, false);
        for (std::size_t s : {number_spec, serial_spec, imei_spec, usb_spec}) {
            if (looks_rounded_by_excel(value(r, s))) {
                rounded[s] = true;
                row.problems.push_back(problem(
                    N_("The value {} in column \"{}\" was rounded by Excel; format the column as text and "
                       "type the full value again."),
                    {value(r, s), header_text(s)}));
            }
        }
        // IMEIs are often printed in groups: "35 693803 564380 9".
        if (!rounded[imei_spec]) {
            std::string compact;
            for (char c : tablet.imei)
                if (c != ' ' && c != '-') compact += c;
            if (detail::is_ascii_digits(compact)) tablet.imei = compact;
        }

        std::vector<std::pair<ComponentType, std::string>> serials;
        for (std::size_t s = 0; s < kColumns.size(); ++s) {
            if (kColumns[s].field != KitField::Component || !column_of[s]) continue;
            std::string v = value(r, s);
            Mark mark = v.empty() ? Mark::Present : component_mark(v);
            if (mark == Mark::Present) continue;
            if (mark == Mark::Absent) {
                row.problems.push_back(
                    problem(N_("Column \"{}\" marks this part as absent; only complete kits can be registered."),
                            {header_text(s)}));
                continue;
            }
            serials.emplace_back(*kColumns[s].component, v);
        }

        // Field by field, so a row lists all its problems at once...
        if (number.empty()) row.problems.push_back(problem(N_("The kit number is empty.")));
        if (tablet.serial.empty()) row.problems.push_back(problem(N_("The tablet serial number is empty.")));
        if (tablet.usb_serial.empty())
            row.problems.push_back(
                problem(N_("The USB serial is empty; it identifies the tablet when it is plugged in.")));
        bool imei_bad = false;
        if (!rounded[imei_spec]) {
            if (auto imei = validate_imei(tablet.imei); !imei) {
                row.problems.push_back(imei.error());
                imei_bad = true;
            }
        }

        Kit kit = make_kit(number, tablet, serials);
        kit.note = value(r, note_spec);
        // ...then core validate(Kit) has the last word, with the values already reported replaced
        // by harmless stand-ins so that it reports only what is left (e.g. the kit number's format).
        Kit probe = kit;
        if (number.empty() || rounded[number_spec]) probe.number = "X";
        if (tablet.serial.empty() || rounded[serial_spec]) probe.tablet.serial = "X";
        if (tablet.usb_serial.empty() || rounded[usb_spec]) probe.tablet.usb_serial = "X";
        if (imei_bad || rounded[imei_spec]) probe.tablet.imei.clear();
        auto checked = validate(std::move(probe));
        if (!checked) row.problems.push_back(checked.error());
        row.kit = row.problems.empty() && checked ? std::move(*checked) : std::move(kit);

        // Duplicates within the file: the later row names the earlier line.
        auto check_duplicate = [&](std::map<std::string, int>& seen, const std::string& v, const char* message_id) {
            if (v.empty()) return;
            auto [it, inserted] = seen.emplace(lower_key(v), row.line);
            if (!inserted) row.problems.push_back(problem(message_id, {v, std::to_string(it->second)}));
        };
        check_duplicate(seen_number, row.kit.number, N_("The kit number {} is already on line {}."));
        check_duplicate(seen_serial, row.kit.tablet.serial, N_("The tablet serial number {} is already on line {}."));
        if (!imei_bad && !rounded[imei_spec])
            check_duplicate(seen_imei, row.kit.tablet.imei, N_("The IMEI {} is already on line {}."));
        check_duplicate(seen_usb, row.kit.tablet.usb_serial, N_("The USB serial {} is already on line {}."));

        inventory.rows.push_back(std::move(row));
    }
    return inventory;
}

std::vector<std::string> kit_inventory_template_header(std::string_view lang) {
    std::string prefix = lang_prefix(lang);
    std::vector<std::string> header;
    for (const auto& spec : kColumns)
        header.emplace_back(prefix == "kk" ? spec.kk : prefix == "ru" ? spec.ru : spec.en);
    return header;
}

Status write_kit_inventory_template(const std::filesystem::path& path, std::string_view lang) {
    std::string ext = detail::ascii_lower(path.extension().string());
    auto header = kit_inventory_template_header(lang);
    if (ext == ".xlsx") {
        std::string prefix = lang_prefix(lang);
        std::string_view sheet = prefix == "kk" ? "Жинақтар" : prefix == "ru" ? "Комплекты" : "Kits";
        return write_xlsx(path, header, {}, sheet);
    }
    if (ext == ".csv") return write_csv(path, header, {});
    return fail(ErrorCode::InvalidInput, N_("Choose a file name ending in .xlsx or .csv for the template."));
}

}  // namespace sanaq::tables

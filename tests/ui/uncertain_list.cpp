#include "ui/uncertain_list.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>

#include "coverage/list_import.h"
#include "tables/table.h"

namespace sanaq::test {

std::string write_uncertain_list(const std::filesystem::path& path, const census_sim::MakeListRequest& request, int n) {
    auto list = census_sim::simulated_list(request);
    BOOST_REQUIRE_MESSAGE(list, "simulated_list");
    auto column = [&](lists::ListField field) -> std::size_t {
        for (const auto& spec : lists::list_columns()) {
            if (spec.field != field) continue;
            for (std::size_t i = 0; i < list->header.size(); ++i)
                if (list->header[i] == spec.en || list->header[i] == spec.ru || list->header[i] == spec.kk) return i;
        }
        BOOST_FAIL("no column for " << lists::list_field_code(field));
        return 0;
    };
    const std::size_t iin = column(lists::ListField::Iin);
    const std::size_t patronymic = column(lists::ListField::Patronymic);
    const std::size_t born = column(lists::ListField::BirthDate);
    const std::size_t note = column(lists::ListField::Note);
    int changed = 0;
    bool noted = false;
    for (std::size_t r = 0; r < list->truth.size() && changed < n; ++r) {
        const auto& t = list->truth[r];
        auto& row = list->rows[r];
        if (t.not_enumerated || t.duplicate || t.iin_missing || t.iin_mistyped || t.name_noise || t.birth_date_wrong) continue;
        if (row.size() <= std::max({iin, patronymic, born, note}) || row[iin].empty() || row[born].size() != 10) continue;
        if (changed == n - 1 && !noted) {
            row[note] = "moved to the training unit";
            noted = true;
            continue;
        }
        std::string& date = row[born];
        const std::size_t year_last = date[4] == '-' ? 3 : 9;  // YYYY-MM-DD or DD.MM.YYYY
        if (!std::isdigit(static_cast<unsigned char>(date[year_last]))) continue;
        date[year_last] = date[year_last] == '0' ? '1' : static_cast<char>(date[year_last] - 1);
        row[iin].clear();
        row[patronymic] = "\xD0\x96\xD0\xBE\xD0\xBB\xD0\xB4\xD0\xB0\xD1\x81\xD0\xB1\xD0\xB5\xD0\xBA\xD2\xB1\xD0\xBB\xD1\x8B";  // Жолдасбекұлы
        ++changed;
    }
    BOOST_REQUIRE_EQUAL(changed, n);
    std::vector<std::vector<std::string>> rows = list->title_rows;
    rows.push_back(list->header);
    rows.insert(rows.end(), list->rows.begin(), list->rows.end());
    BOOST_REQUIRE_MESSAGE(tables::write_csv(path, {}, rows), "write_csv");
    return list->as_of;
}

}  // namespace sanaq::test

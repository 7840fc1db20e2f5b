#include "core/domain/territories.h"

#include <algorithm>
#include <array>
#include <iterator>

#include "core/domain/identifiers.h"

namespace sanaq {
namespace {

// The region level of the statistics bureau's KATO. The codes are the classifier's first two
// digits; ISO 3166-2:KZ uses the same numbers for its subdivisions, which is how the 2022 ones
// were checked (README.md "Territories"). "2013" is the edition as it stood for the 2021 census
// round: with the June 2018 change that turned South Kazakhstan region (51) into Turkestan
// region (61) and made Shymkent (79) a city of republican significance. 51 stays listed so
// codes written before that change still have a name.
constexpr std::array<KatoRegion, 38> kRegions{{
    {"2013", "11", "Ақмола облысы", "Акмолинская область", "Akmola Region"},
    {"2013", "15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"},
    {"2013", "19", "Алматы облысы", "Алматинская область", "Almaty Region"},
    {"2013", "23", "Атырау облысы", "Атырауская область", "Atyrau Region"},
    {"2013", "27", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"},
    {"2013", "31", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region"},
    {"2013", "35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"},
    {"2013", "39", "Қостанай облысы", "Костанайская область", "Kostanay Region"},
    {"2013", "43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"},
    {"2013", "47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"},
    {"2013", "51", "Оңтүстік Қазақстан облысы", "Южно-Казахстанская область", "South Kazakhstan Region"},
    {"2013", "55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"},
    {"2013", "59", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"},
    {"2013", "61", "Түркістан облысы", "Туркестанская область", "Turkestan Region"},
    {"2013", "63", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"},
    {"2013", "71", "Астана қаласы", "город Астана", "Astana"},
    {"2013", "75", "Алматы қаласы", "город Алматы", "Almaty"},
    {"2013", "79", "Шымкент қаласы", "город Шымкент", "Shymkent"},
    // 2022: Abai region (10) out of East Kazakhstan, Zhetysu (33) out of Almaty region, Ulytau
    // (62) out of Karaganda region; South Kazakhstan (51) is gone.
    {"2022", "10", "Абай облысы", "область Абай", "Abai Region"},
    {"2022", "11", "Ақмола облысы", "Акмолинская область", "Akmola Region"},
    {"2022", "15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"},
    {"2022", "19", "Алматы облысы", "Алматинская область", "Almaty Region"},
    {"2022", "23", "Атырау облысы", "Атырауская область", "Atyrau Region"},
    {"2022", "27", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"},
    {"2022", "31", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region"},
    {"2022", "33", "Жетісу облысы", "область Жетісу", "Zhetysu Region"},
    {"2022", "35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"},
    {"2022", "39", "Қостанай облысы", "Костанайская область", "Kostanay Region"},
    {"2022", "43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"},
    {"2022", "47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"},
    {"2022", "55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"},
    {"2022", "59", "Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region"},
    {"2022", "61", "Түркістан облысы", "Туркестанская область", "Turkestan Region"},
    {"2022", "62", "Ұлытау облысы", "область Ұлытау", "Ulytau Region"},
    {"2022", "63", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"},
    {"2022", "71", "Астана қаласы", "город Астана", "Astana"},
    {"2022", "75", "Алматы қаласы", "город Алматы", "Almaty"},
    {"2022", "79", "Шымкент қаласы", "город Шымкент", "Shymkent"},
}};

std::span<const KatoRegion> listed() { return kRegions; }

}  // namespace

std::span<const KatoRegion> kato_regions() { return listed(); }

std::vector<KatoRegion> kato_regions(std::string_view edition) {
    std::vector<KatoRegion> out;
    std::ranges::copy_if(listed(), std::back_inserter(out), [&](const KatoRegion& r) { return r.edition == edition; });
    return out;
}

std::optional<KatoRegion> find_kato_region(std::string_view edition, std::string_view code) {
    if (code.size() < 2) return std::nullopt;
    for (const auto& r : listed())
        if (r.edition == edition && r.code == code.substr(0, 2)) return r;
    return std::nullopt;
}

bool is_kato_edition(std::string_view edition) {
    return std::find(std::begin(kKatoVersions), std::end(kKatoVersions), edition) != std::end(kKatoVersions);
}

Result<std::string> validate_kato_edition(std::string_view edition) {
    std::string e = trim(edition);
    if (!is_kato_edition(e))
        return fail(ErrorCode::InvalidInput, N_("Unknown KATO classifier version {}; use 2013 or 2022."), {e});
    return e;
}

std::string_view region_name(const KatoRegion& region, std::string_view language) {
    if (language == "kk") return region.name_kk;
    if (language == "en") return region.name_en;
    return region.name_ru;
}

int kato_level(std::string_view code) {
    if (code.size() != 9) return 0;
    if (code.substr(2) == "0000000") return 1;
    if (code.substr(4) == "00000") return 2;
    if (code.substr(6) == "000") return 3;
    return 4;
}

std::string kato_code_of_prefix(std::string_view prefix) {
    std::string out(prefix.substr(0, std::min<std::size_t>(prefix.size(), 9)));
    out.resize(9, '0');
    return out;
}

std::string territory_name(std::string_view name_kk, std::string_view name_ru, std::string_view language) {
    if (language == "kk") return std::string(name_kk.empty() ? name_ru : name_kk);
    return std::string(name_ru.empty() ? name_kk : name_ru);
}

}  // namespace sanaq

#pragma once
// Territories by name: the region level of both KATO editions, shipped with the program, and the
// entries of the official classifier file a department imports (districts, rural okrugs,
// settlements). A KATO code means something only within its edition — the 2022 reform made the
// Abai, Zhetysu and Ulytau regions out of East Kazakhstan, Almaty and Karaganda regions and moved
// codes with them — so every lookup here takes the edition. Where each code comes from:
// README.md beside this folder ("Territories").
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sanaq {

/// One region (or city of republican significance) of one KATO edition.
struct KatoRegion {
    std::string_view edition;  // kKatoVersions: "2013" or "2022"
    std::string_view code;     // the first two digits of the region's codes (AB)
    std::string_view name_kk, name_ru, name_en;
};

/// Every region of both editions, by edition then code.
std::span<const KatoRegion> kato_regions();
/// The regions of one edition, by code; empty for an edition that is not one.
std::vector<KatoRegion> kato_regions(std::string_view edition);
/// The region a code (two digits, or a longer code of which the first two count) belongs to in
/// that edition; nullopt when the edition has no such region.
std::optional<KatoRegion> find_kato_region(std::string_view edition, std::string_view code);

/// True for the editions kKatoVersions names.
bool is_kato_edition(std::string_view edition);
/// The trimmed edition, or InvalidInput naming it and the editions there are.
Result<std::string> validate_kato_edition(std::string_view edition);

/// The name in the language (kk, ru, en); the Russian one for a language it has no name in.
std::string_view region_name(const KatoRegion& region, std::string_view language);

/// One entry of the official classifier file (a region, district, rural okrug or settlement).
struct KatoTerritory {
    std::string edition;
    std::string code;       // 9 digits (te)
    std::string kind;       // the file's k column, as given ("" when empty)
    std::string name_kk, name_ru;
    std::string note;       // the file's nn column
};

/// One imported classifier file: which edition, from which file, by whom.
struct KatoEdition {
    std::string edition;
    std::string source_name;  // the file's name, no directory
    std::string imported_at_utc;
    std::string imported_by;
    std::int64_t entries = 0;
};

/// The level a 9-digit code names by its zeros: 1 region (AB0000000), 2 district (ABCD00000),
/// 3 rural okrug (ABCDEF000), 4 settlement.
int kato_level(std::string_view code);
/// The 9-digit code of the district or region a prefix of 4 or 2 digits stands for.
std::string kato_code_of_prefix(std::string_view prefix);

/// The name of a classifier entry in the language: kk the Kazakh name, else the Russian one;
/// either when the other is empty.
std::string territory_name(std::string_view name_kk, std::string_view name_ru, std::string_view language);

}  // namespace sanaq

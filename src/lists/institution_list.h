#pragma once
// An institution's list of respondents (stage 1 of census work in institutions): who the
// institution says must be enumerated as of a set date, with the resident categories of the joint
// orders. Plain values: reading a file into one is list_reader.h, comparing two versions
// list_diff.h; storing one is the store's job (later), not this library's.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/census.h"

namespace sanaq::lists {

/// The resident categories an institution's list may give. The orders on census work on
/// restricted sites split permanent residents into conscripts, cadets, officers and civilians,
/// and temporary ones (present for under 12 months) into short-course trainees and detainees;
/// other institutions just say permanent or temporary. Temporarily absent residents are listed
/// too (the orders include them).
enum class ListCategory {
    Permanent,            // permanent resident, no sub-kind given
    Conscript,            // soldiers, sergeants and sergeant-majors of conscript service
    Cadet,                // cadets of military schools without officer posts, students of military academies
    Officer,              // officers, warrant officers, contract servicemen living on a restricted site
    Civilian,             // civilians and others living permanently on a restricted site
    Temporary,            // temporary resident (under 12 months), no sub-kind given
    ShortCourseTrainee,   // trainees of short courses away from home for under 12 months
    Detainee,             // held in a pre-trial detention facility on the census day
    TemporarilyAbsent,    // a permanent resident away on the census day
};
inline constexpr int kListCategoryCount = 9;

/// Stable machine code ("permanent", "conscript", "cadet", "officer", "civilian", "temporary",
/// "trainee", "detainee", "absent"), for JSON and the store.
std::string_view list_category_code(ListCategory category);
std::optional<ListCategory> parse_list_category_code(std::string_view code);
/// English msgid naming the category for people ("Conscript (permanent resident)").
const char* list_category_label(ListCategory category);
/// The category's name as a list in that language writes it ("kk", "ru", anything else English).
std::string_view list_category_name(ListCategory category, std::string_view lang);
/// Permanent, Temporary or TemporarilyAbsent: how the census sheets record the person.
Residence residence_of(ListCategory category);

/// How lists write a category: canonical names (list_category_name) and further accepted values.
struct ListCategorySpec {
    ListCategory category;
    std::string_view en, ru, kk;
    std::vector<std::string_view> aliases;   // any language; matched folded, also as a prefix
};
/// Every category, in enum order. See README.md for how cells are matched.
const std::vector<ListCategorySpec>& list_categories();

/// One person on the list, as read (trimmed; values normalised where a form was recognised).
struct ListEntry {
    int line = 0;                   // 1-based row in the file
    std::string number;             // the list's own row number ("№"), as written; may be empty
    std::string iin;                // 12 digits when recognised, else as written (may be empty)
    bool iin_valid = false;         // 12 digits with a correct check digit
    std::string surname, name, patronymic;
    std::optional<Sex> sex;
    std::string birth_date;         // YYYY-MM-DD, or empty when missing or unreadable
    std::optional<ListCategory> category;
    std::string note;
};

/// A list as the department keeps it: one version of one institution's list as of one date.
struct InstitutionList {
    std::string institution_bin;    // 12 digits
    std::string as_of;              // YYYY-MM-DD
    int version = 1;                // 1, 2, ... per institution and as-of date
    std::string source_name;        // the file it was read from (name only), for people
    std::vector<ListEntry> entries;
};

/// A name folded for comparison: case, Kazakh letters typed as Russian ones, Latin look-alikes,
/// spaces and punctuation do not matter ("Қасымов", "КАСЫМОВ", "Kaсымов" give one key).
std::string name_key(std::string_view text);
/// Who the entry is without its IIN: surname and name (in either order) and birth date;
/// empty when surname, name or birth date is missing. Used for duplicates and list versions.
std::string person_key(const ListEntry& entry);

}  // namespace sanaq::lists

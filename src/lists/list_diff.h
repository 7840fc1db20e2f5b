#pragma once
// What changed between two versions of an institution's list (a corrected list re-imported):
// who was added, who was removed, whose entry changed and in which fields.
#include <string>
#include <string_view>
#include <vector>

#include "lists/institution_list.h"

namespace sanaq::lists {

/// The fields of an entry a new version may change.
enum class EntryField { Iin, Surname, Name, Patronymic, Sex, BirthDate, Category, Note };
/// "iin", "surname", "name", "patronymic", "sex", "birth_date", "category", "note".
std::string_view entry_field_code(EntryField field);
/// English msgid naming the field for people ("IIN", "Surname", ...).
const char* entry_field_label(EntryField field);

/// How the two entries were found to be the same person.
enum class DiffKey {
    Iin,          // the same valid IIN in both versions
    PersonKey,    // the same surname and name (either order) and birth date (person_key)
};

struct ChangedEntry {
    ListEntry before, after;
    DiffKey key;
    std::vector<EntryField> fields;   // in EntryField order; never empty
};

struct ListDiff {
    std::vector<ListEntry> added;      // in the new version only (in its order)
    std::vector<ListEntry> removed;    // in the old version only (in its order)
    std::vector<ChangedEntry> changed; // in the new version's order
    int unchanged = 0;
    bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
};

/// Pairs entries by valid IIN first, then what is left by person_key (so an IIN corrected in the
/// new version, or one added where there was none, shows as a change, not as a removal and an
/// addition). Entries with neither (no valid IIN, no person_key) are paired by the folded full
/// name and the list's row text as a last resort, else count as removed and added. Several
/// entries with one key pair in list order. Values compare as stored (trimmed): "КАСЫМОВ" ->
/// "Қасымов" is a change of the surname.
ListDiff diff_lists(const InstitutionList& previous, const InstitutionList& current);

}  // namespace sanaq::lists

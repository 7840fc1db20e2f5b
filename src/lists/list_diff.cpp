#include "lists/list_diff.h"

#include <deque>
#include <map>
#include <optional>

#include "core/error.h"

namespace sanaq::lists {
namespace {

constexpr std::string_view kFieldCodes[] = {"iin", "surname", "name", "patronymic",
                                            "sex", "birth_date", "category", "note"};

std::vector<EntryField> changed_fields(const ListEntry& a, const ListEntry& b) {
    std::vector<EntryField> out;
    if (a.iin != b.iin) out.push_back(EntryField::Iin);
    if (a.surname != b.surname) out.push_back(EntryField::Surname);
    if (a.name != b.name) out.push_back(EntryField::Name);
    if (a.patronymic != b.patronymic) out.push_back(EntryField::Patronymic);
    if (a.sex != b.sex) out.push_back(EntryField::Sex);
    if (a.birth_date != b.birth_date) out.push_back(EntryField::BirthDate);
    if (a.category != b.category) out.push_back(EntryField::Category);
    if (a.note != b.note) out.push_back(EntryField::Note);
    return out;
}

std::string full_name_key(const ListEntry& e) {
    std::string k = name_key(e.surname) + "|" + name_key(e.name) + "|" + name_key(e.patronymic);
    return k == "||" ? std::string{} : k;
}

}  // namespace

std::string_view entry_field_code(EntryField field) { return kFieldCodes[static_cast<int>(field)]; }

const char* entry_field_label(EntryField field) {
    switch (field) {
        case EntryField::Iin: return N_("IIN");
        case EntryField::Surname: return N_("Surname");
        case EntryField::Name: return N_("Given name");
        case EntryField::Patronymic: return N_("Patronymic");
        case EntryField::Sex: return N_("Sex");
        case EntryField::BirthDate: return N_("Date of birth");
        case EntryField::Category: return N_("Category");
        case EntryField::Note: return N_("Note");
    }
    return "";
}

ListDiff diff_lists(const InstitutionList& previous, const InstitutionList& current) {
    const auto& old_entries = previous.entries;
    const auto& new_entries = current.entries;
    std::vector<std::optional<std::size_t>> partner_of_new(new_entries.size());
    std::vector<bool> old_taken(old_entries.size(), false);
    std::vector<DiffKey> key_of_new(new_entries.size(), DiffKey::Iin);

    // One pass per key: index the old entries not yet paired, then pair the new ones in order.
    auto pass = [&](auto key_fn, DiffKey kind) {
        std::map<std::string, std::deque<std::size_t>> index;
        for (std::size_t i = 0; i < old_entries.size(); ++i)
            if (!old_taken[i])
                if (std::string k = key_fn(old_entries[i]); !k.empty()) index[k].push_back(i);
        for (std::size_t j = 0; j < new_entries.size(); ++j) {
            if (partner_of_new[j]) continue;
            std::string k = key_fn(new_entries[j]);
            if (k.empty()) continue;
            auto it = index.find(k);
            if (it == index.end() || it->second.empty()) continue;
            std::size_t i = it->second.front();
            it->second.pop_front();
            old_taken[i] = true;
            partner_of_new[j] = i;
            key_of_new[j] = kind;
        }
    };
    pass([](const ListEntry& e) { return e.iin_valid ? e.iin : std::string{}; }, DiffKey::Iin);
    pass([](const ListEntry& e) { return person_key(e); }, DiffKey::PersonKey);
    // Last resort for entries without IIN and birth date (rejected as such by the reader, but a
    // caller may build lists by hand): the full name alone.
    pass(
        [](const ListEntry& e) {
            return e.iin_valid || !person_key(e).empty() ? std::string{} : full_name_key(e);
        },
        DiffKey::PersonKey);

    ListDiff diff;
    for (std::size_t j = 0; j < new_entries.size(); ++j) {
        if (!partner_of_new[j]) {
            diff.added.push_back(new_entries[j]);
            continue;
        }
        const ListEntry& before = old_entries[*partner_of_new[j]];
        auto fields = changed_fields(before, new_entries[j]);
        if (fields.empty()) ++diff.unchanged;
        else diff.changed.push_back({before, new_entries[j], key_of_new[j], std::move(fields)});
    }
    for (std::size_t i = 0; i < old_entries.size(); ++i)
        if (!old_taken[i]) diff.removed.push_back(old_entries[i]);
    return diff;
}

}  // namespace sanaq::lists

#include "lists/institution_list.h"

#include <algorithm>

#include "core/error.h"
#include "tables/detail/text.h"

namespace sanaq::lists {
namespace {

const std::vector<ListCategorySpec> kCategories = {
    {ListCategory::Permanent, "Permanent resident", "Постоянно проживающий", "Тұрақты тұратын",
     {"permanent", "permanently resident", "постоянный", "постоянно", "постоянно проживающие",
      "постоянно проживающая", "постоянное проживание", "тұрақты", "тұрақты тұрушы", "тұрақты тұратындар"}},
    {ListCategory::Conscript, "Conscript", "Военнослужащий срочной службы", "Мерзімді қызмет әскери қызметшісі",
     {"conscript soldier", "conscripts", "срочная служба", "срочник", "солдат", "сержант срочной службы",
      "старшина срочной службы", "солдаты, сержанты, старшины срочной службы", "мерзімді қызмет",
      "мерзімді қызметтегі", "мерзімді қызмет сарбазы", "сарбаз", "сарбаздар"}},
    {ListCategory::Cadet, "Cadet", "Курсант", "Курсант",
     {"military cadet", "cadets", "курсанты", "курсант военного училища", "слушатель военного вуза",
      "слушатель высшего военного учебного заведения", "курсанттар", "әскери училище курсанты",
      "әскери оқу орнының тыңдаушысы"}},
    {ListCategory::Officer, "Officer or contract serviceman", "Офицер, военнослужащий по контракту",
     "Офицер, келісімшарт бойынша әскери қызметші",
     {"officer", "officers", "warrant officer", "contract serviceman", "офицер", "офицеры", "прапорщик",
      "военнослужащий по контракту", "контрактник", "офицерлер", "келісімшарт бойынша"}},
    {ListCategory::Civilian, "Civilian on a restricted site", "Гражданское лицо на объекте",
     "Объектідегі азаматтық адам",
     {"civilian", "civilians", "гражданский", "гражданское лицо", "гражданское население", "гражданский персонал",
      "азаматтық", "азаматтық адам", "азаматтық халық"}},
    {ListCategory::Temporary, "Temporary resident", "Временно проживающий", "Уақытша тұратын",
     {"temporary", "temporarily resident", "временный", "временно", "временно проживающие",
      "временно пребывающий", "менее 12 месяцев", "уақытша", "уақытша тұрушы", "уақытша келген",
      "уақытша тұратындар"}},
    {ListCategory::ShortCourseTrainee, "Short-course trainee", "Слушатель краткосрочных курсов",
     "Қысқа мерзімді курс тыңдаушысы",
     {"trainee", "course trainee", "short course", "short courses", "слушатель курсов", "слушатели курсов",
      "краткосрочные курсы", "курсы", "қысқа мерзімді курс", "курс тыңдаушысы", "курс тыңдаушылары"}},
    {ListCategory::Detainee, "Detainee", "Содержащийся в следственном изоляторе", "Тергеу изоляторындағы адам",
     {"detainee", "pre-trial detainee", "подследственный", "подозреваемый", "обвиняемый",
      "следственно-арестованный", "сизо", "содержится в сизо", "заключенный под стражу", "тергеу изоляторы",
      "тергеу изоляторында", "қамауда", "қамаудағы"}},
    {ListCategory::TemporarilyAbsent, "Temporarily absent", "Временно отсутствующий", "Уақытша жоқ",
     {"absent", "temporarily away", "временно отсутствует", "временно отсутствующие", "уақытша жоқ адам",
      "уақытша болмаған", "уақытша жоқ адамдар"}},
};

constexpr std::string_view kCodes[] = {"permanent", "conscript", "cadet",   "officer", "civilian",
                                       "temporary", "trainee",   "detainee", "absent"};

}  // namespace

std::string_view list_category_code(ListCategory category) { return kCodes[static_cast<int>(category)]; }

std::optional<ListCategory> parse_list_category_code(std::string_view code) {
    for (int i = 0; i < kListCategoryCount; ++i)
        if (kCodes[i] == code) return static_cast<ListCategory>(i);
    return std::nullopt;
}

const char* list_category_label(ListCategory category) {
    switch (category) {
        case ListCategory::Permanent: return N_("Permanent resident");
        case ListCategory::Conscript: return N_("Conscript (permanent resident)");
        case ListCategory::Cadet: return N_("Cadet (permanent resident)");
        case ListCategory::Officer: return N_("Officer or contract serviceman (permanent resident)");
        case ListCategory::Civilian: return N_("Civilian on a restricted site (permanent resident)");
        case ListCategory::Temporary: return N_("Temporary resident");
        case ListCategory::ShortCourseTrainee: return N_("Short-course trainee (temporary resident)");
        case ListCategory::Detainee: return N_("Detainee (temporary resident)");
        case ListCategory::TemporarilyAbsent: return N_("Temporarily absent");
    }
    return "";
}

std::string_view list_category_name(ListCategory category, std::string_view lang) {
    const auto& spec = kCategories[static_cast<int>(category)];
    std::string prefix = tables::detail::ascii_lower(lang.substr(0, 2));
    return prefix == "kk" ? spec.kk : prefix == "ru" ? spec.ru : spec.en;
}

Residence residence_of(ListCategory category) {
    switch (category) {
        case ListCategory::Temporary:
        case ListCategory::ShortCourseTrainee:
        case ListCategory::Detainee: return Residence::Temporary;
        case ListCategory::TemporarilyAbsent: return Residence::TemporarilyAbsent;
        default: return Residence::Permanent;
    }
}

const std::vector<ListCategorySpec>& list_categories() { return kCategories; }

std::string name_key(std::string_view text) { return tables::detail::header_key(text); }

std::string person_key(const ListEntry& entry) {
    std::string a = name_key(entry.surname), b = name_key(entry.name);
    if (a.empty() || b.empty() || entry.birth_date.empty()) return {};
    if (b < a) std::swap(a, b);   // "Name Surname" swapped into the wrong columns is the same person
    return a + "|" + b + "|" + entry.birth_date;
}

}  // namespace sanaq::lists

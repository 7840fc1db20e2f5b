#include "census_sim/census_sim.h"

#include <cstring>

#include "core/domain/identifiers.h"
#include "census_sim/names.h"

namespace sanaq::census_sim {
namespace detail {
namespace {

const char* const kKazakhMale[] = {
    "Нұрлан", "Ерлан", "Асқар", "Серік", "Бауыржан", "Дәулет", "Ержан", "Қайрат", "Мұрат", "Ғалым",
    "Жандос", "Айдос", "Нұрсұлтан", "Әлихан", "Бекзат", "Ернар", "Дархан", "Талғат", "Арман", "Санжар",
    "Азамат", "Еркебұлан", "Мұхтар", "Қуаныш", "Ілияс", "Әділет", "Төлеген", "Жасұлан", "Ықылас", "Бақытжан",
};
const char* const kKazakhFemale[] = {
    "Айгүл", "Гүлнар", "Әсел", "Динара", "Жанар", "Сәуле", "Ақмарал", "Меруерт", "Айжан", "Балжан",
    "Гүлмира", "Назерке", "Томирис", "Аружан", "Жұлдыз", "Қарлығаш", "Інжу", "Ұлжан", "Әйгерім", "Күләш",
    "Салтанат", "Мөлдір", "Ботагөз", "Гүлжан", "Перизат",
};
// Stems that take -ов/-ова, -ев/-ева or -ин/-ина; the bare stem is the modern form without them.
struct Stem {
    const char* stem;
    const char* suffix;   // "ов", "ев", "ин"
};
const Stem kKazakhStems[] = {
    {"Жанбулат", "ов"}, {"Сейтқали", "ев"}, {"Әбдірахман", "ов"}, {"Омар", "ов"}, {"Қасым", "ов"},
    {"Тоқтар", "ов"}, {"Байжан", "ов"}, {"Ермек", "ов"}, {"Нұрпейіс", "ов"}, {"Серікба", "ев"},
    {"Мұқан", "ов"}, {"Иса", "ев"}, {"Дәулет", "ов"}, {"Жұмаба", "ев"}, {"Құнанба", "ев"},
    {"Сәрсенба", "ев"}, {"Оспан", "ов"}, {"Ахмет", "ов"}, {"Әли", "ев"}, {"Тәжіба", "ев"},
    {"Бекмұхамбет", "ов"}, {"Ғабдулл", "ин"}, {"Құдайберген", "ов"}, {"Шәріп", "ов"}, {"Үсен", "ов"},
    {"Өтеген", "ов"}, {"Нұрғали", "ев"}, {"Смағұл", "ов"}, {"Қалиасқар", "ов"}, {"Һашим", "ов"},
};
const char* const kRussianMale[] = {
    "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Владимир", "Николай", "Игорь",
    "Евгений", "Виктор", "Михаил", "Павел", "Юрий", "Олег", "Иван", "Максим",
};
// Russian patronymic stems: father's name -> the stem before -ич/-на.
struct Patronymic {
    const char* father;
    const char* male;
    const char* female;
};
const Patronymic kRussianPatronymics[] = {
    {"Александр", "Александрович", "Александровна"}, {"Сергей", "Сергеевич", "Сергеевна"},
    {"Дмитрий", "Дмитриевич", "Дмитриевна"}, {"Андрей", "Андреевич", "Андреевна"},
    {"Алексей", "Алексеевич", "Алексеевна"}, {"Владимир", "Владимирович", "Владимировна"},
    {"Николай", "Николаевич", "Николаевна"}, {"Игорь", "Игоревич", "Игоревна"},
    {"Евгений", "Евгеньевич", "Евгеньевна"}, {"Виктор", "Викторович", "Викторовна"},
    {"Михаил", "Михайлович", "Михайловна"}, {"Павел", "Павлович", "Павловна"},
    {"Юрий", "Юрьевич", "Юрьевна"}, {"Олег", "Олегович", "Олеговна"}, {"Иван", "Иванович", "Ивановна"},
    {"Максим", "Максимович", "Максимовна"},
};
const char* const kRussianFemale[] = {
    "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария",
    "Екатерина", "Людмила", "Галина", "Юлия", "Оксана", "Валентина",
};
const Surname kRussianSurnames[] = {
    {"Иванов", "Иванова"}, {"Петров", "Петрова"}, {"Смирнов", "Смирнова"}, {"Кузнецов", "Кузнецова"},
    {"Попов", "Попова"}, {"Васильев", "Васильева"}, {"Соколов", "Соколова"}, {"Михайлов", "Михайлова"},
    {"Новиков", "Новикова"}, {"Фёдоров", "Фёдорова"}, {"Морозов", "Морозова"}, {"Волков", "Волкова"},
    {"Лебедев", "Лебедева"}, {"Козлов", "Козлова"}, {"Никитин", "Никитина"}, {"Захаров", "Захарова"},
    {"Белоусов", "Белоусова"}, {"Ковалевский", "Ковалевская"},
};
const Surname kOtherSurnames[] = {
    {"Ким", "Ким"}, {"Пак", "Пак"}, {"Шевченко", "Шевченко"}, {"Коваленко", "Коваленко"},
    {"Шмидт", "Шмидт"}, {"Мюллер", "Мюллер"}, {"Юсупов", "Юсупова"}, {"Каримов", "Каримова"},
    {"Алиев", "Алиева"}, {"Мамедов", "Мамедова"},
};

struct Replacement {
    const char* from;
    const char* to;
};
// Kazakh letters typed on a Russian layout.
const Replacement kKazakhToRussian[] = {
    {"Ә", "А"}, {"ә", "а"}, {"Ғ", "Г"}, {"ғ", "г"}, {"Қ", "К"}, {"қ", "к"}, {"Ң", "Н"}, {"ң", "н"},
    {"Ө", "О"}, {"ө", "о"}, {"Ұ", "У"}, {"ұ", "у"}, {"Ү", "У"}, {"ү", "у"}, {"Һ", "Х"}, {"һ", "х"},
    {"І", "И"}, {"і", "и"},
};
// Cyrillic letters and the Latin letters that look the same.
const Replacement kLatinLookAlikes[] = {
    {"А", "A"}, {"В", "B"}, {"Е", "E"}, {"К", "K"}, {"М", "M"}, {"Н", "H"}, {"О", "O"}, {"Р", "P"},
    {"С", "C"}, {"Т", "T"}, {"Х", "X"}, {"а", "a"}, {"е", "e"}, {"о", "o"}, {"р", "p"}, {"с", "c"},
};

const Settlement kSettlements[] = {
    {"751110000", "2022", "Алматы", "Алматы"},
    {"711110000", "2022", "Астана", "Астана"},
    {"791510000", "2022", "Шымкент", "Шымкент"},
    {"191010000", "2022", "Конаев", "Қонаев"},
    {"331010000", "2022", "Талдыкорган", "Талдықорған"},
    {"311010000", "2022", "Тараз", "Тараз"},
    {"591010000", "2022", "Петропавловск", "Петропавл"},
    {"351010000", "2022", "Караганда", "Қарағанды"},
    {"271010000", "2022", "Уральск", "Орал"},
    {"631010000", "2022", "Усть-Каменогорск", "Өскемен"},
    {"195630100", "2022", "с. Байсерке", "Байсерке ауылы"},
    {"594230100", "2022", "с. Тимирязево", "Тимирязев ауылы"},
    {"191010000", "2013", "Талдыкорган", "Талдықорған"},   // before the 2022 reform: an old tablet's classifier
};
const char* const kStreets[] = {
    "Абай даңғылы", "Төле би көшесі", "ул. Ленина", "Сейфуллин көшесі", "ул. Гагарина",
    "Қабанбай батыр көшесі", "ул. Пушкина", "Желтоқсан көшесі", "мкр. Самал-2", "ул. Мира",
    "Әл-Фараби даңғылы", "Құрманғазы көшесі", "ул. Строителей", "Тәуелсіздік көшесі",
};

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    std::size_t pos = 0;
    while ((pos = text.find(from, pos)) != std::string::npos) {
        text.replace(pos, from.size(), to);
        pos += to.size();
    }
    return text;
}

}  // namespace

Ethnicity draw_ethnicity(Rng& rng) {
    double u = rng.unit();
    if (u < 0.70) return Ethnicity::Kazakh;
    if (u < 0.92) return Ethnicity::Russian;
    return Ethnicity::Other;
}

Surname draw_surname(Rng& rng, Ethnicity e) {
    switch (e) {
        case Ethnicity::Kazakh: {
            const Stem& s = rng.pick(kKazakhStems);
            double u = rng.unit();
            if (u < 0.80) {   // the Soviet-era form
                std::string m = std::string(s.stem) + s.suffix;
                return {m, m + "а"};
            }
            if (u < 0.92) return {s.stem, s.stem};   // drifted: "Жанбулат"
            // -ұлы / -қызы surnames of the newer tradition.
            std::string father = rng.pick(kKazakhMale);
            return {father + "ұлы", father + "қызы"};
        }
        case Ethnicity::Russian: return rng.pick(kRussianSurnames);
        case Ethnicity::Other: return rng.pick(kOtherSurnames);
    }
    return {};
}

std::string draw_given_name(Rng& rng, Ethnicity e, Sex sex) {
    if (e == Ethnicity::Kazakh || (e == Ethnicity::Other && rng.chance(0.3)))
        return sex == Sex::Male ? rng.pick(kKazakhMale) : rng.pick(kKazakhFemale);
    return sex == Sex::Male ? rng.pick(kRussianMale) : rng.pick(kRussianFemale);
}

std::string patronymic_of(Rng& rng, std::string_view father_name, Ethnicity e, Sex sex) {
    for (const auto& p : kRussianPatronymics)
        if (father_name == p.father) return sex == Sex::Male ? p.male : p.female;
    std::string father(father_name);
    (void)e;
    double u = rng.unit();
    if (u < 0.55) return father + (sex == Sex::Male ? "ұлы" : "қызы");              // Нұрланұлы
    if (u < 0.65) return father + (sex == Sex::Male ? " ұлы" : " қызы");            // written apart
    return father + (sex == Sex::Male ? "ович" : "овна");                          // Нұрланович
}

std::string without_kazakh_letters(std::string_view text) {
    std::string out(text);
    for (const auto& r : kKazakhToRussian) out = replace_all(std::move(out), r.from, r.to);
    return out;
}

bool has_kazakh_letters(std::string_view text) {
    for (const auto& r : kKazakhToRussian)
        if (text.find(r.from) != std::string_view::npos) return true;
    return false;
}

void apply_typing_variations(Rng& rng, FullName& n, Ethnicity e) {
    if (e == Ethnicity::Kazakh && rng.chance(0.15)) {
        n.surname = without_kazakh_letters(n.surname);
        n.name = without_kazakh_letters(n.name);
        n.patronymic = without_kazakh_letters(n.patronymic);
    }
    if (rng.chance(0.005)) {
        for (const auto& r : kLatinLookAlikes) {
            if (n.surname.rfind(r.from, 0) == 0) {
                n.surname = std::string(r.to) + n.surname.substr(std::strlen(r.from));
                break;
            }
        }
    }
    if (rng.chance(0.01)) std::swap(n.surname, n.name);
}

std::string iin_for(int year, int month, int day, bool male, int serial) {
    const int century = year < 1900 ? 0 : (year < 2000 ? 1 : 2);
    const int cs = century * 2 + (male ? 1 : 2);
    for (int s = serial;; ++s) {
        std::string first = pad(year % 100, 2) + pad(month, 2) + pad(day, 2) + std::to_string(cs) + pad(s % 10000, 4);
        if (auto d = iin_bin_check_digit(first)) return first + std::to_string(*d);
    }
}

std::string bin_for(int year, int month, int serial) {
    for (int s = serial;; ++s) {
        std::string first = pad(year % 100, 2) + pad(month, 2) + "40" + pad(s % 100000, 5);
        if (auto d = iin_bin_check_digit(first)) return first + std::to_string(*d);
    }
}

const Settlement& draw_settlement(Rng& rng) {
    // The pre-reform classifier shows up rarely (a tablet with an old classifier).
    if (rng.chance(0.03)) return kSettlements[std::size(kSettlements) - 1];
    return kSettlements[rng.next() % (std::size(kSettlements) - 1)];
}

const char* draw_street(Rng& rng) { return rng.pick(kStreets); }

}  // namespace detail

namespace {

struct InstitutionNames {
    InstitutionType type;
    const char* kk;
    const char* ru;
};
const InstitutionNames kInstitutionNames[] = {
    {InstitutionType::ChildrensHome, "№{} балалар үйі", "Детский дом №{}"},
    {InstitutionType::BabyHome, "№{} сәби үйі", "Дом ребёнка №{}"},
    {InstitutionType::BoardingSchoolGifted, "№{} дарынды балаларға арналған мектеп-интернат", "Школа-интернат для одарённых детей №{}"},
    {InstitutionType::BoardingSchoolSportsGifted, "№{} спорттағы дарынды балаларға арналған мектеп-интернат", "Школа-интернат для одарённых в спорте детей №{}"},
    {InstitutionType::BoardingSchoolOrphans, "№{} жетім балаларға арналған мектеп-интернат", "Школа-интернат для детей-сирот №{}"},
    {InstitutionType::RehabilitationCentreDisabled, "№{} оңалту орталығы", "Реабилитационный центр №{}"},
    {InstitutionType::SocialServiceCentre, "№{} қарттар мен мүгедектерге арналған әлеуметтік қызмет көрсету орталығы", "Центр социального обслуживания престарелых и инвалидов №{}"},
    {InstitutionType::InpatientCare, "№{} қалалық аурухана", "Городская больница №{}"},
    {InstitutionType::Sanatorium, "№{} шипажай", "Санаторий №{}"},
    {InstitutionType::RestHome, "№{} демалыс үйі", "Дом отдыха №{}"},
    {InstitutionType::SocialAdaptationCentre, "№{} әлеуметтік бейімдеу орталығы", "Центр социальной адаптации №{}"},
    {InstitutionType::CrisisCentre, "№{} дағдарыс орталығы", "Кризисный центр №{}"},
    {InstitutionType::TraffickingVictimsCentre, "№{} адам саудасы құрбандарын оңалту орталығы", "Центр реабилитации жертв торговли людьми №{}"},
    {InstitutionType::TuberculosisOrganisation, "№{} туберкулезге қарсы диспансер", "Противотуберкулёзный диспансер №{}"},
    {InstitutionType::PsychoneurologicalOrganisation, "№{} психоневрологиялық интернат", "Психоневрологический интернат №{}"},
    {InstitutionType::NarcologicalOrganisation, "№{} наркологиялық орталық", "Наркологический центр №{}"},
    {InstitutionType::SanitaryEpidemiologicalOrganisation, "№{} санитариялық-эпидемиологиялық орталық", "Санитарно-эпидемиологический центр №{}"},
    {InstitutionType::MilitaryUnit, "№{} әскери бөлім", "Воинская часть №{}"},
    {InstitutionType::BorderOutpost, "№{} шекара заставасы", "Пограничная застава №{}"},
    {InstitutionType::PretrialDetention, "№{} тергеу изоляторы", "Следственный изолятор №{}"},
    {InstitutionType::SanatoriumBoardingSchool, "№{} санаторлық мектеп-интернат", "Санаторная школа-интернат №{}"},
    {InstitutionType::ElderlyDisabledHome, "№{} қарттар мен мүгедектерге арналған үй-интернат", "Дом-интернат для престарелых и инвалидов №{}"},
    {InstitutionType::MilitarySchool, "№{} әскери училище", "Военное училище №{}"},
    {InstitutionType::ClosedTerritorialUnit, "№{} жабық әкімшілік-аумақтық бірлік", "ЗАТО №{}"},
    {InstitutionType::Other, "№{} мекеме", "Учреждение №{}"},
};
static_assert(std::size(kInstitutionNames) == kInstitutionTypeCount);

const char* const kDeviceModels[] = {"Samsung SM-T295", "Samsung SM-T505", "Lenovo TB-X606F", "Huawei AGS3-L09"};
const char* const kPositions[] = {"Кадр бөлімінің басшысы", "Начальник отдела кадров", "Әкімшілік меңгерушісі",
                                  "Заместитель директора", "Әлеуметтік қызметкер", "Старший инспектор"};

std::string numbered(const char* pattern, int n) {
    std::string s(pattern);
    auto pos = s.find("{}");
    return s.replace(pos, 2, std::to_string(n));
}

}  // namespace

SimulatedKit simulated_kit(std::uint64_t seed, std::string_view kit_number) {
    using namespace detail;
    Rng rng(mix(seed, hash_text(kit_number)) ^ 0x4B495453ULL);
    SimulatedKit kit;
    kit.kit_number = std::string(kit_number);
    kit.seed = seed;
    kit.census_round = "2026";
    kit.reference_date = "2026-10-01";
    // Weighted towards the institutions that hold many people.
    static constexpr InstitutionType kCommon[] = {
        InstitutionType::MilitaryUnit, InstitutionType::MilitaryUnit, InstitutionType::BorderOutpost,
        InstitutionType::PretrialDetention, InstitutionType::InpatientCare, InstitutionType::SocialServiceCentre,
        InstitutionType::ChildrensHome, InstitutionType::BoardingSchoolOrphans, InstitutionType::BoardingSchoolGifted,
        InstitutionType::TuberculosisOrganisation, InstitutionType::PsychoneurologicalOrganisation,
        InstitutionType::Sanatorium,
    };
    auto type = rng.chance(0.8) ? rng.pick(kCommon) : static_cast<InstitutionType>(rng.between(0, kInstitutionTypeCount - 1));
    const auto& names = kInstitutionNames[static_cast<int>(type)];
    int number = rng.between(1, 120);
    const Settlement& place = draw_settlement(rng);
    kit.institution.type = type;
    kit.institution.name_kk = std::string(place.name_kk) + " " + numbered(names.kk, number);
    kit.institution.name_ru = numbered(names.ru, number) + " (" + place.name_ru + ")";
    const int bin_year = rng.between(1995, 2015), bin_month = rng.between(1, 12), bin_serial = rng.between(0, 99999);
    kit.institution.bin = bin_for(bin_year, bin_month, bin_serial);
    kit.institution.kato = KatoCode{place.kato, place.version};
    const char* street = draw_street(rng);
    kit.institution.address = std::string(street) + ", " + std::to_string(rng.between(1, 180));

    Sex sex = rng.chance(0.6) ? Sex::Female : Sex::Male;
    Ethnicity e = rng.chance(0.8) ? Ethnicity::Kazakh : Ethnicity::Russian;
    Surname surname = draw_surname(rng, e);
    std::string given = draw_given_name(rng, e, sex);
    std::string father = draw_given_name(rng, e, Sex::Male);
    int year = rng.between(1968, 1996), month = rng.between(1, 12), day = rng.between(1, 28);
    kit.responsible.iin = iin_for(year, month, day, sex == Sex::Male, rng.between(0, 9999));
    kit.responsible.institution_bin = kit.institution.bin;
    kit.responsible.full_name = (sex == Sex::Male ? surname.male : surname.female) + " " + given + " " +
                                patronymic_of(rng, father, e, sex);
    kit.responsible.position = rng.pick(kPositions);
    const int operator_code = rng.between(0, 99), subscriber = rng.between(0, 9999999);
    kit.responsible.phone = "+7 7" + pad(operator_code, 2) + " " + pad(subscriber, 7);

    kit.device_model = rng.pick(kDeviceModels);
    static constexpr char kAlnum[] = "0123456789ABCDEFGHJKLMNPQRSTVWXYZ";
    kit.usb_serial = "R52N";
    for (int i = 0; i < 7; ++i) kit.usb_serial += kAlnum[rng.next() % (sizeof kAlnum - 1)];
    return kit;
}

}  // namespace sanaq::census_sim

#include "core/usecases/demo.h"

#include <cstdio>

#include "core/usecases/custody.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/registry.h"
#include "core/usecases/users.h"

namespace sanaq {
namespace {

/// The demo's history happened over the past weeks: the clock runs this far behind.
class ShiftedClock final : public Clock {
public:
    ShiftedClock(const Clock& base, std::chrono::hours shift) : base_(base), shift_(shift) {}
    std::chrono::system_clock::time_point now() const override { return base_.now() - shift_; }

private:
    const Clock& base_;
    std::chrono::hours shift_;
};

std::string pad(int value, int width) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*d", width, value);
    return buf;
}


}  // namespace

std::string make_iin(int year, int month, int day, bool male, int serial) {
    const int century = year < 1900 ? 0 : (year < 2000 ? 1 : 2);
    const int cs = century * 2 + (male ? 1 : 2);
    for (int s = serial;; ++s) {
        std::string first = pad(year % 100, 2) + pad(month, 2) + pad(day, 2) + std::to_string(cs) + pad(s % 10000, 4);
        if (auto d = iin_bin_check_digit(first)) return first + std::to_string(*d);
    }
}

std::string make_bin(int year, int month, int serial) {
    for (int s = serial;; ++s) {
        // YYMM, 4 = legal entity (resident), 0 = head organisation, 5-digit serial.
        std::string first = pad(year % 100, 2) + pad(month, 2) + "40" + pad(s % 100000, 5);
        if (auto d = iin_bin_check_digit(first)) return first + std::to_string(*d);
    }
}

std::string make_imei(std::string_view first14) {
    int sum = 0;
    for (int i = 0; i < 14; ++i) {
        int d = first14[13 - i] - '0';
        if (i % 2 == 0) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
    }
    return std::string(first14) + std::to_string((10 - sum % 10) % 10);
}

Result<bool> is_demo_workspace(Session& session) {
    return query<bool>(session.store, [](StoreSession& tx) -> Result<bool> {
        auto v = tx.settings().get(setting::kDemoData);
        SANAQ_TRY(v);
        return v->has_value() && **v == "1";
    });
}

Result<DemoSummary> load_demo_accounts(Session& admin) {
    SANAQ_TRY(require(admin.actor, Operation::LoadDemoData));
    auto empty = query<bool>(admin.store, [](StoreSession& tx) -> Result<bool> {
        auto kits = tx.kits().count({});
        SANAQ_TRY(kits);
        auto inst = tx.institutions().list();
        SANAQ_TRY(inst);
        return *kits == 0 && inst->empty();
    });
    SANAQ_TRY(empty);
    if (!*empty)
        return fail(ErrorCode::RefusedByState,
                    N_("This workspace already holds kits or institutions; demo data go only into an empty one."));

    DemoSummary summary;
    SANAQ_TRY(admin.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.settings().set(setting::kDemoData, "1"));
        return record(tx, admin, {"demo.load", "workspace", "", "", "{}"});
    }));
    SANAQ_TRY(set_department_details(admin, {
        "[ДЕМО] Ұлттық статистика бюросының Солтүстік Қазақстан облысы бойынша департаменті",
        "[ДЕМО] Департамент Бюро национальной статистики по Северо-Казахстанской области",
        "Петропавл қ., Конституция көшесі, 58 / г. Петропавловск, ул. Конституции, 58",
        "Сейітов Нұрлан Қайратұлы"}));
    const std::pair<const char*, Role> accounts[] = {
        {"officer", Role::Officer}, {"custodian", Role::Custodian}, {"supervisor", Role::Supervisor}};
    const char* full_names[] = {"Әлиева Гүлнар Бекқызы", "Петров Сергей Иванович", "Құдайбергенов Арман Ерболұлы"};
    for (int i = 0; i < 3; ++i) {
        if (admin.keys.has_slot(accounts[i].first)) continue;
        auto user = add_user(admin, {accounts[i].first, full_names[i], accounts[i].second, std::string(kDemoPassword)});
        SANAQ_TRY(user);
    }

    return summary;
}

Status load_demo_registers(Session& officer_now, DemoSummary& summary) {
    // Three weeks ago the officer registered the kits and handed them out.
    ShiftedClock three_weeks_ago(officer_now.clock, std::chrono::hours(24 * 21));
    Session officer{officer_now.store, officer_now.keys, three_weeks_ago, officer_now.actor};

    struct DemoInstitution {
        const char* kk;
        const char* ru;
        InstitutionType type;
        const char* kato;
        const char* kato_version;
        const char* address;
    };
    const DemoInstitution institutions[] = {
        {"Петропавл қаласының №1 балалар үйі", "Детский дом №1 города Петропавловска",
         InstitutionType::ChildrensHome, "591010000", "2022", "Петропавл қ., Жамбыл к-сі, 215"},
        {"Облыстық туберкулезге қарсы диспансер", "Областной противотуберкулезный диспансер",
         InstitutionType::TuberculosisOrganisation, "591010000", "2022", "Петропавл қ., Ғабит Мүсірепов к-сі, 12"},
        {"Мамлют қарттар мен мүгедектерге арналған медициналық-әлеуметтік мекемесі",
         "Мамлютское медико-социальное учреждение для престарелых и инвалидов",
         InstitutionType::SocialServiceCentre, "594430100", "2022", "Мамлют қ., Ыбырай Алтынсарин к-сі, 3"},
        {"№ 5517 әскери бөлім", "Воинская часть № 5517", InstitutionType::MilitaryUnit, "591010000", "2022",
         "Петропавл қ."},
        {"Петропавл қаласының тергеу изоляторы", "Следственный изолятор города Петропавловска",
         InstitutionType::PretrialDetention, "591010000", "2022", "Петропавл қ., Парк к-сі, 1"},
    };
    std::vector<std::string> bins;
    int serial = 11;
    for (const auto& d : institutions) {
        Institution inst{make_bin(2004, 3, serial += 7), d.kk, d.ru, d.type, {d.kato, d.kato_version}, d.address};
        SANAQ_TRY(add_institution(officer, inst));
        bins.push_back(inst.bin);
        ++summary.institutions;
    }
    struct DemoEmployee {
        int inst;
        const char* name;
        int y, m, d;
        bool male;
        const char* position;
        const char* phone;
    };
    const DemoEmployee staff[] = {
        {0, "Жанбулатова Әйгерім Серікқызы", 1988, 4, 12, false, "Тәрбиеші / Воспитатель", "+7 701 555 0101"},
        {1, "Смағұлов Ерлан Қайратұлы", 1979, 11, 3, true, "Бас мейірбике / Старшая медсестра", "+7 702 555 0102"},
        {2, "Иванова Ольга Петровна", 1983, 1, 27, false, "Әлеуметтік қызметкер / Социальный работник", "+7 705 555 0103"},
        {3, "Нұрланов Дәурен Асқарұлы", 1990, 7, 15, true, "Штаб бастығы / Начальник штаба", "+7 707 555 0104"},
        {4, "Ким Виктория Сергеевна", 1986, 9, 30, false, "Кадр инспекторы / Инспектор по кадрам", "+7 747 555 0105"},
        {0, "Оспанов Бауыржан Маратұлы", 1992, 2, 8, true, "Әдіскер / Методист", "+7 775 555 0106"},
    };
    std::vector<std::string> iins;
    int iin_serial = 1234;
    for (const auto& s : staff) {
        ResponsibleEmployee e{0, bins[s.inst], make_iin(s.y, s.m, s.d, s.male, iin_serial += 311), s.name, s.position, s.phone};
        auto added = add_staff(officer, e);
        SANAQ_TRY(added);
        iins.push_back(added->iin);
        ++summary.staff;
    }
    for (int n = 1; n <= 60; ++n) {
        Tablet tablet{"Samsung Galaxy Tab A7 SM-T505", "R52R30" + pad(4100 + n, 5), make_imei("35" + pad(812345 + n, 6) + pad(n, 6)),
                      "R52R30" + pad(4100 + n, 5)};
        Kit kit = make_kit("KIT-" + pad(n, 4), tablet,
                           {{ComponentType::ProtectiveCase, "CS-" + pad(n, 4)},
                            {ComponentType::Charger, "CH-" + pad(n, 4)},
                            {ComponentType::PowerBank, "PB-" + pad(n, 4)}});
        SANAQ_TRY(register_kit(officer, kit));
        ++summary.kits;
    }
    SANAQ_TRY(receive_paper(officer, 200, 2000, "Демо / Demo"));

    const auto due_soon = local_date(officer_now.clock.now() + std::chrono::hours(24 * 14));
    const auto due_past = local_date(three_weeks_ago.now() + std::chrono::hours(24 * 10));  // overdue now
    struct Handout {
        std::vector<std::string> kits;
        int employee;
        std::string due;
    };
    const Handout handouts[] = {
        {{"KIT-0001", "KIT-0002", "KIT-0003"}, 0, due_soon},
        {{"KIT-0004", "KIT-0005"}, 1, due_past},
        {{"KIT-0006"}, 2, due_soon},
        {{"KIT-0007", "KIT-0008"}, 3, due_soon},
        {{"KIT-0009"}, 4, due_past},
    };
    for (const auto& h : handouts) {
        auto act = issue_kits(officer, {h.kits, iins[h.employee], 2 * int(h.kits.size()), 50 * int(h.kits.size()), h.due, ""});
        SANAQ_TRY(act);
        summary.issued += int(h.kits.size());
    }
    return {};
}

Status load_demo_returns(Session& custodian_now, DemoSummary& summary) {
    // Last week KIT-0004 came back without its charger; KIT-0007 came back whole.
    ShiftedClock last_week(custodian_now.clock, std::chrono::hours(24 * 7));
    Session custodian{custodian_now.store, custodian_now.keys, last_week, custodian_now.actor};
    auto r1 = return_kit(custodian, {"KIT-0004", {{ComponentType::Charger, LineOutcome::Missing, "Ұстаушы жоғалтқан / Утерян держателем"}}, 2, 20, 30, ""});
    SANAQ_TRY(r1);
    auto r2 = return_kit(custodian, {"KIT-0007", {}, 1, 10, 40, ""});
    SANAQ_TRY(r2);
    summary.returned = 2;
    return {};
}

Result<DemoSummary> load_demo(Session& admin) {
    auto summary = load_demo_accounts(admin);
    if (!summary) return summary;
    // One connection acts for every account: its entries carry no member signatures, which only
    // a single-key workspace accepts.
    if (admin.keys.per_role_keys())
        return fail(ErrorCode::RefusedByState,
                    N_("In a workspace with per-role keys the demo's officer and custodian enter "
                       "their part of the demo data themselves."));
    Session officer{admin.store, admin.keys, admin.clock, Actor{"officer", Role::Officer}};
    SANAQ_TRY(load_demo_registers(officer, *summary));
    Session custodian{admin.store, admin.keys, admin.clock, Actor{"custodian", Role::Custodian}};
    SANAQ_TRY(load_demo_returns(custodian, *summary));
    return summary;
}

}  // namespace sanaq

#pragma once
// StaffedWorkspace: a real SQLCipher workspace in a temp folder with one user per role, an
// institution, a responsible employee and some kits — the ground the use-case tests stand on.
#include <cstdlib>
#include <memory>

#include "core/usecases/custody.h"
#include "core/usecases/demo.h"
#include "core/usecases/kit_registry.h"
#include "core/usecases/registry.h"
#include "core/usecases/users.h"
#include "db/workspace.h"
#include "support/passwords.h"
#include "support/temp_dir.h"

namespace sanaq::test {

struct StaffedWorkspace {
    TempDir dir{"sanaq-usecases"};
    SystemClock clock;
    std::unique_ptr<db::Workspace> ws;
    std::string bin = make_bin(2005, 6, 101);
    std::string employee_iin = make_iin(1985, 3, 14, false, 4321);
    std::string employee_name = "Жанбулатова Әйгерім Серікқызы";

    StaffedWorkspace() {
        auto created = db::Workspace::create(dir / "ws", "admin", kPassword, db::test_kdf());
        if (!created) throw std::runtime_error("create: " + created.error().message_id);
        ws = std::move(*created);
        Session admin = as("admin", Role::Administrator);
        check(record_workspace_created(admin, "Администратор"));
        for (auto [name, role] : {std::pair{"officer", Role::Officer}, std::pair{"custodian", Role::Custodian},
                                  std::pair{"supervisor", Role::Supervisor}})
            check(add_user(admin, {name, "", role, kPassword}));
        Session officer = as("officer", Role::Officer);
        check(add_institution(officer, {bin, "Петропавл қаласының №1 балалар үйі", "Детский дом №1 г. Петропавловска",
                                        InstitutionType::ChildrensHome, {"591010000", "2022"}, "ул. Жамбыла, 215"}));
        check(add_staff(officer, {0, bin, employee_iin, employee_name, "Тәрбиеші", "+7 701 555 0101"}));
        check(receive_paper(officer, 100, 1000, ""));
        for (int i = 1; i <= 5; ++i) check(register_kit(officer, kit(i)));
    }

    static Kit kit(int n) {
        const std::string num = std::to_string(1000 + n);
        return make_kit("KIT-" + num, {"Samsung SM-T505", "R52R" + num, make_imei("35000000000" + num.substr(1)), "USB" + num},
                        {{ComponentType::Charger, "CH-" + num}, {ComponentType::PowerBank, "PB-" + num}});
    }

    Session as(const std::string& user, Role role) { return Session{*ws, *ws, clock, Actor{user, role}}; }

    template <class R>
    static void check(const R& result) {
        if (!result) throw std::runtime_error("fixture step failed: " + result.error().message_id);
    }
};

}  // namespace sanaq::test

#pragma once
// Demo data for a new user to look around: a department in North Kazakhstan, five institutions,
// their staff, sixty kits, paper stock, some kits out (one overdue) and one back without its charger.
// Everything is marked as demo: the department's name says so and the workspace carries a flag.
#include "core/usecases/session.h"

namespace sanaq {

/// The password every demo account gets (printed by `sanaq demo` and shown on the login screen
/// of a demo workspace).
inline constexpr std::string_view kDemoPassword = "demo-password";
inline constexpr std::string_view kDemoUsers[] = {"officer", "custodian", "supervisor"};

struct DemoSummary {
    int institutions = 0;
    int staff = 0;
    int kits = 0;
    int issued = 0;
    int returned = 0;
};

/// Fills an empty workspace (no kits, no institutions) in three steps, each by the account whose
/// work it is, so a per-role workspace's audit entries are signed by their own actors:
/// the administrator marks the workspace as a demo, sets the department's details and adds the
/// demo accounts (administrators only; RefusedByState unless the workspace is empty) …
Result<DemoSummary> load_demo_accounts(Session& admin);
/// … the officer (signed in as "officer") registered institutions, staff and kits three weeks ago
/// and handed some out …
Status load_demo_registers(Session& officer, DemoSummary& summary);
/// … and the custodian (signed in as "custodian") took two back last week.
Status load_demo_returns(Session& custodian, DemoSummary& summary);
/// The three steps through the administrator's connection, acting for the officer and the
/// custodian: a single-key workspace only (RefusedByState with per-role keys).
Result<DemoSummary> load_demo(Session& admin);
Result<bool> is_demo_workspace(Session& session);

/// Makes a valid IIN from a birth date, century/sex digit and serial (demo data and tests).
std::string make_iin(int year, int month, int day, bool male, int serial);
/// Makes a valid BIN from registration year/month and a serial.
std::string make_bin(int year, int month, int serial);
/// Appends the Luhn digit to 14 digits (demo IMEIs).
std::string make_imei(std::string_view first14);

}  // namespace sanaq

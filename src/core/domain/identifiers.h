#pragma once
// Kazakhstan's identifiers: IIN (people), BIN (organisations), KATO (territory), plus the
// tablet's IMEI. Validation returns the normalised value or an InvalidInput error naming the problem.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace sanaq {

/// True when `digits` is 12 ASCII digits whose check digit is right (both weight rounds).
bool iin_bin_check_digit_ok(std::string_view digits);
/// Computes the check digit for the first 11 digits; nullopt when both rounds give 10
/// (such a prefix cannot form a valid number).
std::optional<int> iin_bin_check_digit(std::string_view first11);

/// Trims spaces, requires 12 digits and a valid check digit.
Result<std::string> validate_iin(std::string_view text);
/// The same, plus a BIN's own shape: a month of registration in digits 3-4 and an entity kind
/// (4, 5 or 6) in digit 5, so that no IIN passes as a BIN.
Result<std::string> validate_bin(std::string_view text);

struct IinFacts {
    std::optional<std::string> birth_date;  // YYYY-MM-DD when the first 7 digits encode one
    std::optional<char> sex;                // 'M' or 'F' from the century/sex digit
};
/// What a (valid) IIN says about its holder. Since 2013 an IIN need not encode them, so a
/// mismatch with other data is a warning for the caller to show, never a rejection.
IinFacts iin_facts(std::string_view iin);

/// "********1234": masking for roles that must not see a full IIN; the birth date does not show.
std::string mask_iin(std::string_view iin);

/// A KATO territorial code with the classifier version it belongs to: codes changed with the
/// 2022 regional reform, so a code alone is ambiguous.
struct KatoCode {
    std::string code;                // 9 digits: AB CD EF HIJ
    std::string classifier_version;  // e.g. "2022" (after the June 2022 reform) or "2013"

    std::string region() const { return code.substr(0, 2); }
    std::string district() const { return code.substr(0, 4); }
};
inline constexpr std::string_view kKatoCurrentVersion = "2022";
inline constexpr std::string_view kKatoVersions[] = {"2013", "2022"};
Result<KatoCode> validate_kato(std::string_view code, std::string_view classifier_version);

/// 15 digits with the Luhn check digit (tablets with SIM slots); empty means "none".
Result<std::string> validate_imei(std::string_view text);

/// Strips surrounding whitespace (ASCII and NBSP) — input from files carries both.
std::string trim(std::string_view text);

}  // namespace sanaq

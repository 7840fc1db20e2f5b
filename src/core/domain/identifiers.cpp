#include "core/domain/identifiers.h"

#include <algorithm>
#include <cctype>

namespace sanaq {
namespace {

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

Result<std::string> validate_12(std::string_view text, const char* what_empty,
                                const char* what_format, const char* what_check) {
    std::string digits = trim(text);
    if (digits.empty()) return fail(ErrorCode::InvalidInput, what_empty);
    if (digits.size() != 12 || !all_digits(digits))
        return fail(ErrorCode::InvalidInput, what_format, {digits});
    if (!iin_bin_check_digit_ok(digits)) return fail(ErrorCode::InvalidInput, what_check, {digits});
    return digits;
}

}  // namespace

std::string trim(std::string_view text) {
    auto is_space_at = [&](std::size_t i, bool forward) -> std::size_t {
        // returns the byte length of a whitespace character at position i, or 0
        if (forward) {
            if (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) return 1;
            if (i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2 &&
                static_cast<unsigned char>(text[i + 1]) == 0xA0)
                return 2;
            return 0;
        }
        if (i >= 1 && std::isspace(static_cast<unsigned char>(text[i - 1]))) return 1;
        if (i >= 2 && static_cast<unsigned char>(text[i - 2]) == 0xC2 &&
            static_cast<unsigned char>(text[i - 1]) == 0xA0)
            return 2;
        return 0;
    };
    std::size_t begin = 0, end = text.size();
    while (begin < end) {
        auto n = is_space_at(begin, true);
        if (!n) break;
        begin += n;
    }
    while (end > begin) {
        auto n = is_space_at(end, false);
        if (!n) break;
        end -= n;
    }
    return std::string(text.substr(begin, end - begin));
}

std::optional<int> iin_bin_check_digit(std::string_view first11) {
    if (first11.size() < 11 || !all_digits(first11.substr(0, 11))) return std::nullopt;
    auto weighted = [&](int start_weight) {
        int sum = 0;
        for (int i = 0; i < 11; ++i) {
            int weight = (start_weight + i - 1) % 11 + 1;  // 1..11 cycling from start_weight
            sum += (first11[i] - '0') * weight;
        }
        return sum % 11;
    };
    int digit = weighted(1);
    if (digit == 10) digit = weighted(3);
    if (digit == 10) return std::nullopt;
    return digit;
}

bool iin_bin_check_digit_ok(std::string_view digits) {
    if (digits.size() != 12 || !all_digits(digits)) return false;
    auto expected = iin_bin_check_digit(digits.substr(0, 11));
    return expected && *expected == digits[11] - '0';
}

Result<std::string> validate_iin(std::string_view text) {
    return validate_12(text, N_("The IIN is empty."),
                       N_("The IIN {} must be exactly 12 digits."),
                       N_("The IIN {} has a wrong check digit; check it for a typo."));
}

// The BIN's layout (the law on the national registers of identification numbers): digits 1-2 the
// year and 3-4 the month of registration, 5 the kind of entity — 4 a resident legal entity, 5 a
// non-resident legal entity, 6 an individual entrepreneur working as a joint venture — 6 the kind
// of unit (0 head office, 1 branch, 2 representative office, 3 farm as a joint venture), 7-11 the
// serial, 12 the IIN's check digit. An IIN's 5th digit is the tens of the birth day (0-3), so the
// kind digit is what keeps a person's IIN from passing as an organisation's BIN. The unit digit is
// not checked: registers have carried values outside 0-3, and refusing a real BIN costs more
// than letting an odd one through.
Result<std::string> validate_bin(std::string_view text) {
    auto bin = validate_12(text, N_("The BIN is empty."),
                           N_("The BIN {} must be exactly 12 digits."),
                           N_("The BIN {} has a wrong check digit; check it for a typo."));
    if (!bin) return bin;
    const int month = ((*bin)[2] - '0') * 10 + ((*bin)[3] - '0');
    if (month < 1 || month > 12)
        return fail(ErrorCode::InvalidInput,
                    N_("The BIN {} has no month of registration in its 3rd and 4th digits."), {*bin});
    const char kind = (*bin)[4];
    if (kind < '4' || kind > '6')
        return fail(ErrorCode::InvalidInput,
                    N_("The BIN {} has {} as its 5th digit where a BIN has 4, 5 or 6; is it an IIN?"),
                    {*bin, std::string(1, kind)});
    return bin;
}

IinFacts iin_facts(std::string_view iin) {
    IinFacts facts;
    if (iin.size() != 12 || !all_digits(iin)) return facts;
    const int century_sex = iin[6] - '0';
    if (century_sex < 1 || century_sex > 6) return facts;
    facts.sex = (century_sex % 2 == 1) ? 'M' : 'F';
    const int century = 1800 + 100 * ((century_sex - 1) / 2);
    const int yy = std::stoi(std::string(iin.substr(0, 2)));
    const int mm = std::stoi(std::string(iin.substr(2, 2)));
    const int dd = std::stoi(std::string(iin.substr(4, 2)));
    static constexpr int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= days_in[mm - 1]) {
        const int year = century + yy;
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        if (!(mm == 2 && dd == 29 && !leap)) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, mm, dd);
            facts.birth_date = buf;
        }
    }
    return facts;
}

std::string mask_iin(std::string_view iin) {
    // The first six digits are the birth date, a personal fact of its own: only the last four
    // (serial and check digit) stay, enough to tell two people apart on one screen.
    if (iin.size() != 12) return std::string(iin.size(), '*');
    return std::string(8, '*') + std::string(iin.substr(8));
}

Result<KatoCode> validate_kato(std::string_view code, std::string_view classifier_version) {
    std::string digits = trim(code);
    if (digits.size() != 9 || !all_digits(digits))
        return fail(ErrorCode::InvalidInput, N_("The KATO code {} must be exactly 9 digits."), {digits});
    if (digits.substr(0, 2) == "00")
        return fail(ErrorCode::InvalidInput, N_("The KATO code {} names no region."), {digits});
    std::string version = classifier_version.empty() ? std::string(kKatoCurrentVersion)
                                                     : trim(classifier_version);
    if (std::find(std::begin(kKatoVersions), std::end(kKatoVersions), version) == std::end(kKatoVersions))
        return fail(ErrorCode::InvalidInput,
                    N_("Unknown KATO classifier version {}; use 2013 or 2022."), {version});
    return KatoCode{digits, version};
}

Result<std::string> validate_imei(std::string_view text) {
    std::string digits = trim(text);
    if (digits.empty()) return digits;
    if (digits.size() != 15 || !all_digits(digits))
        return fail(ErrorCode::InvalidInput, N_("The IMEI {} must be exactly 15 digits."), {digits});
    int sum = 0;
    for (int i = 0; i < 15; ++i) {
        int d = digits[14 - i] - '0';
        if (i % 2 == 1) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
    }
    if (sum % 10 != 0)
        return fail(ErrorCode::InvalidInput, N_("The IMEI {} has a wrong check digit."), {digits});
    return digits;
}

}  // namespace sanaq

#include <boost/test/unit_test.hpp>

#include "core/domain/identifiers.h"
#include "core/usecases/demo.h"

using namespace sanaq;

BOOST_AUTO_TEST_SUITE(identifiers)

BOOST_AUTO_TEST_CASE(iin_check_digit_first_round) {
    // 8,7,0,1,0,2,3,0,0,1,2 weighted 1..11 = 102 → 102 mod 11 = 3
    BOOST_TEST(iin_bin_check_digit_ok("870102300123"));
    BOOST_TEST(!iin_bin_check_digit_ok("870102300124"));
}

BOOST_AUTO_TEST_CASE(iin_check_digit_second_round_when_first_gives_ten) {
    // Find a prefix whose first round gives 10 and check the second-round weights are used.
    int seen = 0;
    for (int serial = 0; serial < 10000 && seen < 3; ++serial) {
        char prefix[12];
        std::snprintf(prefix, sizeof prefix, "8801013%04d", serial);
        int sum = 0;
        for (int i = 0; i < 11; ++i) sum += (prefix[i] - '0') * (i + 1);
        if (sum % 11 != 10) continue;
        ++seen;
        static constexpr int w2[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
        int sum2 = 0;
        for (int i = 0; i < 11; ++i) sum2 += (prefix[i] - '0') * w2[i];
        auto digit = iin_bin_check_digit(prefix);
        if (sum2 % 11 == 10) BOOST_TEST(!digit.has_value());
        else BOOST_TEST(digit.value() == sum2 % 11);
    }
    BOOST_TEST(seen == 3);
}

BOOST_AUTO_TEST_CASE(validate_iin_explains_the_problem) {
    BOOST_TEST(validate_iin(" 870102300123 ").value() == "870102300123");
    auto short_one = validate_iin("87010230012");
    BOOST_REQUIRE(!short_one);
    BOOST_TEST(short_one.error().message_id.find("12 digits") != std::string::npos);
    auto typo = validate_iin("870102300121");
    BOOST_REQUIRE(!typo);
    BOOST_TEST(typo.error().message_id.find("check digit") != std::string::npos);
    BOOST_TEST(static_cast<int>(typo.error().code) == static_cast<int>(ErrorCode::InvalidInput));
}

BOOST_AUTO_TEST_CASE(iin_facts_are_soft) {
    auto facts = iin_facts("870102300123");
    BOOST_TEST(facts.birth_date.value() == "1987-01-02");
    BOOST_TEST(facts.sex.value() == 'M');
    // A post-2013 IIN need not encode a date: no facts, and still valid if the check digit is.
    auto odd = make_iin(2015, 2, 29, false, 1);  // no 29 Feb in 2015
    BOOST_TEST(iin_bin_check_digit_ok(odd));
    BOOST_TEST(!iin_facts(odd).birth_date.has_value());
}

BOOST_AUTO_TEST_CASE(generated_numbers_are_valid) {
    for (int i = 0; i < 200; ++i) {
        BOOST_TEST(validate_iin(make_iin(1950 + i % 70, 1 + i % 12, 1 + i % 28, i % 2, i * 37)).has_value());
        BOOST_TEST(validate_bin(make_bin(2000 + i % 20, 1 + i % 12, i * 13)).has_value());
        BOOST_TEST(validate_imei(make_imei("35" + std::to_string(100000000000 + i))).has_value());
    }
}

BOOST_AUTO_TEST_CASE(imei_luhn) {
    BOOST_TEST(validate_imei("490154203237518").has_value());   // the textbook example
    BOOST_TEST(!validate_imei("490154203237517").has_value());
    BOOST_TEST(validate_imei("").value().empty());               // Wi-Fi tablet: no IMEI
}

BOOST_AUTO_TEST_CASE(kato_needs_nine_digits_and_a_known_version) {
    auto k = validate_kato("191010000", "2013");
    BOOST_REQUIRE(k);
    BOOST_TEST(k->region() == "19");
    BOOST_TEST(k->district() == "1910");
    BOOST_TEST(validate_kato("591010000", "").value().classifier_version == "2022");
    BOOST_TEST(!validate_kato("59101000", "2022"));
    BOOST_TEST(!validate_kato("001010000", "2022"));
    BOOST_TEST(!validate_kato("591010000", "1999"));
}

BOOST_AUTO_TEST_CASE(masking_hides_the_birth_date) {
    // The first six digits are the holder's birth date: a masked IIN shows the last four only.
    BOOST_TEST(mask_iin("870102300123") == "********0123");
    BOOST_TEST(mask_iin("870102300123").find("870102") == std::string::npos);
    BOOST_TEST(mask_iin("12345") == "*****");  // not an IIN: nothing shows
}

namespace {
std::string with_check(std::string first11) {
    auto d = iin_bin_check_digit(first11);
    BOOST_REQUIRE(d.has_value());
    return first11 + std::to_string(*d);
}
}  // namespace

BOOST_AUTO_TEST_CASE(bin_is_checked_for_its_own_shape) {
    // YYMM of registration, entity kind, unit kind, serial, check digit.
    BOOST_TEST(validate_bin(with_check("99034000111")).has_value());   // resident legal entity
    BOOST_TEST(validate_bin(with_check("12115100234")).has_value());   // non-resident
    BOOST_TEST(validate_bin(with_check("05066200045")).has_value());   // joint entrepreneurship
    // Month 00 or 13.
    BOOST_TEST(!validate_bin(with_check("99004000111")).has_value());
    BOOST_TEST(!validate_bin(with_check("99134000111")).has_value());
    // An entity kind other than 4, 5, 6 (0..3 is an IIN's day of birth).
    for (char kind : std::string("0123789")) {
        std::string first = "9903" + std::string(1, kind) + "000111";
        if (auto d = iin_bin_check_digit(first))
            BOOST_TEST(!validate_bin(first + std::to_string(*d)).has_value(), first);
    }
    // Still the check digit.
    std::string bin = with_check("99034000111");
    bin[11] = static_cast<char>('0' + (bin[11] - '0' + 1) % 10);
    BOOST_TEST(!validate_bin(bin).has_value());
}

BOOST_AUTO_TEST_CASE(an_iin_does_not_pass_as_a_bin) {
    BOOST_TEST(validate_iin("870102300123").has_value());
    BOOST_TEST(!validate_bin("870102300123").has_value());
    for (int i = 0; i < 200; ++i) {
        const std::string iin = make_iin(1950 + i % 70, 1 + i % 12, 1 + i % 28, i % 2, i * 37);
        BOOST_TEST(!validate_bin(iin).has_value(), iin);
    }
}

BOOST_AUTO_TEST_CASE(trim_handles_nbsp) {
    BOOST_TEST(trim("\xC2\xA0 KIT-1 \t\xC2\xA0") == "KIT-1");
}

BOOST_AUTO_TEST_SUITE_END()

#pragma once
// Internal: names, places and identifiers of the simulated population.
#include <string>
#include <string_view>

#include "census_sim/census_sim.h"
#include "census_sim/random.h"

namespace sanaq::census_sim::detail {

enum class Ethnicity { Kazakh, Russian, Other };

struct FullName {
    std::string surname, name, patronymic;
};

/// A surname stem as a family shares it: the male and female forms.
struct Surname {
    std::string male, female;
};

Ethnicity draw_ethnicity(Rng& rng);
Surname draw_surname(Rng& rng, Ethnicity e);
std::string draw_given_name(Rng& rng, Ethnicity e, Sex sex);
/// The patronymic a child of `father_name` carries, in one of its real written forms.
std::string patronymic_of(Rng& rng, std::string_view father_name, Ethnicity e, Sex sex);
/// Typing habits: Kazakh letters replaced by Russian look-alikes, a Latin look-alike letter,
/// surname and name swapped.
void apply_typing_variations(Rng& rng, FullName& n, Ethnicity e);
std::string without_kazakh_letters(std::string_view text);
bool has_kazakh_letters(std::string_view text);

/// A valid IIN for the birth date and sex (the serial runs on until a check digit exists).
std::string iin_for(int year, int month, int day, bool male, int serial);
std::string bin_for(int year, int month, int serial);

struct Settlement {
    const char* kato;
    const char* version;
    const char* name_ru;
    const char* name_kk;
};
const Settlement& draw_settlement(Rng& rng);
const char* draw_street(Rng& rng);

}  // namespace sanaq::census_sim::detail

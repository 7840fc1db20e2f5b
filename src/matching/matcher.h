#pragma once
// Fellegi–Sunter scoring of two person records (README.md, "Scoring"). Each field comparison
// lands on an agreement level; each level has an m-probability (the chance of that level when the
// two records are the same person) and a u-probability (when they are not). The score is the sum
// of log2(m/u) over the fields; thresholds turn it into auto-match, review or non-match. Every
// score can be explained as (field, level, weight) rows for the review screen.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/census.h"
#include "matching/normalize.h"

namespace sanaq::matching {

/// One person as the matcher sees them: a list row or an enumerated record.
struct MatchRecord {
    std::string id;               // stable: the person's UUID, or "<list version>:<row>"
    std::string iin;              // may be empty or invalid
    std::string surname, name, patronymic;
    std::optional<Sex> sex;
    std::string birth_date;       // YYYY-MM-DD; empty when unknown
    std::string institution_bin;  // empty for address households
    std::string kato;             // 9 digits; empty when unknown
};

enum class Field : std::uint8_t { Iin, Surname, GivenName, Patronymic, BirthDate, Sex, Institution, Territory };
inline constexpr std::size_t kFieldCount = 8;

/// Agreement levels; each field uses some of them (README.md lists which).
enum class Level : std::uint8_t {
    Missing,          // either side has no value: weight 0
    Exact,            // equal (names: equal after normalisation)
    Typo,             // IIN or birth date one digit off or two neighbouring digits transposed
    Similar,          // names: Jaro–Winkler at or above the similarity threshold
    Swapped,          // names: surname and given name swapped; birth date: day and month swapped
    YearOnly,         // birth date: only the year agrees
    SameDistrict,     // territory: same district (first four KATO digits), other settlement
    Disagree,
};
inline constexpr std::size_t kLevelCount = 8;

/// English msgids (N_()) for the review screen; translate where shown.
const char* field_label(Field field);
const char* level_label(Field field, Level level);
/// Stable machine names for --json and logs ("iin", "birth_date"; "exact", "typo", ...).
const char* field_code(Field field);
const char* level_code(Level level);

struct LevelProbability {
    double m = 0;   // P(level | same person)
    double u = 0;   // P(level | different people)
};

/// m/u probabilities per field and level, and the thresholds. The defaults are documented in
/// README.md ("Field levels"); a level with m or u of 0 never occurs for that field.
struct MatchParameters {
    std::array<std::array<LevelProbability, kLevelCount>, kFieldCount> probability{};
    double name_similar_at = 0.90;    // Jaro–Winkler threshold for Level::Similar
    double auto_match_at = 30.0;      // score >= this: auto-match
    double review_at = 12.0;          // score >= this (and below auto): review
    double duplicate_at = 30.0;       // two enumerated records scoring >= this: one person counted twice
    /// Two enumerated records scoring >= this (and below duplicate_at): ask a supervisor. Higher
    /// than review_at: a listed person must be found somewhere, while two tablet records are two
    /// people unless much says otherwise (namesakes with one IIN missing scored 12–16 by the hundred).
    double duplicate_review_at = 18.0;

    static MatchParameters defaults();
    void set(Field field, Level level, double m, double u);
    /// log2(m/u); 0 for Missing or an unused level.
    double weight(Field field, Level level) const { return weights_[index(field)][index(level)]; }
    /// Recomputes the weights after changing `probability` directly.
    void refresh();

private:
    static std::size_t index(Field f) { return static_cast<std::size_t>(f); }
    static std::size_t index(Level l) { return static_cast<std::size_t>(l); }
    std::array<std::array<double, kLevelCount>, kFieldCount> weights_{};
};

/// A record normalised once, so a million comparisons do not fold a million names each.
struct PreparedRecord {
    std::string iin;              // 12 digits, or empty when not 12 digits
    NormalizedName name;
    std::optional<Sex> sex;       // the record's, else what the name endings suggest
    std::int16_t year = 0;        // 0 when the birth date is unknown or malformed
    std::int8_t month = 0, day = 0;
    std::uint64_t institution = 0;   // hash of the BIN; 0 when none
    std::uint32_t kato = 0;          // the 9 digits as a number; 0 when unknown
};
PreparedRecord prepare(const MatchRecord& record);

/// The levels of one comparison and its total weight.
struct Comparison {
    std::array<Level, kFieldCount> levels{};
    float score = 0;
    Level level(Field f) const { return levels[static_cast<std::size_t>(f)]; }
    /// IIN equal but the names or the birth date plainly not (README.md, "Conflict").
    bool conflict() const;
};

Comparison compare(const PreparedRecord& a, const PreparedRecord& b, const MatchParameters& params);
inline Comparison compare(const MatchRecord& a, const MatchRecord& b, const MatchParameters& params) {
    return compare(prepare(a), prepare(b), params);
}

enum class MatchClass { AutoMatch, Review, NonMatch };
MatchClass classify(const Comparison& c, const MatchParameters& params);
const char* match_class_label(MatchClass c);   // msgid

/// One row of a score's explanation.
struct FieldWeight {
    Field field;
    Level level;
    double weight;          // log2(m/u) of that level
    const char* field_msgid;
    const char* level_msgid;
};
/// The rows that make up `c.score`, fields with a Missing level included (weight 0).
std::vector<FieldWeight> explain(const Comparison& c, const MatchParameters& params);
/// "iin: exact +19.9; surname: similar +1.6; ..." in English, for logs and tests.
std::string explanation_text(const Comparison& c, const MatchParameters& params);

}  // namespace sanaq::matching

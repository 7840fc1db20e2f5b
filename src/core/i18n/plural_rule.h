#pragma once
// A catalog's plural rule, read from its `Plural-Forms:` header (`nplurals=N; plural=EXPR;`) the
// way gettext reads it, so a language's rule lives in its .po file and not in code. The .mo is an
// install file, but it is read as untrusted input: the expression is parsed once, within a budget
// of length and nesting, into a small tree that is evaluated for each count.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sanaq::i18n {

class PluralRule {
public:
    /// Longest `plural=` expression accepted; real ones (Arabic's is the longest) are under 150.
    static constexpr std::size_t kMaxExpressionLength = 512;
    /// Deepest nesting of parentheses, `?:` and `!` accepted.
    static constexpr int kMaxNesting = 32;
    /// Most forms a catalog may declare (gettext knows no language with more than 6).
    static constexpr unsigned kMaxForms = 16;

    /// English (and the identity catalog): nplurals=2; plural=n != 1.
    PluralRule();

    /// The rule in a catalog header (the msgstr of msgid ""). A header without a Plural-Forms
    /// line gives the English rule, as in gettext; a malformed one gives nothing.
    static std::optional<PluralRule> from_header(std::string_view header);
    /// Parses `nplurals=N; plural=EXPR;` (the value of the Plural-Forms field).
    static std::optional<PluralRule> parse(std::string_view plural_forms);

    unsigned forms() const { return nplurals_; }
    /// The form index for count n as the expression computes it; it may be >= forms() in a faulty
    /// catalog, and is nothing when the expression divides by zero. Callers fall back then.
    std::optional<unsigned long> index(unsigned long n) const;

    struct Node {
        enum class Kind : std::uint8_t { N, Number, Not, Binary, Conditional } kind = Kind::Number;
        const char* op = "";          // the operator of a Binary node: "*", "<=", "&&" (a literal)
        unsigned long value = 0;      // a Number's value
        std::int32_t a = -1, b = -1, c = -1;  // operands (indices into nodes_)
    };

private:
    std::optional<unsigned long> eval(std::int32_t node, unsigned long n) const;

    unsigned nplurals_ = 2;
    std::vector<Node> nodes_;
    std::int32_t root_ = -1;
};

}  // namespace sanaq::i18n

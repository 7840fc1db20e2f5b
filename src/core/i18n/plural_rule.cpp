#include "core/i18n/plural_rule.h"

namespace sanaq::i18n {
namespace {

using Node = PluralRule::Node;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Recursive descent over gettext's C subset, lowest precedence first:
//   conditional := or ['?' conditional ':' conditional]
//   or := and {'||' and}      and := equality {'&&' equality}
//   equality := relation {('=='|'!=') relation}    relation := sum {('<'|'<='|'>'|'>=') sum}
//   sum := product {('+'|'-') product}             product := unary {('*'|'/'|'%') unary}
//   unary := '!' unary | primary                   primary := 'n' | number | '(' conditional ')'
// Any error leaves ok_ false; the caller refuses the whole header.
class Parser {
public:
    Parser(std::string_view text, std::vector<Node>& nodes) : text_(text), nodes_(nodes) {}

    std::int32_t parse() {
        const auto root = conditional();
        skip_space();
        if (pos_ != text_.size()) ok_ = false;
        return ok_ ? root : -1;
    }

private:
    void skip_space() {
        while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    }
    // Consumes `op` when it comes next and is not the start of a longer operator.
    bool take(std::string_view op) {
        skip_space();
        if (text_.substr(pos_, op.size()) != op) return false;
        const char after = pos_ + op.size() < text_.size() ? text_[pos_ + op.size()] : '\0';
        if (op.size() == 1 && (op == "<" || op == ">" || op == "!") && after == '=') return false;
        pos_ += op.size();
        return true;
    }
    std::int32_t add(Node node) {
        if (!ok_) return -1;
        nodes_.push_back(node);
        return static_cast<std::int32_t>(nodes_.size() - 1);
    }
    std::int32_t binary(const char* op, std::int32_t a, std::int32_t b) {
        if (a < 0 || b < 0) ok_ = false;
        Node node;
        node.kind = Node::Kind::Binary;
        node.op = op;
        node.a = a;
        node.b = b;
        return add(node);
    }
    // Nesting is counted where the grammar recurses: '(', '?:' and '!'.
    bool enter() {
        if (++depth_ > PluralRule::kMaxNesting) ok_ = false;
        return ok_;
    }
    void leave() { --depth_; }

    std::int32_t conditional() {
        if (!enter()) return -1;
        auto cond = logical_or();
        if (ok_ && take("?")) {
            const auto yes = conditional();
            if (!take(":")) ok_ = false;
            const auto no = ok_ ? conditional() : -1;
            if (cond < 0 || yes < 0 || no < 0) ok_ = false;
            Node node;
            node.kind = Node::Kind::Conditional;
            node.a = cond;
            node.b = yes;
            node.c = no;
            cond = add(node);
        }
        leave();
        return ok_ ? cond : -1;
    }
    std::int32_t logical_or() {
        auto left = logical_and();
        while (ok_ && take("||")) left = binary("||", left, logical_and());
        return left;
    }
    std::int32_t logical_and() {
        auto left = equality();
        while (ok_ && take("&&")) left = binary("&&", left, equality());
        return left;
    }
    std::int32_t equality() {
        auto left = relation();
        while (ok_) {
            if (take("==")) left = binary("==", left, relation());
            else if (take("!=")) left = binary("!=", left, relation());
            else break;
        }
        return left;
    }
    std::int32_t relation() {
        auto left = sum();
        while (ok_) {
            if (take("<=")) left = binary("<=", left, sum());
            else if (take(">=")) left = binary(">=", left, sum());
            else if (take("<")) left = binary("<", left, sum());
            else if (take(">")) left = binary(">", left, sum());
            else break;
        }
        return left;
    }
    std::int32_t sum() {
        auto left = product();
        while (ok_) {
            if (take("+")) left = binary("+", left, product());
            else if (take("-")) left = binary("-", left, product());
            else break;
        }
        return left;
    }
    std::int32_t product() {
        auto left = unary();
        while (ok_) {
            if (take("*")) left = binary("*", left, unary());
            else if (take("/")) left = binary("/", left, unary());
            else if (take("%")) left = binary("%", left, unary());
            else break;
        }
        return left;
    }
    std::int32_t unary() {
        if (take("!")) {
            if (!enter()) return -1;
            Node node;
            node.kind = Node::Kind::Not;
            node.a = unary();
            if (node.a < 0) ok_ = false;
            leave();
            return add(node);
        }
        return primary();
    }
    std::int32_t primary() {
        skip_space();
        if (pos_ >= text_.size()) {
            ok_ = false;
            return -1;
        }
        const char c = text_[pos_];
        if (c == 'n') {
            ++pos_;
            Node node;
            node.kind = Node::Kind::N;
            return add(node);
        }
        if (is_digit(c)) {
            unsigned long value = 0;
            while (pos_ < text_.size() && is_digit(text_[pos_])) {
                value = value * 10 + static_cast<unsigned long>(text_[pos_] - '0');
                if (value > 0xFFFFFFFFul) ok_ = false;  // no rule needs a number this large
                ++pos_;
            }
            Node node;
            node.kind = Node::Kind::Number;
            node.value = value;
            return add(node);
        }
        if (c == '(') {
            ++pos_;
            const auto inner = conditional();
            if (!take(")")) ok_ = false;
            return ok_ ? inner : -1;
        }
        ok_ = false;
        return -1;
    }

    std::string_view text_;
    std::vector<Node>& nodes_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    bool ok_ = true;
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// Consumes `word`, optional spaces, then '=' from the front of `text`.
bool take_key(std::string_view& text, std::string_view word) {
    text = trim(text);
    if (text.substr(0, word.size()) != word) return false;
    text = trim(text.substr(word.size()));
    if (text.empty() || text.front() != '=') return false;
    text.remove_prefix(1);
    return true;
}

}  // namespace

PluralRule::PluralRule() {
    // n != 1
    nodes_ = {Node{Node::Kind::N, "", 0, -1, -1, -1}, Node{Node::Kind::Number, "", 1, -1, -1, -1},
              Node{Node::Kind::Binary, "!=", 0, 0, 1, -1}};
    root_ = 2;
}

std::optional<PluralRule> PluralRule::from_header(std::string_view header) {
    std::size_t line_start = 0;
    while (line_start < header.size()) {
        auto line_end = header.find('\n', line_start);
        if (line_end == std::string_view::npos) line_end = header.size();
        const auto line = header.substr(line_start, line_end - line_start);
        constexpr std::string_view key = "Plural-Forms:";
        if (line.substr(0, key.size()) == key) return parse(line.substr(key.size()));
        line_start = line_end + 1;
    }
    return PluralRule{};
}

std::optional<PluralRule> PluralRule::parse(std::string_view plural_forms) {
    // Exactly `nplurals=N; plural=EXPR;` as msgfmt writes it; anything after the last ';' is
    // refused rather than ignored.
    std::string_view rest = plural_forms;
    if (!take_key(rest, "nplurals")) return std::nullopt;
    const auto count_end = rest.find(';');
    if (count_end == std::string_view::npos) return std::nullopt;
    const auto count = trim(rest.substr(0, count_end));
    rest.remove_prefix(count_end + 1);
    if (!take_key(rest, "plural")) return std::nullopt;
    const auto expression_end = rest.find(';');
    if (expression_end == std::string_view::npos || !trim(rest.substr(expression_end + 1)).empty())
        return std::nullopt;
    const auto expression = trim(rest.substr(0, expression_end));
    if (count.empty() || count.size() > 2 || expression.size() > kMaxExpressionLength)
        return std::nullopt;
    unsigned nplurals = 0;
    for (const char c : count) {
        if (!is_digit(c)) return std::nullopt;
        nplurals = nplurals * 10 + static_cast<unsigned>(c - '0');
    }
    if (nplurals == 0 || nplurals > kMaxForms) return std::nullopt;
    PluralRule rule;
    rule.nplurals_ = nplurals;
    rule.nodes_.clear();
    rule.root_ = Parser(expression, rule.nodes_).parse();
    if (rule.root_ < 0) return std::nullopt;
    return rule;
}

std::optional<unsigned long> PluralRule::index(unsigned long n) const { return eval(root_, n); }

// Unsigned long arithmetic, as gettext evaluates (n is an unsigned long there too).
std::optional<unsigned long> PluralRule::eval(std::int32_t at, unsigned long n) const {
    const Node& node = nodes_[static_cast<std::size_t>(at)];
    switch (node.kind) {
        case Node::Kind::N: return n;
        case Node::Kind::Number: return node.value;
        case Node::Kind::Not: {
            const auto v = eval(node.a, n);
            if (!v) return std::nullopt;
            return *v == 0 ? 1ul : 0ul;
        }
        case Node::Kind::Conditional: {
            const auto cond = eval(node.a, n);
            if (!cond) return std::nullopt;
            return eval(*cond != 0 ? node.b : node.c, n);
        }
        case Node::Kind::Binary: break;
    }
    const std::string_view op = node.op;
    const auto left = eval(node.a, n);
    if (!left) return std::nullopt;
    // && and || short-circuit as in C: the right side is not evaluated (nor divided by zero).
    if (op == "&&" && *left == 0) return 0ul;
    if (op == "||" && *left != 0) return 1ul;
    const auto right = eval(node.b, n);
    if (!right) return std::nullopt;
    const unsigned long l = *left, r = *right;
    if (op == "&&" || op == "||") return r != 0 ? 1ul : 0ul;
    if (op == "*") return l * r;
    if (op == "/") return r == 0 ? std::nullopt : std::optional<unsigned long>(l / r);
    if (op == "%") return r == 0 ? std::nullopt : std::optional<unsigned long>(l % r);
    if (op == "+") return l + r;
    if (op == "-") return l - r;
    if (op == "<") return l < r ? 1ul : 0ul;
    if (op == "<=") return l <= r ? 1ul : 0ul;
    if (op == ">") return l > r ? 1ul : 0ul;
    if (op == ">=") return l >= r ? 1ul : 0ul;
    if (op == "==") return l == r ? 1ul : 0ul;
    if (op == "!=") return l != r ? 1ul : 0ul;
    return std::nullopt;
}

}  // namespace sanaq::i18n

#include "command_line/args.h"

#include <charconv>
#include <exception>

namespace sanaq::cli {

Result<Args> Args::parse(const std::vector<std::string>& words, const std::set<std::string>& flags) {
    Args args;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w == "--") {
            for (++i; i < words.size(); ++i) args.positional_.push_back(words[i]);
            break;
        }
        if (w.rfind("--", 0) != 0 || w.size() == 2) {
            args.positional_.push_back(w);
            continue;
        }
        std::string name = w.substr(2), value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        } else if (flags.contains(name)) {
            value = "1";
        } else {
            if (i + 1 >= words.size())
                return fail(ErrorCode::Usage, N_("The option --{} needs a value."), {name});
            value = words[++i];
        }
        args.options_.emplace_back(std::move(name), std::move(value));
    }
    return args;
}

std::optional<std::string> Args::get(const std::string& name) const {
    std::optional<std::string> last;
    for (const auto& [n, v] : options_)
        if (n == name) last = v;
    return last;
}

std::string Args::get_or(const std::string& name, const std::string& fallback) const {
    return get(name).value_or(fallback);
}

std::vector<std::string> Args::all(const std::string& name) const {
    std::vector<std::string> values;
    for (const auto& [n, v] : options_)
        if (n == name) values.push_back(v);
    return values;
}

bool Args::flag(const std::string& name) const { return get(name).has_value(); }

Status Args::only(const std::set<std::string>& known) const {
    for (const auto& [n, v] : options_)
        if (!known.contains(n)) return fail(ErrorCode::Usage, N_("Unknown option --{} for this command."), {n});
    return {};
}

Result<std::string> Args::need(const std::string& name) const {
    auto v = get(name);
    if (!v || v->empty()) return fail(ErrorCode::Usage, N_("The option --{} is required."), {name});
    return *v;
}

Result<int> Args::integer(const std::string& name, int fallback) const {
    auto v = get(name);
    if (!v) return fallback;
    int value = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
    if (ec != std::errc() || p != v->data() + v->size())
        return fail(ErrorCode::Usage, N_("The option --{} needs a whole number, not {}."), {name, *v});
    return value;
}

Result<std::uint64_t> Args::unsigned_integer(const std::string& name, std::uint64_t fallback) const {
    auto v = get(name);
    if (!v) return fallback;
    try {
        std::size_t used = 0;
        const auto n = std::stoull(*v, &used);
        if (used == v->size()) return n;
    } catch (const std::exception&) {
    }
    return fail(ErrorCode::Usage, N_("--{} takes a whole number; got {}."), {name, *v});
}

}  // namespace sanaq::cli

#pragma once
// A small command-line reader: positional words and --options (with "--name value" or
// "--name=value"), repeatable options kept in order. Unknown options are a usage error so a typo
// never silently changes what a command does.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"

namespace sanaq::cli {

class Args {
public:
    /// `flags` take no value; every other --option takes one.
    static Result<Args> parse(const std::vector<std::string>& words, const std::set<std::string>& flags);

    const std::vector<std::string>& positional() const { return positional_; }
    std::string positional(std::size_t i) const { return i < positional_.size() ? positional_[i] : ""; }
    std::optional<std::string> get(const std::string& name) const;
    std::string get_or(const std::string& name, const std::string& fallback) const;
    std::vector<std::string> all(const std::string& name) const;
    bool flag(const std::string& name) const;
    /// Refuses options the command does not know.
    Status only(const std::set<std::string>& known) const;
    /// A required option, or a usage error naming it.
    Result<std::string> need(const std::string& name) const;
    Result<int> integer(const std::string& name, int fallback) const;
    /// The same for counts and seeds that may exceed an int (std::stoull's reading).
    Result<std::uint64_t> unsigned_integer(const std::string& name, std::uint64_t fallback) const;

private:
    std::vector<std::string> positional_;
    std::vector<std::pair<std::string, std::string>> options_;
};

}  // namespace sanaq::cli

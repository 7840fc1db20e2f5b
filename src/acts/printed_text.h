#pragma once
// Private to src/acts: the small text helpers every printed document shares (acts, the coverage
// report) — one printed part's language, its catalog, and how empty values and names print.
#include <string>
#include <vector>

#include "core/i18n/catalog.h"

namespace sanaq::acts::detail {

inline const char* const kDash = "\u2014";  // an empty value in a table or grid

inline std::string or_dash(const std::string& s) { return s.empty() ? kDash : s; }

/// The name of an organisation in the part's language, falling back to the other one.
inline const std::string& pick(const std::string& wanted, const std::string& other) {
    return wanted.empty() ? other : wanted;
}

/// One printed part: Kazakh or Russian, with its catalog (never the process-wide one).
struct Lang {
    const i18n::Catalog& c;
    bool kazakh;
    std::string tr(const char* msgid) const { return c.tr(msgid); }
    std::string fmt(const char* msgid, const std::vector<std::string>& args) const {
        return i18n::format_message(c.tr(msgid), args);
    }
    const std::string& name(const std::string& kk, const std::string& ru) const {
        return kazakh ? pick(kk, ru) : pick(ru, kk);
    }
};

}  // namespace sanaq::acts::detail

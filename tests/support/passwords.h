#pragma once
// The one password of the tests' workspaces (db/ and use-case fixtures alike), so a helper that
// opens a fixture's workspace needs no guess which suite made it.
#include <string>

namespace sanaq::test {

inline const std::string kPassword = "correct horse battery";

}  // namespace sanaq::test

#pragma once
// A workspace made for the attacker's tests, and keyslots.json edited as JSON the way someone with
// write access to the folder would edit it.
#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "support/temp_dir.h"

namespace sanaq::test {

inline const std::string kOfficer = "aigerim.admin";
inline const std::string kOfficerPassword = "correct horse battery";

/// A workspace (test KDF) in its own temporary folder, closed again.
struct ClosedWorkspace {
    TempDir tmp{"sanaq-sec-keys"};
    std::filesystem::path dir = tmp / "ws";
    ClosedWorkspace();
    std::filesystem::path slots_file() const { return dir / "keyslots.json"; }
    nlohmann::ordered_json slots() const;
    void edit_slots(const std::function<void(nlohmann::ordered_json&)>& edit) const;
};

}  // namespace sanaq::test

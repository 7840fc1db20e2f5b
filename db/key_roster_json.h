#pragma once
// Internal to db/: the JSON form of the roster and of grants inside keyslots.json (version 3).
// Binary fields are base64 as everywhere in that file. The parsers throw std::exception on any
// malformed member; callers turn that into WorkspaceDamaged naming the file.
#include <nlohmann/json.hpp>

#include "db/key_roster.h"

namespace sanaq::db::detail {

nlohmann::json roster_to_json(const Roster& roster, bool with_signature);
Roster roster_from_json(const nlohmann::json& j);
nlohmann::json grant_to_json(const Grant& grant);
Grant grant_from_json(const nlohmann::json& j);
nlohmann::json part_record_to_json(const PartRecord& record, bool with_signature);
PartRecord part_record_from_json(const nlohmann::json& j);

}  // namespace sanaq::db::detail

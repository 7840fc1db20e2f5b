#include "keyslots_document.h"

#include <boost/test/unit_test.hpp>

#include <fstream>

#include "db/kdf.h"
#include "db/workspace.h"

namespace sanaq::test {

ClosedWorkspace::ClosedWorkspace() {
    auto ws = db::Workspace::create(dir, kOfficer, kOfficerPassword, db::test_kdf());
    BOOST_REQUIRE_MESSAGE(ws.has_value(), "workspace not created");
}

nlohmann::ordered_json ClosedWorkspace::slots() const { return nlohmann::ordered_json::parse(read_file(slots_file())); }

void ClosedWorkspace::edit_slots(const std::function<void(nlohmann::ordered_json&)>& edit) const {
    auto j = slots();
    edit(j);
    std::ofstream(slots_file(), std::ios::trunc) << j.dump(2) << '\n';
}

}  // namespace sanaq::test

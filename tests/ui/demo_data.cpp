#include "ui/demo_data.h"

#include <boost/test/unit_test.hpp>

#include "core/usecases/kit_registry.h"
#include "core/usecases/registry.h"

namespace sanaq::test {

std::string kit_in_stock(Session& session) {
    KitQuery query;
    query.state = KitState::InStock;
    query.limit = 1;
    auto kits = list_kits(session, query);
    BOOST_REQUIRE(kits && !kits->empty());
    return kits->front().number;
}

std::string some_employee(Session& session) {
    auto institutions = list_institutions(session);
    BOOST_REQUIRE(institutions);
    for (const auto& i : *institutions)
        if (auto staff = list_staff(session, i.bin); staff && !staff->empty()) return staff->front().iin;
    BOOST_FAIL("no responsible employee in the demo data");
    return {};
}

}  // namespace sanaq::test

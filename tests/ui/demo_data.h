#pragma once
// What the GUI tests pick from the demo workspace (ui/app/demo_workspace.cpp), found through the core.
#include <string>

#include "core/usecases/session.h"

namespace sanaq::test {

/// The first kit in stock.
std::string kit_in_stock(Session& session);
/// The IIN of the first responsible employee of any institution.
std::string some_employee(Session& session);

}  // namespace sanaq::test

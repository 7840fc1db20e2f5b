#define BOOST_TEST_MODULE ui
#include <boost/test/unit_test.hpp>

#include "ui/ui_driver.h"

// One wx application for the whole run: GTK can be initialised once per process.
using sanaq::test::WxApplication;
BOOST_TEST_GLOBAL_FIXTURE(WxApplication);

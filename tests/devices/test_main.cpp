#define BOOST_TEST_MODULE sanaq_devices
#include <boost/test/unit_test.hpp>

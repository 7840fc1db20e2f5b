#define BOOST_TEST_MODULE sanaq_core
#include <boost/test/unit_test.hpp>

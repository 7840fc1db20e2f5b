#define BOOST_TEST_MODULE sanaq_package
#include <boost/test/unit_test.hpp>

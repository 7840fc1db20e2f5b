#define BOOST_TEST_MODULE tables
#include <boost/test/unit_test.hpp>

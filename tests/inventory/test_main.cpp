#define BOOST_TEST_MODULE inventory
#include <boost/test/unit_test.hpp>

#define BOOST_TEST_MODULE acts
#include <boost/test/unit_test.hpp>

#define BOOST_TEST_MODULE sanaq_cli
#include <boost/test/unit_test.hpp>

#define BOOST_TEST_MODULE sanaq_upstream
#include <boost/test/unit_test.hpp>

#define BOOST_TEST_MODULE sanaq_app
#include <boost/test/unit_test.hpp>

#define BOOST_TEST_MODULE sanaq_security_upstream
#include <boost/test/unit_test.hpp>

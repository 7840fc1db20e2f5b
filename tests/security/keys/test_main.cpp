#define BOOST_TEST_MODULE sanaq_security_keys
#include <boost/test/unit_test.hpp>

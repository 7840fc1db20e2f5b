#define BOOST_TEST_MODULE sanaq_security_inputs
#include <boost/test/unit_test.hpp>

#define BOOST_TEST_MODULE sanaq_security_packages
#include <boost/test/unit_test.hpp>

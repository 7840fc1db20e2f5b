#define BOOST_TEST_MODULE sanaq_crypto
#include <boost/test/unit_test.hpp>

#define BOOST_TEST_MODULE sanaq_usecases
#include <boost/test/unit_test.hpp>

#define BOOST_TEST_MODULE sanaq_db
#include <boost/test/unit_test.hpp>

#include <boost/test/unit_test.hpp>

#include "mtp/container.h"

using namespace sanaq::mtp;

BOOST_AUTO_TEST_SUITE(container_codec)

BOOST_AUTO_TEST_CASE(command_container_is_little_endian_with_its_length_first) {
    auto bytes = encode_container({ContainerType::Command, op::GetObject, 7, {0x01020304}});
    const std::string expected("\x10\x00\x00\x00\x01\x00\x09\x10\x07\x00\x00\x00\x04\x03\x02\x01", 16);
    BOOST_TEST(bytes == expected);
    auto back = decode_container(bytes);
    BOOST_REQUIRE(back);
    BOOST_TEST(back->code == op::GetObject);
    BOOST_TEST(back->transaction_id == 7u);
    BOOST_TEST(back->params.size() == 1u);
    BOOST_TEST(back->params[0] == 0x01020304u);
}

BOOST_AUTO_TEST_CASE(at_most_five_parameters) {
    auto bytes = encode_container({ContainerType::Response, rc::OK, 1, {1, 2, 3, 4, 5, 6}});
    BOOST_TEST(bytes.size() == 32u);
    std::string six = bytes;
    six[0] = 36;
    six.append(4, '\0');
    BOOST_TEST(!decode_container(six));
}

BOOST_AUTO_TEST_CASE(bad_headers_are_reported_not_trusted) {
    BOOST_TEST(!decode_header(std::string("\x0c\x00\x00", 3)));                                    // short
    BOOST_TEST(!decode_header(std::string("\x0c\x00\x00\x00\x05\x00\x01\x20\x00\x00\x00\x00", 12)));  // type 5
    BOOST_TEST(!decode_header(std::string("\x08\x00\x00\x00\x03\x00\x01\x20\x00\x00\x00\x00", 12)));  // length 8
    auto data = encode_data_header(op::GetObject, 3, 1000);
    auto h = decode_header(data);
    BOOST_REQUIRE(h);
    BOOST_TEST(h->length == 1012u);
    BOOST_TEST(!decode_container(data));  // a data header is not a parameter container
    BOOST_TEST(decode_header(encode_data_header(op::GetObject, 3, 5ull << 30))->length == 0xFFFFFFFFu);
}

BOOST_AUTO_TEST_CASE(object_info_round_trips_with_cyrillic_names) {
    ObjectInfo info;
    info.storage_id = 0x00010001;
    info.format = format::Association;
    info.association_type = kAssociationGenericFolder;
    info.parent = 42;
    info.compressed_size = 123456;
    info.filename = "Қабылдау-актісі 😀.sqpkg";
    info.date_modified = "20210901T000000";
    auto back = decode_object_info(encode_object_info(info));
    BOOST_REQUIRE(back);
    BOOST_TEST(back->filename == info.filename);
    BOOST_TEST(back->parent == 42u);
    BOOST_TEST(back->compressed_size == 123456u);
    BOOST_TEST(back->is_folder());
    BOOST_TEST(back->date_modified == info.date_modified);
}

BOOST_AUTO_TEST_CASE(strings_are_counted_utf16_with_a_terminator) {
    DatasetWriter w;
    w.string("MTP");
    BOOST_TEST(w.bytes() == std::string("\x04M\0T\0P\0\0\0", 9));
    DatasetWriter empty;
    empty.string("");
    BOOST_TEST(empty.bytes() == std::string("\0", 1));
    const std::string truncated("\x05M\0T", 4);  // claims 5 code units, has 1.5
    DatasetReader r(truncated);
    BOOST_TEST(!r.string());
}

BOOST_AUTO_TEST_CASE(device_info_and_arrays_round_trip) {
    DeviceInfo d;
    d.operations = {op::GetDeviceInfo, op::GetObject};
    d.manufacturer = "Sanaq";
    d.model = "Tablet";
    d.serial_number = "R52N80ABCDE";
    auto back = decode_device_info(encode_device_info(d));
    BOOST_REQUIRE(back);
    BOOST_TEST(back->serial_number == "R52N80ABCDE");
    BOOST_TEST(back->operations.size() == 2u);
    auto ids = decode_u32_array(encode_u32_array({1, 2, 0xFFFFFFFF}));
    BOOST_REQUIRE(ids);
    BOOST_TEST(ids->at(2) == 0xFFFFFFFFu);
    BOOST_TEST(!decode_u32_array(std::string("\xff\xff\xff\x7f\x01\x00\x00\x00", 8)));  // huge count, 1 item
}

BOOST_AUTO_TEST_SUITE_END()

// sanaq-upstream against a peer on the census network: bodies that inflate to a gigabyte (with a
// forged signature, and signed by a real workstation), a declared length over the ceiling, and
// many large bodies at once. Each gets the spec's answer, and the receiver's peak memory (VmHWM
// of its process, started fresh for each case) stays small.
#include <boost/test/unit_test.hpp>

#include <zlib.h>

#include <cstring>
#include <random>
#include <stdexcept>
#include <thread>
#include <variant>
#include <vector>

#include "crypto/crypto.h"
#include "peak_memory.h"
#include "support/temp_dir.h"
#include "upstream/protocol/identity.h"
#include "upstream/protocol/receipt.h"
#include "support/raw_put.h"
#include "support/receiver_fixture.h"

using namespace sanaq;
using namespace sanaq::test;
namespace fs = std::filesystem;

namespace {

// The receiver idles at ~20 MiB. Generous, yet far below what inflating first costs (the
// inflated ceiling alone is 512 MiB).
constexpr std::int64_t kBombCeiling = 128 * kMiB;

const std::string kBombUuid = "0badb0b0-0000-4000-8000-000000000001";

// gzip of `size` zero bytes, deflated a MiB at a time: the test never holds the inflated bytes.
std::string gzip_of_zeros(std::size_t size) {
    z_stream zs{};
    if (deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
    const std::string zeros(1 << 20, '\0');
    std::string out;
    char buffer[1 << 16];
    for (std::size_t fed = 0; fed <= size;) {
        const std::size_t n = std::min(zeros.size(), size - fed);
        fed += n;
        const bool last = fed == size;
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
        zs.avail_in = static_cast<uInt>(n);
        do {
            zs.next_out = reinterpret_cast<Bytef*>(buffer);
            zs.avail_out = sizeof buffer;
            deflate(&zs, last ? Z_FINISH : Z_NO_FLUSH);
            out.append(buffer, sizeof buffer - zs.avail_out);
        } while (zs.avail_out == 0);
        if (last) break;
    }
    deflateEnd(&zs);
    return out;
}

// A gzip stream of 1 GiB of zeros (~5 MiB on the wire). `signed_by_workstation`: the signature is
// the workstation's own over the claimed digest; else it was made for another batch.
WireBatch inflate_bomb(bool signed_by_workstation) {
    static const std::string compressed = gzip_of_zeros(std::size_t{1} << 30);
    WireBatch w{kBombUuid, compressed, sanaq::crypto::sha256_hex("whatever the bomb claims"), {}};
    const std::string signed_for = signed_by_workstation ? kBombUuid : "0badb0b0-0000-4000-8000-000000000002";
    w.signature = sanaq::crypto::to_base64(*client_identity().sign(upstream::batch_signing_text(signed_for, w.digest)));
    return w;
}

Reply answer_of(const std::variant<Reply, std::string>& result) {
    if (const auto* failure = std::get_if<std::string>(&result)) BOOST_FAIL("no answer from the receiver: " << *failure);
    return std::get<Reply>(result);
}

std::string code_of(const Reply& reply) { return upstream::parse_error_body(reply.body).code; }

void nothing_stored(const fs::path& store) {
    BOOST_TEST(receiver_stats(store).batches == 0);
    std::error_code ec;
    BOOST_TEST(fs::is_empty(store / "batches", ec));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(receiver_memory)

BOOST_AUTO_TEST_CASE(an_inflate_bomb_with_a_forged_signature_is_refused_before_it_is_inflated) {
    TempDir dir("sanaq-sec-receiver");
    ReceiverProcess receiver(dir / "store");
    const WireBatch bomb = inflate_bomb(false);
    BOOST_TEST_MESSAGE("bomb: " << bomb.compressed.size() << " bytes of gzip, 1 GiB inflated");
    Reply reply = answer_of(send(receiver, bomb));
    const std::int64_t peak = peak_resident_bytes(receiver.pid());
    BOOST_TEST_MESSAGE("receiver VmHWM after a forged 1 GiB bomb: " << peak / kMiB << " MiB");
    BOOST_TEST(reply.status == 422, reply.status << " " << reply.body);
    BOOST_TEST(code_of(reply) == "bad_signature");
    BOOST_TEST(peak < kBombCeiling, "peak " << peak / kMiB << " MiB");
    nothing_stored(dir / "store");
}

BOOST_AUTO_TEST_CASE(a_signed_inflate_bomb_stops_at_the_inflated_ceiling_with_little_memory) {
    TempDir dir("sanaq-sec-receiver");
    ReceiverProcess receiver(dir / "store");
    Reply reply = answer_of(send(receiver, inflate_bomb(true)));
    const std::int64_t peak = peak_resident_bytes(receiver.pid());
    BOOST_TEST_MESSAGE("receiver VmHWM after a signed 1 GiB bomb: " << peak / kMiB << " MiB");
    BOOST_TEST(reply.status == 413, reply.status << " " << reply.body);
    BOOST_TEST(code_of(reply) == "too_large");
    BOOST_TEST(peak < kBombCeiling, "peak " << peak / kMiB << " MiB");
    nothing_stored(dir / "store");
}

BOOST_AUTO_TEST_CASE(a_declared_body_over_the_ceiling_is_refused_unread) {
    TempDir dir("sanaq-sec-receiver");
    ReceiverProcess receiver(dir / "store");
    const WireBatch bomb = inflate_bomb(true);
    for (Poco::Int64 declared : {(Poco::Int64{64} << 20) + 1, Poco::Int64{1} << 40}) {
        Request lying;
        lying.declared_length = declared;   // only the headers go: the receiver must not wait for the rest
        Reply reply = answer_of(send(receiver, bomb, lying));
        BOOST_TEST(reply.status == 413, declared << ": " << reply.status << " " << reply.body);
        BOOST_TEST(code_of(reply) == "too_large");
    }
    BOOST_TEST(peak_resident_bytes(receiver.pid()) < kBombCeiling);
    nothing_stored(dir / "store");
}

BOOST_AUTO_TEST_CASE(many_large_bodies_at_once_are_held_within_the_body_budget) {
    TempDir dir("sanaq-sec-receiver");
    ReceiverProcess receiver(dir / "store");
    // Eight workstations' worth of 48 MiB bodies at once, each signed (a real certificate holder
    // can do this), none a gzip stream: 384 MiB in flight if the receiver took them all.
    WireBatch big{kBombUuid, std::string(48 << 20, '\0'), sanaq::crypto::sha256_hex("eight at once"), {}};
    std::mt19937_64 random(20261207);
    for (std::size_t i = 0; i + 8 <= big.compressed.size(); i += 8) {
        const auto word = random();
        std::memcpy(big.compressed.data() + i, &word, 8);
    }
    big.signature = sanaq::crypto::to_base64(*client_identity().sign(upstream::batch_signing_text(big.uuid, big.digest)));

    std::vector<std::variant<Reply, std::string>> results(8);
    std::vector<std::thread> senders;
    for (auto& result : results) senders.emplace_back([&] { result = send(receiver, big); });
    for (auto& t : senders) t.join();
    const std::int64_t peak = peak_resident_bytes(receiver.pid());
    BOOST_TEST_MESSAGE("receiver VmHWM after 8 x 48 MiB at once: " << peak / kMiB << " MiB");

    int refused = 0, busy = 0;
    for (const auto& result : results) {
        Reply reply = answer_of(result);
        if (reply.status == 400 && code_of(reply) == "bad_gzip") {
            ++refused;
        } else {
            BOOST_TEST(reply.status == 503, reply.status << " " << reply.body);
            BOOST_TEST(!reply.headers["Retry-After"].empty());   // the client waits, then sends again
            ++busy;
        }
    }
    BOOST_TEST_MESSAGE(refused << " bodies read and refused, " << busy << " answered busy");
    BOOST_TEST(refused >= 1);
    // The default budget holds 128 MiB of bodies: two of these at a time, never eight.
    BOOST_TEST(peak < 192 * kMiB, "peak " << peak / kMiB << " MiB");
    nothing_stored(dir / "store");
}

BOOST_AUTO_TEST_SUITE_END()

#pragma once
// The requests of a conformance run (src/upstream/README.md, "Refusal vectors"): the test vectors'
// batch accepted, repeated and contradicted, and one request for each refusal of the checks
// table, each with the status and error code the spec gives it. One generator for both uses:
// `sanaq-upstream --conformance` makes them for the workstation certificate it is given and fresh
// UUIDs; tests/upstream/test_vectors.cpp makes them for the vectors' fixed key, workstation and
// UUIDs and holds tests/vectors/upstream/refusals-v1.json to them, byte for byte.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sanaq::upstream::receiver {

/// One HTTP request exactly as sent.
struct CaseRequest {
    std::string method = "PUT";
    std::string path;
    std::vector<std::pair<std::string, std::string>> headers;   // in order; Content-Length included
    std::string body;               // the bytes of the body (for chunked: before the HTTP framing)
    bool body_sent = true;          // false: a Content-Length is announced and nothing is sent
};

struct ProtocolCase {
    std::string name;               // "accepted", "repeated", or the error code (with a variant)
    int check = 0;                  // the number in the checks table (0 for the accepted batch)
    std::string deviation;          // what is wrong with the request, in the spec's words
    int expected_status = 0;
    std::string expected_code;      // "" for 201 and 200
    std::string expected_allow;     // "PUT" where the answer must carry Allow: PUT
    bool after_accepted = false;    // needs the "accepted" case first (its UUID is held)
    std::string batch_body;         // the uncompressed batch, when the request carries one
    std::string signing_text;       // what Sanaq-Signature signs, when it signs something
    CaseRequest request;
};

/// Who the requests speak for: the signing key of the workstation certificate, its CN, and where
/// batch UUIDs come from (each case takes fresh ones, in order).
struct CaseSigner {
    std::function<std::optional<std::string>(std::string_view)> sign;   // raw signature bytes
    std::string workstation;
    std::function<std::string()> next_uuid;
};

/// Every case, in the order to send them. Throws std::runtime_error when the signer fails.
std::vector<ProtocolCase> protocol_cases(const CaseSigner& signer);

}  // namespace sanaq::upstream::receiver

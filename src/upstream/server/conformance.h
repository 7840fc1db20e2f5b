#pragma once
// `sanaq-upstream --conformance URL`: puts a receiver under test through the spec
// (src/upstream/README.md): the test vectors' records as a valid batch (201, then 200 with the same
// receipt, then 409 for other content under the same UUID) and one request for each refusal of the
// checks table, and reports every answer that differs from the spec's status and error code.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sanaq::upstream::receiver {

struct ConformanceCommand {
    std::string url;                          // https://host:port of the receiver under test
    std::filesystem::path client_certificate; // a workstation certificate its client CA issued (PEM)
    std::filesystem::path client_key;         // its key (PEM)
    std::filesystem::path ca;                 // the CA of the receiver's server certificate (PEM)
    std::optional<std::filesystem::path> receipt_public_key;   // to verify the receipts (PEM)
    bool json = false;
};

struct ConformanceCase {
    std::string name;            // the spec's error code, or accepted / repeated
    int expected_status = 0;
    std::string expected_code;   // "" for 201/200
    int status = 0;              // 0 when no answer came
    std::string code;            // the answer's error.code
    std::string note;            // what else differs, or the transport's failure
    bool ok() const { return note.empty() && status == expected_status && code == expected_code; }
};

/// Runs every case in order; the vector of outcomes (empty with `error` set when the setup failed:
/// unreadable certificate or key, bad URL).
std::vector<ConformanceCase> run_conformance(const ConformanceCommand& cmd, std::string& error);

/// Prints the outcomes (text or one JSON document) and returns the exit status: 0 when every
/// answer is the spec's, 1 when one differs, 4 when the setup failed.
int report_conformance(const ConformanceCommand& cmd, const std::vector<ConformanceCase>& cases,
                       const std::string& error);

}  // namespace sanaq::upstream::receiver

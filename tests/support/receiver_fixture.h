#pragma once
// Test helpers shared by the receiver and client suites: the test PKI (installer/make-test-pki.sh,
// made once per test process) and the reference receiver sanaq-upstream run as a child process on
// an ephemeral loopback port.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace sanaq::test {

/// The files of installer/make-test-pki.sh in a temporary folder, made on first use and removed
/// when the test process ends. Client certificates carry CN ws-59-01.
class TestPki {
public:
    static const TestPki& instance();

    const std::filesystem::path& dir() const { return dir_.path(); }
    std::filesystem::path file(const std::string& name) const { return dir_.path() / name; }

    std::filesystem::path ca_pem() const { return file("ca.pem"); }                  // the client CA; also signs server.pem
    std::filesystem::path server_pem() const { return file("server.pem"); }          // SAN localhost, 127.0.0.1
    std::filesystem::path server_key() const { return file("server.key"); }
    std::filesystem::path client_pem() const { return file("client.pem"); }
    std::filesystem::path client_key() const { return file("client.key"); }
    std::filesystem::path client_p12() const { return file("client.p12"); }
    std::filesystem::path client_expired_pem() const { return file("client-expired.pem"); }   // valid in 2020 only
    std::filesystem::path client_expired_key() const { return file("client-expired.key"); }
    std::filesystem::path client_expired_p12() const { return file("client-expired.p12"); }
    std::filesystem::path client_misnamed_p12() const { return file("client-misnamed.p12"); }   // CN=workstation-59
    std::filesystem::path other_ca_pem() const { return file("other-ca.pem"); }
    std::filesystem::path other_server_pem() const { return file("other-server.pem"); }   // from other-ca
    std::filesystem::path other_server_key() const { return file("other-server.key"); }
    std::filesystem::path other_client_pem() const { return file("other-client.pem"); }   // from other-ca
    std::filesystem::path other_client_key() const { return file("other-client.key"); }
    std::filesystem::path receipt_key() const { return file("receipt.key"); }   // Ed25519
    std::filesystem::path receipt_pub() const { return file("receipt.pub"); }
    /// The upstream test vectors' client key (RFC 8032 TEST 1) in a workstation certificate
    /// (CN ws-59-01, from the client CA): replays tests/vectors/upstream/ byte for byte.
    std::filesystem::path vector_client_pem() const { return file("vector-client.pem"); }
    std::filesystem::path vector_client_key() const { return file("vector-client.key"); }
    /// The PKCS#12 password ($SANAQ_TEST_P12_PASSWORD or "sanaq-test").
    std::string p12_password() const;

private:
    TestPki();
    TempDir dir_{"sanaq-test-pki"};
};

/// sanaq-upstream running on 127.0.0.1 and an ephemeral port, serving `store` with the test PKI's
/// server certificate and client CA (override with --cert/--key/--client-ca in `extra_args`, which
/// come after the defaults). The constructor returns once the receiver has announced its port, and
/// throws when it does not within 10 s. The destructor stops it (SIGTERM, then SIGKILL).
/// Its stderr (one line per request) goes to log_path().
class ReceiverProcess {
public:
    explicit ReceiverProcess(const std::filesystem::path& store, const std::vector<std::string>& extra_args = {});
    ~ReceiverProcess();
    ReceiverProcess(const ReceiverProcess&) = delete;
    ReceiverProcess& operator=(const ReceiverProcess&) = delete;

    std::uint16_t port() const { return port_; }
    /// The receiver's process id (-1 once it has exited and been waited for).
    pid_t pid() const { return pid_; }
    /// "https://localhost:<port>" — the host name the server certificate is for.
    std::string url() const;
    const std::filesystem::path& store() const { return store_; }
    const std::filesystem::path& log_path() const { return log_path_; }
    std::string log() const;
    bool running();

    /// SIGTERM and wait; the exit status (0 after a clean shutdown). Idempotent.
    int stop();
    /// SIGKILL and wait: a crash, nothing shut down cleanly.
    void kill();

private:
    int wait_for_exit();
    std::filesystem::path store_;
    std::filesystem::path log_path_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    int exit_status_ = -1;
};

struct ReceiverStats {
    std::int64_t batches = -1;
    std::int64_t households = -1;
    std::int64_t persons = -1;
    std::int64_t distinct_records = -1;
    std::int64_t records_received_more_than_once = -1;
};

/// `sanaq-upstream --store DIR stats --json`, parsed; throws when it fails.
ReceiverStats receiver_stats(const std::filesystem::path& store);

/// `sanaq-upstream --conformance <receiver> --json` with the test PKI's workstation certificate and
/// CA, then `extra`: its exit status and its one JSON document.
struct ConformanceRun {
    int exit_code = 0;
    nlohmann::json report;
};
ConformanceRun run_conformance(const ReceiverProcess& receiver, const std::vector<std::string>& extra = {});

/// A loopback port nobody listens on (bound, read, closed): for a server that is down.
int free_loopback_port();

/// The built sanaq-upstream binary.
std::filesystem::path receiver_binary();

}  // namespace sanaq::test

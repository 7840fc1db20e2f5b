#pragma once
// The `openssl` command line as a hostile or picky peer: `s_server` offering only the suites a
// test names, `s_client` asking the receiver for them, and an RSA server certificate issued by the
// test PKI's CA (so only the suites, never trust, decide the handshake).
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sanaq::test {

/// Runs `openssl args...` to its end; stdin empty, stdout and stderr into `output`. Its exit status.
int run_openssl(const std::vector<std::string>& args, std::string* output = nullptr);

/// An RSA-2048 server certificate for localhost/127.0.0.1 issued by the test PKI's CA, in `dir`
/// (rsa-server.pem, rsa-server.key).
void make_rsa_server_certificate(const std::filesystem::path& dir);

/// `openssl s_server` on 127.0.0.1:`port` answering HTTP (-www) with `args` added; stopped
/// (SIGTERM) when destroyed. The constructor returns once the port accepts connections.
class OpensslServer {
public:
    OpensslServer(int port, const std::vector<std::string>& args);
    ~OpensslServer();
    OpensslServer(const OpensslServer&) = delete;
    OpensslServer& operator=(const OpensslServer&) = delete;
    int port() const { return port_; }

private:
    pid_t pid_ = -1;
    int port_;
};

}  // namespace sanaq::test

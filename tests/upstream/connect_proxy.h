#pragma once
// A minimal HTTP CONNECT proxy on loopback for the client's proxy test: it answers one CONNECT per
// connection with 200, then relays bytes both ways until either side closes. It remembers the
// targets it was asked for, so a test can see the traffic really went through it.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sanaq::test {

class ConnectProxy {
public:
    ConnectProxy();    // listens on 127.0.0.1 and an ephemeral port
    ~ConnectProxy();   // stops and joins every relay
    ConnectProxy(const ConnectProxy&) = delete;
    ConnectProxy& operator=(const ConnectProxy&) = delete;

    std::uint16_t port() const { return port_; }
    std::vector<std::string> targets() const;   // "host:port" of each CONNECT, in order

private:
    void accept_loop();
    void relay(int client);
    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread acceptor_;
    mutable std::mutex mutex_;
    std::vector<std::string> targets_;
    std::vector<std::thread> relays_;
};

}  // namespace sanaq::test

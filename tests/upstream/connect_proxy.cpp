#include "upstream/connect_proxy.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace sanaq::test {
namespace {

int connect_to(const std::string& host, const std::string& port) {
    addrinfo hints{};
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0) return -1;
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (::connect(fd, found->ai_addr, found->ai_addrlen) != 0) {
        ::close(fd);
        fd = -1;
    }
    freeaddrinfo(found);
    return fd;
}

bool send_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

ConnectProxy::ConnectProxy() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listener_, 16) != 0)
        throw std::runtime_error("proxy: cannot listen");
    socklen_t len = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

ConnectProxy::~ConnectProxy() {
    stop_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    acceptor_.join();
    for (auto& t : relays_) t.join();
}

std::vector<std::string> ConnectProxy::targets() const {
    std::lock_guard lock(mutex_);
    return targets_;
}

void ConnectProxy::accept_loop() {
    while (!stop_) {
        pollfd p{listener_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        int client = ::accept(listener_, nullptr, nullptr);
        if (client < 0) continue;
        std::lock_guard lock(mutex_);
        relays_.emplace_back([this, client] { relay(client); });
    }
}

void ConnectProxy::relay(int client) {
    // The request head: "CONNECT host:port HTTP/1.1\r\n…\r\n\r\n".
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 8192 && ::recv(client, &c, 1, 0) == 1) head += c;
    int upstream = -1;
    if (head.rfind("CONNECT ", 0) == 0) {
        std::string target = head.substr(8, head.find(' ', 8) - 8);
        {
            std::lock_guard lock(mutex_);
            targets_.push_back(target);
        }
        auto colon = target.rfind(':');
        upstream = connect_to(target.substr(0, colon), target.substr(colon + 1));
    }
    const std::string answer = upstream >= 0 ? "HTTP/1.1 200 Connection established\r\n\r\n"
                                             : "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n";
    send_all(client, answer.data(), answer.size());
    if (upstream >= 0) {
        pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
        char buf[16384];
        while (!stop_) {
            if (::poll(fds, 2, 100) < 0) break;
            bool done = false;
            for (int i = 0; i < 2 && !done; ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                ssize_t n = ::recv(fds[i].fd, buf, sizeof buf, 0);
                done = n <= 0 || !send_all(fds[1 - i].fd, buf, static_cast<std::size_t>(n));
            }
            if (done) break;
        }
        ::close(upstream);
    }
    ::close(client);
}

}  // namespace sanaq::test

#pragma once
// A real HTTP/1.1 server on 127.0.0.1 for tests (POSIX sockets, one request per connection, bounded reads),
// with the answers given by the test: a handler maps
// each request to a status and a body. Requests are kept (method, target, headers, body) for the checks.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::test {

struct HttpRequest {
    std::string method, target, body;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

struct HttpAnswer {
    int status = 200;
    std::string body = "{}";
    std::string content_type = "application/json";
    std::map<std::string, std::string> headers;  // more header lines ("ETag")
    // Injected faults: the connection reset instead of an answer (after the handler ran: a request the
    // server did take, whose answer the client never sees), the body cut halfway, the answer after a delay.
    enum class Fault { None, Reset, Truncate } fault = Fault::None;
    int delay_ms = 0;
};

class LoopbackHttpServer {
  public:
    using Handler = std::function<HttpAnswer(const HttpRequest&)>;

    // `port` 0: a free one; another: that one (a server "coming back" where the kiosk was sending).
    explicit LoopbackHttpServer(Handler handler, int port = 0) : handler_(std::move(handler)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        const int yes = 1;
        ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::listen(listener_, 16) != 0)
            throw std::runtime_error("loopback server: cannot listen");
        socklen_t len = sizeof addr;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~LoopbackHttpServer() {
        stopping_ = true;
        ::shutdown(listener_, SHUT_RDWR);
        ::close(listener_);
        thread_.join();
    }
    LoopbackHttpServer(const LoopbackHttpServer&) = delete;
    LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

    int port() const { return port_; }
    std::string url(const std::string& path = "/") const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    std::vector<HttpRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

  private:
    void serve() {
        while (!stopping_) {
            pollfd p{listener_, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            int c = ::accept(listener_, nullptr, nullptr);
            if (c < 0) continue;
            timeval tv{2, 0};
            ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            handle(c);
            ::close(c);
        }
    }

    void handle(int c) {
        std::string data;
        char buf[4096];
        std::size_t header_end = std::string::npos, length = 0;
        while (data.size() < 262144) {  // bounded
            ssize_t n = ::recv(c, buf, sizeof buf, 0);
            if (n <= 0) return;
            data.append(buf, static_cast<std::size_t>(n));
            if (header_end == std::string::npos &&
                (header_end = data.find("\r\n\r\n")) != std::string::npos) {
                std::istringstream lines(data.substr(0, header_end));
                std::string line;
                std::getline(lines, line);
                while (std::getline(lines, line)) {
                    if (!line.empty() && line.back() == '\r') line.pop_back();
                    const auto colon = line.find(':');
                    if (colon == std::string::npos) continue;
                    std::string name = line.substr(0, colon), value = line.substr(colon + 1);
                    for (char& ch : name)
                        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                    value.erase(0, value.find_first_not_of(' '));
                    pending_.headers[name] = value;
                    if (name == "content-length") length = std::stoul(value);
                }
            }
            if (header_end != std::string::npos && data.size() >= header_end + 4 + length) break;
        }
        if (header_end == std::string::npos) return;
        HttpRequest req = std::move(pending_);
        pending_ = {};
        std::istringstream first(data.substr(0, data.find("\r\n")));
        first >> req.method >> req.target;
        req.body = data.substr(header_end + 4, length);
        {
            std::lock_guard lock(mutex_);
            requests_.push_back(req);  // kept before it is answered: a slow answer is a request all the same
        }
        const HttpAnswer answer = handler_(req);
        if (answer.delay_ms > 0) {  // slow, in small steps so that the server's end is not held up
            for (int waited = 0; waited < answer.delay_ms && !stopping_; waited += 10)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (answer.fault == HttpAnswer::Fault::Reset) {
            const linger hard{1, 0};  // close() sends a TCP RST
            ::setsockopt(c, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
            return;
        }
        std::string extra;
        for (const auto& [name, value] : answer.headers) extra += "\r\n" + name + ": " + value;
        std::string out = "HTTP/1.1 " + std::to_string(answer.status) +
                          (answer.status < 400 ? " OK" : " Error") +
                          "\r\nContent-Type: " + answer.content_type +
                          "\r\nContent-Length: " + std::to_string(answer.body.size()) + extra +
                          "\r\nConnection: close\r\n\r\n" + answer.body;
        if (answer.fault == HttpAnswer::Fault::Truncate) out.resize(out.size() - answer.body.size() / 2 - 1);
        ::send(c, out.data(), out.size(), MSG_NOSIGNAL);
    }

    Handler handler_;
    int listener_ = -1;
    int port_ = 0;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::vector<HttpRequest> requests_;
    HttpRequest pending_;
};

}  // namespace kiosk::test

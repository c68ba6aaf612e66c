// Helpers for http tests: a server on a free port run by its own Runtime, and a raw blocking
// socket client that sends exact bytes and reads what comes back.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "http/server.hpp"

namespace ward::http::test {

// Starts `router` on 127.0.0.1:<free port> with two I/O threads.
class TestServer {
  public:
    explicit TestServer(Router router, ServerConfig config = {}) : runtime_(2) {
        config.host = "127.0.0.1";
        config.port = 0;
        server_ = std::make_unique<Server>(runtime_, std::move(config), std::move(router));
        auto started = server_->start();
        EXPECT_TRUE(started.has_value()) << (started ? "" : started.error().to_string());
        runtime_.start();
    }
    ~TestServer() {
        server_->stop(std::chrono::milliseconds(200));
        server_->wait_stopped(std::chrono::seconds(5));
        runtime_.stop();
        runtime_.join();
    }
    Server& server() { return *server_; }
    Runtime& runtime() { return runtime_; }
    std::uint16_t port() const { return server_->port(); }
    std::string url(std::string_view path) const {
        return "http://127.0.0.1:" + std::to_string(port()) + std::string(path);
    }

  private:
    Runtime runtime_;
    std::unique_ptr<Server> server_;
};

// A blocking TCP connection for sending hand-made requests.
class RawClient {
  public:
    explicit RawClient(std::uint16_t port) : socket_(io_) {
        boost::asio::ip::tcp::endpoint ep(boost::asio::ip::make_address("127.0.0.1"), port);
        socket_.connect(ep);
        set_timeout(std::chrono::seconds(5));
    }
    void set_timeout(std::chrono::milliseconds t) {
        timeval tv{};
        tv.tv_sec = t.count() / 1000;
        tv.tv_usec = (t.count() % 1000) * 1000;
        ::setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    void send(std::string_view bytes) {
        boost::system::error_code ec;
        boost::asio::write(socket_, boost::asio::buffer(bytes), ec);
    }
    // Reads until the peer closes or the receive timeout passes.
    std::string read_all() {
        std::string out;
        char buf[4096];
        for (;;) {
            boost::system::error_code ec;
            std::size_t n = socket_.read_some(boost::asio::buffer(buf), ec);
            out.append(buf, n);
            if (ec) break;
        }
        return out;
    }
    // Reads one response whose body length is given by Content-Length (or none).
    std::string read_response() {
        while (true) {
            auto head_end = pending_.find("\r\n\r\n");
            if (head_end != std::string::npos) {
                std::size_t length = 0;
                auto lower = pending_.substr(0, head_end);
                for (auto& c : lower) c = static_cast<char>(std::tolower(c));
                auto cl = lower.find("content-length:");
                if (cl != std::string::npos) length = std::stoul(lower.substr(cl + 15));
                if (pending_.size() >= head_end + 4 + length) {
                    std::string response = pending_.substr(0, head_end + 4 + length);
                    pending_.erase(0, head_end + 4 + length);
                    return response;
                }
            }
            char buf[4096];
            boost::system::error_code ec;
            std::size_t n = socket_.read_some(boost::asio::buffer(buf), ec);
            pending_.append(buf, n);
            if (ec) {
                std::string rest = std::move(pending_);
                pending_.clear();
                return rest;
            }
        }
    }
    // Whether the server closed the connection (EOF) within the receive timeout.
    bool closed_by_peer() {
        char c;
        boost::system::error_code ec;
        std::size_t n = socket_.read_some(boost::asio::buffer(&c, 1), ec);
        return n == 0 &&
               (ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset);
    }

  private:
    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_;
    std::string pending_;
};

inline unsigned status_of(const std::string& response) {
    if (response.size() < 12 || response.rfind("HTTP/1.1 ", 0) != 0) return 0;
    return static_cast<unsigned>(std::stoul(response.substr(9, 3)));
}

}  // namespace ward::http::test

// http::Runtime and http::Server: the asynchronous HTTP/1.1 (+ WebSocket) server on Boost.Beast
// with C++20 coroutines. One Runtime (an io_context run by N threads) can carry several Servers
// (the IdP on one port, the engine on another) and other I/O (database pools).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "http/cors.hpp"
#include "http/router.hpp"

namespace ward::http {

// Usage: Runtime rt(threads); build servers on it; start() them; rt.start(); ... on shutdown call
// each server's stop(), then rt.release() and rt.join() (or rt.stop() to abandon all work).
class Runtime {
  public:
    // threads == 0 picks std::thread::hardware_concurrency() (at least 1).
    explicit Runtime(std::size_t threads = 0);
    ~Runtime();  // stops and joins
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    boost::asio::io_context& context() { return context_; }
    std::size_t threads() const { return threads_; }

    // Starts the threads; they run until stop(), or until release() and no work is left.
    void start();
    // Lets the threads exit once the context runs out of work (after servers have stopped).
    void release();
    // Stops the context at once; pending handlers are abandoned.
    void stop();
    // Waits for the threads. Must not be called from one of them.
    void join();

  private:
    std::size_t threads_;
    boost::asio::io_context context_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    std::vector<std::thread> pool_;
};

struct Limits {
    // Request line plus header fields; larger requests get 431.
    std::size_t max_header_bytes = 16 * 1024;
    // Request body (also the largest WebSocket message); larger ones get 413.
    std::size_t max_body_bytes = 16 * 1024 * 1024;
    // Time to receive one whole request, counted from when the server starts waiting for it. A
    // connection that sent part of a request by then gets 408; an idle keep-alive connection is
    // closed silently.
    std::chrono::milliseconds read_timeout{30'000};
    // Time to send one response to a slow reader before the connection is dropped.
    std::chrono::milliseconds write_timeout{30'000};
    // Open connections beyond this get a 503 and are closed.
    std::size_t max_connections = 10'000;
};

// One line of the access log, handed to ServerConfig::access_log after each response is sent.
// The string views are valid only during the call.
struct AccessLogEntry {
    std::string_view method;
    std::string_view path;  // the raw request target's path, without the query
    unsigned status = 0;
    std::size_t request_bytes = 0;          // body
    std::size_t response_bytes = 0;         // body
    std::chrono::microseconds duration{0};  // from the end of the request head to the response sent
    std::string_view remote_address;
    bool websocket = false;  // a WebSocket upgrade (logged when the upgrade completes)
};

struct ServerConfig {
    std::string name = "http";     // used in log lines
    std::string host = "0.0.0.0";  // an IP address, or "localhost"
    std::uint16_t port = 0;        // 0 picks a free port; see Server::port()
    Limits limits;
    CorsConfig cors;
    // Called on an I/O thread after every response; must be cheap and thread-safe.
    std::function<void(const AccessLogEntry&)> access_log;
};

class Server {
  public:
    // The router is fixed for the server's life. The runtime must outlive the server.
    Server(Runtime& runtime, ServerConfig config, Router router);
    ~Server();  // closes everything at once if stop() was not called
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts accepting (on the runtime's threads). Errors: kInvalidArgument
    // "bad-address" for a host that is not an IP address; kUnavailable "address-in-use" when the
    // port is taken; kIo "listen-failed" for other socket errors; kConflict "already-started".
    core::Status start();
    // The bound port (useful with port 0); 0 before start().
    std::uint16_t port() const;
    boost::asio::io_context& io_context();

    // Graceful shutdown, callable from any thread, idempotent: stops accepting, closes idle
    // keep-alive connections and WebSocket connections, lets requests being handled finish
    // (answered with Connection: close) for up to `grace`, then closes whatever is left.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
    // Blocks until stop() has finished and every connection is gone, or `timeout` passed;
    // returns whether it finished. Must not be called from a runtime thread.
    bool wait_stopped(std::chrono::milliseconds timeout = std::chrono::seconds(60));

    // Open connections right now (for tests and metrics).
    std::size_t connection_count() const;

    struct Impl;

  private:
    std::shared_ptr<Impl> impl_;
};

// Calls `on_signal` once with the signal number on the first SIGINT or SIGTERM (the caller then
// stops its servers and releases the runtime). Destroying the guard cancels the wait.
class ShutdownSignals {
  public:
    ShutdownSignals(boost::asio::io_context& context, std::function<void(int)> on_signal);
    ~ShutdownSignals();
    ShutdownSignals(const ShutdownSignals&) = delete;
    ShutdownSignals& operator=(const ShutdownSignals&) = delete;

  private:
    std::shared_ptr<boost::asio::signal_set> signals_;
};

}  // namespace ward::http

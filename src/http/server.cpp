#include "http/server.hpp"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <list>
#include <mutex>

#include "core/log.hpp"
#include "http/detail/connection.hpp"

namespace ward::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr auto kUse = asio::as_tuple(asio::use_awaitable);

// The Date field (RFC 9110 §6.6.1, IMF-fixdate), formatted at most once per second per thread.
std::string_view http_date() {
    thread_local std::time_t cached_second = 0;
    thread_local char text[32] = {};
    std::time_t now = std::time(nullptr);
    if (now != cached_second) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        cached_second = now;
    }
    return text;
}

std::string_view reason_phrase(unsigned status) {
    return bhttp::obsolete_reason(static_cast<bhttp::status>(status));
}

// A complete response for errors found before a Request exists (the connection then closes).
std::string canned_response(unsigned status, std::string_view code, std::string_view message) {
    std::string body = R"({"code":")";
    body += code;
    body += R"(","error":")";
    body += message;
    body += "\"}";
    std::string out = "HTTP/1.1 ";
    out += std::to_string(status);
    out += ' ';
    out += reason_phrase(status);
    out += "\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    out += body;
    return out;
}

Response error_response(unsigned status, std::string_view code, std::string_view message) {
    std::string body = R"({"code":)";
    body += core::quote_json(code);
    body += R"(,"error":)";
    body += core::quote_json(message);
    body += '}';
    return Response::json(status, std::move(body));
}

bool is_parse_error(const boost::system::error_code& ec) {
    return &ec.category() == &bhttp::make_error_code(bhttp::error::bad_target).category() &&
           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Runtime

Runtime::Runtime(std::size_t threads)
    : threads_(threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency())),
      context_(static_cast<int>(threads_)) {}

Runtime::~Runtime() {
    stop();
    join();
}

void Runtime::start() {
    if (!pool_.empty()) return;
    // Start-up work (opening databases with sql::run_sync) may already have run the context to
    // completion, which leaves it stopped; run() would then return at once.
    if (context_.stopped()) context_.restart();
    work_.emplace(context_.get_executor());
    pool_.reserve(threads_);
    for (std::size_t i = 0; i < threads_; ++i) {
        pool_.emplace_back([this] {
            // Handlers catch their own exceptions; this keeps a stray one from ending a thread.
            for (;;) {
                try {
                    context_.run();
                    return;
                } catch (const std::exception& e) {
                    core::log().error("http-error", {{"error", "uncaught exception in I/O thread"},
                                                     {"detail", e.what()}});
                }
            }
        });
    }
}

void Runtime::release() { work_.reset(); }

void Runtime::stop() {
    work_.reset();
    context_.stop();
}

void Runtime::join() {
    for (auto& t : pool_) {
        if (t.joinable()) t.join();
    }
    pool_.clear();
}

// ---------------------------------------------------------------------------------------------
// Server

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
    Impl(Runtime& rt, ServerConfig cfg, Router r)
        : context(rt.context()),
          config(std::move(cfg)),
          router(std::move(r)),
          acceptor(asio::make_strand(context)) {}

    asio::awaitable<void> accept_loop();
    asio::awaitable<void> session(tcp::socket socket, std::shared_ptr<detail::Connection> conn);
    asio::awaitable<void> watchdog(std::shared_ptr<detail::Connection> conn);
    asio::awaitable<void> reject(tcp::socket socket);
    asio::awaitable<void> drain(std::chrono::milliseconds grace);
    asio::awaitable<Response> dispatch(Request& request);
    void finished(const std::shared_ptr<detail::Connection>& conn);
    void close_all(bool only_idle);
    void log_access(std::string_view method, std::string_view target, unsigned status,
                    std::size_t request_bytes, std::size_t response_bytes,
                    SteadyClock::time_point started, std::string_view remote, bool websocket);

    asio::io_context& context;
    ServerConfig config;
    Router router;
    tcp::acceptor acceptor;
    std::atomic<std::uint16_t> port{0};
    std::atomic<bool> started{false};
    std::atomic<bool> stopping{false};

    mutable std::mutex mu;
    std::condition_variable cv;
    std::list<std::shared_ptr<detail::Connection>> connections;  // guarded by mu
    std::size_t connection_count = 0;                            // guarded by mu
    bool stop_done = false;                                      // guarded by mu
};

Server::Server(Runtime& runtime, ServerConfig config, Router router)
    : impl_(std::make_shared<Impl>(runtime, std::move(config), std::move(router))) {}

Server::~Server() {
    if (impl_->started.load() && !impl_->stopping.load()) stop(std::chrono::milliseconds(0));
}

asio::io_context& Server::io_context() { return impl_->context; }

std::uint16_t Server::port() const { return impl_->port.load(); }

std::size_t Server::connection_count() const {
    std::lock_guard lock(impl_->mu);
    return impl_->connection_count;
}

core::Status Server::start() {
    if (impl_->started.exchange(true)) {
        return core::Error::conflict("server already started", "already-started");
    }
    boost::system::error_code ec;
    std::string host = impl_->config.host == "localhost" ? "127.0.0.1" : impl_->config.host;
    auto address = asio::ip::make_address(host, ec);
    if (ec) {
        impl_->started = false;
        return core::Error::invalid_argument("not an IP address: " + impl_->config.host,
                                             "bad-address");
    }
    tcp::endpoint endpoint(address, impl_->config.port);
    auto& acceptor = impl_->acceptor;
    auto fail = [&](std::string_view what) -> core::Error {
        boost::system::error_code ignored;
        acceptor.close(ignored);
        impl_->started = false;
        std::string message = std::string(what) + " " + endpoint.address().to_string() + ":" +
                              std::to_string(endpoint.port()) + ": " + ec.message();
        if (ec == asio::error::address_in_use) {
            return core::Error::unavailable(std::move(message), "address-in-use");
        }
        return core::Error::io(std::move(message), "listen-failed");
    };
    acceptor.open(endpoint.protocol(), ec);
    if (ec) return fail("open");
    acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (ec) return fail("setsockopt");
    acceptor.bind(endpoint, ec);
    if (ec) return fail("bind");
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail("listen");
    impl_->port = acceptor.local_endpoint(ec).port();
    if (ec) return fail("local_endpoint");

    auto self = impl_;
    asio::co_spawn(acceptor.get_executor(), self->accept_loop(), [self](std::exception_ptr e) {
        if (e) {
            core::log().error("http-error",
                              {{"server", self->config.name}, {"error", "accept loop failed"}});
        }
    });
    return core::ok();
}

void Server::stop(std::chrono::milliseconds grace) {
    if (!impl_->started.load() || impl_->stopping.exchange(true)) return;
    auto self = impl_;
    asio::post(self->acceptor.get_executor(), [self] {
        boost::system::error_code ec;
        self->acceptor.close(ec);
    });
    self->close_all(/*only_idle=*/true);
    asio::co_spawn(self->acceptor.get_executor(), self->drain(grace), asio::detached);
}

bool Server::wait_stopped(std::chrono::milliseconds timeout) {
    std::unique_lock lock(impl_->mu);
    return impl_->cv.wait_for(lock, timeout,
                              [&] { return impl_->stop_done && impl_->connection_count == 0; });
}

void Server::Impl::close_all(bool only_idle) {
    std::vector<std::shared_ptr<detail::Connection>> snapshot;
    {
        std::lock_guard lock(mu);
        snapshot.assign(connections.begin(), connections.end());
    }
    for (auto& conn : snapshot) {
        asio::post(conn->executor, [conn, only_idle] {
            if (conn->done || conn->socket == nullptr) return;
            if (only_idle && conn->busy && !conn->websocket) return;
            boost::system::error_code ec;
            conn->socket->close(ec);
        });
    }
}

asio::awaitable<void> Server::Impl::drain(std::chrono::milliseconds grace) {
    // Polling keeps this independent of how each session ends; 10 ms is far below any grace
    // period anyone configures.
    asio::steady_timer timer(co_await asio::this_coro::executor);
    auto deadline = SteadyClock::now() + grace;
    for (;;) {
        {
            std::lock_guard lock(mu);
            if (connection_count == 0) break;
        }
        if (SteadyClock::now() >= deadline) {
            close_all(/*only_idle=*/false);
            break;
        }
        timer.expires_after(std::chrono::milliseconds(10));
        co_await timer.async_wait(kUse);
    }
    {
        std::lock_guard lock(mu);
        stop_done = true;
    }
    cv.notify_all();
}

void Server::Impl::finished(const std::shared_ptr<detail::Connection>& conn) {
    {
        std::lock_guard lock(mu);
        connections.remove(conn);
        --connection_count;
    }
    cv.notify_all();
}

asio::awaitable<void> Server::Impl::accept_loop() {
    auto self = shared_from_this();
    asio::steady_timer backoff(acceptor.get_executor());
    for (;;) {
        auto [ec, socket] =
            co_await acceptor.async_accept(asio::any_io_executor(asio::make_strand(context)), kUse);
        if (stopping.load() || !acceptor.is_open()) {
            boost::system::error_code ignored;
            socket.close(ignored);
            co_return;
        }
        if (ec) {
            // EMFILE and friends: back off briefly instead of spinning.
            core::log().warn(
                "http-error",
                {{"server", config.name}, {"error", "accept failed"}, {"detail", ec.message()}});
            backoff.expires_after(std::chrono::milliseconds(50));
            co_await backoff.async_wait(kUse);
            continue;
        }
        auto conn = std::make_shared<detail::Connection>(socket.get_executor());
        bool over_limit = false;
        {
            std::lock_guard lock(mu);
            if (connection_count >= config.limits.max_connections) {
                over_limit = true;
            } else {
                ++connection_count;
                connections.push_back(conn);
            }
        }
        if (over_limit) {
            auto ex = socket.get_executor();
            asio::co_spawn(ex, reject(std::move(socket)), asio::detached);
            continue;
        }
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto ex = socket.get_executor();
        asio::co_spawn(ex, session(std::move(socket), conn), [self, conn](std::exception_ptr e) {
            if (e) {
                core::log().error("http-error",
                                  {{"server", self->config.name}, {"error", "session failed"}});
            }
            self->finished(conn);
        });
    }
}

asio::awaitable<void> Server::Impl::reject(tcp::socket socket) {
    static const std::string kBusy = canned_response(503, "unavailable", "too many connections");
    asio::steady_timer timer(socket.get_executor());
    timer.expires_after(std::chrono::milliseconds(500));
    timer.async_wait([&socket](boost::system::error_code ec) {
        if (!ec) socket.close(ec);
    });
    auto [ec, n] = co_await asio::async_write(socket, asio::buffer(kBusy), kUse);
    if (!ec) {
        // Drain what the client already sent, so closing does not reset the connection before
        // it reads the 503; the timer bounds this.
        socket.shutdown(tcp::socket::shutdown_send, ec);
        char scratch[1024];
        for (;;) {
            auto [rec, got] = co_await socket.async_read_some(asio::buffer(scratch), kUse);
            if (rec) break;
        }
    }
    timer.cancel();
    socket.close(ec);
}

asio::awaitable<void> Server::Impl::watchdog(std::shared_ptr<detail::Connection> conn) {
    while (!conn->done) {
        conn->timer.expires_at(conn->deadline);
        co_await conn->timer.async_wait(kUse);
        if (conn->done) break;
        if (conn->deadline <= SteadyClock::now()) {
            conn->timed_out = true;
            conn->deadline = SteadyClock::time_point::max();
            boost::system::error_code ec;
            if (conn->socket) conn->socket->cancel(ec);
        }
    }
}

void Server::Impl::log_access(std::string_view method, std::string_view target, unsigned status,
                              std::size_t request_bytes, std::size_t response_bytes,
                              SteadyClock::time_point started, std::string_view remote,
                              bool websocket) {
    if (!config.access_log) return;
    AccessLogEntry entry;
    entry.method = method;
    entry.path = target.substr(0, target.find('?'));
    entry.status = status;
    entry.request_bytes = request_bytes;
    entry.response_bytes = response_bytes;
    entry.duration =
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started);
    entry.remote_address = remote;
    entry.websocket = websocket;
    try {
        config.access_log(entry);
    } catch (...) {
        // A failing log sink must not take the connection down.
    }
}

asio::awaitable<Response> Server::Impl::dispatch(Request& request) {
    if (config.cors.enabled && is_cors_preflight(request)) {
        co_return cors_preflight_response(config.cors, request);
    }
    RouteMatch match = router.match(request.method(), request.path());
    Response response;
    switch (match.kind) {
        case RouteMatch::Kind::kFound: {
            request.set_path_params(std::move(match.params));
            try {
                response = co_await (*match.handler)(request);
            } catch (const std::exception& e) {
                core::log().error("http-error", {{"server", config.name},
                                                 {"path", request.path()},
                                                 {"error", "handler threw"},
                                                 {"detail", e.what()}});
                response = error_response(500, "internal-error", "internal server error");
            } catch (...) {
                core::log().error("http-error", {{"server", config.name},
                                                 {"path", request.path()},
                                                 {"error", "handler threw"}});
                response = error_response(500, "internal-error", "internal server error");
            }
            break;
        }
        case RouteMatch::Kind::kNotFound:
            response = error_response(404, "not-found", "resource does not exist");
            break;
        case RouteMatch::Kind::kMethodNotAllowed:
            response = error_response(405, "method-not-allowed", "method not allowed");
            response.set_header("Allow", match.allow);
            break;
    }
    apply_cors(config.cors, request, response);
    co_return response;
}

asio::awaitable<void> Server::Impl::session(tcp::socket socket,
                                            std::shared_ptr<detail::Connection> conn) {
    auto self = shared_from_this();
    conn->socket = &socket;
    boost::system::error_code ec;
    std::string remote = socket.remote_endpoint(ec).address().to_string();
    asio::co_spawn(conn->executor, watchdog(conn), asio::detached);

    const Limits& limits = config.limits;
    beast::flat_buffer buffer;  // reused for every request on this connection
    std::optional<bhttp::request_parser<bhttp::string_body>> parser;
    bool upgraded = false;
    for (;;) {
        if (stopping.load()) break;
        parser.emplace();
        parser->header_limit(
            static_cast<std::uint32_t>(std::min<std::size_t>(limits.max_header_bytes, UINT32_MAX)));
        parser->body_limit(limits.max_body_bytes);
        conn->timed_out = false;
        conn->deadline = SteadyClock::now() + limits.read_timeout;
        if (conn->timer.expiry() > conn->deadline) conn->timer.cancel();

        // Head first, so that "Expect: 100-continue" can be answered before the body.
        auto [rec, rn] = co_await bhttp::async_read_header(socket, buffer, *parser, kUse);
        ec = rec;
        if (!ec && !parser->is_done()) {
            auto expect = parser->get().find(bhttp::field::expect);
            if (expect != parser->get().end() && iequals(expect->value(), "100-continue")) {
                static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
                auto [wec, wn] = co_await asio::async_write(socket, asio::buffer(kContinue), kUse);
                ec = wec;
            }
            if (!ec) {
                auto [bec, bn] = co_await bhttp::async_read(socket, buffer, *parser, kUse);
                ec = bec;
            }
        }
        if (ec) {
            unsigned status = 0;
            std::string_view code;
            std::string_view message;
            if (ec == bhttp::error::header_limit) {
                status = 431, code = "header-too-large", message = "request header too large";
            } else if (ec == bhttp::error::body_limit) {
                status = 413, code = "body-too-large", message = "request body too large";
            } else if (conn->timed_out) {
                if (parser->got_some() || buffer.size() > 0) {
                    status = 408, code = "request-timeout",
                    message = "request not received in time";
                }
            } else if (is_parse_error(ec)) {
                status = 400, code = "bad-request", message = "malformed HTTP request";
            }
            if (status != 0 && conn->socket != nullptr && socket.is_open()) {
                std::string out = canned_response(status, code, message);
                conn->timed_out = false;
                conn->deadline = SteadyClock::now() + limits.write_timeout;
                auto [wec, wn] = co_await asio::async_write(socket, asio::buffer(out), kUse);
                (void)wec;
                log_access(parser->get().method_string(), parser->get().target(), status, 0, 0,
                           SteadyClock::now(), remote, false);
            }
            break;
        }

        // The request is complete: no read deadline while the handler runs.
        auto started = SteadyClock::now();
        conn->busy = true;
        conn->deadline = SteadyClock::time_point::max();
        unsigned version = parser->get().version();
        auto built = Request::from_message(parser->release(), remote);
        if (!built) {
            std::string out = canned_response(400, "bad-request", built.error().message());
            auto [wec, wn] = co_await asio::async_write(socket, asio::buffer(out), kUse);
            (void)wec;
            break;
        }
        Request& request = *built;

        if (beast::websocket::is_upgrade(request.message())) {
            Params params;
            if (const WebSocketRoute* route = router.match_websocket(request.path(), params)) {
                request.set_path_params(std::move(params));
                log_access(request.method_string(), request.target(), 101, 0, 0, started, remote,
                           true);
                upgraded = true;
                co_await detail::run_websocket(std::move(socket), request, *route, *conn,
                                               limits.max_body_bytes);
                break;
            }
        }

        Response response = co_await dispatch(request);
        if (conn->socket == nullptr || !socket.is_open()) break;  // force-closed by stop()

        // Frame the response: RFC 9110 §6.4.1 forbids a body with 1xx, 204 and 304.
        auto& msg = response.message();
        msg.version(version);
        bool keep_alive = request.keep_alive() && !stopping.load();
        msg.keep_alive(keep_alive);
        if (msg.find(bhttp::field::date) == msg.end()) msg.set(bhttp::field::date, http_date());
        unsigned status = msg.result_int();
        std::size_t body_bytes = msg.body().size();
        if (status < 200 || status == 204 || status == 304) {
            msg.body().clear();
            msg.erase(bhttp::field::content_length);
            body_bytes = 0;
        } else {
            msg.content_length(body_bytes);
            if (request.method() == Method::kHead) msg.body().clear();
        }
        conn->timed_out = false;
        conn->deadline = SteadyClock::now() + limits.write_timeout;
        if (conn->timer.expiry() > conn->deadline) conn->timer.cancel();
        auto [wec, wn] = co_await bhttp::async_write(socket, msg, kUse);
        conn->busy = false;
        log_access(request.method_string(), request.target(), status, request.body().size(),
                   body_bytes, started, remote, false);
        if (wec || !keep_alive) break;
    }

    conn->done = true;
    conn->timer.cancel();
    conn->socket = nullptr;
    if (!upgraded && socket.is_open()) {
        socket.shutdown(tcp::socket::shutdown_send, ec);
        socket.close(ec);
    }
}

// ---------------------------------------------------------------------------------------------
// ShutdownSignals

ShutdownSignals::ShutdownSignals(asio::io_context& context, std::function<void(int)> on_signal)
    : signals_(std::make_shared<asio::signal_set>(context, SIGINT, SIGTERM)) {
    signals_->async_wait(
        [cb = std::move(on_signal)](const boost::system::error_code& ec, int signal) {
            if (!ec) cb(signal);
        });
}

ShutdownSignals::~ShutdownSignals() {
    boost::system::error_code ec;
    signals_->cancel(ec);
}

}  // namespace ward::http

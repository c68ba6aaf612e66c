#include "http/websocket.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include "core/log.hpp"
#include "http/detail/connection.hpp"

namespace ward::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ws = boost::beast::websocket;

namespace {
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);

core::Error closed_error(std::string message) {
    return core::Error::unavailable(std::move(message), "websocket-closed");
}
}  // namespace

struct WebSocket::Impl {
    explicit Impl(asio::ip::tcp::socket socket)
        : stream(std::move(socket)),
          write_signal(stream.get_executor(), asio::steady_timer::time_point::max()) {}

    ws::stream<asio::ip::tcp::socket> stream;
    std::string subprotocol;
    asio::steady_timer write_signal;
    bool writing = false;
    bool close_sent = false;
    std::optional<std::uint16_t> close_code;
};

WebSocket::WebSocket(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WebSocket::~WebSocket() = default;

const std::string& WebSocket::subprotocol() const { return impl_->subprotocol; }

asio::any_io_executor WebSocket::executor() const { return impl_->stream.get_executor(); }

std::optional<std::uint16_t> WebSocket::close_code() const { return impl_->close_code; }

asio::awaitable<core::Result<std::string>> WebSocket::read() {
    beast::flat_buffer buffer;
    auto [ec, n] = co_await impl_->stream.async_read(buffer, kUse);
    if (ec) {
        if (ec == ws::error::closed) {
            impl_->close_code = static_cast<std::uint16_t>(impl_->stream.reason().code);
            co_return closed_error("the peer closed the connection");
        }
        if (ec == ws::error::message_too_big) {
            co_return core::Error::limit_exceeded("websocket message too large",
                                                  "message-too-large");
        }
        co_return closed_error("websocket read failed: " + ec.message());
    }
    co_return beast::buffers_to_string(buffer.data());
}

asio::awaitable<core::Status> WebSocket::write(std::string text) {
    // One frame writer at a time (Beast allows one outstanding write); waiters sleep on a timer
    // that never expires and that the finishing writer cancels once per waiter. Its expiry is
    // never reset, since that would cancel every pending wait.
    while (impl_->writing) {
        co_await impl_->write_signal.async_wait(kUse);
    }
    if (impl_->close_sent) co_return closed_error("websocket already closed");
    impl_->writing = true;
    impl_->stream.text(true);
    auto [ec, n] = co_await impl_->stream.async_write(asio::buffer(text), kUse);
    impl_->writing = false;
    impl_->write_signal.cancel_one();
    if (ec) co_return closed_error("websocket write failed: " + ec.message());
    co_return core::ok();
}

asio::awaitable<void> WebSocket::close(std::uint16_t code, std::string reason) {
    while (impl_->writing) {
        co_await impl_->write_signal.async_wait(kUse);
    }
    if (impl_->close_sent || !impl_->stream.is_open()) co_return;
    impl_->close_sent = true;
    ws::close_reason why(static_cast<ws::close_code>(code), reason);
    auto [ec] = co_await impl_->stream.async_close(why, kUse);
    (void)ec;  // the peer may already be gone; nothing more to do
    impl_->write_signal.cancel();
}

namespace detail {

asio::awaitable<void> run_websocket(asio::ip::tcp::socket socket, Request& request,
                                    const WebSocketRoute& route, Connection& connection,
                                    std::size_t max_message_bytes) {
    auto impl = std::make_unique<WebSocket::Impl>(std::move(socket));
    connection.socket = &impl->stream.next_layer();
    connection.websocket = true;
    connection.deadline = std::chrono::steady_clock::time_point::max();

    // RFC 6455 §4.2.2: choose at most one of the protocols the client offered.
    std::string_view offered = request.header("Sec-WebSocket-Protocol").value_or("");
    for (const auto& candidate : route.subprotocols) {
        std::string_view rest = offered;
        while (!rest.empty() && impl->subprotocol.empty()) {
            std::size_t comma = rest.find(',');
            std::string_view item = rest.substr(0, comma);
            while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
            while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
            if (item == candidate) impl->subprotocol = candidate;
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
        if (!impl->subprotocol.empty()) break;
    }

    impl->stream.set_option(ws::stream_base::timeout::suggested(beast::role_type::server));
    impl->stream.read_message_max(max_message_bytes);
    std::string chosen = impl->subprotocol;
    impl->stream.set_option(ws::stream_base::decorator([chosen](ws::response_type& res) {
        if (!chosen.empty()) res.set(beast::http::field::sec_websocket_protocol, chosen);
    }));
    auto [ec] = co_await impl->stream.async_accept(request.message(), kUse);
    if (ec) {
        connection.socket = nullptr;
        co_return;
    }

    WebSocket socket_object(std::move(impl));
    try {
        co_await route.handler(request, socket_object);
    } catch (const std::exception& e) {
        core::log().error(
            "http-error",
            {{"path", request.path()}, {"error", "websocket handler threw"}, {"detail", e.what()}});
    } catch (...) {
        core::log().error("http-error",
                          {{"path", request.path()}, {"error", "websocket handler threw"}});
    }
    co_await socket_object.close(1000);
    connection.socket = nullptr;
}

}  // namespace detail

}  // namespace ward::http

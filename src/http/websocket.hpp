// http::WebSocket: one accepted WebSocket connection (RFC 6455) as a route's handler sees it:
// the negotiated subprocol and coroutine read/write of whole messages. Used by the engine's
// graphql-transport-ws / graphql-ws subscriptions.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace ward::http {

// Usage: the server calls the route's handler with an open WebSocket and closes the connection
// when the handler returns. Every coroutine that uses the object must run on executor() (co_spawn
// extra writers there); the object lives until the handler returns, so spawned coroutines must
// finish before that.
class WebSocket {
  public:
    struct Impl;
    explicit WebSocket(std::unique_ptr<Impl> impl);
    ~WebSocket();
    WebSocket(const WebSocket&) = delete;
    WebSocket& operator=(const WebSocket&) = delete;

    // The subprotocol chosen at the handshake (the first of the route's list that the client
    // offered), or "" when the client offered none of them; the handler decides what that means.
    const std::string& subprotocol() const;
    boost::asio::any_io_executor executor() const;

    // The next whole message (text or binary). Errors: kUnavailable "websocket-closed" when the
    // peer closed (close_code() then holds its code) or the connection dropped or was stopped;
    // kLimitExceeded "message-too-large" when a message exceeds the server's body limit.
    boost::asio::awaitable<core::Result<std::string>> read();
    // Sends one text message. Writers are serialized, so a read loop and a publisher may both
    // use the socket. Errors: kUnavailable "websocket-closed".
    boost::asio::awaitable<core::Status> write(std::string text);
    // Sends a close frame with `code` (e.g. 4400 for graphql-ws protocol errors). Idempotent.
    boost::asio::awaitable<void> close(std::uint16_t code = 1000, std::string reason = {});
    // The close code the peer sent, once a read has failed because of it.
    std::optional<std::uint16_t> close_code() const;

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ward::http

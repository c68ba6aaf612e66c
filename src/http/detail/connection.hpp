// Per-connection state shared by a session coroutine, its watchdog and Server::stop(). Every
// field is touched only on the connection's strand.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <string>

#include "http/router.hpp"

namespace ward::http::detail {

struct Connection {
    explicit Connection(boost::asio::any_io_executor ex) : executor(ex), timer(ex) {}

    boost::asio::any_io_executor executor;  // the strand
    // The socket while the session owns it (the WebSocket's lower layer after an upgrade).
    boost::asio::ip::tcp::socket* socket = nullptr;
    // The watchdog cancels socket operations once this passes (max = no deadline).
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    bool timed_out = false;
    bool busy = false;       // a request is being handled: graceful stop lets it finish
    bool websocket = false;  // upgraded: graceful stop closes it at once
    bool done = false;       // the session has ended
    boost::asio::steady_timer timer;
};

// Performs the WebSocket handshake for `request` on `socket` and runs the route's handler until
// it returns; then closes the connection. `connection.socket` follows the socket into the stream.
boost::asio::awaitable<void> run_websocket(boost::asio::ip::tcp::socket socket, Request& request,
                                           const WebSocketRoute& route, Connection& connection,
                                           std::size_t max_message_bytes);

}  // namespace ward::http::detail

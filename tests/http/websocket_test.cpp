#include "http/websocket.hpp"

#include <gtest/gtest.h>

#include <set>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include "test_support.hpp"

namespace ward::http {
namespace {

namespace beast = boost::beast;
namespace ws = boost::beast::websocket;

Router echo_router() {
    Router router;
    router.add_websocket("/v1/graphql", {"graphql-transport-ws", "graphql-ws"},
                         [](Request& req, WebSocket& socket) -> boost::asio::awaitable<void> {
                             if (!co_await socket.write("protocol:" + socket.subprotocol()))
                                 co_return;
                             for (;;) {
                                 auto message = co_await socket.read();
                                 if (!message) co_return;
                                 if (*message == "bye") {
                                     co_await socket.close(4400, "bye");
                                     co_return;
                                 }
                                 if (*message == "burst") {
                                     // Two writers at once: the spawned one and this one; both
                                     // frames arrive.
                                     boost::asio::co_spawn(
                                         socket.executor(),
                                         [&socket]() -> boost::asio::awaitable<void> {
                                             auto sent = co_await socket.write("from-spawned");
                                             EXPECT_TRUE(sent.has_value());
                                         },
                                         boost::asio::detached);
                                     if (!co_await socket.write("from-handler")) co_return;
                                     continue;
                                 }
                                 if (!co_await socket.write("echo:" + *message)) co_return;
                             }
                         });
    router.get("/v1/graphql", [](Request&) -> boost::asio::awaitable<Response> {
        co_return Response::text(200, "plain http");
    });
    return router;
}

struct WsClient {
    explicit WsClient(std::uint16_t port, std::string protocols) : stream(io) {
        boost::asio::ip::tcp::endpoint ep(boost::asio::ip::make_address("127.0.0.1"), port);
        stream.next_layer().connect(ep);
        stream.set_option(ws::stream_base::decorator([protocols](ws::request_type& req) {
            if (!protocols.empty()) req.set(beast::http::field::sec_websocket_protocol, protocols);
        }));
        stream.handshake(response, "127.0.0.1", "/v1/graphql");
    }
    std::string read() {
        beast::flat_buffer buffer;
        stream.read(buffer);
        return beast::buffers_to_string(buffer.data());
    }
    void write(std::string_view text) {
        stream.text(true);
        stream.write(boost::asio::buffer(text));
    }
    boost::asio::io_context io;
    ws::stream<boost::asio::ip::tcp::socket> stream;
    ws::response_type response;
};

TEST(WebSocketTest, EchoWithNegotiatedSubprotocol) {
    test::TestServer server(echo_router());
    WsClient client(server.port(), "graphql-transport-ws");
    EXPECT_EQ(client.response[beast::http::field::sec_websocket_protocol], "graphql-transport-ws");
    EXPECT_EQ(client.read(), "protocol:graphql-transport-ws");
    client.write("hello");
    EXPECT_EQ(client.read(), "echo:hello");
    client.write(R"({"type":"connection_init"})");
    EXPECT_EQ(client.read(), R"(echo:{"type":"connection_init"})");
    client.stream.close(ws::close_code::normal);
}

TEST(WebSocketTest, PicksTheServersPreferenceAmongOffered) {
    test::TestServer server(echo_router());
    WsClient client(server.port(), "graphql-ws, graphql-transport-ws");
    EXPECT_EQ(client.read(), "protocol:graphql-transport-ws");
    WsClient legacy(server.port(), "graphql-ws");
    EXPECT_EQ(legacy.read(), "protocol:graphql-ws");
    WsClient none(server.port(), "");
    EXPECT_EQ(none.read(), "protocol:");
    EXPECT_EQ(none.response.count(beast::http::field::sec_websocket_protocol), 0u);
}

TEST(WebSocketTest, ConcurrentWritersAreSerialized) {
    test::TestServer server(echo_router());
    WsClient client(server.port(), "graphql-transport-ws");
    client.read();
    client.write("burst");
    std::set<std::string> got{client.read(), client.read()};
    EXPECT_EQ(got, (std::set<std::string>{"from-handler", "from-spawned"}));
    client.write("still-works");
    EXPECT_EQ(client.read(), "echo:still-works");
}

TEST(WebSocketTest, ServerCloseCodeReachesTheClient) {
    test::TestServer server(echo_router());
    WsClient client(server.port(), "graphql-transport-ws");
    client.read();
    client.write("bye");
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    client.stream.read(buffer, ec);
    EXPECT_EQ(ec, ws::error::closed);
    EXPECT_EQ(client.stream.reason().code, 4400);
}

TEST(WebSocketTest, OversizedMessageEndsTheConnection) {
    ServerConfig config;
    config.limits.max_body_bytes = 1024;
    test::TestServer server(echo_router(), config);
    WsClient client(server.port(), "graphql-transport-ws");
    client.read();
    // The server may close (1009, message too big) while the frame is still being sent: the
    // write then fails with a broken pipe instead of the read after it.
    const std::string big(5000, 'x');
    boost::system::error_code ec;
    client.stream.text(true);
    client.stream.write(boost::asio::buffer(big), ec);
    if (!ec) {
        beast::flat_buffer buffer;
        client.stream.read(buffer, ec);
    }
    EXPECT_TRUE(ec);
}

TEST(WebSocketTest, PlainRequestToTheSamePathIsHttp) {
    test::TestServer server(echo_router());
    test::RawClient raw(server.port());
    raw.send("GET /v1/graphql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    std::string response = raw.read_all();
    EXPECT_EQ(test::status_of(response), 200u);
    EXPECT_NE(response.find("plain http"), std::string::npos);
}

TEST(WebSocketTest, StopClosesOpenWebSockets) {
    test::TestServer server(echo_router());
    WsClient client(server.port(), "graphql-transport-ws");
    client.read();
    server.server().stop(std::chrono::seconds(5));
    EXPECT_TRUE(server.server().wait_stopped(std::chrono::seconds(3)));
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    client.stream.read(buffer, ec);
    EXPECT_TRUE(ec);
}

}  // namespace
}  // namespace ward::http

#include "http/client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <thread>

#include "test_support.hpp"

namespace ward::http {
namespace {

using namespace std::chrono_literals;

Router client_router() {
    Router router;
    router.get("/jwks", [](Request&) -> boost::asio::awaitable<Response> {
        Response res = Response::json(200, R"({"keys":[]})");
        res.set_header("Cache-Control", "public, max-age=300");
        res.set_header("Expires", "Sun, 29 Nov 2026 04:00:00 GMT");
        co_return res;
    });
    router.post("/hook", [](Request& req) -> boost::asio::awaitable<Response> {
        std::string body = std::string(req.header("X-Hasura-Role").value_or("")) + "|" +
                           std::string(req.header("Content-Type").value_or("")) + "|" + req.body();
        co_return Response::json(201, std::move(body));
    });
    router.get("/big", [](Request&) -> boost::asio::awaitable<Response> {
        co_return Response::text(200, std::string(100000, 'b'));
    });
    router.get("/status/:code", [](Request& req) -> boost::asio::awaitable<Response> {
        co_return Response::text(std::stoul(std::string(req.path_param("code"))), "x");
    });
    return router;
}

// A TCP listener that accepts and never answers.
class SilentServer {
  public:
    SilentServer() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {}
    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  private:
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;  // the kernel completes handshakes; nobody reads
};

TEST(ClientTest, GetWithCaseInsensitiveResponseHeaders) {
    test::TestServer server(client_router());
    Client client;
    auto res = client.perform({.url = server.url("/jwks")});
    ASSERT_TRUE(res.has_value()) << res.error().to_string();
    EXPECT_EQ(res->status, 200u);
    EXPECT_EQ(res->body, R"({"keys":[]})");
    EXPECT_EQ(res->headers.get("cache-control"), "public, max-age=300");
    EXPECT_EQ(res->headers.get("EXPIRES"), "Sun, 29 Nov 2026 04:00:00 GMT");
    EXPECT_EQ(res->headers.get("content-type"), "application/json; charset=utf-8");
}

TEST(ClientTest, PostWithHeadersAndBody) {
    test::TestServer server(client_router());
    Client client;
    ClientRequest req{.method = "POST", .url = server.url("/hook"), .body = R"({"a":1})"};
    req.headers.add("X-Hasura-Role", "admin");
    req.headers.add("Content-Type", "application/json");
    auto res = client.perform(req);
    ASSERT_TRUE(res.has_value()) << res.error().to_string();
    EXPECT_EQ(res->status, 201u);
    EXPECT_EQ(res->body, R"(admin|application/json|{"a":1})");
    // A large body (curl would otherwise send Expect: 100-continue).
    req.body = std::string(50000, 'p');
    auto big = client.perform(req);
    ASSERT_TRUE(big.has_value());
    EXPECT_EQ(big->body.size(), std::string("admin|application/json|").size() + 50000);
}

TEST(ClientTest, ErrorStatusesAreResponses) {
    test::TestServer server(client_router());
    Client client;
    auto res = client.perform({.url = server.url("/status/503")});
    ASSERT_TRUE(res.has_value());
    EXPECT_EQ(res->status, 503u);
}

TEST(ClientTest, TotalTimeoutAgainstSilentServer) {
    SilentServer silent;
    Client client({.total_timeout = 300ms});
    auto start = std::chrono::steady_clock::now();
    auto res = client.perform({.url = "http://127.0.0.1:" + std::to_string(silent.port()) + "/"});
    ASSERT_FALSE(res.has_value());
    EXPECT_EQ(res.error().kind(), core::ErrorKind::kTimeout);
    EXPECT_EQ(res.error().code(), "timeout");
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
    // The per-request override wins.
    Client slow_default({.total_timeout = 60s});
    auto fast = slow_default.perform(
        {.url = "http://127.0.0.1:" + std::to_string(silent.port()) + "/", .total_timeout = 200ms});
    ASSERT_FALSE(fast.has_value());
    EXPECT_EQ(fast.error().code(), "timeout");
}

TEST(ClientTest, ConnectionRefusedIsUnavailable) {
    std::uint16_t port;
    {
        SilentServer closed;
        port = closed.port();
    }
    Client client({.connect_timeout = 1s});
    auto res = client.perform({.url = "http://127.0.0.1:" + std::to_string(port) + "/"});
    ASSERT_FALSE(res.has_value());
    EXPECT_EQ(res.error().kind(), core::ErrorKind::kUnavailable);
}

TEST(ClientTest, ResponseSizeLimit) {
    test::TestServer server(client_router());
    Client client({.max_response_bytes = 1000});
    auto res = client.perform({.url = server.url("/big")});
    ASSERT_FALSE(res.has_value());
    EXPECT_EQ(res.error().code(), "response-too-large");
    EXPECT_EQ(res.error().kind(), core::ErrorKind::kLimitExceeded);
}

TEST(ClientTest, BadUrls) {
    Client client;
    for (std::string url : {"file:///etc/passwd", "ftp://x/", "", "not a url", "http://"}) {
        auto res = client.perform({.url = url});
        ASSERT_FALSE(res.has_value()) << url;
        EXPECT_TRUE(res.error().code() == "bad-url" || res.error().code() == "unavailable")
            << url << " " << res.error().to_string();
    }
    EXPECT_EQ(client.perform({.url = "file:///etc/passwd"}).error().code(), "bad-url");
}

TEST(ClientTest, SendFromCoroutineDoesNotBlockTheIoThread) {
    SilentServer silent;
    test::TestServer server(client_router());
    Client client({.total_timeout = 500ms});
    // One I/O thread: while the slow call waits on the client's pool, the thread keeps serving.
    Runtime rt(1);
    rt.start();
    auto slow = boost::asio::co_spawn(
        rt.context(),
        [&]() -> boost::asio::awaitable<std::optional<core::Result<ClientResponse>>> {
            co_return co_await client.get("http://127.0.0.1:" + std::to_string(silent.port()) +
                                          "/");
        },
        boost::asio::use_future);
    auto quick = boost::asio::co_spawn(
        rt.context(),
        [&]() -> boost::asio::awaitable<std::optional<core::Result<ClientResponse>>> {
            co_return co_await client.post(server.url("/hook"), "x");
        },
        boost::asio::use_future);
    // co_spawn needs a default-constructible result, hence the optional.
    auto quick_result = *quick.get();
    EXPECT_EQ(slow.wait_for(0ms), std::future_status::timeout);
    ASSERT_TRUE(quick_result.has_value());
    EXPECT_EQ(quick_result->status, 201u);
    auto slow_result = *slow.get();
    ASSERT_FALSE(slow_result.has_value());
    EXPECT_EQ(slow_result.error().code(), "timeout");
    rt.stop();
    rt.join();
}

TEST(ClientTest, HandlerCanCallOutWithTheClient) {
    test::TestServer upstream(client_router());
    Client client;
    Router router;
    std::string jwks_url = upstream.url("/jwks");
    router.get("/proxy", [&](Request&) -> boost::asio::awaitable<Response> {
        auto res = co_await client.get(jwks_url);
        if (!res) co_return Response::text(502, res.error().to_string());
        co_return Response::json(200, res->body);
    });
    test::TestServer front(std::move(router));
    auto res = client.perform({.url = front.url("/proxy")});
    ASSERT_TRUE(res.has_value());
    EXPECT_EQ(res->body, R"({"keys":[]})");
}

}  // namespace
}  // namespace ward::http

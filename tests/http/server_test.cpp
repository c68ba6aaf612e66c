#include "http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <future>
#include <mutex>
#include <thread>

#include "core/assert.hpp"
#include "http/client.hpp"
#include "test_support.hpp"

namespace ward::http {
namespace {

using namespace std::chrono_literals;
using test::RawClient;
using test::status_of;
using test::TestServer;

boost::asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    timer.expires_after(d);
    co_await timer.async_wait(boost::asio::use_awaitable);
}

Router demo_router() {
    Router router;
    router.get("/healthz", [](Request&) -> boost::asio::awaitable<Response> {
        co_return Response::text(200, "OK");
    });
    router.get("/api/:owner/users/:name", [](Request& req) -> boost::asio::awaitable<Response> {
        co_return Response::text(
            200, std::string(req.path_param("owner")) + "/" + std::string(req.path_param("name")));
    });
    router.post("/echo", [](Request& req) -> boost::asio::awaitable<Response> {
        Response res = Response::text(200, req.body());
        res.add_header("Set-Cookie", "a=1; Path=/");
        res.add_header("Set-Cookie", "b=2; Path=/");
        co_return res;
    });
    router.get("/throw", [](Request&) -> boost::asio::awaitable<Response> {
        throw core::InternalError("boom");
        co_return Response::text(200, "unreachable");
    });
    router.get("/throw-int", [](Request&) -> boost::asio::awaitable<Response> {
        throw 42;
        co_return Response::text(200, "unreachable");
    });
    router.get("/no-content", [](Request&) -> boost::asio::awaitable<Response> {
        Response r(204);
        r.set_body("ignored");
        co_return r;
    });
    return router;
}

TEST(ServerTest, RoutesWithPathParamsAndErrors) {
    TestServer server(demo_router());
    Client client;
    auto ok = client.perform({.url = server.url("/api/built-in/users/alice")});
    ASSERT_TRUE(ok.has_value()) << ok.error().to_string();
    EXPECT_EQ(ok->status, 200u);
    EXPECT_EQ(ok->body, "built-in/alice");

    auto missing = client.perform({.url = server.url("/nope")});
    ASSERT_TRUE(missing.has_value());
    EXPECT_EQ(missing->status, 404u);
    EXPECT_NE(missing->body.find("not-found"), std::string::npos);

    auto wrong = client.perform({.method = "DELETE", .url = server.url("/echo")});
    ASSERT_TRUE(wrong.has_value());
    EXPECT_EQ(wrong->status, 405u);
    EXPECT_EQ(wrong->headers.get("allow"), "POST");

    auto echo = client.perform({.method = "POST", .url = server.url("/echo"), .body = "hello"});
    ASSERT_TRUE(echo.has_value());
    EXPECT_EQ(echo->body, "hello");
    EXPECT_EQ(echo->headers.get_all("set-cookie").size(), 2u);
    // RFC 9110 §6.6.1: an origin server with a clock sends Date (IMF-fixdate).
    auto date = echo->headers.get("date");
    ASSERT_TRUE(date.has_value());
    EXPECT_EQ(date->size(), 29u);
    EXPECT_EQ(date->substr(25), " GMT");

    auto nc = client.perform({.url = server.url("/no-content")});
    ASSERT_TRUE(nc.has_value());
    EXPECT_EQ(nc->status, 204u);
    EXPECT_TRUE(nc->body.empty());
}

TEST(ServerTest, HeadGetsHeadersWithoutBody) {
    TestServer server(demo_router());
    RawClient raw(server.port());
    raw.send(
        "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    std::string all = raw.read_all();
    // The HEAD answer announces 2 bytes but carries none; the GET answer follows at once.
    EXPECT_EQ(status_of(all), 200u);
    EXPECT_NE(all.find("Content-Length: 2\r\n\r\nHTTP/1.1 200"), std::string::npos) << all;
    EXPECT_EQ(all.substr(all.size() - 4), "\r\nOK");
}

TEST(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    TestServer server(demo_router());
    RawClient raw(server.port());
    for (int i = 0; i < 5; ++i) {
        raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        std::string response = raw.read_response();
        EXPECT_EQ(status_of(response), 200u) << i;
        EXPECT_NE(response.find("\r\n\r\nOK"), std::string::npos);
    }
    // Absolute-form targets are served by their path (RFC 9112 §3.2.2).
    raw.send("GET http://127.0.0.1/api/o/users/abs HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_NE(raw.read_response().find("o/abs"), std::string::npos);
    // Pipelined requests are answered in order.
    raw.send(
        "GET /api/o/users/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /api/o/users/2 HTTP/1.1\r\n"
        "Host: x\r\n\r\n");
    EXPECT_NE(raw.read_response().find("o/1"), std::string::npos);
    EXPECT_NE(raw.read_response().find("o/2"), std::string::npos);
    // HTTP/1.0 without keep-alive, and Connection: close, end the connection.
    raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    std::string last = raw.read_all();
    EXPECT_EQ(status_of(last), 200u);
    EXPECT_NE(last.find("Connection: close"), std::string::npos);
}

TEST(ServerTest, OversizedHeaderIs431) {
    ServerConfig config;
    config.limits.max_header_bytes = 1024;
    TestServer server(demo_router(), config);
    RawClient raw(server.port());
    raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n");
    std::string response = raw.read_all();
    EXPECT_EQ(status_of(response), 431u);
    EXPECT_NE(response.find("header-too-large"), std::string::npos);
    // The server is still fine.
    RawClient next(server.port());
    next.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(status_of(next.read_all()), 200u);
}

TEST(ServerTest, OversizedBodyIs413) {
    ServerConfig config;
    config.limits.max_body_bytes = 100;
    TestServer server(demo_router(), config);
    {
        // Announced by Content-Length: refused before the body is read.
        RawClient raw(server.port());
        raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
        EXPECT_EQ(status_of(raw.read_all()), 413u);
    }
    {
        // Chunked: refused once the limit is crossed.
        RawClient raw(server.port());
        raw.send(
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            "c8\r\n" +
            std::string(200, 'z') + "\r\n0\r\n\r\n");
        EXPECT_EQ(status_of(raw.read_all()), 413u);
    }
    Client client;
    auto small = client.perform({.method = "POST", .url = server.url("/echo"), .body = "fits"});
    ASSERT_TRUE(small.has_value());
    EXPECT_EQ(small->body, "fits");
}

TEST(ServerTest, StalledHalfRequestIs408AndIdleConnectionCloses) {
    ServerConfig config;
    config.limits.read_timeout = 300ms;
    TestServer server(demo_router(), config);
    RawClient raw(server.port());
    raw.send("GET /healthz HTTP/1.1\r\nHost: x\r\n");  // no blank line: the head never ends
    auto start = std::chrono::steady_clock::now();
    std::string response = raw.read_all();
    EXPECT_EQ(status_of(response), 408u);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);

    // A body that stalls also gets 408.
    RawClient body(server.port());
    body.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    EXPECT_EQ(status_of(body.read_all()), 408u);

    // An idle connection is just closed, without a response.
    RawClient idle(server.port());
    EXPECT_EQ(idle.read_all(), "");
}

TEST(ServerTest, MalformedRequestIs400) {
    TestServer server(demo_router());
    for (std::string bytes :
         {"GARBAGE\r\n\r\n", "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n",
          "GET http://x HTTP/1.1\r\nHost: x\r\n\r\n", "GET * HTTP/1.1\r\nHost: x\r\n\r\n",
          "GET / HTTP/1.1\r\nBad Header\r\n\r\n"}) {
        RawClient raw(server.port());
        raw.send(bytes);
        EXPECT_EQ(status_of(raw.read_all()), 400u) << bytes;
    }
}

TEST(ServerTest, ConnectionLimitAnswers503) {
    ServerConfig config;
    config.limits.max_connections = 2;
    TestServer server(demo_router(), config);
    RawClient a(server.port());
    RawClient b(server.port());
    // Make sure both are registered before the third arrives.
    a.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    b.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(status_of(a.read_response()), 200u);
    EXPECT_EQ(status_of(b.read_response()), 200u);
    RawClient c(server.port());
    std::string refused = c.read_all();
    EXPECT_EQ(status_of(refused), 503u);
    EXPECT_EQ(server.server().connection_count(), 2u);
    // The first two still work.
    a.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(status_of(a.read_response()), 200u);
}

TEST(ServerTest, CorsPreflightAndActualRequest) {
    ServerConfig config;
    config.cors.allowed_origins = {"https://app.example.com"};
    TestServer server(demo_router(), config);
    RawClient raw(server.port());
    raw.send(
        "OPTIONS /echo HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\n"
        "Access-Control-Request-Method: POST\r\n"
        "Access-Control-Request-Headers: content-type\r\n\r\n");
    std::string pre = raw.read_response();
    EXPECT_EQ(status_of(pre), 204u);
    EXPECT_NE(pre.find("Access-Control-Allow-Origin: https://app.example.com"), std::string::npos);
    EXPECT_NE(pre.find("Access-Control-Allow-Headers: content-type"), std::string::npos);
    raw.send(
        "POST /echo HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\n"
        "Content-Length: 2\r\n\r\nhi");
    std::string actual = raw.read_response();
    EXPECT_EQ(status_of(actual), 200u);
    EXPECT_NE(actual.find("Access-Control-Allow-Origin: https://app.example.com"),
              std::string::npos);
    // A 404 also carries CORS headers, so browsers can read the error.
    raw.send("GET /nope HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\n\r\n");
    EXPECT_NE(raw.read_response().find("Access-Control-Allow-Origin"), std::string::npos);
    raw.send(
        "OPTIONS /echo HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\n"
        "Access-Control-Request-Method: POST\r\n\r\n");
    EXPECT_EQ(status_of(raw.read_response()), 403u);
}

TEST(ServerTest, ThrowingHandlerGets500AndServerKeepsRunning) {
    TestServer server(demo_router());
    Client client;
    for (std::string path : {"/throw", "/throw-int"}) {
        auto res = client.perform({.url = server.url(path)});
        ASSERT_TRUE(res.has_value());
        EXPECT_EQ(res->status, 500u);
        EXPECT_NE(res->body.find("internal-error"), std::string::npos);
    }
    auto ok = client.perform({.url = server.url("/healthz")});
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ(ok->status, 200u);
}

TEST(ServerTest, AccessLogSeesEveryRequest) {
    std::mutex mu;
    std::vector<std::string> lines;
    ServerConfig config;
    config.access_log = [&](const AccessLogEntry& e) {
        std::lock_guard lock(mu);
        lines.push_back(std::string(e.method) + " " + std::string(e.path) + " " +
                        std::to_string(e.status) + " " + std::to_string(e.response_bytes) + " " +
                        std::string(e.remote_address) + " " +
                        (e.duration.count() >= 0 ? "t" : "neg"));
    };
    TestServer server(demo_router(), config);
    Client client;
    ASSERT_TRUE(client.perform({.url = server.url("/healthz?x=1")}).has_value());
    ASSERT_TRUE(client.perform({.url = server.url("/nope")}).has_value());
    // The entry is written just after the response is sent, so the client may see it first.
    for (int i = 0; i < 200; ++i) {
        {
            std::lock_guard lock(mu);
            if (lines.size() >= 2) break;
        }
        std::this_thread::sleep_for(5ms);
    }
    std::lock_guard lock(mu);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "GET /healthz 200 2 127.0.0.1 t");
    EXPECT_EQ(lines[1].substr(0, 14), "GET /nope 404 ");
}

TEST(ServerTest, PortInUseIsAClearError) {
    Runtime rt(1);
    Server first(rt, {.host = "127.0.0.1", .port = 0}, Router{});
    ASSERT_TRUE(first.start().has_value());
    ServerConfig config;
    config.host = "127.0.0.1";
    config.port = first.port();
    Server second(rt, config, Router{});
    auto started = second.start();
    ASSERT_FALSE(started.has_value());
    EXPECT_EQ(started.error().code(), "address-in-use");
    EXPECT_EQ(started.error().kind(), core::ErrorKind::kUnavailable);

    Server bad(rt, {.host = "not-an-ip"}, Router{});
    EXPECT_EQ(bad.start().error().code(), "bad-address");
    EXPECT_EQ(first.start().error().code(), "already-started");
    first.stop(0ms);
    rt.start();
    EXPECT_TRUE(first.wait_stopped(5s));
}

TEST(ServerTest, TwoServersShareOneRuntime) {
    Runtime rt(2);
    Router a;
    a.get("/", [](Request&) -> boost::asio::awaitable<Response> {
        co_return Response::text(200, "idp");
    });
    Router b;
    b.get("/", [](Request&) -> boost::asio::awaitable<Response> {
        co_return Response::text(200, "engine");
    });
    Server idp(rt, {.host = "127.0.0.1"}, std::move(a));
    Server engine(rt, {.host = "127.0.0.1"}, std::move(b));
    ASSERT_TRUE(idp.start().has_value());
    ASSERT_TRUE(engine.start().has_value());
    EXPECT_EQ(&idp.io_context(), &engine.io_context());
    rt.start();
    Client client;
    auto r1 = client.perform({.url = "http://127.0.0.1:" + std::to_string(idp.port()) + "/"});
    auto r2 = client.perform({.url = "http://127.0.0.1:" + std::to_string(engine.port()) + "/"});
    ASSERT_TRUE(r1.has_value() && r2.has_value());
    EXPECT_EQ(r1->body, "idp");
    EXPECT_EQ(r2->body, "engine");
    idp.stop(1s);
    engine.stop(1s);
    EXPECT_TRUE(idp.wait_stopped(5s));
    EXPECT_TRUE(engine.wait_stopped(5s));
    rt.release();
    rt.join();
}

TEST(ServerTest, GracefulStopLetsInFlightRequestFinish) {
    std::promise<void> entered;
    Router router = demo_router();
    router.get("/slow", [&entered](Request&) -> boost::asio::awaitable<Response> {
        entered.set_value();
        co_await sleep_for(400ms);
        co_return Response::text(200, "slow done");
    });
    Runtime rt(2);
    Server server(rt, {.host = "127.0.0.1"}, std::move(router));
    ASSERT_TRUE(server.start().has_value());
    rt.start();

    RawClient idle(server.port());  // an idle keep-alive connection
    idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(status_of(idle.read_response()), 200u);

    RawClient slow(server.port());
    slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    entered.get_future().wait();
    server.stop(5s);

    std::string response = slow.read_all();
    EXPECT_EQ(status_of(response), 200u);
    EXPECT_NE(response.find("slow done"), std::string::npos);
    EXPECT_NE(response.find("Connection: close"), std::string::npos);
    EXPECT_TRUE(idle.closed_by_peer());
    EXPECT_TRUE(server.wait_stopped(5s));
    // New connections are refused.
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket s(io);
    boost::system::error_code ec;
    s.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()}, ec);
    EXPECT_TRUE(ec);
    rt.release();
    rt.join();
}

TEST(ServerTest, GraceDeadlineClosesWhatIsLeft) {
    Router router;
    router.get("/forever", [](Request&) -> boost::asio::awaitable<Response> {
        co_await sleep_for(1500ms);
        co_return Response::text(200, "late");
    });
    Runtime rt(2);
    Server server(rt, {.host = "127.0.0.1"}, std::move(router));
    ASSERT_TRUE(server.start().has_value());
    rt.start();
    RawClient raw(server.port());
    raw.send("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
    std::this_thread::sleep_for(100ms);
    auto start = std::chrono::steady_clock::now();
    server.stop(200ms);
    // The connection is closed at the deadline, without the late answer.
    EXPECT_EQ(raw.read_all(), "");
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1400ms);
    EXPECT_TRUE(server.wait_stopped(5s));
    rt.release();
    rt.join();
}

TEST(ServerTest, ShutdownSignalsCallsBackOnSigterm) {
    Runtime rt(1);
    std::promise<int> got;
    ShutdownSignals signals(rt.context(), [&got](int sig) { got.set_value(sig); });
    rt.start();
    ::raise(SIGTERM);
    auto future = got.get_future();
    ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(future.get(), SIGTERM);
}

TEST(ServerTest, ExpectContinueIsAnswered) {
    TestServer server(demo_router());
    RawClient raw(server.port());
    raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
    std::string interim = raw.read_response();
    EXPECT_EQ(status_of(interim), 100u);
    raw.send("abc");
    std::string final_response = raw.read_response();
    EXPECT_EQ(status_of(final_response), 200u);
    EXPECT_NE(final_response.find("abc"), std::string::npos);
}

}  // namespace
}  // namespace ward::http

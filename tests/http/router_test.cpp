#include "http/router.hpp"

#include <gtest/gtest.h>

#include "core/assert.hpp"

namespace ward::http {
namespace {

Handler tag(std::string name) {
    return [name](Request&) -> boost::asio::awaitable<Response> {
        co_return Response::text(200, name);
    };
}

// Which handler matched, by comparing against the registered handler's address.
class RouterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        router.get("/api/get-user", tag("get-user"));
        router.post("/api/get-user", tag("post-user"));
        router.get("/api/:owner/:name", tag("owner-name"));
        router.get("/api/special/:id", tag("special"));
        router.add(Method::kDelete, "/items/:id", tag("delete-item"));
        router.get("/static/*", tag("static"));
        router.get("/", tag("root"));
    }
    Router router;
};

TEST_F(RouterTest, ExactRoutesMatchByMethod) {
    auto m = router.match(Method::kGet, "/api/get-user");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_TRUE(m.params.empty());
    auto p = router.match(Method::kPost, "/api/get-user");
    ASSERT_EQ(p.kind, RouteMatch::Kind::kFound);
    EXPECT_NE(m.handler, p.handler);
    EXPECT_EQ(router.match(Method::kGet, "/").kind, RouteMatch::Kind::kFound);
}

TEST_F(RouterTest, ParamsAreCaptured) {
    auto m = router.match(Method::kGet, "/api/built-in/admin");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.params.get("owner"), "built-in");
    EXPECT_EQ(m.params.get("name"), "admin");
}

TEST_F(RouterTest, PatternsAreTriedInRegistrationOrder) {
    // "/api/:owner/:name" was registered first, so it wins over "/api/special/:id".
    auto m = router.match(Method::kGet, "/api/special/7");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.params.get("owner"), "special");
}

TEST_F(RouterTest, ParamsNeedANonEmptySegment) {
    EXPECT_EQ(router.match(Method::kDelete, "/items/").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(router.match(Method::kDelete, "/items").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(router.match(Method::kDelete, "/items/1/2").kind, RouteMatch::Kind::kNotFound);
}

TEST_F(RouterTest, WildcardCapturesTheRest) {
    auto m = router.match(Method::kGet, "/static/js/app.js");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.params.get("*"), "js/app.js");
    auto bare = router.match(Method::kGet, "/static");
    ASSERT_EQ(bare.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(bare.params.get("*"), "");
    EXPECT_EQ(router.match(Method::kGet, "/staticx").kind, RouteMatch::Kind::kNotFound);
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
    auto m = router.match(Method::kPut, "/api/get-user");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
    EXPECT_EQ(m.allow, "GET, HEAD, POST");
    auto d = router.match(Method::kGet, "/items/3");
    ASSERT_EQ(d.kind, RouteMatch::Kind::kMethodNotAllowed);
    EXPECT_EQ(d.allow, "DELETE");
}

TEST_F(RouterTest, HeadUsesGet) {
    auto m = router.match(Method::kHead, "/api/get-user");
    ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_EQ(m.handler, router.match(Method::kGet, "/api/get-user").handler);
}

TEST_F(RouterTest, UnknownPathIs404UnlessFallback) {
    EXPECT_EQ(router.match(Method::kGet, "/nope").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(router.match(Method::kGet, "/api/get-user/").kind, RouteMatch::Kind::kNotFound);
    EXPECT_EQ(router.match(Method::kOther, "/nope").kind, RouteMatch::Kind::kNotFound);
    router.set_fallback(tag("fallback"));
    auto m = router.match(Method::kGet, "/nope");
    EXPECT_EQ(m.kind, RouteMatch::Kind::kFound);
    EXPECT_NE(m.handler, nullptr);
    // A known path with the wrong method is still 405, not the fallback.
    EXPECT_EQ(router.match(Method::kPut, "/api/get-user").kind,
              RouteMatch::Kind::kMethodNotAllowed);
}

TEST_F(RouterTest, WebSocketRoutes) {
    router.add_websocket("/v1/graphql", {"graphql-transport-ws", "graphql-ws"},
                         [](Request&, WebSocket&) -> boost::asio::awaitable<void> { co_return; });
    Params params;
    const WebSocketRoute* route = router.match_websocket("/v1/graphql", params);
    ASSERT_NE(route, nullptr);
    EXPECT_EQ(route->subprotocols.front(), "graphql-transport-ws");
    EXPECT_EQ(router.match_websocket("/v1/other", params), nullptr);
}

// WARD_INVARIANT aborts in debug builds and throws core::InternalError in release builds.
#ifdef NDEBUG
#define EXPECT_BROKEN_INVARIANT(stmt) EXPECT_THROW(stmt, core::InternalError)
#else
#define EXPECT_BROKEN_INVARIANT(stmt) EXPECT_DEATH(stmt, "invariant failed")
#endif

TEST(RouterDeathTest, BrokenPatternsAreProgrammingErrors) {
    Router router;
    EXPECT_BROKEN_INVARIANT(router.get("no-slash", tag("x")));
    EXPECT_BROKEN_INVARIANT(router.get("/a/*/b", tag("x")));
    EXPECT_BROKEN_INVARIANT(router.get("/a/:", tag("x")));
    router.get("/dup", tag("x"));
    EXPECT_BROKEN_INVARIANT(router.get("/dup", tag("y")));
}

}  // namespace
}  // namespace ward::http

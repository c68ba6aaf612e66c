#include "http/cors.hpp"

#include <gtest/gtest.h>

namespace ward::http {
namespace {

Request preflight(std::string origin, std::string headers = "content-type, x-hasura-role") {
    Headers h;
    h.add("Origin", std::move(origin));
    h.add("Access-Control-Request-Method", "POST");
    if (!headers.empty()) h.add("Access-Control-Request-Headers", std::move(headers));
    return std::move(Request::make(Method::kOptions, "/v1/graphql", h)).value();
}

TEST(CorsTest, DefaultAllowsAnyOriginReflectedWithCredentials) {
    CorsConfig config;
    auto req = preflight("https://app.example.com");
    ASSERT_TRUE(is_cors_preflight(req));
    auto res = cors_preflight_response(config, req);
    EXPECT_EQ(res.status(), 204u);
    EXPECT_EQ(res.header("Access-Control-Allow-Origin"), "https://app.example.com");
    EXPECT_EQ(res.header("Access-Control-Allow-Credentials"), "true");
    EXPECT_EQ(res.header("Access-Control-Allow-Headers"), "content-type, x-hasura-role");
    EXPECT_EQ(res.header("Access-Control-Max-Age"), "1728000");
    EXPECT_TRUE(res.header("Access-Control-Allow-Methods")->find("POST") != std::string::npos);
}

TEST(CorsTest, ListedAndWildcardOrigins) {
    CorsConfig config;
    config.allowed_origins = {"https://app.example.com", "http://*.foo.com"};
    EXPECT_TRUE(cors_origin_allowed(config, "https://app.example.com"));
    EXPECT_TRUE(cors_origin_allowed(config, "HTTPS://APP.EXAMPLE.COM"));
    EXPECT_TRUE(cors_origin_allowed(config, "http://a.foo.com"));
    EXPECT_FALSE(cors_origin_allowed(config, "http://foo.com"));
    EXPECT_FALSE(cors_origin_allowed(config, "https://a.foo.com"));
    EXPECT_FALSE(cors_origin_allowed(config, "http://evil.com/.foo.com"));
    EXPECT_FALSE(cors_origin_allowed(config, "http://evil.com:1.foo.com"));
    EXPECT_FALSE(cors_origin_allowed(config, "https://other.example.com"));
    EXPECT_FALSE(cors_origin_allowed(config, ""));
}

TEST(CorsTest, DisallowedOriginPreflightIs403AndActualGetsNoHeaders) {
    CorsConfig config;
    config.allowed_origins = {"https://app.example.com"};
    auto res = cors_preflight_response(config, preflight("https://evil.example"));
    EXPECT_EQ(res.status(), 403u);
    EXPECT_FALSE(res.header("Access-Control-Allow-Origin").has_value());

    Headers h;
    h.add("Origin", "https://evil.example");
    auto req = std::move(Request::make(Method::kGet, "/", h)).value();
    Response actual = Response::text(200, "ok");
    apply_cors(config, req, actual);
    EXPECT_FALSE(actual.header("Access-Control-Allow-Origin").has_value());
}

TEST(CorsTest, ActualResponseGetsOriginAndExposeHeaders) {
    CorsConfig config;
    config.expose_headers = "X-Request-Id";
    Headers h;
    h.add("Origin", "http://localhost:3000");
    auto req = std::move(Request::make(Method::kPost, "/v1/graphql", h)).value();
    Response res = Response::json(200, "{}");
    apply_cors(config, req, res);
    EXPECT_EQ(res.header("Access-Control-Allow-Origin"), "http://localhost:3000");
    EXPECT_EQ(res.header("Vary"), "Origin");
    EXPECT_EQ(res.header("Access-Control-Expose-Headers"), "X-Request-Id");
}

TEST(CorsTest, DisabledConfigAddsNothingAndPlainOptionsIsNoPreflight) {
    CorsConfig config;
    config.enabled = false;
    EXPECT_FALSE(cors_origin_allowed(config, "http://a"));
    auto plain = std::move(Request::make(Method::kOptions, "/")).value();
    EXPECT_FALSE(is_cors_preflight(plain));
}

TEST(CorsTest, FixedAllowedHeadersOverrideReflection) {
    CorsConfig config;
    config.allowed_headers = "Authorization, Content-Type";
    auto res = cors_preflight_response(config, preflight("http://a", "x-custom"));
    EXPECT_EQ(res.header("Access-Control-Allow-Headers"), "Authorization, Content-Type");
}

}  // namespace
}  // namespace ward::http

#include "http/response.hpp"

#include <gtest/gtest.h>

namespace ward::http {
namespace {

TEST(ResponseTest, Helpers) {
    auto json = Response::json(201, R"({"a":1})");
    EXPECT_EQ(json.status(), 201u);
    EXPECT_EQ(json.header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(json.body(), R"({"a":1})");
    EXPECT_EQ(Response::html(200, "<p>").header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(Response::text(400, "x").header("Content-Type"), "text/plain; charset=utf-8");
    auto redirect = Response::redirect("https://app/cb?code=1&state=2");
    EXPECT_EQ(redirect.status(), 302u);
    EXPECT_EQ(redirect.header("Location"), "https://app/cb?code=1&state=2");
    EXPECT_EQ(Response::redirect("/x", 303).status(), 303u);
    auto token = Response::json(200, "{}").no_store();
    EXPECT_EQ(token.header("Cache-Control"), "no-store");
    EXPECT_EQ(token.header("Pragma"), "no-cache");
    EXPECT_EQ(Response().status(), 200u);
}

TEST(ResponseTest, SetHeaderReplacesAddHeaderAppends) {
    Response r;
    r.set_header("X-A", "1").set_header("x-a", "2");
    r.add_header("Set-Cookie", "a=1").add_header("Set-Cookie", "b=2");
    EXPECT_EQ(r.header("X-A"), "2");
    EXPECT_EQ(std::distance(r.message().equal_range("Set-Cookie").first,
                            r.message().equal_range("Set-Cookie").second),
              2);
}

TEST(ResponseTest, Cookies) {
    Response r;
    r.add_cookie({.name = "casdoor_session_id", .value = "abc", .max_age = 3600});
    r.add_cookie(
        {.name = "gone", .value = "", .max_age = -5, .http_only = false, .same_site = "None"});
    r.add_cookie({.name = "d",
                  .value = "v",
                  .path = "",
                  .domain = "example.com",
                  .secure = true,
                  .same_site = ""});
    std::vector<std::string> lines;
    auto range = r.message().equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) lines.emplace_back(it->value());
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "casdoor_session_id=abc; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax");
    EXPECT_EQ(lines[1], "gone=; Path=/; Max-Age=0; Secure; SameSite=None");
    EXPECT_EQ(lines[2], "d=v; Domain=example.com; HttpOnly; Secure");
}

}  // namespace
}  // namespace ward::http

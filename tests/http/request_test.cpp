#include "http/request.hpp"

#include <gtest/gtest.h>

#include "core/encoding.hpp"

namespace ward::http {
namespace {

Request make(std::string_view target, Headers headers = {}, std::string body = {},
             Method method = Method::kGet) {
    auto r = Request::make(method, target, headers, std::move(body));
    EXPECT_TRUE(r.has_value()) << target;
    return std::move(r).value();
}

Headers with(std::string name, std::string value) {
    Headers h;
    h.add(std::move(name), std::move(value));
    return h;
}

TEST(RequestTest, DecodesPathAndKeepsPlus) {
    auto r = make("/api/get-user/a%2Fb+c?x=1");
    EXPECT_EQ(r.path(), "/api/get-user/a/b+c");
    EXPECT_EQ(r.target(), "/api/get-user/a%2Fb+c?x=1");
    EXPECT_EQ(r.method(), Method::kGet);
    EXPECT_EQ(r.method_string(), "GET");
}

TEST(RequestTest, ParsesQueryWithRepeatedNamesAndPlusAsSpace) {
    auto r = make("/x?scope=openid+profile&a=1&a=2&flag&=empty&&redirect_uri=http%3A%2F%2Fh%2Fcb");
    EXPECT_EQ(r.query_param("scope"), "openid profile");
    auto all = r.query().get_all("a");
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0], "1");
    EXPECT_EQ(all[1], "2");
    EXPECT_EQ(r.query_param("flag"), "");
    EXPECT_EQ(r.query_param("redirect_uri"), "http://h/cb");
    EXPECT_FALSE(r.query_param("missing").has_value());
}

TEST(RequestTest, RejectsMalformedTargets) {
    for (std::string_view target :
         {"/a%zz", "/a%2", "/x?a=%G1", "http://evil", "http://evil?x=1", "*", "", "/a%00b"}) {
        auto r = Request::make(Method::kGet, target);
        ASSERT_FALSE(r.has_value()) << target;
        EXPECT_EQ(r.error().code(), "bad-request") << target;
    }
}

TEST(RequestTest, AbsoluteFormUsesPathAndQuery) {
    // RFC 9112 §3.2.2.
    auto r = make("http://localhost:8080/v1/graphql?x=1");
    EXPECT_EQ(r.path(), "/v1/graphql");
    EXPECT_EQ(r.query_param("x"), "1");
    EXPECT_EQ(make("HTTPS://h/a%20b").path(), "/a b");
}

TEST(RequestTest, UnknownMethodIsOther) {
    EXPECT_EQ(parse_method("PROPFIND"), Method::kOther);
    EXPECT_EQ(parse_method("get"), Method::kOther);
    EXPECT_EQ(parse_method("DELETE"), Method::kDelete);
    EXPECT_EQ(to_string(Method::kPatch), "PATCH");
}

TEST(RequestTest, HeadersAreCaseInsensitive) {
    auto r = make("/", with("X-Hasura-Role", "user"));
    EXPECT_EQ(r.header("x-hasura-role"), "user");
    EXPECT_EQ(r.header("X-HASURA-ROLE"), "user");
    EXPECT_FALSE(r.header("x-hasura-user-id").has_value());
}

TEST(RequestTest, ParsesCookiesFromSeveralHeaders) {
    Headers h;
    h.add("Cookie", "casdoor_session_id=abc; theme=\"dark\"; junk; =novalue");
    h.add("Cookie", "lang=en");
    auto r = make("/", h);
    EXPECT_EQ(r.cookie("casdoor_session_id"), "abc");
    EXPECT_EQ(r.cookie("theme"), "dark");
    EXPECT_EQ(r.cookie("lang"), "en");
    EXPECT_FALSE(r.cookie("junk").has_value());
    EXPECT_EQ(r.cookies().size(), 3u);
}

TEST(RequestTest, ParsesFormBody) {
    auto r = make("/token", with("Content-Type", "application/x-www-form-urlencoded"),
                  "grant_type=authorization_code&code=a%2Bb&redirect_uri=http%3A%2F%2Fx&name=a+b",
                  Method::kPost);
    auto form = r.form();
    ASSERT_TRUE(form.has_value());
    EXPECT_EQ(form->get("grant_type"), "authorization_code");
    EXPECT_EQ(form->get("code"), "a+b");
    EXPECT_EQ(form->get("name"), "a b");
    EXPECT_EQ(form->get("redirect_uri"), "http://x");
}

TEST(RequestTest, MalformedFormIsAnError) {
    for (std::string body : {"a=%", "a=%zz", "%4=1", "ok=1&bad=%E"}) {
        auto r = make("/", {}, body, Method::kPost);
        auto form = r.form();
        ASSERT_FALSE(form.has_value()) << body;
        EXPECT_EQ(form.error().code(), "bad-form");
    }
    auto empty = make("/", {}, "", Method::kPost).form();
    ASSERT_TRUE(empty.has_value());
    EXPECT_TRUE(empty->empty());
}

constexpr std::string_view kMultipartType = "multipart/form-data; boundary=----XyZ";

TEST(RequestTest, ParsesMultipartFields) {
    std::string body =
        "preamble\r\n"
        "------XyZ\r\n"
        "Content-Disposition: form-data; name=\"userOwner\"\r\n"
        "\r\n"
        "built-in\r\n"
        "------XyZ\r\n"
        "Content-Disposition: form-data; name=\"newPassword\"\r\n"
        "\r\n"
        "p@ss\r\nword\r\n"
        "------XyZ\r\n"
        "content-disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".txt\"\r\n"
        "Content-Type: application/octet-stream\r\n"
        "\r\n"
        "\x01\x02\r\n"
        "------XyZ--\r\n";
    auto r = make("/api/set-password", with("Content-Type", std::string(kMultipartType)), body,
                  Method::kPost);
    auto parts = r.multipart();
    ASSERT_TRUE(parts.has_value()) << parts.error().to_string();
    ASSERT_EQ(parts->size(), 3u);
    EXPECT_EQ((*parts)[0].name, "userOwner");
    EXPECT_EQ((*parts)[0].data, "built-in");
    EXPECT_EQ((*parts)[0].content_type, "text/plain");
    EXPECT_FALSE((*parts)[0].filename.has_value());
    EXPECT_EQ((*parts)[1].data, "p@ss\r\nword");
    EXPECT_EQ((*parts)[2].filename, "a \"b\".txt");
    EXPECT_EQ((*parts)[2].content_type, "application/octet-stream");
    EXPECT_EQ((*parts)[2].data, "\x01\x02");
}

TEST(RequestTest, QuotedBoundaryIsAccepted) {
    std::string body = "--a;b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--a;b--";
    auto parts = parse_multipart("multipart/form-data; boundary=\"a;b\"", body);
    ASSERT_TRUE(parts.has_value()) << parts.error().to_string();
    ASSERT_EQ(parts->size(), 1u);
    EXPECT_EQ((*parts)[0].data, "1");
}

TEST(RequestTest, MalformedMultipartIsAnError) {
    const std::string good_part =
        "------XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n";
    struct Case {
        std::string type;
        std::string body;
    };
    std::vector<Case> cases = {
        {"multipart/form-data", good_part + "------XyZ--"},             // no boundary
        {"multipart/form-data; boundary=", good_part + "------XyZ--"},  // empty boundary
        {"multipart/form-data; boundary=\"unterminated", good_part},    // bad quoting
        {"application/json", good_part + "------XyZ--"},                // wrong type
        {std::string(kMultipartType), ""},                              // empty body
        {std::string(kMultipartType), "no delimiter at all"},           // no delimiter
        {std::string(kMultipartType), good_part},                       // no close delimiter
        {std::string(kMultipartType),
         "------XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"},  // headers unterminated
        {std::string(kMultipartType),
         "------XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n------XyZ--"},  // no disposition
        {std::string(kMultipartType),
         "------XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n------XyZ--"},  // no name
        {std::string(kMultipartType),
         "------XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n------XyZ--"},
        {std::string(kMultipartType), "------XyZ\r\nbroken header line\r\n\r\nv\r\n------XyZ--"},
        {std::string(kMultipartType), "------XyZ"},  // truncated right after delimiter
        {"multipart/form-data; boundary=" + std::string(71, 'b'), "--"},  // boundary too long
    };
    for (const auto& c : cases) {
        auto parts = parse_multipart(c.type, c.body);
        ASSERT_FALSE(parts.has_value()) << c.type << " | " << c.body;
        EXPECT_EQ(parts.error().code(), "bad-multipart");
    }
    // Through the request: a missing Content-Type is also an error.
    auto r = make("/", {}, good_part + "------XyZ--", Method::kPost);
    EXPECT_FALSE(r.multipart().has_value());
}

TEST(RequestTest, BasicAuthIsBase64ThenFormDecoded) {
    // RFC 6749 §2.3.1: id and secret are form-encoded before base64.
    std::string raw = core::url_encode("client:id") + ":" + core::url_encode("s3cr%t+x y");
    auto r = make("/", with("Authorization", "Basic " + core::base64_encode(raw)));
    auto creds = r.basic_auth();
    ASSERT_TRUE(creds.has_value()) << creds.error().to_string();
    EXPECT_EQ(creds->user, "client:id");
    EXPECT_EQ(creds->password, "s3cr%t+x y");

    auto lower = make("/", with("Authorization", "basic " + core::base64_encode("a:")));
    ASSERT_TRUE(lower.basic_auth().has_value());
    EXPECT_EQ(lower.basic_auth()->password, "");
}

TEST(RequestTest, BasicAuthFailuresHaveReasons) {
    EXPECT_EQ(make("/").basic_auth().error().code(), "missing-credentials");
    EXPECT_EQ(make("/", with("Authorization", "Bearer x")).basic_auth().error().code(),
              "missing-credentials");
    for (const std::string& value :
         std::vector<std::string>{"Basic !!!notbase64", "Basic " + core::base64_encode("nocolon"),
                                  "Basic " + core::base64_encode("a%zz:b"),
                                  "Basic " + core::base64_encode("a:%"), "Basic ", "Basic YQ"}) {
        auto creds = make("/", with("Authorization", value)).basic_auth();
        ASSERT_FALSE(creds.has_value()) << value;
        EXPECT_EQ(creds.error().code(), "bad-credentials") << value;
    }
}

TEST(RequestTest, BearerToken) {
    EXPECT_EQ(make("/", with("Authorization", "Bearer abc.def.ghi")).bearer_token(), "abc.def.ghi");
    EXPECT_EQ(make("/", with("Authorization", "bearer  tok ")).bearer_token(), "tok");
    EXPECT_FALSE(make("/", with("Authorization", "Bearer ")).bearer_token().has_value());
    EXPECT_FALSE(make("/", with("Authorization", "Basic abc")).bearer_token().has_value());
    EXPECT_FALSE(make("/").bearer_token().has_value());
}

TEST(HeadersTest, CaseInsensitiveMultiMap) {
    Headers h;
    h.add("Set-Cookie", "a=1");
    h.add("set-cookie", "b=2");
    h.add("Cache-Control", "max-age=60");
    EXPECT_EQ(h.get("SET-COOKIE"), "a=1");
    EXPECT_EQ(h.get_all("Set-Cookie").size(), 2u);
    h.set("cache-control", "no-store");
    EXPECT_EQ(h.get_all("Cache-Control").size(), 1u);
    EXPECT_EQ(h.get("CACHE-CONTROL"), "no-store");
    h.erase("set-cookie");
    EXPECT_FALSE(h.contains("Set-Cookie"));
    Params p;
    p.add("Name", "1");
    EXPECT_FALSE(p.get("name").has_value());
}

}  // namespace
}  // namespace ward::http

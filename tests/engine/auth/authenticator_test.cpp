// The per-request authenticator: admin secret precedence (§1.2), JWT sources and the §1.9 error
// table with real tokens, multi-secret resolution (§1.4), unauthorized role (§1.8), jwk_url keys
// from a local server, the verified-token cache, and webhook mode (§1.10).
#include "engine/auth/authenticator.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "core/log.hpp"
#include "engine/auth/test_support.hpp"
#include "http/test_support.hpp"
#include "jose/jwk.hpp"

namespace ward::engine::auth {
namespace {

using test::run;
namespace json = core::json;

constexpr std::string_view kAdmin = "admin-pass";

http::Headers headers(std::initializer_list<std::pair<std::string, std::string>> list) {
    http::Headers h;
    for (const auto& [k, v] : list) h.add(k, v);
    return h;
}

class AuthenticatorTest : public ::testing::Test {
  protected:
    std::unique_ptr<Authenticator> make(
        AuthSettings settings, std::map<std::size_t, std::unique_ptr<KeySource>> sources = {}) {
        auto config = resolve_auth_config(settings);
        EXPECT_TRUE(config.has_value()) << (config ? "" : config.error().message());
        AuthenticatorOptions options;
        options.clock = clock_;
        options.client = &client_;
        options.key_sources = std::move(sources);
        return std::make_unique<Authenticator>(std::move(*config), std::move(options));
    }
    std::unique_ptr<Authenticator> jwt(std::string secret_json, std::string unauthorized = "") {
        AuthSettings s;
        s.admin_secret = std::string(kAdmin);
        s.jwt_secret = std::move(secret_json);
        s.unauthorized_role = std::move(unauthorized);
        return make(s);
    }
    static std::string hs_secret(std::string_view extra = "") {
        return R"({"type":"HS256","key":")" + std::string(test::kHsSecret) + "\"" +
               std::string(extra) + "}";
    }
    static std::string rs_secret(std::string_view type = "RS256") {
        json::object o;
        o["type"] = type;
        o["key"] = test::rsa_public_pem();
        return core::to_json(o);
    }
    static Result<Session> auth(Authenticator& a, const http::Headers& h) {
        return run(a.authenticate(h));
    }
    static AuthError fail(Authenticator& a, const http::Headers& h) {
        auto r = auth(a, h);
        EXPECT_FALSE(r.has_value());
        return r ? AuthError::make(AuthErrorCode::kWebhookFailed, "unexpected success") : r.error();
    }
    static std::string bearer(std::string_view token) { return "Bearer " + std::string(token); }

    std::shared_ptr<core::ManualClock> clock_ = std::make_shared<core::ManualClock>(test::kNow);
    http::Client client_;
};

TEST_F(AuthenticatorTest, NoAuthModeIsAdminUnlessARoleIsSent) {
    auto a = make({});
    auto s = auth(*a, {});
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->role, "admin");
    EXPECT_EQ(s->method, AuthMethod::kNoAuth);
    s = auth(*a, headers({{"X-Hasura-Role", "user"}, {"X-Hasura-User-Id", "5"}}));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->role, "user");
    EXPECT_EQ(s->variables.at("x-hasura-user-id").as_string(), "5");
}

TEST_F(AuthenticatorTest, AdminSecretPrecedence) {
    auto a = jwt(hs_secret());
    const std::string valid = test::hs256(test::hasura_claims());
    // A right secret wins over anything else and honours role and x-hasura-* headers.
    auto s = auth(*a, headers({{"x-hasura-admin-secret", std::string(kAdmin)},
                               {"Authorization", "Bearer garbage"},
                               {"X-Hasura-Role", "user"},
                               {"X-Hasura-User-Id", "5"}}));
    ASSERT_TRUE(s.has_value()) << s.error().message;
    EXPECT_EQ(s->role, "user");
    EXPECT_EQ(s->method, AuthMethod::kAdminSecret);
    EXPECT_EQ(s->variables.at("x-hasura-user-id").as_string(), "5");
    EXPECT_FALSE(s->variables.contains("x-hasura-admin-secret"));
    s = auth(*a, headers({{"X-Hasura-Access-Key", std::string(kAdmin)}}));
    ASSERT_TRUE(s.has_value());
    EXPECT_TRUE(s->is_admin());
    // A wrong secret never falls through to a valid JWT.
    auto e =
        fail(*a, headers({{"x-hasura-admin-secret", "nope"}, {"Authorization", bearer(valid)}}));
    EXPECT_EQ(e.code, AuthErrorCode::kInvalidAdminSecret);
    EXPECT_EQ(e.message, "invalid x-hasura-admin-secret/x-hasura-access-key");
    EXPECT_EQ(e.http_status(), 401);
    EXPECT_EQ(fail(*a, headers({{"x-hasura-admin-secret", ""}})).code,
              AuthErrorCode::kInvalidAdminSecret);
}

// x-hasura-use-backend-only-permissions (Hasura's mkUserInfo): read only from a request that
// holds the admin secret, or from any request when no auth is configured; true, t, yes, y and
// false, f, no, n in any case; another value from such a request is bad-request. JWT, webhook
// and unauthorized-role sessions never get it, whatever they send.
TEST_F(AuthenticatorTest, BackendOnlyFlagNeedsTheAdminSecret) {
    auto a = jwt(hs_secret(), "anonymous");
    auto with = [](std::string value, bool secret) {
        http::Headers h = headers({{"X-Hasura-Role", "user"},
                                   {"X-Hasura-Use-Backend-Only-Permissions", std::move(value)}});
        if (secret) h.add("x-hasura-admin-secret", std::string(kAdmin));
        return h;
    };
    for (const char* yes : {"true", "TRUE", "True", "t", "T", "yes", "Yes", "y", "Y"}) {
        auto s = auth(*a, with(yes, true));
        ASSERT_TRUE(s.has_value()) << yes;
        EXPECT_TRUE(s->backend_only) << yes;
    }
    for (const char* no : {"false", "FALSE", "f", "no", "No", "n"}) {
        auto s = auth(*a, with(no, true));
        ASSERT_TRUE(s.has_value()) << no;
        EXPECT_FALSE(s->backend_only) << no;
    }
    auto s = auth(*a, headers({{"x-hasura-admin-secret", std::string(kAdmin)}}));
    ASSERT_TRUE(s.has_value());
    EXPECT_FALSE(s->backend_only);
    for (const char* bad : {"1", "0", "yes please", "on", " true"}) {
        AuthError e = fail(*a, with(bad, true));
        EXPECT_EQ(e.code, AuthErrorCode::kInvalidBackendOnlyHeader) << bad;
        EXPECT_EQ(e.wire_code(), "bad-request");
        EXPECT_EQ(e.http_status(), 400);
        EXPECT_EQ(e.message,
                  "x-hasura-use-backend-only-permissions:  Not a valid boolean text. True values "
                  "are [\"true\",\"t\",\"yes\",\"y\"] and  False values are "
                  "[\"false\",\"f\",\"no\",\"n\"]. All values are case insensitive");
    }
    // A JWT user: the header is not read (so not even a bad value is an error), nor a claim.
    http::Headers h = with("true", false);
    h.add("Authorization", bearer(test::hs256(test::hasura_claims())));
    s = auth(*a, h);
    ASSERT_TRUE(s.has_value()) << s.error().message;
    EXPECT_EQ(s->method, AuthMethod::kJwt);
    EXPECT_FALSE(s->backend_only);
    h = with("maybe", false);
    h.add("Authorization", bearer(test::hs256(test::hasura_claims(
                               {{"x-hasura-use-backend-only-permissions", "true"}}))));
    s = auth(*a, h);
    ASSERT_TRUE(s.has_value()) << s.error().message;
    EXPECT_FALSE(s->backend_only);
    // The unauthorized role neither.
    s = auth(*a, with("true", false));
    ASSERT_TRUE(s.has_value()) << s.error().message;
    EXPECT_EQ(s->method, AuthMethod::kUnauthorizedRole);
    EXPECT_FALSE(s->backend_only);
    // Without any auth configured, every request is trusted as Hasura trusts it.
    auto open = make({});
    s = auth(*open, with("y", false));
    ASSERT_TRUE(s.has_value());
    EXPECT_TRUE(s->backend_only);
    EXPECT_EQ(fail(*open, with("maybe", false)).code, AuthErrorCode::kInvalidBackendOnlyHeader);
}

TEST_F(AuthenticatorTest, AdminSecretOnlyMode) {
    AuthSettings settings;
    settings.admin_secrets = R"(["one","two"])";
    auto a = make(settings);
    EXPECT_TRUE(auth(*a, headers({{"x-hasura-admin-secret", "two"}})).has_value());
    auto e = fail(*a, {});
    EXPECT_EQ(e.code, AuthErrorCode::kAdminSecretRequired);
    EXPECT_EQ(e.message, "x-hasura-admin-secret/x-hasura-access-key required, but not found");
    EXPECT_EQ(e.http_status(), 401);

    settings.unauthorized_role = "anonymous";
    auto u = make(settings);
    auto s = auth(*u, headers({{"X-Hasura-Role", "admin"}, {"x-hasura-org", "3"}}));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->role, "anonymous");  // a role header cannot escape the unauthorized role
    EXPECT_EQ(s->variables.at("x-hasura-role").as_string(), "anonymous");
    EXPECT_EQ(s->variables.at("x-hasura-org").as_string(), "3");
    EXPECT_EQ(s->method, AuthMethod::kUnauthorizedRole);
}

TEST_F(AuthenticatorTest, ValidJwtGivesTheSession) {
    auto a = jwt(hs_secret());
    const std::string token =
        test::hs256(test::hasura_claims({{"x-hasura-ids", json::array{1, 2}}}));
    auto s = auth(*a, headers({{"Authorization", bearer(token)}, {"X-Hasura-Org", "ignored"}}));
    ASSERT_TRUE(s.has_value()) << s.error().message;
    EXPECT_EQ(s->role, "user");
    EXPECT_EQ(s->method, AuthMethod::kJwt);
    EXPECT_EQ(s->allowed_roles, (std::vector<std::string>{"user", "editor"}));
    EXPECT_EQ(s->variables.at("x-hasura-user-id").as_string(), "42");
    EXPECT_EQ(*s->variable_text("x-hasura-ids"), "{1,2}");  // H2
    EXPECT_FALSE(s->variables.contains("x-hasura-org"));    // §1.7.8: headers ignored
    EXPECT_EQ(*s->expires_at, test::kNow + 3600);
    s = auth(*a, headers({{"Authorization", bearer(token)}, {"x-hasura-role", "editor"}}));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->role, "editor");
}

// §1.9, one row per case, with real tokens.
TEST_F(AuthenticatorTest, ErrorTable) {
    auto a = jwt(hs_secret(R"(,"issuer":"https://idp","audience":"app")"));
    auto claims = [](json::object extra = {}) {
        auto c = test::hasura_claims();
        c["iss"] = "https://idp";
        c["aud"] = "app";
        for (auto& [k, v] : extra) c[k] = v;
        return c;
    };
    auto check = [&](const std::string& token, AuthErrorCode code, std::string_view message,
                     std::string role = "") {
        auto h = headers({{"Authorization", bearer(token)}});
        if (!role.empty()) h.add("X-Hasura-Role", role);
        auto e = fail(*a, h);
        EXPECT_EQ(e.code, code) << message;
        EXPECT_EQ(e.message, message);
    };
    ASSERT_TRUE(auth(*a, headers({{"Authorization", bearer(test::hs256(claims()))}})).has_value());

    check(test::hs256(claims({{"exp", test::kNow - 1}})), AuthErrorCode::kInvalidJwt,
          "Could not verify JWT: JWTExpired");
    auto other = *jose::Key::hmac_secret(std::string(64, 'z'));
    check(test::sign(claims(), jose::Algorithm::kHS256, other), AuthErrorCode::kInvalidJwt,
          "Could not verify JWT: JWSError JWSInvalidSignature");
    json::object none_header;
    none_header["alg"] = "none";
    check(test::hand_made(none_header, claims(), std::nullopt), AuthErrorCode::kInvalidJwt,
          "Could not verify JWT: JWSError JWSInvalidSignature");
    check(test::hs256(claims({{"iss", "https://evil"}})), AuthErrorCode::kInvalidJwt,
          "Could not verify JWT: JWTNotInIssuer");
    check(test::hs256(claims({{"aud", "other"}})), AuthErrorCode::kInvalidJwt,
          "Could not verify JWT: JWTNotInAudience");
    check(test::hs256(claims({{"nbf", test::kNow + 100}})), AuthErrorCode::kInvalidJwt,
          "Could not verify JWT: JWTNotYetValid");
    // Tampered payload: another payload under the original signature.
    std::string good = test::hs256(claims());
    std::string evil = test::hs256(claims({{"sub", "1"}}));
    const auto p1 = good.find('.'), p2 = good.rfind('.');
    const auto e1 = evil.find('.'), e2 = evil.rfind('.');
    std::string tampered = good.substr(0, p1) + evil.substr(e1, e2 - e1) + good.substr(p2);
    check(tampered, AuthErrorCode::kInvalidJwt,
          "Could not verify JWT: JWSError JWSInvalidSignature");
    check("not$base64.abc.def", AuthErrorCode::kInvalidJwt,
          "Could not verify JWT: JWSError (JSONDecodeError \"Not valid base64url\")");
    check("onlyonepart", AuthErrorCode::kInvalidJwt,
          "Could not verify JWT: JWSError (CompactDecodeError (InvalidNumberOfParts 3 1))");
    check(test::hs256(claims()), AuthErrorCode::kRoleNotAllowed,
          "Your requested role is not in allowed roles", "admin");
    auto no_roles = claims();
    no_roles["https://hasura.io/jwt/claims"].as_object().erase("x-hasura-allowed-roles");
    check(test::hs256(no_roles), AuthErrorCode::kMissingRoleClaims,
          "JWT claim does not contain x-hasura-allowed-roles");
}

TEST_F(AuthenticatorTest, PublicKeyAsHmacSecretIsRefused) {
    auto a = jwt(rs_secret());
    const auto claims = test::hasura_claims();
    ASSERT_TRUE(auth(*a, headers({{"Authorization", bearer(test::rs256(claims))}})).has_value());
    json::object header;
    header["alg"] = "HS256";
    header["typ"] = "JWT";
    const std::string forged = test::hand_made(header, claims, test::rsa_public_pem());
    auto e = fail(*a, headers({{"Authorization", bearer(forged)}}));
    EXPECT_EQ(e.code, AuthErrorCode::kInvalidJwt);
    EXPECT_EQ(e.message, "Could not verify JWT: JWSError JWSInvalidSignature");
    // The configured type is the only algorithm: RS512 with the same key is refused.
    auto rs512 = test::sign(claims, jose::Algorithm::kRS512, test::rsa_key());
    EXPECT_EQ(fail(*a, headers({{"Authorization", bearer(rs512)}})).message,
              "Could not verify JWT: JWSError JWSInvalidSignature");
    auto other = test::sign(claims, jose::Algorithm::kRS256, test::other_rsa_key());
    EXPECT_EQ(fail(*a, headers({{"Authorization", bearer(other)}})).message,
              "Could not verify JWT: JWSError JWSInvalidSignature");
}

TEST_F(AuthenticatorTest, MalformedAuthorizationHeader) {
    auto a = jwt(hs_secret(), "anonymous");
    for (std::string value : {"Bearer", "bearer abc", "Basic abc", "Bearer a b", "abc", "", " "}) {
        auto e = fail(*a, headers({{"Authorization", value}}));
        EXPECT_EQ(e.code, AuthErrorCode::kMalformedAuthorization) << value;
        EXPECT_EQ(e.message, "Malformed Authorization header");
    }
}

TEST_F(AuthenticatorTest, MissingTokenAndUnauthorizedRole) {
    auto a = jwt(hs_secret());
    auto e = fail(*a, {});
    EXPECT_EQ(e.code, AuthErrorCode::kMissingToken);
    EXPECT_EQ(e.wire_code(), "invalid-headers");
    EXPECT_EQ(e.message, "Missing 'Authorization' or 'Cookie' header in JWT authentication mode");

    auto u = jwt(hs_secret(), "anonymous");
    auto s = auth(*u, headers({{"x-hasura-user-id", "9"}}));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->role, "anonymous");
    EXPECT_EQ(s->variables.at("x-hasura-user-id").as_string(), "9");
    // A present but invalid token never falls back to the unauthorized role.
    EXPECT_EQ(fail(*u, headers({{"Authorization", "Bearer x.y.z"}})).code,
              AuthErrorCode::kInvalidJwt);
    // A valid token is used as usual.
    auto t = auth(*u, headers({{"Authorization", bearer(test::hs256(test::hasura_claims()))}}));
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->role, "user");
}

TEST_F(AuthenticatorTest, CookieAndCustomHeaderSources) {
    const std::string token = test::hs256(test::hasura_claims());
    auto c = jwt(hs_secret(R"(,"header":{"type":"Cookie","name":"jwt"})"));
    auto s = auth(*c, headers({{"Cookie", "a=1; jwt=" + token + "; b=2"}}));
    ASSERT_TRUE(s.has_value()) << s.error().message;
    EXPECT_EQ(s->role, "user");
    EXPECT_EQ(fail(*c, headers({{"Cookie", "a=1"}})).code, AuthErrorCode::kMissingToken);
    // The Authorization header is not looked at in cookie mode.
    EXPECT_EQ(fail(*c, headers({{"Authorization", bearer(token)}})).code,
              AuthErrorCode::kMissingToken);

    auto h = jwt(hs_secret(R"(,"header":{"type":"CustomHeader","name":"X-Token"})"));
    auto custom = auth(*h, headers({{"x-token", token}}));
    ASSERT_TRUE(custom.has_value());
    EXPECT_FALSE(custom->token_from_cookie);
    // No Bearer stripping for custom headers (Hasura issue #9949).
    EXPECT_EQ(fail(*h, headers({{"X-Token", bearer(token)}})).message,
              "Could not verify JWT: JWSError (JSONDecodeError \"Not valid base64url\")");
}

// H3: several places tried in order.
TEST_F(AuthenticatorTest, SourceListH3) {
    const std::string token = test::hs256(test::hasura_claims());
    auto a =
        jwt(hs_secret(R"(,"header":[{"type":"Authorization"},{"type":"Cookie","name":"jwt"}])"));
    auto from_header = auth(*a, headers({{"Authorization", bearer(token)}}));
    ASSERT_TRUE(from_header.has_value());
    // The session says where the token came from: the HTTP layer restricts cookie sessions.
    EXPECT_FALSE(from_header->token_from_cookie);
    auto from_cookie = auth(*a, headers({{"Cookie", "jwt=" + token}}));
    ASSERT_TRUE(from_cookie.has_value());
    EXPECT_TRUE(from_cookie->token_from_cookie);
    auto both = auth(*a, headers({{"Authorization", bearer(token)}, {"Cookie", "jwt=" + token}}));
    ASSERT_TRUE(both.has_value());
    EXPECT_FALSE(both->token_from_cookie);
    // The first place present wins: a bad Authorization is not skipped for a good cookie.
    EXPECT_EQ(
        fail(*a, headers({{"Authorization", "Bearer x.y.z"}, {"Cookie", "jwt=" + token}})).code,
        AuthErrorCode::kInvalidJwt);
    EXPECT_EQ(fail(*a, {}).code, AuthErrorCode::kMissingToken);
}

// §1.4: HASURA_GRAPHQL_JWT_SECRETS resolution by unverified issuer.
TEST_F(AuthenticatorTest, MultipleSecretsByIssuer) {
    AuthSettings settings;
    settings.admin_secret = std::string(kAdmin);
    settings.jwt_secrets = "[" + hs_secret(R"(,"issuer":"A")") + "," +
                           rs_secret().substr(0, rs_secret().size() - 1) + R"(,"issuer":"B"}])";
    auto a = make(settings);
    auto claims = test::hasura_claims();
    claims["iss"] = "B";
    auto s = auth(*a, headers({{"Authorization", bearer(test::rs256(claims))}}));
    ASSERT_TRUE(s.has_value()) << s.error().message;
    claims["iss"] = "A";
    EXPECT_TRUE(auth(*a, headers({{"Authorization", bearer(test::hs256(claims))}})).has_value());
    claims["iss"] = "C";
    EXPECT_EQ(fail(*a, headers({{"Authorization", bearer(test::hs256(claims))}})).message,
              "Could not verify JWT: JWTNotInIssuer");

    settings.jwt_secrets = "[" + hs_secret() + "," + hs_secret() + "]";
    auto both = make(settings);
    auto e = fail(*both, headers({{"Authorization", bearer(test::hs256(test::hasura_claims()))}}));
    EXPECT_EQ(e.code, AuthErrorCode::kMultipleJwts);
    EXPECT_EQ(e.message, "Could not verify JWT: Multiple JWTs found");
}

TEST_F(AuthenticatorTest, VerifiedTokenCacheHitAndExpiry) {
    auto a = jwt(hs_secret());
    auto claims = test::hasura_claims();
    claims["exp"] = test::kNow + 10;
    const std::string token = test::hs256(claims);
    const auto h = headers({{"Authorization", bearer(token)}});
    ASSERT_TRUE(auth(*a, h).has_value());
    EXPECT_EQ(a->token_cache().size(), 1u);
    ASSERT_TRUE(auth(*a, h).has_value());  // served from the cache
    EXPECT_EQ(a->token_cache().size(), 1u);
    clock_->advance(std::chrono::seconds(10));
    EXPECT_EQ(fail(*a, h).message, "Could not verify JWT: JWTExpired");
    EXPECT_EQ(a->token_cache().size(), 0u);
    EXPECT_EQ(a->stats().allowed.load(), 2u);
    EXPECT_EQ(a->stats().denied.load(), 1u);
}

TEST_F(AuthenticatorTest, JwkUrlKeysFromALocalServer) {
    std::atomic<int> hits{0};
    http::Router router;
    test::serve_rsa_jwks(router, hits, "max-age=300");
    http::test::TestServer server(std::move(router));
    json::object secret;
    secret["jwk_url"] = server.url("/jwks");
    auto a = jwt(core::to_json(secret));

    auto s =
        auth(*a, headers({{"Authorization", bearer(test::rs256(test::hasura_claims(), "k1"))}}));
    ASSERT_TRUE(s.has_value()) << s.error().message;
    EXPECT_EQ(hits.load(), 1);
    // An unknown kid refetches once (rate-limited), then fails.
    auto e =
        fail(*a, headers({{"Authorization", bearer(test::rs256(test::hasura_claims(), "k9"))}}));
    EXPECT_EQ(e.message, "Could not verify JWT: JWSError NoUsableKeys");
    EXPECT_EQ(hits.load(), 1);  // the first fetch was under a second ago
    clock_->advance(std::chrono::seconds(2));
    fail(*a, headers({{"Authorization", bearer(test::rs256(test::hasura_claims(), "k9"))}}));
    EXPECT_EQ(hits.load(), 2);
}

TEST_F(AuthenticatorTest, InProcessKeySource) {
    auto jwk = jose::make_jwk(*test::rsa_key().public_key(), "idp", jose::Algorithm::kRS256);
    auto set = std::make_shared<const jose::JwkSet>(std::vector<jose::Jwk>{*jwk});
    AuthSettings settings;
    settings.admin_secret = std::string(kAdmin);
    settings.jwt_secret = R"({"jwk_url":"http://127.0.0.1:1/unused"})";
    std::map<std::size_t, std::unique_ptr<KeySource>> sources;
    sources[0] = std::make_unique<FunctionKeySource>([set] { return set; }, *clock_);
    auto a = make(settings, std::move(sources));
    auto s =
        auth(*a, headers({{"Authorization", bearer(test::rs256(test::hasura_claims(), "idp"))}}));
    ASSERT_TRUE(s.has_value()) << s.error().message;
}

TEST_F(AuthenticatorTest, HeadersFromAServerRequest) {
    http::Headers in;
    in.add("X-Hasura-Admin-Secret", std::string(kAdmin));
    in.add("X-Hasura-Role", "user");
    auto request = http::Request::make(http::Method::kPost, "/v1/graphql", in, "{}");
    ASSERT_TRUE(request.has_value());
    const auto h = request_headers(*request);
    EXPECT_EQ(h.get("x-hasura-role").value_or(""), "user");
    auto s = auth(*jwt(hs_secret()), h);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->role, "user");
    EXPECT_EQ(s->method, AuthMethod::kAdminSecret);
}

TEST_F(AuthenticatorTest, WebhookGetAndPost) {
    http::Router router;
    router.get("/hook", [](http::Request& req) -> boost::asio::awaitable<http::Response> {
        if (req.header("Authorization").value_or("") != "Bearer good") {
            co_return http::Response::json(401, "{}");
        }
        auto r = http::Response::json(200, R"({"X-Hasura-Role":"user","X-Hasura-User-Id":"7"})");
        r.set_header("Cache-Control", "max-age=60");
        co_return r;
    });
    router.post("/hook", [](http::Request& req) -> boost::asio::awaitable<http::Response> {
        auto body = core::parse_json(req.body());
        if (!body || !body->is_object() ||
            core::to_json(body->as_object().at("request")) != R"({"query":"{a}"})") {
            co_return http::Response::json(500, "{}");
        }
        co_return http::Response::json(200, R"({"x-hasura-role":"editor"})");
    });
    router.get("/norole", [](http::Request&) -> boost::asio::awaitable<http::Response> {
        co_return http::Response::json(200, R"({"x-hasura-user-id":"1"})");
    });
    // HASURA_GRAPHQL_AUTH_HOOK_SEND_REQUEST_BODY=false: the body holds the headers only.
    router.post("/headers-only", [](http::Request& req) -> boost::asio::awaitable<http::Response> {
        auto body = core::parse_json(req.body());
        if (!body || !body->is_object() || body->as_object().contains("request") ||
            core::to_json(body->as_object().at("headers")) != R"({"X-Any":"1"})") {
            co_return http::Response::json(500, "{}");
        }
        co_return http::Response::json(200, R"({"x-hasura-role":"viewer"})");
    });
    http::test::TestServer server(std::move(router));

    AuthSettings settings;
    settings.admin_secret = std::string(kAdmin);
    settings.auth_hook = server.url("/hook");
    auto get = make(settings);
    auto s = run(get->authenticate(headers({{"Authorization", "Bearer good"}})));
    ASSERT_TRUE(s.has_value()) << s.error().message;
    EXPECT_EQ(s->role, "user");
    EXPECT_EQ(s->method, AuthMethod::kWebhook);
    EXPECT_EQ(s->variables.at("x-hasura-user-id").as_string(), "7");
    EXPECT_EQ(*s->expires_at, test::kNow + 60);
    auto denied = fail(*get, headers({{"Authorization", "Bearer bad"}}));
    EXPECT_EQ(denied.code, AuthErrorCode::kWebhookDenied);
    EXPECT_EQ(denied.http_status(), 401);

    settings.auth_hook_mode = "POST";
    auto post = make(settings);
    auto p = run(post->authenticate(headers({{"X-Any", "1"}}), R"({"query":"{a}"})"));
    ASSERT_TRUE(p.has_value()) << p.error().message;
    EXPECT_EQ(p->role, "editor");
    EXPECT_EQ(fail(*post, {}).code, AuthErrorCode::kWebhookFailed);
    settings.auth_hook = server.url("/headers-only");
    settings.auth_hook_send_request_body = false;
    auto headers_only = make(settings);
    auto v = run(headers_only->authenticate(headers({{"X-Any", "1"}}), R"({"query":"{a}"})"));
    ASSERT_TRUE(v.has_value()) << v.error().message;
    EXPECT_EQ(v->role, "viewer");
    settings.auth_hook_send_request_body = true;
    EXPECT_EQ(fail(*make(settings), headers({{"X-Any", "1"}})).code, AuthErrorCode::kWebhookFailed)
        << "the default sends the request, which this hook refuses";

    settings.auth_hook_mode = "GET";
    settings.auth_hook = server.url("/norole");
    EXPECT_EQ(fail(*make(settings), {}).code, AuthErrorCode::kWebhookFailed);
    settings.auth_hook = "http://127.0.0.1:1/refused";
    core::Logger::global().set_sink([](std::string_view) {});
    EXPECT_EQ(fail(*make(settings), {}).code, AuthErrorCode::kWebhookFailed);
    core::Logger::global().set_sink([](std::string_view) {});
}

}  // namespace
}  // namespace ward::engine::auth

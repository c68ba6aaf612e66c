// HASURA_GRAPHQL_JWT_SECRET(S) parsing (spec/hasura.md §1.3, §1.4, H3) and the start-up mode
// rules (§1.1).
#include "engine/auth/config.hpp"

#include <gtest/gtest.h>

#include "engine/auth/test_support.hpp"

namespace ward::engine::auth {
namespace {

namespace json = core::json;

std::string parse_error(std::string_view text) {
    auto r = parse_jwt_secret(text);
    EXPECT_FALSE(r.has_value()) << text;
    return r ? std::string() : r.error().message();
}

std::string hs(std::string_view extra = "") {
    return R"({"type":"HS256","key":")" + std::string(test::kHsSecret) + "\"" + std::string(extra) +
           "}";
}

TEST(AuthConfigTest, ParsesHmacSecretWithDefaults) {
    auto s = parse_jwt_secret(std::string_view(hs()));
    ASSERT_TRUE(s.has_value()) << s.error().message();
    EXPECT_EQ(s->algorithm, jose::Algorithm::kHS256);
    EXPECT_TRUE(s->key.has_value());
    EXPECT_EQ(s->claims_namespace, "https://hasura.io/jwt/claims");
    EXPECT_EQ(s->claims_format, ClaimsFormat::kJson);
    ASSERT_EQ(s->sources.size(), 1u);
    EXPECT_EQ(s->sources[0].kind, TokenSource::Kind::kAuthorization);
    EXPECT_TRUE(s->audiences.empty());
    EXPECT_FALSE(s->issuer.has_value());
}

TEST(AuthConfigTest, HmacKeySizesFollowTheHash) {
    EXPECT_EQ(parse_error(R"({"type":"HS256","key":"short"})"),
              "Invalid JWK: Key size too small; should be atleast 32 characters");
    EXPECT_EQ(parse_error(R"({"type":"HS384","key":")" + std::string(40, 'a') + "\"}"),
              "Invalid JWK: Key size too small; should be atleast 48 characters");
    EXPECT_EQ(parse_error(R"({"type":"HS512","key":")" + std::string(63, 'a') + "\"}"),
              "Invalid JWK: Key size too small; should be atleast 64 characters");
    EXPECT_TRUE(
        parse_jwt_secret(R"({"type":"HS512","key":")" + std::string(64, 'a') + "\"}").has_value());
}

TEST(AuthConfigTest, UnsupportedKeyTypes) {
    for (std::string type : {"PS256", "Ed448", "hs256", "none", ""}) {
        EXPECT_EQ(parse_error(R"({"type":")" + type + R"(","key":"x"})"),
                  "Invalid JWK: Key type: " + type + " is not supported");
    }
}

TEST(AuthConfigTest, KeyAndJwkUrlRules) {
    EXPECT_EQ(
        parse_error(
            R"({"type":"HS256","key":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","jwk_url":"http://x/"})"),
        "key, jwk_url both cannot be present");
    EXPECT_EQ(parse_error(R"({"type":"HS256"})"), "key and jwk_url both cannot be empty");
    EXPECT_EQ(parse_error(R"({})"), "key and jwk_url both cannot be empty");
    auto s = parse_jwt_secret(R"({"jwk_url":"http://127.0.0.1:1/jwks"})");
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->jwk_url, "http://127.0.0.1:1/jwks");
    EXPECT_FALSE(s->key.has_value());
}

TEST(AuthConfigTest, RsaPublicKeyPem) {
    json::object cfg;
    cfg["type"] = "RS256";
    cfg["key"] = test::rsa_public_pem();
    auto s = parse_jwt_secret_value(cfg);
    ASSERT_TRUE(s.has_value()) << s.error().message();
    EXPECT_EQ(s->key->type(), jose::KeyType::kRsa);
    // A PEM that is garbage, and an RSA key declared as ES256.
    cfg["key"] = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
    EXPECT_FALSE(parse_jwt_secret_value(cfg).has_value());
    cfg["key"] = test::rsa_public_pem();
    cfg["type"] = "ES256";
    auto mismatch = parse_jwt_secret_value(cfg);
    ASSERT_FALSE(mismatch.has_value());
    EXPECT_EQ(mismatch.error().message().rfind("Invalid JWK: ", 0), 0u);
}

TEST(AuthConfigTest, NamespaceAndPathAreExclusive) {
    EXPECT_EQ(parse_error(hs(R"(,"claims_namespace":"a","claims_namespace_path":"$.b")")),
              "claims_namespace and claims_namespace_path both cannot be set");
    EXPECT_EQ(parse_error(hs(R"(,"claims_namespace_path":"hasura")")),
              "invalid JSON path claims_namespace_path error: expecting '$' at position 0");
    auto s =
        parse_jwt_secret(std::string_view(hs(R"(,"claims_namespace_path":"$.hasura['claims%']")")));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->claims_namespace_path->text(), "$.hasura['claims%']");
}

TEST(AuthConfigTest, ClaimsFormat) {
    auto s = parse_jwt_secret(std::string_view(hs(R"(,"claims_format":"stringified_json")")));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->claims_format, ClaimsFormat::kStringifiedJson);
    EXPECT_FALSE(parse_jwt_secret(std::string_view(hs(R"(,"claims_format":"xml")"))).has_value());
}

TEST(AuthConfigTest, ClaimsMapRequiresRoleClaims) {
    EXPECT_EQ(parse_error(hs(R"(,"claims_map":{"x-hasura-default-role":"user"})")),
              "x-hasura-allowed-roles is expected but not found");
    EXPECT_EQ(parse_error(hs(R"(,"claims_map":{"x-hasura-allowed-roles":["user"]})")),
              "x-hasura-default-role is expected but not found");
    EXPECT_EQ(
        parse_error(hs(
            R"(,"claims_map":{"x-hasura-allowed-roles":{"path":"roles"},"x-hasura-default-role":"u"})")),
        "invalid JSON path claims_map error: expecting '$' at position 0");
    auto s = parse_jwt_secret(std::string_view(hs(
        R"(,"claims_map":{"X-Hasura-Allowed-Roles":{"path":"$.roles"},"x-hasura-default-role":{"path":"$.roles[0]","default":"user"},"x-hasura-org":"acme"})")));
    ASSERT_TRUE(s.has_value()) << s.error().message();
    ASSERT_TRUE(s->claims_map.contains("x-hasura-allowed-roles"));  // lower-cased
    EXPECT_TRUE(s->claims_map.at("x-hasura-default-role").default_value.has_value());
    EXPECT_EQ(s->claims_map.at("x-hasura-org").literal->as_string(), "acme");
}

TEST(AuthConfigTest, AudienceIssuerSkew) {
    auto s = parse_jwt_secret(
        std::string_view(hs(R"(,"audience":["a","b"],"issuer":"https://idp","allowed_skew":30)")));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->audiences, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(*s->issuer, "https://idp");
    EXPECT_EQ(s->allowed_skew.count(), 30);
    EXPECT_EQ(parse_jwt_secret(std::string_view(hs(R"(,"audience":"one")")))->audiences.size(), 1u);
    EXPECT_FALSE(parse_jwt_secret(std::string_view(hs(R"(,"audience":5)"))).has_value());
    EXPECT_FALSE(parse_jwt_secret(std::string_view(hs(R"(,"issuer":[1])"))).has_value());
    EXPECT_FALSE(parse_jwt_secret(std::string_view(hs(R"(,"allowed_skew":-1)"))).has_value());
    EXPECT_FALSE(parse_jwt_secret(std::string_view(hs(R"(,"allowed_skew":"5")"))).has_value());
}

TEST(AuthConfigTest, HeaderTypesCaseInsensitive) {
    auto s = parse_jwt_secret(std::string_view(hs(R"(,"header":{"type":"cookie","name":"jwt"})")));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->sources[0], (TokenSource{TokenSource::Kind::kCookie, "jwt"}));
    s = parse_jwt_secret(
        std::string_view(hs(R"(,"header":{"type":"CUSTOMHEADER","name":"X-Token"})")));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->sources[0], (TokenSource{TokenSource::Kind::kCustomHeader, "X-Token"}));
    s = parse_jwt_secret(std::string_view(hs(R"(,"header":{"type":"authorization"})")));
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->sources[0].kind, TokenSource::Kind::kAuthorization);
    EXPECT_EQ(parse_error(hs(R"(,"header":{"type":"Query"})")),
              "expected 'type' is 'Authorization' or 'Cookie' or 'CustomHeader'");
    EXPECT_EQ(parse_error(hs(R"(,"header":{})")),
              "expected 'type' is 'Authorization' or 'Cookie' or 'CustomHeader'");
    EXPECT_FALSE(
        parse_jwt_secret(std::string_view(hs(R"(,"header":{"type":"Cookie"})"))).has_value());
}

// H3: `header` may list several places, tried in order.
TEST(AuthConfigTest, HeaderListH3) {
    auto s = parse_jwt_secret(std::string_view(
        hs(R"(,"header":[{"type":"Authorization"},{"type":"Cookie","name":"token"}])")));
    ASSERT_TRUE(s.has_value());
    ASSERT_EQ(s->sources.size(), 2u);
    EXPECT_EQ(s->sources[1], (TokenSource{TokenSource::Kind::kCookie, "token"}));
    EXPECT_FALSE(parse_jwt_secret(std::string_view(hs(R"(,"header":[])"))).has_value());
    EXPECT_EQ(parse_error(hs(R"(,"header":[{"type":"Authorization"},{"type":"Bad"}])")),
              "expected 'type' is 'Authorization' or 'Cookie' or 'CustomHeader'");
}

TEST(AuthConfigTest, BadShapesNeverCrash) {
    for (std::string_view text :
         {"", "null", "[]", "\"x\"", "{", R"({"key":5,"type":"HS256"})", R"({"jwk_url":5})",
          R"({"jwk_url":""})", R"({"key":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})",
          R"({"type":7,"key":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})"}) {
        EXPECT_FALSE(parse_jwt_secret(text).has_value()) << text;
    }
}

TEST(AuthConfigTest, MultipleSecrets) {
    auto list = parse_jwt_secrets("[" + hs() + R"(,{"jwk_url":"http://127.0.0.1:1/k"}])");
    ASSERT_TRUE(list.has_value());
    EXPECT_EQ(list->size(), 2u);
    EXPECT_FALSE(parse_jwt_secrets(hs()).has_value());
    EXPECT_FALSE(parse_jwt_secrets("[{}]").has_value());
}

// §1.1 mode table and fatal messages.
TEST(AuthModeTest, ModeTable) {
    auto none = resolve_auth_config({});
    ASSERT_TRUE(none.has_value());
    EXPECT_EQ(none->mode, AuthMode::kNoAuth);

    AuthSettings admin;
    admin.admin_secret = "s3cret";
    EXPECT_EQ(resolve_auth_config(admin)->mode, AuthMode::kAdminSecret);

    AuthSettings jwt = admin;
    jwt.jwt_secret = hs();
    auto j = resolve_auth_config(jwt);
    ASSERT_TRUE(j.has_value());
    EXPECT_EQ(j->mode, AuthMode::kJwt);
    EXPECT_EQ(j->jwt_secrets.size(), 1u);

    AuthSettings hook = admin;
    hook.auth_hook = "http://127.0.0.1:1/hook";
    hook.auth_hook_mode = "post";
    auto h = resolve_auth_config(hook);
    ASSERT_TRUE(h.has_value());
    EXPECT_EQ(h->mode, AuthMode::kWebhook);
    EXPECT_EQ(h->webhook->mode, WebhookMode::kPost);
}

TEST(AuthModeTest, FatalMessages) {
    AuthSettings s;
    s.jwt_secret = hs();
    EXPECT_EQ(
        resolve_auth_config(s).error().message(),
        "Fatal Error : --jwt-secret (HASURA_GRAPHQL_JWT_SECRET) requires --admin-secret "
        "(HASURA_GRAPHQL_ADMIN_SECRET) or  --access-key (HASURA_GRAPHQL_ACCESS_KEY) to be set");
    s = {};
    s.auth_hook = "http://h";
    EXPECT_EQ(
        resolve_auth_config(s).error().message(),
        "Fatal Error : --auth-hook (HASURA_GRAPHQL_AUTH_HOOK) requires --admin-secret "
        "(HASURA_GRAPHQL_ADMIN_SECRET) or  --access-key (HASURA_GRAPHQL_ACCESS_KEY) to be set");
    s.admin_secret = "x";
    s.jwt_secret = hs();
    EXPECT_EQ(resolve_auth_config(s).error().message(),
              "Fatal Error: Both webhook and JWT mode cannot be enabled at the same time");
    const std::string unauth =
        "Fatal Error: --unauthorized-role (HASURA_GRAPHQL_UNAUTHORIZED_ROLE) requires "
        "--admin-secret (HASURA_GRAPHQL_ADMIN_SECRET) or --access-key (HASURA_GRAPHQL_ACCESS_KEY) "
        "to be set and is not allowed when --auth-hook (HASURA_GRAPHQL_AUTH_HOOK) is set";
    s = {};
    s.unauthorized_role = "anonymous";
    EXPECT_EQ(resolve_auth_config(s).error().message(), unauth);
    s.admin_secret = "x";
    s.auth_hook = "http://h";
    EXPECT_EQ(resolve_auth_config(s).error().message(), unauth);
    s.auth_hook.clear();
    auto ok = resolve_auth_config(s);
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ(*ok->unauthorized_role, "anonymous");
}

TEST(AuthModeTest, SecretsVariablesWin) {
    AuthSettings s;
    s.admin_secret = "single";
    s.admin_secrets = R"(["a","b"])";
    s.jwt_secret = R"({"bad":true})";
    s.jwt_secrets = "[" + hs() + "]";
    auto c = resolve_auth_config(s);
    ASSERT_TRUE(c.has_value()) << c.error().message();
    EXPECT_EQ(c->admin_secrets, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(c->jwt_secrets.size(), 1u);
    s.admin_secrets = R"(["a",1])";
    EXPECT_FALSE(resolve_auth_config(s).has_value());
    s.admin_secrets.clear();
    s.jwt_secrets = "[]";
    EXPECT_FALSE(resolve_auth_config(s).has_value());
    s.jwt_secrets.clear();
    auto bad = resolve_auth_config(s);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message(),
              "Fatal Error: HASURA_GRAPHQL_JWT_SECRET: key and jwk_url both cannot be empty");
    s.jwt_secret.clear();
    s.auth_hook = "http://h";
    s.auth_hook_mode = "PUT";
    EXPECT_FALSE(resolve_auth_config(s).has_value());
}

}  // namespace
}  // namespace ward::engine::auth

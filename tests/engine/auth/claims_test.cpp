// Claims processing (spec/hasura.md §1.7) with H1 and H2.
#include "engine/auth/claims.hpp"

#include <gtest/gtest.h>

#include "engine/auth/test_support.hpp"

namespace ward::engine::auth {
namespace {

namespace json = core::json;

JwtSecret secret(std::string_view extra = "") {
    auto s = parse_jwt_secret(R"({"type":"HS256","key":")" + std::string(test::kHsSecret) + "\"" +
                              std::string(extra) + "}");
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message());
    return std::move(*s);
}

json::object claims_with(std::string_view ns_json,
                         std::string_view ns = "https://hasura.io/jwt/claims") {
    json::object c;
    c["exp"] = test::kNow + 60;
    c[ns] = *core::parse_json(ns_json);
    return c;
}

AuthError error_of(const JwtSecret& s, const json::object& c) {
    auto r = process_claims(s, c);
    EXPECT_FALSE(r.has_value());
    return r ? AuthError::make(AuthErrorCode::kWebhookFailed, "unexpected success") : r.error();
}

TEST(AuthClaimsTest, NamespaceClaims) {
    auto r = process_claims(secret(),
                            test::hasura_claims({{"X-Hasura-Org-Id", "7"}, {"other", "dropped"}}));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->allowed_roles, (std::vector<std::string>{"user", "editor"}));
    EXPECT_EQ(r->default_role, "user");
    EXPECT_EQ(r->variables.at("x-hasura-user-id").as_string(), "42");
    EXPECT_EQ(r->variables.at("x-hasura-org-id").as_string(), "7");  // lower-cased
    EXPECT_FALSE(r->variables.contains("other"));
    EXPECT_EQ(*r->expires_at, test::kNow + 3600);
}

TEST(AuthClaimsTest, NamespaceNotFound) {
    auto e = error_of(secret(), claims_with("{}", "other"));
    EXPECT_EQ(e.code, AuthErrorCode::kInvalidClaims);
    EXPECT_EQ(e.message, "claims key: 'https://hasura.io/jwt/claims' not found");
    e = error_of(secret(R"(,"claims_namespace_path":"$.hasura.claims")"), claims_with("{}"));
    EXPECT_EQ(e.message, "claims not found at claims_namespace_path: '$.hasura.claims'");
}

TEST(AuthClaimsTest, NamespacePathSeesOnlyUnregisteredClaims) {
    auto s = secret(R"(,"claims_namespace_path":"$")");
    json::object c;
    c["exp"] = test::kNow + 60;
    c["iss"] = "x";
    c["x-hasura-allowed-roles"] = json::array{"user"};
    c["x-hasura-default-role"] = "user";
    auto r = process_claims(s, c);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->default_role, "user");
    EXPECT_EQ(*r->expires_at, test::kNow + 60);
    auto nested = secret(R"(,"claims_namespace_path":"$.hasura['claims%']")");
    json::object c2;
    c2["hasura"] = *core::parse_json(
        R"({"claims%":{"x-hasura-allowed-roles":["a"],"x-hasura-default-role":"a"}})");
    EXPECT_TRUE(process_claims(nested, c2).has_value());
}

TEST(AuthClaimsTest, FormatErrors) {
    auto e = error_of(secret(), claims_with(R"("a string")"));
    EXPECT_EQ(e.message, "expecting a json object when claims_format is json");
    auto s = secret(R"(,"claims_format":"stringified_json")");
    e = error_of(s, claims_with(R"({"x-hasura-default-role":"u"})"));
    EXPECT_EQ(e.message, "expecting a string when claims_format is stringified_json");
    e = error_of(s, claims_with(R"("not json")"));
    EXPECT_EQ(e.message,
              "expecting stringified json at: 'claims_namespace https://hasura.io/jwt/claims', "
              "but found: \"not json\"");
    auto ok = process_claims(
        s,
        claims_with(R"("{\"x-hasura-allowed-roles\":[\"u\"],\"x-hasura-default-role\":\"u\"}")"));
    ASSERT_TRUE(ok.has_value()) << ok.error().message;
    EXPECT_EQ(ok->default_role, "u");
}

TEST(AuthClaimsTest, MissingRoleClaims) {
    auto e = error_of(secret(), claims_with(R"({"x-hasura-default-role":"u"})"));
    EXPECT_EQ(e.code, AuthErrorCode::kMissingRoleClaims);
    EXPECT_EQ(e.wire_code(), "jwt-missing-role-claims");
    EXPECT_EQ(e.message, "JWT claim does not contain x-hasura-allowed-roles");
    e = error_of(secret(), claims_with(R"({"x-hasura-allowed-roles":["u"]})"));
    EXPECT_EQ(e.message, "JWT claim does not contain x-hasura-default-role");
}

TEST(AuthClaimsTest, RoleClaimsOfTheWrongType) {
    auto e = error_of(secret(),
                      claims_with(R"({"x-hasura-allowed-roles":"u","x-hasura-default-role":"u"})"));
    EXPECT_EQ(e.code, AuthErrorCode::kInvalidClaims);
    EXPECT_EQ(e.message,
              "invalid x-hasura-allowed-roles; should be a list of roles: parsing [] failed, "
              "expected Array, but encountered String");
    e = error_of(secret(),
                 claims_with(R"({"x-hasura-allowed-roles":[1],"x-hasura-default-role":"u"})"));
    EXPECT_EQ(e.message,
              "invalid x-hasura-allowed-roles; should be a list of roles: parsing Text failed, "
              "expected String, but encountered Number");
    e = error_of(secret(),
                 claims_with(R"({"x-hasura-allowed-roles":["u"],"x-hasura-default-role":["u"]})"));
    EXPECT_EQ(e.message,
              "invalid x-hasura-default-role; should be a single role name: parsing Text failed, "
              "expected String, but encountered Array");
}

// H2: arrays of scalars are array session variables; other non-strings keep Hasura's error.
TEST(AuthClaimsTest, SessionVariableValues) {
    auto r =
        process_claims(secret(), test::hasura_claims({{"x-hasura-ids", json::array{1, 2, 3}}}));
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(core::to_json(r->variables.at("x-hasura-ids")), "[1,2,3]");
    const std::pair<json::value, std::string_view> bad[] = {
        {json::value(5), "Number"},
        {json::value(true), "Boolean"},
        {json::value(nullptr), "Null"},
        {*core::parse_json(R"({"a":1})"), "Object"},
        {*core::parse_json(R"([[1]])"), "Array"},
    };
    for (const auto& [value, type] : bad) {
        auto e = error_of(secret(), test::hasura_claims({{"x-hasura-x", value}}));
        EXPECT_EQ(e.code, AuthErrorCode::kInvalidClaims);
        EXPECT_EQ(e.message,
                  "x-hasura-* claims: parsing Text failed, expected String, but encountered " +
                      std::string(type));
    }
}

TEST(AuthClaimsTest, ClaimsMapPathsDefaultsAndLiterals) {
    auto s = secret(
        R"(,"claims_map":{"x-hasura-allowed-roles":{"path":"$.roles"},"x-hasura-default-role":{"path":"$.roles[0]"},"x-hasura-user-id":{"path":"$.sub"},"x-hasura-org":"acme","x-hasura-tenant":{"path":"$.t","default":"none"}})");
    json::object c;
    c["sub"] = "u1";
    c["exp"] = test::kNow + 10;
    c["roles"] = json::array{"viewer", "user"};
    auto r = process_claims(s, c);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->allowed_roles, (std::vector<std::string>{"viewer", "user"}));
    EXPECT_EQ(r->default_role, "viewer");
    EXPECT_EQ(r->variables.at("x-hasura-user-id").as_string(), "u1");  // registered claim
    EXPECT_EQ(r->variables.at("x-hasura-org").as_string(), "acme");
    EXPECT_EQ(r->variables.at("x-hasura-tenant").as_string(), "none");

    c.erase("sub");
    auto e = error_of(s, c);
    EXPECT_EQ(e.code, AuthErrorCode::kInvalidClaims);
    EXPECT_EQ(e.message, "JWT claim from claims_map, x-hasura-user-id not found");
    c.erase("roles");
    e = error_of(s, c);
    EXPECT_EQ(e.code, AuthErrorCode::kMissingRoleClaims);
    EXPECT_EQ(e.message, "JWT claim does not contain x-hasura-allowed-roles");
}

// H1: role objects with a `name` (Casdoor's token format) read as that name.
TEST(AuthClaimsTest, ClaimsMapRoleObjectsH1) {
    auto s = secret(
        R"(,"claims_map":{"x-hasura-allowed-roles":{"path":"$.roles"},"x-hasura-default-role":{"path":"$.roles[0]"}})");
    json::object c;
    c["roles"] = *core::parse_json(R"([{"name":"admin-ish","owner":"org"},{"name":"user"}])");
    auto r = process_claims(s, c);
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(r->allowed_roles, (std::vector<std::string>{"admin-ish", "user"}));
    EXPECT_EQ(r->default_role, "admin-ish");
    EXPECT_FALSE(r->expires_at.has_value());
    c["roles"] = *core::parse_json(R"([{"title":"no name"}])");
    EXPECT_EQ(error_of(s, c).code, AuthErrorCode::kInvalidClaims);
}

TEST(AuthClaimsTest, RoleChoice) {
    auto claims = *process_claims(secret(), test::hasura_claims());
    auto def = make_jwt_session(claims, std::nullopt);
    ASSERT_TRUE(def.has_value());
    EXPECT_EQ(def->role, "user");
    EXPECT_EQ(def->variables.at("x-hasura-role").as_string(), "user");
    EXPECT_EQ(def->method, AuthMethod::kJwt);
    EXPECT_EQ(*def->expires_at, test::kNow + 3600);
    auto editor = make_jwt_session(claims, "editor");
    ASSERT_TRUE(editor.has_value());
    EXPECT_EQ(editor->role, "editor");
    auto denied = make_jwt_session(claims, "admin");
    ASSERT_FALSE(denied.has_value());
    EXPECT_EQ(denied.error().code, AuthErrorCode::kRoleNotAllowed);
    EXPECT_EQ(denied.error().message, "Your requested role is not in allowed roles");
    EXPECT_EQ(denied.error().http_status(), 400);
    EXPECT_FALSE(make_jwt_session(claims, "User").has_value());  // role names are case-sensitive
}

TEST(AuthSessionTest, VariableTextAndErrorsJson) {
    Session s;
    s.variables["x-hasura-ids"] = json::array{1, "a,b", nullptr};
    s.variables["x-hasura-user-id"] = "5";
    EXPECT_EQ(*s.variable_text("X-Hasura-Ids"), R"({1,"a,b",NULL})");
    EXPECT_EQ(*s.variable_text("x-hasura-user-id"), "5");
    EXPECT_FALSE(s.variable_text("x-hasura-none").has_value());

    auto e = AuthError::make(AuthErrorCode::kInvalidJwt, "Could not verify JWT: JWTExpired");
    EXPECT_EQ(
        core::to_json(e.to_graphql_json()),
        R"({"errors":[{"extensions":{"path":"$","code":"invalid-jwt"},"message":"Could not verify JWT: JWTExpired"}]})");
    auto admin = AuthError::make(AuthErrorCode::kInvalidAdminSecret);
    EXPECT_EQ(
        core::to_json(admin.to_rest_json()),
        R"({"path":"$","error":"invalid x-hasura-admin-secret/x-hasura-access-key","code":"access-denied"})");
    EXPECT_EQ(admin.http_status(), 401);
}

}  // namespace
}  // namespace ward::engine::auth

// JSON keys, defaults and type checks of the model types (casdoor.md §1, departure C6).
#include <gtest/gtest.h>

#include "core/json.hpp"
#include "core/random.hpp"
#include "idp/model/application.hpp"
#include "idp/model/cert.hpp"
#include "idp/model/fields.hpp"
#include "idp/model/group.hpp"
#include "idp/model/organization.hpp"
#include "idp/model/permission.hpp"
#include "idp/model/role.hpp"
#include "idp/model/session.hpp"
#include "idp/model/token.hpp"
#include "idp/model/user.hpp"

namespace ward::idp::model {
namespace {

namespace json = core::json;

json::value parse(std::string_view text) {
    auto v = core::parse_json(text);
    EXPECT_TRUE(v) << text;
    return v ? *v : json::value();
}

template <typename T>
T decode(std::string_view text) {
    auto r = from_json<T>(parse(text));
    EXPECT_TRUE(r) << (r ? "" : r.error().to_string());
    return r ? std::move(r).value() : T{};
}

// Encoding then decoding gives the same JSON again, key for key.
template <typename T>
void expect_round_trip(const T& obj) {
    json::object first = to_json(obj);
    auto back = from_json<T>(first);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_EQ(json::value(to_json(*back)), json::value(first));
}

TEST(ModelJsonTest, ApplicationDefaultsFollowC6) {
    auto app = decode<Application>(R"({"name":"app1"})");
    EXPECT_EQ(app.owner, "admin");
    EXPECT_EQ(app.organization, "built-in");
    EXPECT_EQ(app.cert, "cert-built-in");
    EXPECT_EQ(app.grant_types, (std::vector<std::string>{"authorization_code", "refresh_token"}));
    EXPECT_EQ(app.token_format, "JWT");
    EXPECT_EQ(app.token_signing_method, "RS256");
    EXPECT_DOUBLE_EQ(app.expire_in_hours, 168);
    EXPECT_DOUBLE_EQ(app.refresh_expire_in_hours, 168);
    EXPECT_DOUBLE_EQ(app.cookie_expire_in_hours, 720);
    EXPECT_TRUE(app.enable_password);
    ASSERT_EQ(app.signin_methods.size(), 4u);
    EXPECT_EQ(app.signin_methods[0].name, "Password");
    EXPECT_EQ(app.signin_methods[0].rule, "All");
    EXPECT_EQ(app.signin_methods[2].name, "WebAuthn");
    EXPECT_EQ(app.signin_methods[2].rule, "None");
    EXPECT_FALSE(grant_type_allowed(app, "password"));
    EXPECT_FALSE(grant_type_allowed(app, "client_credentials"));
    EXPECT_FALSE(grant_type_allowed(app, "token"));
    EXPECT_TRUE(grant_type_allowed(app, "refresh_token"));
}

// casdoor.md §1.3: authorization_code is always allowed, even when absent from grantTypes.
TEST(ModelJsonTest, AuthorizationCodeIsAlwaysAllowed) {
    auto app = decode<Application>(R"({"grantTypes":["password"]})");
    EXPECT_TRUE(grant_type_allowed(app, "authorization_code"));
    EXPECT_TRUE(grant_type_allowed(app, "password"));
    EXPECT_FALSE(grant_type_allowed(app, "refresh_token"));
    auto none = decode<Application>(R"({"grantTypes":null})");
    EXPECT_TRUE(none.grant_types.empty());
    EXPECT_TRUE(grant_type_allowed(none, "authorization_code"));
}

TEST(ModelJsonTest, ApplicationKeysAndNestedLists) {
    auto app = decode<Application>(R"({
        "owner":"admin","name":"app-x","clientId":"abc","clientSecret":"s3",
        "redirectUris":["https://a.example.com/cb"],"tokenFormat":"JWT-Custom",
        "expireInHours":1.5,"refreshExpireInHours":0,"tokenFields":["Email","Roles"],
        "tokenAttributes":[{"name":"roles","category":"Existing Field","value":"Roles","type":"Array"}],
        "signinMethods":[{"name":"Password","displayName":"Password","rule":"All"}],
        "providers":[{"name":"github","canSignUp":false}],
        "scopes":[{"name":"read","displayName":"Read","description":"d"}],
        "failedSigninLimit":3,"unknownKey":{"ignored":true}})");
    EXPECT_EQ(app.client_id, "abc");
    EXPECT_EQ(app.redirect_uris.size(), 1u);
    EXPECT_DOUBLE_EQ(app.expire_in_hours, 1.5);
    EXPECT_DOUBLE_EQ(app.refresh_expire_in_hours, 0);
    ASSERT_EQ(app.token_attributes.size(), 1u);
    EXPECT_EQ(app.token_attributes[0].category, "Existing Field");
    EXPECT_EQ(app.token_attributes[0].type, "Array");
    ASSERT_EQ(app.signin_methods.size(), 1u);
    ASSERT_EQ(app.providers.size(), 1u);
    EXPECT_FALSE(app.providers[0].can_sign_up);
    EXPECT_TRUE(app.providers[0].can_sign_in);
    EXPECT_EQ(effective_failed_signin_limit(app), 3);
    EXPECT_EQ(effective_failed_signin_frozen_minutes(app), 15);

    json::object out = to_json(app);
    EXPECT_EQ(out.at("clientId"), "abc");
    EXPECT_EQ(out.at("expireInHours"), 1.5);
    EXPECT_EQ(out.at("tokenAttributes").at(0).at("value"), "Roles");
    EXPECT_FALSE(out.contains("unknownKey"));
    EXPECT_FALSE(out.contains("client_id"));
    expect_round_trip(app);
}

TEST(ModelJsonTest, EffectiveTokenFormatFallsBackToOrgThenJwt) {
    Application app;
    app.token_format = "";
    EXPECT_EQ(effective_token_format(app, "JWT-Empty"), "JWT-Empty");
    EXPECT_EQ(effective_token_format(app, ""), "JWT");
    app.token_format = "JWT-Standard";
    EXPECT_EQ(effective_token_format(app, "JWT-Empty"), "JWT-Standard");
}

TEST(ModelJsonTest, GeneratedClientCredentialsHaveCasdoorShape) {
    core::SeededRandom random(5);
    auto id = generate_client_id(random);
    auto secret = generate_client_secret(random);
    EXPECT_EQ(id.size(), 20u);
    EXPECT_EQ(secret.size(), 40u);
    for (char c : id + secret) EXPECT_TRUE(std::isxdigit(c) && !std::isupper(c)) << c;
    EXPECT_NE(generate_client_id(random), id);
}

TEST(ModelJsonTest, UserDefaultsAndKeys) {
    auto user = decode<User>(R"({"owner":"built-in","name":"admin","isAdmin":true,
        "emailVerified":true,"properties":{"k":"v"},"groups":["built-in/g1"],"score":2000,
        "address":["l1","l2"],"roles":[{"owner":"built-in","name":"r1"}]})");
    EXPECT_EQ(user.type, "normal-user");
    EXPECT_TRUE(user.is_admin);
    EXPECT_TRUE(user.email_verified);
    EXPECT_EQ(user.properties.at("k"), "v");
    EXPECT_EQ(user.score, 2000);
    ASSERT_EQ(user.roles.size(), 1u);
    EXPECT_EQ(user.roles[0].name, "r1");
    EXPECT_TRUE(user.roles[0].is_enabled);
    json::object out = to_json(user);
    for (std::string_view key :
         {"owner", "name", "createdTime", "displayName", "passwordSalt", "passwordType", "isAdmin",
          "emailVerified", "accessToken", "signinWrongTimes", "lastSigninWrongTime", "totpSecret",
          "recoveryCodes", "permissions", "roles", "groups", "properties", "signupApplication"}) {
        EXPECT_TRUE(out.contains(key)) << key;
    }
    EXPECT_TRUE(out.at("roles").is_array());
    EXPECT_TRUE(out.at("properties").is_object());
    expect_round_trip(user);
}

TEST(ModelJsonTest, AdminRules) {
    User global;
    global.owner = "built-in";
    EXPECT_TRUE(is_global_admin(global));
    EXPECT_TRUE(is_org_admin(global, "other"));
    User org_admin;
    org_admin.owner = "acme";
    org_admin.is_admin = true;
    EXPECT_FALSE(is_global_admin(org_admin));
    EXPECT_TRUE(is_org_admin(org_admin, "acme"));
    EXPECT_FALSE(is_org_admin(org_admin, "other"));
    User plain;
    plain.owner = "acme";
    EXPECT_FALSE(is_org_admin(plain, "acme"));
}

TEST(ModelJsonTest, OrganizationDefaults) {
    auto org = decode<Organization>(R"({"name":"acme"})");
    EXPECT_EQ(org.owner, "admin");
    EXPECT_EQ(org.password_type, "bcrypt");
    EXPECT_EQ(org.password_options, std::vector<std::string>{"AtLeast6"});
    EXPECT_EQ(org.default_token_format, "JWT");
    EXPECT_EQ(org.dcr_policy, "disabled");
    expect_round_trip(org);
    auto with_theme = decode<Organization>(R"({"themeData":{"colorPrimary":"#5734d3"}})");
    EXPECT_EQ(to_json(with_theme).at("themeData").at("colorPrimary"), "#5734d3");
}

TEST(ModelJsonTest, RolePermissionGroupDefaults) {
    auto role = decode<Role>(R"({"owner":"o","name":"r","roles":["o/child"]})");
    EXPECT_TRUE(role.is_enabled);
    EXPECT_EQ(role.roles, std::vector<std::string>{"o/child"});
    expect_round_trip(role);
    auto perm = decode<Permission>(R"({"owner":"o","name":"p","actions":["Read"]})");
    EXPECT_EQ(perm.effect, "Allow");
    EXPECT_EQ(perm.state, "Approved");
    EXPECT_EQ(perm.resource_type, "Application");
    EXPECT_TRUE(perm.is_enabled);
    expect_round_trip(perm);
    auto group = decode<Group>(R"({"owner":"o","name":"g","parentId":"o","properties":{}})");
    EXPECT_TRUE(group.is_enabled);
    EXPECT_EQ(group.parent_id, "o");
    expect_round_trip(group);
}

TEST(ModelJsonTest, CertTokenSessionDefaults) {
    auto cert = decode<Cert>(R"({"name":"cert-built-in","cryptoAlgorithm":"RSA"})");
    EXPECT_EQ(cert.owner, "admin");
    EXPECT_EQ(cert.scope, "JWT");
    EXPECT_EQ(cert.type, "x509");
    EXPECT_EQ(cert.bit_size, 2048);
    EXPECT_EQ(cert.expire_in_years, 20);
    EXPECT_EQ(normalized_crypto_algorithm(cert), "RS256");
    expect_round_trip(cert);

    auto token = decode<Token>(
        R"({"name":"u1","expiresIn":604800,"codeChallenge":"null","dPoPJkt":"x","codeIsUsed":true})");
    EXPECT_EQ(token.owner, "admin");
    EXPECT_EQ(token.token_type, "Bearer");
    EXPECT_EQ(token.expires_in, 604800);
    EXPECT_TRUE(token.code_is_used);
    EXPECT_FALSE(has_code_challenge(token));
    token.code_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    EXPECT_TRUE(has_code_challenge(token));
    EXPECT_TRUE(to_json(token).contains("dPoPJkt"));
    expect_round_trip(token);

    auto session = decode<Session>(
        R"({"owner":"built-in","name":"admin","application":"app-built-in","sessionId":["a","b"]})");
    EXPECT_EQ(session.session_id.size(), 2u);
    expect_round_trip(session);
}

// Go's encoding/json leaves a field unchanged on null; so does Ward.
TEST(ModelJsonTest, NullKeepsTheDefault) {
    auto app = decode<Application>(R"({"tokenFormat":null,"expireInHours":null,"cert":null})");
    EXPECT_EQ(app.token_format, "JWT");
    EXPECT_DOUBLE_EQ(app.expire_in_hours, 168);
    EXPECT_EQ(app.cert, "cert-built-in");
}

TEST(ModelJsonTest, NumbersAcceptIntegersForFloatsButNotTheReverse) {
    auto app = decode<Application>(R"({"expireInHours":24,"failedSigninLimit":7})");
    EXPECT_DOUBLE_EQ(app.expire_in_hours, 24);
    auto bad = from_json<Application>(parse(R"({"failedSigninLimit":1.5})"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message(), "Application.failedSigninLimit: expected an integer");
    auto huge = from_json<User>(parse(R"({"score":18446744073709551615})"));
    ASSERT_FALSE(huge);
    EXPECT_EQ(huge.error().code(), "invalid-field");
}

// Every key of every type, set to every JSON shape: each decode either succeeds or names the key;
// nothing crashes or throws.
TEST(ModelJsonTest, AnyShapeForAnyKeyIsHandled) {
    const json::value shapes[] = {
        nullptr,
        true,
        false,
        0,
        -1,
        std::int64_t{-9223372036854775807 - 1},
        1.5,
        1e308,
        "",
        "x",
        json::array{},
        json::array{1, "a"},
        json::array{json::object{}},
        json::array{json::array{}},
        json::object{},
        json::object{{"a", 1}},
        json::object{{"name", json::array{}}},
        json::value(std::uint64_t{18446744073709551615u}),
    };
    const ObjectKind kinds[] = {
        ObjectKind::kOrganization, ObjectKind::kApplication, ObjectKind::kUser,
        ObjectKind::kRole,         ObjectKind::kPermission,  ObjectKind::kGroup,
        ObjectKind::kCert,         ObjectKind::kToken,       ObjectKind::kSession};
    int decoded = 0, refused = 0;
    for (auto kind : kinds) {
        for (auto key : field_names(kind)) {
            for (const auto& shape : shapes) {
                json::object obj;
                obj[key] = shape;
                auto check = [&](auto r) {
                    if (r) {
                        ++decoded;
                    } else {
                        ++refused;
                        EXPECT_EQ(r.error().code(), "invalid-field");
                        EXPECT_NE(r.error().message().find(std::string(key)), std::string::npos)
                            << r.error().message();
                    }
                };
                switch (kind) {
                    case ObjectKind::kOrganization:
                        check(from_json<Organization>(obj));
                        break;
                    case ObjectKind::kApplication:
                        check(from_json<Application>(obj));
                        break;
                    case ObjectKind::kUser:
                        check(from_json<User>(obj));
                        break;
                    case ObjectKind::kRole:
                        check(from_json<Role>(obj));
                        break;
                    case ObjectKind::kPermission:
                        check(from_json<Permission>(obj));
                        break;
                    case ObjectKind::kGroup:
                        check(from_json<Group>(obj));
                        break;
                    case ObjectKind::kCert:
                        check(from_json<Cert>(obj));
                        break;
                    case ObjectKind::kToken:
                        check(from_json<Token>(obj));
                        break;
                    case ObjectKind::kSession:
                        check(from_json<Session>(obj));
                        break;
                }
            }
        }
    }
    EXPECT_GT(decoded, 0);
    EXPECT_GT(refused, decoded);  // most shapes are wrong for most keys
}

struct WrongType {
    const char* json;
    const char* message;
};

class ModelJsonWrongTypeTest : public ::testing::TestWithParam<WrongType> {};

TEST_P(ModelJsonWrongTypeTest, NamesTheFieldAndTheExpectedType) {
    const auto& c = GetParam();
    json::value v = parse(c.json);
    auto check = [&](auto r) {
        ASSERT_FALSE(r) << c.json;
        EXPECT_EQ(r.error().code(), "invalid-field");
        EXPECT_TRUE(r.error().is(core::ErrorKind::kInvalidArgument));
        EXPECT_EQ(r.error().message(), c.message);
    };
    std::string_view m = c.message;
    if (m.starts_with("User"))
        check(from_json<User>(v));
    else if (m.starts_with("Application"))
        check(from_json<Application>(v));
    else if (m.starts_with("Organization"))
        check(from_json<Organization>(v));
    else if (m.starts_with("Role"))
        check(from_json<Role>(v));
    else if (m.starts_with("Permission"))
        check(from_json<Permission>(v));
    else if (m.starts_with("Group"))
        check(from_json<Group>(v));
    else if (m.starts_with("Cert"))
        check(from_json<Cert>(v));
    else if (m.starts_with("Token"))
        check(from_json<Token>(v));
    else if (m.starts_with("Session"))
        check(from_json<Session>(v));
    else
        FAIL() << "no type for " << m;
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, ModelJsonWrongTypeTest,
    ::testing::Values(
        WrongType{R"({"isAdmin":"yes"})", "User.isAdmin: expected a boolean"},
        WrongType{R"({"name":42})", "User.name: expected a string"},
        WrongType{R"({"score":"10"})", "User.score: expected an integer"},
        WrongType{R"({"groups":"built-in/g"})", "User.groups: expected an array of strings"},
        WrongType{R"({"groups":[1]})", "User.groups: expected an array of strings"},
        WrongType{R"({"properties":{"a":1}})", "User.properties: expected an object of strings"},
        WrongType{R"({"properties":[]})", "User.properties: expected an object of strings"},
        WrongType{R"({"roles":[{"name":7}]})", "User.roles[0]: Role.name: expected a string"},
        WrongType{R"({"roles":["admin"]})", "User.roles[0]: Role: expected a JSON object"},
        WrongType{R"([])", "User: expected a JSON object"},
        WrongType{R"("str")", "Application: expected a JSON object"},
        WrongType{R"({"expireInHours":"168"})", "Application.expireInHours: expected a number"},
        WrongType{R"({"redirectUris":[null]})",
                  "Application.redirectUris: expected an array of strings"},
        WrongType{R"({"signinMethods":[{"name":"Password"},{"rule":false}]})",
                  "Application.signinMethods[1]: SigninMethod.rule: expected a string"},
        WrongType{R"({"tokenAttributes":{}})",
                  "Application.tokenAttributes: expected an array of objects"},
        WrongType{R"({"passwordType":["bcrypt"]})", "Organization.passwordType: expected a string"},
        WrongType{R"({"isEnabled":1})", "Role.isEnabled: expected a boolean"},
        WrongType{R"({"actions":"Read"})", "Permission.actions: expected an array of strings"},
        WrongType{R"({"gidNumber":true})", "Group.gidNumber: expected an integer"},
        WrongType{R"({"bitSize":"2048"})", "Cert.bitSize: expected an integer"},
        WrongType{R"({"expiresIn":1e3})", "Token.expiresIn: expected an integer"},
        WrongType{R"({"sessionId":"abc"})", "Session.sessionId: expected an array of strings"}));

}  // namespace
}  // namespace ward::idp::model

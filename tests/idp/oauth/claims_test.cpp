// Token payloads per format (casdoor.md §3), with C1 (roles/permissions as names), C2 (no secret
// in any token) and C7 (a real ID token).
#include "idp/oauth/claims.hpp"

#include <gtest/gtest.h>

#include "core/json.hpp"

namespace ward::idp::oauth {
namespace {

namespace json = core::json;

json::value js(std::string_view s) { return json::string(s); }

// Every secret value the fixture user holds; none may appear anywhere in any payload.
const std::vector<std::string> kSecretValues = {
    "$2b$10$SECRETHASHSECRETHASH",
    "SALTSALTSALT",
    "TOTPSECRETBASE32",
    "RECOVERY-1",
    "ACCESSKEY-XYZ",
    "ACCESSSECRET-XYZ",
    "HASHVALUE",
    "PREHASHVALUE",
    "UPSTREAM-TOKEN",
    "UPSTREAM-REFRESH",
    "MANAGED-PW",
    "INVITE-CODE",
    "BEARER-OF-GET-ACCOUNT",
};

class OAuthClaimsTest : public ::testing::Test {
  protected:
    OAuthClaimsTest() {
        user_.owner = "acme";
        user_.name = "alice";
        user_.id = "7d1c4a2e-1111-4222-8333-944455556666";
        user_.display_name = "Alice A.";
        user_.email = "alice@example.com";
        user_.email_verified = true;
        user_.phone = "5551234";
        user_.country_code = "US";
        user_.avatar = "https://cdn/alice.png";
        user_.location = "Paris";
        user_.address = {"1 Main St", "Apt 2"};
        user_.gender = "female";
        user_.tag = "staff";
        user_.groups = {"acme/sales-team"};
        user_.properties = {{"department", "sales"}, {"sub", "evil"}};
        user_.password = kSecretValues[0];
        user_.password_salt = kSecretValues[1];
        user_.totp_secret = kSecretValues[2];
        user_.recovery_codes = {kSecretValues[3]};
        user_.access_key = kSecretValues[4];
        user_.access_secret = kSecretValues[5];
        user_.hash = kSecretValues[6];
        user_.pre_hash = kSecretValues[7];
        user_.original_token = kSecretValues[8];
        user_.original_refresh_token = kSecretValues[9];
        user_.managed_accounts = json::array{json::object{{"password", kSecretValues[10]}}};
        user_.invitation_code = kSecretValues[11];
        user_.access_token = kSecretValues[12];

        model::Role sales;
        sales.owner = "acme";
        sales.name = "sales";
        model::Role user_role;
        user_role.owner = "acme";
        user_role.name = "user";
        roles_ = {sales, user_role};
        model::Permission read;
        read.owner = "acme";
        read.name = "read-orders";
        perms_ = {read};

        app_.name = "shop";
        app_.client_id = "0123456789abcdef0123";
        ctx_.issuer = "http://localhost:8000";
        ctx_.audience = access_token_audience(app_, "acme");
        ctx_.issued_at = 1'700'000'000;
        ctx_.expires_at = expiry_after_hours(ctx_.issued_at, 168);
        ctx_.jti = "admin/0b0c0d0e-0000-4000-8000-000000000001";
        ctx_.nonce = "n-0S6_WzA2Mj";
        ctx_.scope = "openid profile email";
        ctx_.azp = app_.client_id;
        ctx_.signin_method = "Password";
    }

    Subject subject() const { return Subject{user_, roles_, perms_}; }

    json::object build(std::string_view format) {
        auto r = build_access_token_claims(format, subject(), app_, ctx_);
        EXPECT_TRUE(r) << (r ? "" : r.error().to_string());
        return r ? *r : json::object{};
    }

    static void expect_no_secrets(const json::object& claims) {
        std::string text = core::to_json(claims);
        for (const auto& secret : kSecretValues) {
            EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked in " << text;
        }
        for (auto key : secret_user_keys()) {
            EXPECT_FALSE(claims.contains(key)) << key;
        }
    }

    static void expect_registered(const json::object& c, const AccessTokenContext& ctx,
                                  std::string_view sub) {
        EXPECT_EQ(c.at("iss"), "http://localhost:8000");
        EXPECT_EQ(c.at("sub"), js(sub));
        EXPECT_EQ(c.at("aud"), (json::array{"0123456789abcdef0123"}));
        EXPECT_EQ(c.at("iat"), ctx.issued_at);
        EXPECT_EQ(c.at("nbf"), ctx.issued_at);
        EXPECT_EQ(c.at("exp"), ctx.issued_at + 168 * 3600);
        EXPECT_EQ(c.at("jti"), js(ctx.jti));
        EXPECT_EQ(c.at("tokenType"), "access-token");
    }

    model::User user_;
    std::vector<model::Role> roles_;
    std::vector<model::Permission> perms_;
    model::Application app_;
    AccessTokenContext ctx_;
};

// C1: the seed's claims_map reads $.roles and $.roles[0] as strings.
TEST_F(OAuthClaimsTest, JwtFormatCarriesTheUserRolesAsNamesAndNoSecrets) {
    auto c = build("JWT");
    expect_registered(c, ctx_, user_.id);
    EXPECT_EQ(c.at("roles"), (json::array{"sales", "user"}));
    EXPECT_EQ(c.at("permissions"), (json::array{"read-orders"}));
    EXPECT_EQ(c.at("groups"), (json::array{"acme/sales-team"}));
    EXPECT_EQ(c.at("id"), js(user_.id));
    EXPECT_EQ(c.at("owner"), "acme");
    EXPECT_EQ(c.at("name"), "alice");
    EXPECT_EQ(c.at("displayName"), "Alice A.");
    EXPECT_EQ(c.at("email_verified"), true);
    EXPECT_FALSE(c.contains("emailVerified"));
    EXPECT_EQ(c.at("tag"), "staff");
    EXPECT_EQ(c.at("properties").at("department"), "sales");
    EXPECT_EQ(c.at("nonce"), js(ctx_.nonce));
    EXPECT_EQ(c.at("scope"), js(ctx_.scope));
    EXPECT_EQ(c.at("azp"), js(app_.client_id));
    EXPECT_EQ(c.at("signinMethod"), "Password");
    EXPECT_FALSE(c.contains("provider"));  // omitempty
    EXPECT_TRUE(c.contains("isAdmin"));
    EXPECT_TRUE(c.contains("lastSigninWrongTime"));
    expect_no_secrets(c);
}

TEST_F(OAuthClaimsTest, JwtFormatOmitsEmptyNonceAndScope) {
    ctx_.nonce.clear();
    ctx_.scope.clear();
    auto c = build("JWT");
    EXPECT_FALSE(c.contains("nonce"));
    EXPECT_FALSE(c.contains("scope"));
}

TEST_F(OAuthClaimsTest, JwtEmptyFormatHasTheShortFixedSet) {
    auto c = build("JWT-Empty");
    expect_registered(c, ctx_, user_.id);
    for (std::string_view key : {"owner", "name", "id", "displayName", "avatar", "email",
                                 "email_verified", "phone", "nonce", "scope", "azp"}) {
        EXPECT_TRUE(c.contains(key)) << key;
    }
    EXPECT_FALSE(c.contains("roles"));
    EXPECT_FALSE(c.contains("tag"));
    EXPECT_FALSE(c.contains("groups"));
    user_.email_verified = false;
    EXPECT_FALSE(build("JWT-Empty").contains("email_verified"));
    expect_no_secrets(c);
}

TEST_F(OAuthClaimsTest, JwtCustomTokenFields) {
    app_.token_fields = {"DisplayName", "Email", "Roles", "Permissions", "permissionNames",
                         "Properties.department", "Id", "provider",
                         // C2: secrets are never emitted even when selected.
                         "Password", "PasswordSalt", "TotpSecret", "RecoveryCodes", "AccessSecret",
                         "Hash", "PreHash", "ManagedAccounts", "OriginalToken",
                         // Registered claims cannot be replaced through properties.
                         "Properties.sub", "NoSuchField"};
    auto c = build("JWT-Custom");
    expect_registered(c, ctx_, user_.id);
    EXPECT_EQ(c.at("displayName"), "Alice A.");
    EXPECT_EQ(c.at("email"), "alice@example.com");
    EXPECT_EQ(c.at("roles"), (json::array{"sales", "user"}));
    EXPECT_EQ(c.at("permissions"), (json::array{"read-orders"}));
    EXPECT_EQ(c.at("permissionNames"), (json::array{"read-orders"}));
    EXPECT_EQ(c.at("department"), "sales");
    EXPECT_EQ(c.at("id"), js(user_.id));
    EXPECT_EQ(c.at("provider"), "");
    EXPECT_FALSE(c.contains("signinMethod"));  // only when selected
    EXPECT_FALSE(c.contains("noSuchField"));
    EXPECT_FALSE(c.contains("phone"));
    expect_no_secrets(c);
}

// JWT-Custom always has nonce and scope, even empty (casdoor.md §3.3).
TEST_F(OAuthClaimsTest, JwtCustomAlwaysHasNonceAndScope) {
    ctx_.nonce.clear();
    ctx_.scope.clear();
    auto c = build("JWT-Custom");
    EXPECT_EQ(c.at("nonce"), "");
    EXPECT_EQ(c.at("scope"), "");
}

TEST_F(OAuthClaimsTest, JwtCustomTokenAttributes) {
    app_.token_attributes = {
        {"roles", "Roles", "Array", "Existing Field"},
        {"role", "Roles", "String", "Existing Field"},
        {"perms", "Permissions", "Array", "Existing Field"},
        {"tenant", "$user.owner", "String", ""},
        {"scoped_roles", "acme:$user.roles", "Array", ""},
        {"first_group", "$user.groups", "String", ""},
        {"mail", "mailto:$user.email", "String", "Static Value"},
        {"static", "fixed", "String", "Static Value"},
        {"empty", "$user.title", "String", ""},     // not a placeholder: kept verbatim
        {"nothing", "", "String", "Static Value"},  // empty result: omitted
        {"sub", "$user.name", "String", ""},        // registered: never replaced
        {"exp", "1", "String", "Static Value"},
    };
    auto c = build("JWT-Custom");
    EXPECT_EQ(c.at("roles"), (json::array{"sales", "user"}));
    EXPECT_EQ(c.at("role"), "sales");
    EXPECT_EQ(c.at("perms"), (json::array{"read-orders"}));
    EXPECT_EQ(c.at("tenant"), "acme");
    EXPECT_EQ(c.at("scoped_roles"), (json::array{"acme:sales", "acme:user"}));
    EXPECT_EQ(c.at("first_group"), "acme/sales-team");
    EXPECT_EQ(c.at("mail"), "mailto:alice@example.com");
    EXPECT_EQ(c.at("static"), "fixed");
    EXPECT_EQ(c.at("empty"), "$user.title");
    EXPECT_FALSE(c.contains("nothing"));
    EXPECT_EQ(c.at("sub"), js(user_.id));
    EXPECT_EQ(c.at("exp"), ctx_.expires_at);
    expect_no_secrets(c);
}

TEST_F(OAuthClaimsTest, JwtCustomRolesAttributeOmittedForAUserWithoutRoles) {
    roles_.clear();
    app_.token_attributes = {{"roles", "Roles", "Array", "Existing Field"}};
    EXPECT_FALSE(build("JWT-Custom").contains("roles"));
}

TEST_F(OAuthClaimsTest, JwtStandardFormat) {
    ctx_.scope = "openid profile phone address";
    auto c = build("JWT-Standard");
    expect_registered(c, ctx_, user_.id);
    EXPECT_EQ(c.at("preferred_username"), "alice");
    EXPECT_EQ(c.at("name"), "Alice A.");
    EXPECT_EQ(c.at("picture"), "https://cdn/alice.png");
    EXPECT_EQ(c.at("email_verified"), true);
    EXPECT_EQ(c.at("gender"), "female");
    EXPECT_EQ(c.at("phone_number"), "+15551234");
    EXPECT_EQ(c.at("phone_number_verified"), true);
    EXPECT_EQ(c.at("address").at("street_address"), "1 Main St\nApt 2");
    EXPECT_FALSE(c.contains("roles"));
    EXPECT_FALSE(c.contains("permissions"));
    EXPECT_FALSE(c.contains("groups"));
    expect_no_secrets(c);

    ctx_.scope = "openid";
    auto narrow = build("JWT-Standard");
    EXPECT_FALSE(narrow.contains("gender"));
    EXPECT_FALSE(narrow.contains("phone_number"));
    EXPECT_EQ(narrow.at("address").at("street_address"), "");  // always present
}

TEST_F(OAuthClaimsTest, UnknownFormatIsAnError) {
    auto r = build_access_token_claims("JWT-Whatever", subject(), app_, ctx_);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), "unsupported-token-format");
}

TEST_F(OAuthClaimsTest, AudienceRules) {
    EXPECT_EQ(access_token_audience(app_, "acme"), std::vector<std::string>{app_.client_id});
    EXPECT_EQ(access_token_audience(app_, "acme", "https://api.example.com"),
              std::vector<std::string>{"https://api.example.com"});
    app_.is_shared = true;
    EXPECT_EQ(access_token_audience(app_, "acme"),
              std::vector<std::string>{app_.client_id + "-org-acme"});
}

TEST_F(OAuthClaimsTest, ExpiryHours) {
    EXPECT_EQ(expiry_after_hours(1000, 1.5), 1000 + 5400);
    EXPECT_EQ(expiry_after_hours(1000, 0), 1000);  // Casdoor: 0 expires immediately
    EXPECT_EQ(expiry_after_hours(1000, -3), 1000);
    EXPECT_EQ(expiry_after_hours(1000, 1e300), 1000 + 100LL * 365 * 24 * 3600);
}

TEST_F(OAuthClaimsTest, ClientCredentialsSubject) {
    auto app_user = application_subject(app_);
    EXPECT_EQ(app_user.id, "admin/shop");
    EXPECT_EQ(app_user.type, "application");
    Subject s{app_user, {}, {}};
    auto r = build_access_token_claims("JWT", s, app_, ctx_);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->at("sub"), "admin/shop");
    EXPECT_EQ(r->at("roles"), json::array{});
    EXPECT_EQ(r->at("permissions"), json::array{});
    EXPECT_EQ(r->at("groups"), json::array{});
    EXPECT_EQ(r->at("properties"), json::object{});
}

// C7 / OIDC Core §2.
TEST_F(OAuthClaimsTest, IdTokenIsAProperOidcToken) {
    IdTokenContext id;
    id.issuer = "http://localhost:8000";
    id.client_id = app_.client_id;
    id.issued_at = 1'700'000'100;
    id.expires_at = 1'700'003'700;
    id.auth_time = 1'700'000'000;
    id.nonce = "n-0S6_WzA2Mj";
    id.at_hash = "9oo4F9IoCxGNFXDkY-ijoA";
    id.scope = "openid profile email";
    auto c = build_id_token_claims(subject(), id);
    EXPECT_EQ(c.at("iss"), "http://localhost:8000");
    EXPECT_EQ(c.at("sub"), js(user_.id));
    EXPECT_EQ(c.at("aud"), js(app_.client_id));  // a string: the client id
    EXPECT_EQ(c.at("azp"), js(app_.client_id));
    EXPECT_EQ(c.at("exp"), 1'700'003'700);
    EXPECT_EQ(c.at("iat"), 1'700'000'100);
    EXPECT_EQ(c.at("auth_time"), 1'700'000'000);
    EXPECT_EQ(c.at("nonce"), "n-0S6_WzA2Mj");
    EXPECT_EQ(c.at("at_hash"), "9oo4F9IoCxGNFXDkY-ijoA");
    EXPECT_EQ(c.at("email"), "alice@example.com");
    EXPECT_EQ(c.at("roles"), (json::array{"sales", "user"}));
    EXPECT_FALSE(c.contains("tokenType"));
    EXPECT_FALSE(c.contains("scope"));
    EXPECT_FALSE(c.contains("jti"));
    expect_no_secrets(c);

    id.nonce.clear();
    id.at_hash.clear();
    id.scope = "openid";
    auto bare = build_id_token_claims(subject(), id);
    EXPECT_FALSE(bare.contains("nonce"));
    EXPECT_FALSE(bare.contains("at_hash"));
    EXPECT_FALSE(bare.contains("email"));
    EXPECT_FALSE(bare.contains("roles"));
}

TEST_F(OAuthClaimsTest, AtHashVectors) {
    // Computed with Python: base64url(left half of SHA-2(token)).
    const std::string token = "eyJhbGciOiJSUzI1NiJ9.e30.sig";
    EXPECT_EQ(*at_hash(token, "RS256"), "9oo4F9IoCxGNFXDkY-ijoA");
    EXPECT_EQ(*at_hash(token, "ES384"), "YiNju6eXuL7cw71V-5VuVouhZ8AXgKHX");
    EXPECT_EQ(*at_hash(token, "PS512"), "RGVwB86-t8y6qJam0GgrnVVW592z1cNXx0pkG3a8cEM");
    for (std::string_view bad : {"none", "", "256", "HS", "EdDSA"}) {
        auto r = at_hash(token, bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code(), "unsupported-alg");
    }
}

TEST_F(OAuthClaimsTest, UserinfoByScope) {
    auto full = build_userinfo(subject(), app_, "http://localhost:8000",
                               "openid profile email address phone");
    EXPECT_EQ(full.at("sub"), js(user_.id));
    EXPECT_EQ(full.at("iss"), "http://localhost:8000");
    EXPECT_EQ(full.at("aud"), js(app_.client_id));
    EXPECT_EQ(full.at("preferred_username"), "alice");
    EXPECT_EQ(full.at("name"), "Alice A.");
    EXPECT_EQ(full.at("picture"), "https://cdn/alice.png");
    EXPECT_EQ(full.at("groups"), (json::array{"acme/sales-team"}));
    EXPECT_EQ(full.at("roles"), (json::array{"sales", "user"}));
    EXPECT_EQ(full.at("permissions"), (json::array{"read-orders"}));
    EXPECT_EQ(full.at("email"), "alice@example.com");
    EXPECT_EQ(full.at("email_verified"), true);
    EXPECT_EQ(full.at("address"), "Paris");
    EXPECT_EQ(full.at("phone"), "5551234");
    expect_no_secrets(full);

    auto openid = build_userinfo(subject(), app_, "http://localhost:8000", "openid");
    EXPECT_EQ(openid.size(), 3u);  // sub, iss, aud

    user_.email_verified = false;
    auto unverified = build_userinfo(subject(), app_, "http://localhost:8000", "email");
    EXPECT_EQ(unverified.at("email_verified"), false);
}

TEST_F(OAuthClaimsTest, UserinfoTokenFieldsWhitelist) {
    app_.token_fields = {"Email", "Roles"};
    auto c = build_userinfo(subject(), app_, "http://localhost:8000", "openid profile email");
    EXPECT_TRUE(c.contains("email"));
    EXPECT_TRUE(c.contains("roles"));
    EXPECT_FALSE(c.contains("preferred_username"));
    EXPECT_FALSE(c.contains("groups"));
    EXPECT_TRUE(c.contains("sub"));
}

}  // namespace
}  // namespace ward::idp::oauth

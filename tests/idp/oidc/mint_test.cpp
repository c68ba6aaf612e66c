#include "idp/oidc/mint.hpp"

#include <gtest/gtest.h>

#include "idp/oauth/claims.hpp"
#include "idp/oidc/discovery.hpp"
#include "idp/oidc/test_keys.hpp"
#include "jose/jwk_set.hpp"
#include "jose/jwt.hpp"

namespace ward::idp::oidc {
namespace {

constexpr std::int64_t kNow = 1'700'000'000;

struct Fixture {
    model::Application app;
    model::User user;
    Fixture() {
        app.name = "shop";
        app.client_id = "client-1";
        app.expire_in_hours = 2;
        user.owner = "acme";
        user.name = "alice";
        user.id = "6f9a1c4e-1111-4222-8333-444455556666";
        user.email = "alice@example.com";
        user.password = "$argon2id$secret-hash";
        user.password_salt = "salty";
        user.totp_secret = "JBSWY3DPEHPK3PXP";
        user.recovery_codes = {"aaaa-bbbb-cccc"};
        model::Role admin;
        admin.owner = "acme";
        admin.name = "admin";
        user.roles.push_back(admin);
    }
    MintRequest request() const {
        MintRequest r;
        r.app = &app;
        r.user = &user;
        r.issuer = "https://id.example.com";
        r.scope = "openid profile email";
        r.nonce = "n-123";
        r.token_name = "0b1c2d3e-aaaa-4bbb-8ccc-ddddeeeeffff";
        r.now = kNow;
        r.auth_time = kNow - 10;
        return r;
    }
};

core::json::object verify(const std::string& token, const server::SigningKey& key) {
    std::vector<server::SigningKey> keys{key};
    auto set = jose::JwkSet::from_json(core::json::value(jwks_document(keys)));
    EXPECT_TRUE(set.has_value());
    auto verified = jose::verify_jwt(token, *set, kNow);
    EXPECT_TRUE(verified.has_value());
    if (!verified) return {};
    EXPECT_EQ(verified->kid, key.cert_name);
    return verified->claims;
}

TEST(IdpOidcMint, JwtFormatCarriesRoleNamesAndNoSecrets) {
    Fixture f;
    auto key =
        testing::make_signing_key(testing::rsa_key(), "cert-built-in", jose::Algorithm::kRS256);
    auto minted = mint_tokens(f.request(), key);
    ASSERT_TRUE(minted.has_value()) << minted.error().message();
    EXPECT_EQ(minted->expires_in, 7200);
    auto claims = verify(minted->access_token, key);
    EXPECT_EQ(core::get_string(claims, "iss").value_or(""), "https://id.example.com");
    EXPECT_EQ(core::get_string(claims, "sub").value_or(""), f.user.id);
    EXPECT_EQ(core::get_string(claims, "jti").value_or(""),
              "admin/0b1c2d3e-aaaa-4bbb-8ccc-ddddeeeeffff");
    EXPECT_EQ(core::get_int(claims, "exp").value_or(0), kNow + 7200);
    auto* roles = core::get_array(claims, "roles");
    ASSERT_NE(roles, nullptr);
    ASSERT_EQ(roles->size(), 1u);
    EXPECT_TRUE((*roles)[0].is_string());  // C1: names, not objects
    EXPECT_EQ((*roles)[0].as_string(), "admin");
    const std::string text = core::to_json(claims);
    for (const char* secret : {"secret-hash", "salty", "JBSWY3DPEHPK3PXP", "aaaa-bbbb-cccc"}) {
        EXPECT_EQ(text.find(secret), std::string::npos) << secret;  // C2
    }
}

TEST(IdpOidcMint, IdTokenIsARealOidcIdToken) {
    Fixture f;
    auto key =
        testing::make_signing_key(testing::rsa_key(), "cert-built-in", jose::Algorithm::kRS256);
    auto minted = mint_tokens(f.request(), key);
    ASSERT_TRUE(minted.has_value());
    ASSERT_FALSE(minted->id_token.empty());
    EXPECT_NE(minted->id_token, minted->access_token);  // C7
    auto claims = verify(minted->id_token, key);
    EXPECT_EQ(core::get_string(claims, "aud").value_or(""), "client-1");
    EXPECT_EQ(core::get_string(claims, "nonce").value_or(""), "n-123");
    EXPECT_EQ(core::get_int(claims, "auth_time").value_or(0), kNow - 10);
    auto expected = oauth::at_hash(minted->access_token, "RS256");
    ASSERT_TRUE(expected.has_value());
    EXPECT_EQ(core::get_string(claims, "at_hash").value_or(""), *expected);
    EXPECT_EQ(core::find(claims, "tokenType"), nullptr);
}

TEST(IdpOidcMint, NoIdTokenWhenNotAskedFor) {
    Fixture f;
    auto key =
        testing::make_signing_key(testing::rsa_key(), "cert-built-in", jose::Algorithm::kRS256);
    auto req = f.request();
    req.with_id_token = false;
    auto minted = mint_tokens(req, key);
    ASSERT_TRUE(minted.has_value());
    EXPECT_TRUE(minted->id_token.empty());
}

TEST(IdpOidcMint, EveryTokenFormat) {
    Fixture f;
    f.app.token_fields = {"email"};
    auto key =
        testing::make_signing_key(testing::rsa_key(), "cert-built-in", jose::Algorithm::kRS256);
    for (const char* format : {"JWT", "JWT-Empty", "JWT-Custom", "JWT-Standard"}) {
        f.app.token_format = format;
        auto minted = mint_tokens(f.request(), key);
        ASSERT_TRUE(minted.has_value()) << format;
        auto claims = verify(minted->access_token, key);
        EXPECT_EQ(core::get_string(claims, "iss").value_or(""), "https://id.example.com") << format;
        const std::string text = core::to_json(claims);
        EXPECT_EQ(text.find("secret-hash"), std::string::npos) << format;
        if (std::string_view(format) == "JWT-Empty") {
            EXPECT_EQ(core::find(claims, "roles"), nullptr);  // the user fields only
        }
        if (std::string_view(format) == "JWT-Custom") {
            EXPECT_EQ(core::get_string(claims, "email").value_or(""), "alice@example.com");
        }
    }
    f.app.token_format = "JWT-Bogus";
    auto bad = mint_tokens(f.request(), key);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code(), "unsupported-token-format");
}

TEST(IdpOidcMint, EverySigningMethodVerifiesAgainstTheJwks) {
    Fixture f;
    struct Case {
        const char* method;
        jose::Key key;
        jose::Algorithm cert_alg;
    };
    std::vector<Case> cases{
        {"RS256", testing::rsa_key(), jose::Algorithm::kRS256},
        {"RS512", testing::rsa_key(), jose::Algorithm::kRS512},
        {"PS256", testing::rsa_key(), jose::Algorithm::kPS256},
        {"ES256", jose::Key::generate_ec("P-256").value(), jose::Algorithm::kES256},
        {"ES384", jose::Key::generate_ec("P-384").value(), jose::Algorithm::kES384},
        {"ES512", jose::Key::generate_ec("P-521").value(), jose::Algorithm::kES512},
        {"EdDSA", jose::Key::generate_ed25519(), jose::Algorithm::kEdDSA},
    };
    for (const auto& c : cases) {
        f.app.token_signing_method = c.method;
        auto key = testing::make_signing_key(c.key, "cert-x", c.cert_alg);
        auto minted = mint_tokens(f.request(), key);
        ASSERT_TRUE(minted.has_value()) << c.method << ": " << minted.error().message();
        EXPECT_EQ(jose::to_string(minted->alg), c.method);
        auto parsed = jose::parse_compact(minted->access_token);
        ASSERT_TRUE(parsed.has_value());
        EXPECT_EQ(jose::to_string(parsed->alg), c.method);
        EXPECT_EQ(parsed->kid, "cert-x");
        EXPECT_TRUE(jose::verify(*parsed, c.key.public_key().value()).has_value()) << c.method;
        auto id = jose::parse_compact(minted->id_token);
        ASSERT_TRUE(id.has_value());
        EXPECT_TRUE(jose::verify(*id, c.key.public_key().value()).has_value()) << c.method;
    }
}

TEST(IdpOidcMint, SigningMethodThatDoesNotFitTheCertIsRefused) {
    Fixture f;
    auto key =
        testing::make_signing_key(testing::rsa_key(), "cert-built-in", jose::Algorithm::kRS256);
    for (const char* method : {"ES256", "HS256", "none", "rs256", "EdDSA"}) {
        f.app.token_signing_method = method;
        auto minted = mint_tokens(f.request(), key);
        ASSERT_FALSE(minted.has_value()) << method;
        EXPECT_EQ(minted.error().code(), "invalid-signing-method");
    }
    f.app.token_signing_method = "";  // the cert's own algorithm
    auto minted = mint_tokens(f.request(), key);
    ASSERT_TRUE(minted.has_value());
    EXPECT_EQ(minted->alg, jose::Algorithm::kRS256);
}

TEST(IdpOidcMint, ClientCredentialsSubjectIsTheApplication) {
    Fixture f;
    auto key =
        testing::make_signing_key(testing::rsa_key(), "cert-built-in", jose::Algorithm::kRS256);
    const auto subject = oauth::application_subject(f.app);
    auto req = f.request();
    req.user = &subject;
    req.with_id_token = false;
    auto minted = mint_tokens(req, key);
    ASSERT_TRUE(minted.has_value());
    auto claims = verify(minted->access_token, key);
    EXPECT_EQ(core::get_string(claims, "sub").value_or(""), "admin/shop");
}

}  // namespace
}  // namespace ward::idp::oidc

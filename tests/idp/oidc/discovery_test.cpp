#include "idp/oidc/discovery.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "idp/oidc/test_keys.hpp"
#include "jose/jwk_set.hpp"

namespace ward::idp::oidc {
namespace {

std::vector<std::string> strings_of(const core::json::object& o, std::string_view key) {
    std::vector<std::string> out;
    if (auto* a = core::get_array(o, key)) {
        for (const auto& v : *a) out.emplace_back(v.as_string());
    }
    return out;
}

TEST(IdpOidcDiscovery, DocumentPointsAtTheIssuersEndpoints) {
    auto doc = discovery_document("https://id.example.com");
    EXPECT_EQ(core::get_string(doc, "issuer").value_or(""), "https://id.example.com");
    EXPECT_EQ(core::get_string(doc, "authorization_endpoint").value_or(""),
              "https://id.example.com/login/oauth/authorize");
    EXPECT_EQ(core::get_string(doc, "token_endpoint").value_or(""),
              "https://id.example.com/api/login/oauth/access_token");
    EXPECT_EQ(core::get_string(doc, "userinfo_endpoint").value_or(""),
              "https://id.example.com/api/userinfo");
    EXPECT_EQ(core::get_string(doc, "jwks_uri").value_or(""),
              "https://id.example.com/.well-known/jwks");
    EXPECT_EQ(core::get_string(doc, "introspection_endpoint").value_or(""),
              "https://id.example.com/api/login/oauth/introspect");
    EXPECT_EQ(core::get_string(doc, "revocation_endpoint").value_or(""),
              "https://id.example.com/api/login/oauth/revoke");
    EXPECT_EQ(core::get_string(doc, "end_session_endpoint").value_or(""),
              "https://id.example.com/api/logout");
    EXPECT_EQ(strings_of(doc, "code_challenge_methods_supported"),
              std::vector<std::string>{"S256"});
    auto algs = strings_of(doc, "id_token_signing_alg_values_supported");
    EXPECT_NE(std::find(algs.begin(), algs.end(), "RS256"), algs.end());
    auto scopes = strings_of(doc, "scopes_supported");
    EXPECT_NE(std::find(scopes.begin(), scopes.end(), "openid"), scopes.end());
}

TEST(IdpOidcDiscovery, AnIssuerWithAPathPrefixPrefixesEveryEndpoint) {
    // WARD_IDP_ORIGIN=https://proxy.example/ward/idp: the IdP behind a proxy under /ward/idp/.
    const std::string base = "https://proxy.example/ward/idp";
    model::Application app;
    app.name = "shop";
    for (const auto& doc : {discovery_document(base), discovery_document(base, &app)}) {
        EXPECT_EQ(core::get_string(doc, "issuer").value_or(""), base);
        for (std::string_view key :
             {"authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri",
              "introspection_endpoint", "revocation_endpoint", "end_session_endpoint"}) {
            EXPECT_TRUE(core::get_string(doc, key).value_or("").starts_with(base + "/")) << key;
        }
    }
    EXPECT_EQ(core::get_string(discovery_document(base), "authorization_endpoint").value_or(""),
              base + "/login/oauth/authorize");
    EXPECT_EQ(core::get_string(discovery_document(base, &app), "jwks_uri").value_or(""),
              base + "/.well-known/shop/jwks");
}

TEST(IdpOidcDiscovery, PerApplicationVariantKeepsTheBareIssuer) {
    model::Application app;
    app.name = "shop";
    app.scopes.push_back(model::ScopeItem{.name = "orders:read"});
    auto doc = discovery_document("http://localhost:8000", &app);
    EXPECT_EQ(core::get_string(doc, "issuer").value_or(""), "http://localhost:8000");
    EXPECT_EQ(core::get_string(doc, "jwks_uri").value_or(""),
              "http://localhost:8000/.well-known/shop/jwks");
    auto scopes = strings_of(doc, "scopes_supported");
    EXPECT_NE(std::find(scopes.begin(), scopes.end(), "orders:read"), scopes.end());
}

TEST(IdpOidcDiscovery, JwksHasKidAlgUseAndNoPrivateMembers) {
    auto rsa =
        testing::make_signing_key(testing::rsa_key(), "cert-built-in", jose::Algorithm::kRS256);
    auto ec_key = jose::Key::generate_ec("P-256").value();
    auto ec = testing::make_signing_key(ec_key, "cert-ec", jose::Algorithm::kES256);
    std::vector<server::SigningKey> keys{rsa, ec};
    auto doc = jwks_document(keys);
    auto* arr = core::get_array(doc, "keys");
    ASSERT_NE(arr, nullptr);
    ASSERT_EQ(arr->size(), 2u);
    const auto& first = (*arr)[0].as_object();
    EXPECT_EQ(core::get_string(first, "kid").value_or(""), "cert-built-in");
    EXPECT_EQ(core::get_string(first, "alg").value_or(""), "RS256");
    EXPECT_EQ(core::get_string(first, "use").value_or(""), "sig");
    EXPECT_EQ(core::get_string(first, "kty").value_or(""), "RSA");
    EXPECT_EQ(core::find(first, "d"), nullptr);
    const auto& second = (*arr)[1].as_object();
    EXPECT_EQ(core::get_string(second, "kty").value_or(""), "EC");
    EXPECT_EQ(core::get_string(second, "crv").value_or(""), "P-256");
    EXPECT_EQ(core::get_string(second, "alg").value_or(""), "ES256");
    // The set parses back and selects by kid.
    auto parsed = jose::JwkSet::from_json(core::json::value(doc));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_NE(parsed->find("cert-ec"), nullptr);
}

TEST(IdpOidcDiscovery, EmptyKeySetIsStillAValidDocument) {
    auto doc = jwks_document({});
    auto* arr = core::get_array(doc, "keys");
    ASSERT_NE(arr, nullptr);
    EXPECT_TRUE(arr->empty());
}

}  // namespace
}  // namespace ward::idp::oidc

#include "jose/jwk.hpp"

#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "jose/test_keys.hpp"
#include "jose/x509.hpp"

namespace ward::jose {
namespace {

Key load(std::string_view pem) { return Key::from_pem(pem).value(); }

core::json::object parse_object(std::string_view text) {
    return core::parse_json(text).value().as_object();
}

TEST(JwkTest, RoundTripsEveryKeyType) {
    for (std::string_view pem : {test::kRsaPublicSpki, test::kP256Public, test::kP384Private,
                                 test::kP521Private, test::kEd25519Public}) {
        Key key = load(pem);
        auto jwk = make_jwk(key, "kid-1", std::nullopt);
        ASSERT_TRUE(jwk.has_value());
        core::json::object json = to_json(*jwk);
        EXPECT_EQ(core::get_string(json, "use"), "sig");
        EXPECT_EQ(core::get_string(json, "kid"), "kid-1");
        EXPECT_EQ(core::find(json, "d"), nullptr);  // never a private member
        auto back = parse_jwk(json);
        ASSERT_TRUE(back.has_value()) << back.error().to_string();
        EXPECT_TRUE(back->key.same_key(key));
        EXPECT_FALSE(back->key.can_sign());
        EXPECT_EQ(back->kid, "kid-1");
    }
}

TEST(JwkTest, EmitsRsaMembersAsCasdoorDoes) {
    auto jwk = make_jwk(load(test::kRsaPrivatePkcs8), "cert-built-in", Algorithm::kRS256);
    ASSERT_TRUE(jwk.has_value());
    core::json::object json = to_json(*jwk);
    EXPECT_EQ(core::get_string(json, "kty"), "RSA");
    EXPECT_EQ(core::get_string(json, "alg"), "RS256");
    EXPECT_EQ(core::get_string(json, "e"), "AQAB");
    auto n = core::base64url_decode(*core::get_string(json, "n"));
    ASSERT_TRUE(n.has_value());
    EXPECT_EQ(n->size(), 256u);  // no leading zero byte (RFC 7518 §6.3.1.1)
    EXPECT_NE((*n)[0], '\0');
}

TEST(JwkTest, EcCoordinatesKeepTheirFullLength) {
    // RFC 7518 §6.2.1.2: x and y are always the field size, even with leading zeros.
    for (int i = 0; i < 8; ++i) {
        Key key = Key::generate_ec("P-521").value();
        core::json::object json = to_json(*make_jwk(key, "", std::nullopt));
        EXPECT_EQ(core::base64url_decode(*core::get_string(json, "x"))->size(), 66u);
        EXPECT_EQ(core::base64url_decode(*core::get_string(json, "y"))->size(), 66u);
    }
}

TEST(JwkTest, ParsesOctSecrets) {
    auto jwk = parse_jwk(test::kRfc7515HmacJwk);
    ASSERT_TRUE(jwk.has_value());
    EXPECT_TRUE(jwk->key.is_symmetric());
    EXPECT_EQ(jwk->key.bits(), 512);
    EXPECT_EQ(
        core::get_string(to_json(*jwk), "k"),
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
}

TEST(JwkTest, IgnoresPrivateMembers) {
    auto jwk = parse_jwk(
        R"({"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",)"
        R"("x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})");
    ASSERT_TRUE(jwk.has_value());
    EXPECT_FALSE(jwk->key.can_sign());
}

// RFC 7638 §3.1 is RSA; RFC 8037 Appendix A.3 gives the Ed25519 thumbprint used here.
TEST(JwkTest, ThumbprintMatchesRfc8037) {
    auto jwk = parse_jwk(test::kRfc8037Jwk);
    ASSERT_TRUE(jwk.has_value());
    EXPECT_EQ(thumbprint(jwk->key), test::kRfc8037Thumbprint);
}

TEST(JwkTest, ChecksX5cAndX5tAgainstTheKey) {
    Key key = load(test::kRsaPrivatePkcs8);
    auto cert = Certificate::from_pem(test::kRsaCertificate);
    ASSERT_TRUE(cert.has_value());
    Jwk jwk = make_jwk(key, "c1", Algorithm::kRS256).value();
    jwk.x5c = {cert->x5c()};
    jwk.x5t_s256 = cert->x5t_s256();
    core::json::object json = to_json(jwk);
    auto back = parse_jwk(json);
    ASSERT_TRUE(back.has_value()) << back.error().to_string();
    EXPECT_EQ(back->x5c, jwk.x5c);
    EXPECT_EQ(back->x5t_s256, jwk.x5t_s256);

    // The certificate of another key.
    Jwk other = make_jwk(load(test::kRsa2Public), "c2", Algorithm::kRS256).value();
    other.x5c = {cert->x5c()};
    auto mismatch = parse_jwk(to_json(other));
    ASSERT_FALSE(mismatch.has_value());
    EXPECT_EQ(mismatch.error().code(), "invalid-jwk");

    core::json::object bad_thumb = json;
    bad_thumb["x5t#S256"] = core::base64url_encode(std::string(32, 'x'));
    EXPECT_EQ(parse_jwk(bad_thumb).error().code(), "invalid-jwk");
    core::json::object bad_x5c = json;
    bad_x5c["x5c"] = core::json::array{"not base64!"};
    EXPECT_EQ(parse_jwk(bad_x5c).error().code(), "invalid-jwk");
    bad_x5c["x5c"] = core::json::array{};
    EXPECT_EQ(parse_jwk(bad_x5c).error().code(), "invalid-jwk");
    bad_x5c["x5c"] = "MIIB";
    EXPECT_EQ(parse_jwk(bad_x5c).error().code(), "invalid-jwk");
}

TEST(JwkTest, RefusesMalformedJwks) {
    struct Case {
        std::string_view json;
        std::string_view code;
    } cases[] = {
        {"", "invalid-jwk"},
        {"[]", "invalid-jwk"},
        {"{}", "invalid-jwk"},
        {R"({"kty":7})", "invalid-jwk"},
        {R"({"kty":"RSA"})", "invalid-jwk"},
        {R"({"kty":"RSA","n":"AQAB"})", "invalid-jwk"},
        {R"({"kty":"RSA","n":5,"e":"AQAB"})", "invalid-jwk"},
        {R"({"kty":"RSA","n":"!!","e":"AQAB"})", "invalid-jwk"},
        {R"({"kty":"RSA","n":"AQAB==","e":"AQAB"})", "invalid-jwk"},
        {R"({"kty":"RSA","n":"","e":"AQAB"})", "invalid-jwk"},
        {R"({"kty":"EC","x":"AA","y":"AA"})", "invalid-jwk"},
        {R"({"kty":"EC","crv":"P-256","x":"AA","y":"AA"})", "invalid-jwk"},
        {R"({"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"})", "unsupported-key"},
        {R"({"kty":"OKP","crv":"Ed448","x":"AA"})", "unsupported-key"},
        {R"({"kty":"OKP","crv":"Ed25519","x":"AA"})", "invalid-jwk"},
        {R"({"kty":"OKP","x":"AA"})", "invalid-jwk"},
        {R"({"kty":"oct"})", "invalid-jwk"},
        {R"({"kty":"oct","k":""})", "invalid-jwk"},
        {R"({"kty":"PQC","x":"AA"})", "unsupported-key"},
        {R"({"kty":"oct","k":"c2VjcmV0","kid":3})", "invalid-jwk"},
        {R"({"kty":"oct","k":"c2VjcmV0","use":false})", "invalid-jwk"},
        {R"({"kty":"oct","k":"c2VjcmV0","alg":"none"})", "unsupported-alg"},
        {R"({"kty":"oct","k":"c2VjcmV0","alg":"RS256"})", "invalid-jwk"},
        {R"({"kty":"oct","k":"c2VjcmV0","alg":5})", "invalid-jwk"},
    };
    for (const Case& c : cases) {
        auto jwk = parse_jwk(c.json);
        ASSERT_FALSE(jwk.has_value()) << c.json;
        EXPECT_EQ(jwk.error().code(), c.code) << c.json << ": " << jwk.error().to_string();
    }
}

TEST(JwkTest, RefusesAlgThatDoesNotFitTheKey) {
    core::json::object json = parse_object(test::kRfc8037Jwk);
    json["alg"] = "ES256";
    EXPECT_EQ(parse_jwk(json).error().code(), "invalid-jwk");
    core::json::object ec = parse_object(test::kRfc7515EcJwk);
    ec["alg"] = "ES384";  // a P-256 key
    EXPECT_EQ(parse_jwk(ec).error().code(), "invalid-jwk");
    EXPECT_FALSE(make_jwk(load(test::kP256Public), "", Algorithm::kRS256).has_value());
}

}  // namespace
}  // namespace ward::jose

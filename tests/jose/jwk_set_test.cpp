#include "jose/jwk_set.hpp"

#include <gtest/gtest.h>

#include "jose/test_keys.hpp"

namespace ward::jose {
namespace {

Key load(std::string_view pem) { return Key::from_pem(pem).value(); }

Jwk jwk(std::string_view pem, std::string kid, std::optional<Algorithm> alg) {
    return make_jwk(load(pem), std::move(kid), alg).value();
}

std::string token(Algorithm alg, std::string_view pem, std::string_view kid) {
    core::json::object header;
    if (!kid.empty()) header["kid"] = kid;
    return sign_compact(header, "{}", alg, load(pem)).value();
}

ParsedJws parsed(const std::string& t) { return parse_compact(t).value(); }

JwkSet sample_set() {
    return JwkSet({jwk(test::kRsaPrivatePkcs8, "rsa", Algorithm::kRS256),
                   jwk(test::kRsa2Private, "rsa2", std::nullopt),
                   jwk(test::kP256Private, "ec", Algorithm::kES256),
                   jwk(test::kEd25519Private, "ed", std::nullopt)});
}

TEST(JwkSetTest, ParsesAndEmitsASet) {
    JwkSet set = sample_set();
    std::string text = core::to_json(set.to_json());
    auto back = JwkSet::parse(text);
    ASSERT_TRUE(back.has_value());
    ASSERT_EQ(back->keys().size(), 4u);
    EXPECT_EQ(back->skipped(), 0u);
    ASSERT_NE(back->find("ec"), nullptr);
    EXPECT_EQ(back->find("ec")->alg, Algorithm::kES256);
    EXPECT_EQ(back->find("missing"), nullptr);
}

// RFC 7517 §5: keys a consumer does not understand are ignored, not fatal.
TEST(JwkSetTest, SkipsKeysItCannotUse) {
    auto set = JwkSet::parse(
        R"({"keys":[{"kty":"RSA","use":"enc","alg":"RSA-OAEP","n":"AQAB","e":"AQAB"},)"
        R"({"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"},)"
        R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"ok"}]})");
    ASSERT_TRUE(set.has_value());
    EXPECT_EQ(set->keys().size(), 1u);
    EXPECT_EQ(set->skipped(), 2u);
    EXPECT_NE(set->find("ok"), nullptr);
}

TEST(JwkSetTest, RefusesMalformedSets) {
    for (std::string_view text :
         {"", "nope", "[]", "{}", R"({"keys":{}})", R"({"keys":[1]})", R"({"keys":"x"})"}) {
        auto set = JwkSet::parse(text);
        ASSERT_FALSE(set.has_value()) << text;
        EXPECT_EQ(set.error().code(), "invalid-jwks") << text;
    }
}

TEST(JwkSetTest, NeverPublishesSecrets) {
    JwkSet set(
        {make_jwk(Key::hmac_secret(std::string(32, 's')).value(), "hs", std::nullopt).value(),
         jwk(test::kP256Public, "ec", std::nullopt)});
    core::json::object json = set.to_json();
    EXPECT_EQ(json.at("keys").as_array().size(), 1u);
    EXPECT_EQ(core::to_json(json).find("\"k\""), std::string::npos);
}

TEST(JwkSetTest, SelectsByKid) {
    JwkSet set = sample_set();
    auto found = set.select(Algorithm::kRS256, "rsa2");
    ASSERT_TRUE(found.has_value());
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ((*found)[0]->kid, "rsa2");
    EXPECT_EQ(set.select(Algorithm::kRS256, "nope").error(), JwtError::kKidNotFound);
    // The kid names an EC key but the token claims RS256.
    EXPECT_EQ(set.select(Algorithm::kRS256, "ec").error(), JwtError::kAlgKeyMismatch);
    // The JWK declares RS256; a token claiming RS512 or PS256 with that kid is refused.
    EXPECT_EQ(set.select(Algorithm::kRS512, "rsa").error(), JwtError::kJwkAlgMismatch);
    EXPECT_EQ(set.select(Algorithm::kPS256, "rsa").error(), JwtError::kJwkAlgMismatch);
}

TEST(JwkSetTest, SelectsByTypeWithoutKid) {
    JwkSet set = sample_set();
    auto rsa = set.select(Algorithm::kRS256, "");
    ASSERT_TRUE(rsa.has_value());
    EXPECT_EQ(rsa->size(), 2u);
    auto ps = set.select(Algorithm::kPS256, "");
    ASSERT_TRUE(ps.has_value());
    EXPECT_EQ(ps->size(), 1u);  // "rsa" declares RS256, so only "rsa2"
    EXPECT_EQ(set.select(Algorithm::kES384, "").error(), JwtError::kNoUsableKey);
    EXPECT_EQ(set.select(Algorithm::kHS256, "").error(), JwtError::kNoUsableKey);
    // Keys of the right type exist, but every one declares another alg.
    JwkSet only_rs256({jwk(test::kRsaPublicSpki, "", Algorithm::kRS256)});
    EXPECT_EQ(only_rs256.select(Algorithm::kPS256, "").error(), JwtError::kJwkAlgMismatch);
    EXPECT_EQ(JwkSet().select(Algorithm::kRS256, "").error(), JwtError::kNoUsableKey);
}

TEST(JwkSetTest, SkipsEncryptionKeysForSignatures) {
    Jwk enc = jwk(test::kP256Public, "e", std::nullopt);
    enc.use = "enc";
    JwkSet set({enc});
    EXPECT_EQ(set.select(Algorithm::kES256, "").error(), JwtError::kNoUsableKey);
    EXPECT_EQ(set.select(Algorithm::kES256, "e").error(), JwtError::kAlgKeyMismatch);
}

TEST(JwkSetTest, VerifiesWithTheRightKey) {
    JwkSet set = sample_set();
    auto used = set.verify(parsed(token(Algorithm::kRS256, test::kRsa2Private, "rsa2")));
    ASSERT_TRUE(used.has_value());
    EXPECT_EQ((*used)->kid, "rsa2");
    // Without a kid every RSA key is tried.
    used = set.verify(parsed(token(Algorithm::kRS256, test::kRsa2Private, "")));
    ASSERT_TRUE(used.has_value());
    EXPECT_EQ((*used)->kid, "rsa2");
    EXPECT_TRUE(set.verify(parsed(token(Algorithm::kEdDSA, test::kEd25519Private, ""))));
    // Signed by rsa2 but claiming kid "rsa": the named key does not verify it.
    EXPECT_EQ(set.verify(parsed(token(Algorithm::kRS256, test::kRsa2Private, "rsa"))).error(),
              JwtError::kBadSignature);
    // A key the set does not hold.
    EXPECT_EQ(set.verify(parsed(token(Algorithm::kES384, test::kP384Private, ""))).error(),
              JwtError::kNoUsableKey);
    EXPECT_EQ(set.verify(parsed(token(Algorithm::kES256, test::kP256Private, "other"))).error(),
              JwtError::kKidNotFound);
}

}  // namespace
}  // namespace ward::jose

#include "jose/jws.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/encoding.hpp"
#include "jose/digest.hpp"
#include "jose/jwk.hpp"
#include "jose/test_keys.hpp"

namespace ward::jose {
namespace {

Key load(std::string_view pem) { return Key::from_pem(pem).value(); }
Key secret(std::size_t n) { return Key::hmac_secret(std::string(n, 's')).value(); }

std::string b64(std::string_view s) { return core::base64url_encode(s); }

struct SignCase {
    Algorithm alg;
    std::string_view private_pem;
    std::string_view public_pem;  // empty: the HMAC secret is both
};

const SignCase kCases[] = {
    {Algorithm::kRS256, test::kRsaPrivatePkcs8, test::kRsaPublicSpki},
    {Algorithm::kRS384, test::kRsaPrivatePkcs1, test::kRsaPublicPkcs1},
    {Algorithm::kRS512, test::kRsaPrivatePkcs8, test::kRsaCertificate},
    {Algorithm::kPS256, test::kRsaPrivatePkcs8, test::kRsaPublicSpki},
    {Algorithm::kPS384, test::kRsaPrivatePkcs8, test::kRsaPublicSpki},
    {Algorithm::kPS512, test::kRsaPrivatePkcs8, test::kRsaPublicSpki},
    {Algorithm::kES256, test::kP256Private, test::kP256Public},
    {Algorithm::kES384, test::kP384Private, test::kP384Private},
    {Algorithm::kES512, test::kP521Private, test::kP521Private},
    {Algorithm::kEdDSA, test::kEd25519Private, test::kEd25519Public},
    {Algorithm::kHS256, "", ""},
    {Algorithm::kHS384, "", ""},
    {Algorithm::kHS512, "", ""},
};

Key signer(const SignCase& c) { return c.private_pem.empty() ? secret(64) : load(c.private_pem); }
Key verifier(const SignCase& c) {
    if (c.public_pem.empty()) return secret(64);
    return load(c.public_pem).public_key().value();
}

// RFC 7515 Appendix A.1.
// The payload read before verification, to route a token: any header and signature; nothing
// for a token that is too long, not three segments, or whose payload is not a JSON object.
TEST(JwsTest, PeeksAtThePayloadWithoutVerifying) {
    const std::string payload =
        core::base64url_encode(R"({"iss":"https://id.example","jti":"admin/x"})");
    auto claims = peek_payload("e30." + payload + ".c2ln");
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->at("iss").as_string(), "https://id.example");
    EXPECT_EQ(claims->at("jti").as_string(), "admin/x");
    EXPECT_TRUE(peek_payload("anything." + payload + "."));  // nothing else is looked at
    EXPECT_FALSE(peek_payload("e30." + payload + ".c2ln", 10));
    EXPECT_FALSE(peek_payload(payload));
    EXPECT_FALSE(peek_payload("e30.%%%.c2ln"));
    EXPECT_FALSE(peek_payload("e30." + core::base64url_encode("[1,2]") + ".c2ln"));
    EXPECT_FALSE(peek_payload("e30." + core::base64url_encode("not json") + ".c2ln"));
    EXPECT_FALSE(peek_payload(""));
}

TEST(JwsTest, VerifiesRfc7515HmacExample) {
    auto jwk = parse_jwk(test::kRfc7515HmacJwk);
    ASSERT_TRUE(jwk.has_value());
    auto jws = parse_compact(test::kRfc7515A1Token);
    ASSERT_TRUE(jws.has_value());
    EXPECT_EQ(jws->alg, Algorithm::kHS256);
    EXPECT_EQ(core::get_string(jws->header, "typ"), "JWT");
    EXPECT_TRUE(verify(*jws, jwk->key).has_value());
    // Signing the same input with the same key reproduces the RFC's signature (HMAC is
    // deterministic).
    auto sig = sign(Algorithm::kHS256, jwk->key, jws->signing_input);
    ASSERT_TRUE(sig.has_value());
    EXPECT_EQ(b64(*sig), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

// RFC 7515 Appendix A.3 (ES256, raw R||S signature).
TEST(JwsTest, VerifiesRfc7515EcdsaExample) {
    auto jwk = parse_jwk(test::kRfc7515EcJwk);
    ASSERT_TRUE(jwk.has_value());
    auto jws = parse_compact(test::kRfc7515A3Token);
    ASSERT_TRUE(jws.has_value());
    EXPECT_EQ(jws->signature.size(), 64u);
    EXPECT_TRUE(verify(*jws, jwk->key).has_value());
}

// RFC 8037 Appendix A.4 / A.5.
TEST(JwsTest, VerifiesRfc8037Ed25519Example) {
    auto jwk = parse_jwk(test::kRfc8037Jwk);
    ASSERT_TRUE(jwk.has_value());
    auto jws = parse_compact(test::kRfc8037Token);
    ASSERT_TRUE(jws.has_value());
    EXPECT_EQ(jws->alg, Algorithm::kEdDSA);
    EXPECT_EQ(jws->payload, "Example of Ed25519 signing");
    EXPECT_TRUE(verify(*jws, jwk->key).has_value());
}

TEST(JwsTest, VerifiesTokensSignedByTheOpensslCli) {
    Key pub = load(test::kRsaPublicSpki);
    for (std::string_view token : {test::kOpensslPs256Token, test::kOpensslRs256Token}) {
        auto jws = parse_compact(token);
        ASSERT_TRUE(jws.has_value());
        EXPECT_EQ(jws->kid, "openssl");
        EXPECT_TRUE(verify(*jws, pub).has_value()) << token;
    }
    // PKCS#1 v1.5 is deterministic: our RS256 signature is byte-identical to OpenSSL's.
    auto rs = parse_compact(test::kOpensslRs256Token).value();
    EXPECT_EQ(sign(Algorithm::kRS256, load(test::kRsaPrivatePkcs8), rs.signing_input).value(),
              rs.signature);
}

TEST(JwsTest, SignsAndVerifiesEveryAlgorithm) {
    core::json::object header;
    header["kid"] = "k1";
    header["typ"] = "JWT";
    for (const SignCase& c : kCases) {
        SCOPED_TRACE(std::string(to_string(c.alg)));
        auto token = sign_compact(header, R"({"sub":"alice"})", c.alg, signer(c));
        ASSERT_TRUE(token.has_value()) << to_string(token.error());
        auto jws = parse_compact(*token);
        ASSERT_TRUE(jws.has_value());
        EXPECT_EQ(jws->alg, c.alg);
        EXPECT_EQ(jws->kid, "k1");
        EXPECT_EQ(jws->payload, R"({"sub":"alice"})");
        // "alg" comes first, as Casdoor and most libraries emit it.
        EXPECT_EQ(core::base64url_decode(token->substr(0, token->find('.')))
                      .value()
                      .rfind("{\"alg\":\"" + std::string(to_string(c.alg)) + "\"", 0),
                  0u);
        EXPECT_TRUE(verify(*jws, verifier(c)).has_value());
    }
}

TEST(JwsTest, EcdsaSignaturesAreRawRAndS) {
    const std::pair<Algorithm, std::string_view> cases[] = {
        {Algorithm::kES256, test::kP256Private},
        {Algorithm::kES384, test::kP384Private},
        {Algorithm::kES512, test::kP521Private}};
    const std::size_t sizes[] = {64, 96, 132};
    for (int i = 0; i < 3; ++i) {
        // Many signatures, so that short R or S values (leading zero bytes) are exercised too.
        for (int n = 0; n < 20; ++n) {
            auto sig = sign(cases[i].first, load(cases[i].second), "input" + std::to_string(n));
            ASSERT_TRUE(sig.has_value());
            EXPECT_EQ(sig->size(), sizes[i]);
            EXPECT_TRUE(verify_signature(cases[i].first, load(cases[i].second),
                                         "input" + std::to_string(n), *sig)
                            .has_value());
        }
    }
}

TEST(JwsTest, RefusesTamperingWithAnySegment) {
    for (const SignCase& c : kCases) {
        SCOPED_TRACE(std::string(to_string(c.alg)));
        auto token = sign_compact({}, R"({"sub":"alice","admin":false})", c.alg, signer(c));
        ASSERT_TRUE(token.has_value());
        std::size_t d1 = token->find('.');
        std::size_t d2 = token->rfind('.');
        std::string header = token->substr(0, d1);
        std::string payload = token->substr(d1 + 1, d2 - d1 - 1);
        std::string signature = token->substr(d2 + 1);

        std::string other_payload = b64(R"({"sub":"alice","admin":true})");
        core::json::object h2 = parse_compact(*token)->header;
        h2["kid"] = "evil";
        std::string other_header = b64(core::to_json(h2));
        std::string sig_bytes = core::base64url_decode(signature).value();
        sig_bytes[sig_bytes.size() / 2] ^= 0x01;
        std::string flipped_sig = b64(sig_bytes);

        for (const std::string& forged : {header + "." + other_payload + "." + signature,
                                          other_header + "." + payload + "." + signature,
                                          header + "." + payload + "." + flipped_sig}) {
            auto jws = parse_compact(forged);
            ASSERT_TRUE(jws.has_value());
            auto ok = verify(*jws, verifier(c));
            ASSERT_FALSE(ok.has_value());
            EXPECT_EQ(ok.error(), JwtError::kBadSignature);
        }
    }
}

TEST(JwsTest, RefusesSignatureOfWrongLength) {
    Key p256 = load(test::kP256Public);
    Key rsa = load(test::kRsaPublicSpki);
    Key ed = load(test::kEd25519Public);
    for (std::size_t n : {0, 1, 63, 65, 72, 128}) {
        std::string sig(n, '\x01');
        EXPECT_EQ(verify_signature(Algorithm::kES256, p256, "x", sig).error(),
                  JwtError::kBadSignature);
        EXPECT_EQ(verify_signature(Algorithm::kRS256, rsa, "x", sig).error(),
                  JwtError::kBadSignature);
        EXPECT_EQ(verify_signature(Algorithm::kEdDSA, ed, "x", sig).error(),
                  JwtError::kBadSignature);
    }
    // A DER-encoded ECDSA signature is not the JOSE form and must not verify.
    auto raw = sign(Algorithm::kES256, load(test::kP256Private), "x").value();
    std::string der = "\x30\x44\x02\x20" + raw.substr(0, 32) + "\x02\x20" + raw.substr(32);
    EXPECT_EQ(verify_signature(Algorithm::kES256, p256, "x", der).error(), JwtError::kBadSignature);
    // R = S = 0 must never verify.
    EXPECT_EQ(verify_signature(Algorithm::kES256, p256, "x", std::string(64, '\0')).error(),
              JwtError::kBadSignature);
}

TEST(JwsTest, KeyDecidesTheFamily) {
    Key rsa = load(test::kRsaPrivatePkcs8);
    Key p256 = load(test::kP256Private);
    Key ed = load(test::kEd25519Private);
    Key hmac = secret(64);
    EXPECT_EQ(sign(Algorithm::kHS256, rsa, "x").error(), JwtError::kAlgKeyMismatch);
    EXPECT_EQ(sign(Algorithm::kES256, rsa, "x").error(), JwtError::kAlgKeyMismatch);
    EXPECT_EQ(sign(Algorithm::kES384, p256, "x").error(), JwtError::kAlgKeyMismatch);
    EXPECT_EQ(sign(Algorithm::kRS256, p256, "x").error(), JwtError::kAlgKeyMismatch);
    EXPECT_EQ(sign(Algorithm::kES256, ed, "x").error(), JwtError::kAlgKeyMismatch);
    EXPECT_EQ(sign(Algorithm::kRS256, hmac, "x").error(), JwtError::kAlgKeyMismatch);
    auto es = sign(Algorithm::kES256, p256, "x").value();
    EXPECT_EQ(verify_signature(Algorithm::kES256, rsa, "x", es).error(), JwtError::kAlgKeyMismatch);
    EXPECT_EQ(verify_signature(Algorithm::kHS256, p256, "x", es).error(),
              JwtError::kAlgKeyMismatch);
}

// RFC 8725 §2.1: a token signed with HS256 using the RSA public key's PEM as the secret must not
// verify against that RSA key.
TEST(JwsTest, HmacWithPublicKeyPemDoesNotVerify) {
    const std::string pem(test::kRsaPublicSpki);
    std::string input = b64(R"({"alg":"HS256"})") + "." + b64(R"({"sub":"admin"})");
    std::string mac = hmac(DigestAlg::kSha256, pem, input);
    auto jws = parse_compact(input + "." + b64(mac));
    ASSERT_TRUE(jws.has_value());
    auto ok = verify(*jws, load(test::kRsaPublicSpki));
    ASSERT_FALSE(ok.has_value());
    EXPECT_EQ(ok.error(), JwtError::kAlgKeyMismatch);
}

TEST(JwsTest, RefusesWeakKeys) {
    Key rsa1024 = load(test::kRsa1024Private);
    EXPECT_EQ(rsa1024.bits(), 1024);
    EXPECT_EQ(sign(Algorithm::kRS256, rsa1024, "x").error(), JwtError::kWeakKey);
    EXPECT_EQ(verify_signature(Algorithm::kRS256, *rsa1024.public_key(), "x", std::string(128, 'x'))
                  .error(),
              JwtError::kWeakKey);
    // RFC 7518 §3.2: the HMAC key must be at least as long as the hash output.
    EXPECT_EQ(sign(Algorithm::kHS256, secret(31), "x").error(), JwtError::kWeakKey);
    EXPECT_TRUE(sign(Algorithm::kHS256, secret(32), "x").has_value());
    EXPECT_EQ(sign(Algorithm::kHS384, secret(47), "x").error(), JwtError::kWeakKey);
    EXPECT_EQ(sign(Algorithm::kHS512, secret(63), "x").error(), JwtError::kWeakKey);
    EXPECT_EQ(verify_signature(Algorithm::kHS512, secret(32), "x", std::string(64, 'x')).error(),
              JwtError::kWeakKey);
}

TEST(JwsTest, PublicKeysCannotSign) {
    EXPECT_EQ(sign(Algorithm::kRS256, load(test::kRsaPublicSpki), "x").error(),
              JwtError::kKeyCannotSign);
    EXPECT_EQ(sign(Algorithm::kEdDSA, load(test::kEd25519Public), "x").error(),
              JwtError::kKeyCannotSign);
}

TEST(JwsTest, ParseRefusesEveryMalformedShape) {
    const std::string h = b64(R"({"alg":"HS256"})");
    const std::string p = b64(R"({"sub":"a"})");
    const std::string s = b64("signature");
    struct Case {
        std::string token;
        JwtError want;
    } cases[] = {
        {"", JwtError::kMalformed},
        {"abc", JwtError::kMalformed},
        {h + "." + p, JwtError::kMalformed},
        {h + "." + p + "." + s + ".x.y", JwtError::kMalformed},  // JWE shape
        {h + "." + p + "." + s + ".", JwtError::kMalformed},
        {"." + p + "." + s, JwtError::kMalformed},
        {h + "." + p + ".", JwtError::kMalformed},
        {"!!!." + p + "." + s, JwtError::kBadBase64},
        {h + "." + p + "." + s + "=", JwtError::kBadBase64},
        {h + "." + p + "." + "a", JwtError::kBadBase64},  // impossible length
        {h + ".%%%." + s, JwtError::kBadBase64},
        {h + "=." + p + "." + s, JwtError::kBadBase64},
        {b64("not json") + "." + p + "." + s, JwtError::kBadHeader},
        {b64("[1,2]") + "." + p + "." + s, JwtError::kBadHeader},
        {b64("\"HS256\"") + "." + p + "." + s, JwtError::kBadHeader},
        {b64(R"({"alg":"HS256","kid":7})") + "." + p + "." + s, JwtError::kBadHeader},
        {b64(R"({"alg":"HS256"} trailing)") + "." + p + "." + s, JwtError::kBadHeader},
        {b64(R"({"typ":"JWT"})") + "." + p + "." + s, JwtError::kMissingAlg},
        {b64(R"({"alg":256})") + "." + p + "." + s, JwtError::kMissingAlg},
        {b64(R"({"alg":null})") + "." + p + "." + s, JwtError::kMissingAlg},
        {b64(R"({"alg":"none"})") + "." + p + ".", JwtError::kAlgNone},
        {b64(R"({"alg":"none"})") + "." + p + "." + s, JwtError::kAlgNone},
        {b64(R"({"alg":"nOnE"})") + "." + p + "." + s, JwtError::kAlgNone},
        {b64(R"({"alg":"HS1"})") + "." + p + "." + s, JwtError::kUnsupportedAlg},
        {b64(R"({"alg":"RSA-OAEP"})") + "." + p + "." + s, JwtError::kUnsupportedAlg},
        {b64(R"({"alg":"HS256","crit":["exp"]})") + "." + p + "." + s, JwtError::kUnsupportedCrit},
    };
    for (const Case& c : cases) {
        auto jws = parse_compact(c.token);
        ASSERT_FALSE(jws.has_value()) << c.token;
        EXPECT_EQ(jws.error(), c.want) << c.token << " gave " << to_string(jws.error());
    }
}

TEST(JwsTest, ParseRefusesOversizedTokensBeforeDecoding) {
    std::string big = b64(R"({"alg":"HS256"})") + "." + std::string(kMaxTokenBytes, 'A') + ".AA";
    EXPECT_EQ(parse_compact(big).error(), JwtError::kTooLarge);
    EXPECT_EQ(parse_compact("a.b.c", 4).error(), JwtError::kTooLarge);
    // Deeply nested header JSON is refused, not recursed into.
    std::string deep =
        R"({"alg":"HS256","x":)" + std::string(200, '[') + std::string(200, ']') + "}";
    EXPECT_EQ(parse_compact(b64(deep) + ".e30.AAAA").error(), JwtError::kBadHeader);
}

TEST(JwsTest, ParseKeepsPayloadBytesAsIs) {
    // The payload of a JWS need not be JSON (RFC 7515 §3); binary bytes survive.
    std::string payload("\x00\xff\x01 not json", 12);
    auto token = sign_compact({}, payload, Algorithm::kHS256, secret(32));
    ASSERT_TRUE(token.has_value());
    auto jws = parse_compact(*token);
    ASSERT_TRUE(jws.has_value());
    EXPECT_EQ(jws->payload, payload);
    EXPECT_TRUE(verify(*jws, secret(32)).has_value());
}

TEST(JwsTest, SignCompactOverridesAnyAlgInTheHeader) {
    core::json::object header;
    header["alg"] = "none";
    auto token = sign_compact(header, "{}", Algorithm::kHS256, secret(32));
    ASSERT_TRUE(token.has_value());
    auto jws = parse_compact(*token);
    ASSERT_TRUE(jws.has_value());
    EXPECT_EQ(jws->alg, Algorithm::kHS256);
}

TEST(JwsTest, VerifiesConcurrentlyWithOneKey) {
    for (const SignCase& c : {kCases[0], kCases[3], kCases[6], kCases[9], kCases[10]}) {
        SCOPED_TRACE(std::string(to_string(c.alg)));
        Key key = verifier(c);
        std::vector<std::string> tokens;
        for (int i = 0; i < 4; ++i) {
            tokens.push_back(
                sign_compact({}, "{\"n\":" + std::to_string(i) + "}", c.alg, signer(c)).value());
        }
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 50; ++i) {
                    auto jws = parse_compact(tokens[(t + i) % 4]);
                    if (!jws || !verify(*jws, key)) {
                        ++failures;
                        continue;
                    }
                    // A forged one must fail on every thread too.
                    auto forged = *jws;
                    forged.signing_input += "x";
                    if (verify(forged, key)) ++failures;
                }
            });
        }
        for (auto& t : threads) t.join();
        EXPECT_EQ(failures.load(), 0);
    }
}

TEST(JwsTest, SignsConcurrentlyWithOneKey) {
    for (const SignCase& c : {kCases[0], kCases[4], kCases[6], kCases[9]}) {
        SCOPED_TRACE(std::string(to_string(c.alg)));
        Key key = signer(c);
        Key pub = verifier(c);
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 10; ++i) {
                    std::string input = "t" + std::to_string(t) + "i" + std::to_string(i);
                    auto sig = sign(c.alg, key, input);
                    if (!sig || !verify_signature(c.alg, pub, input, *sig)) ++failures;
                }
            });
        }
        for (auto& t : threads) t.join();
        EXPECT_EQ(failures.load(), 0);
    }
}

// ECDSA and PSS are randomised: reusing a pooled context must never repeat a signature.
TEST(JwsTest, RandomisedSignaturesDifferEachTime) {
    for (const SignCase& c : {kCases[3], kCases[6]}) {
        Key key = signer(c);
        EXPECT_NE(sign(c.alg, key, "same").value(), sign(c.alg, key, "same").value());
    }
}

}  // namespace
}  // namespace ward::jose

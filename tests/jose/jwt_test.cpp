#include "jose/jwt.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "core/random.hpp"
#include "jose/digest.hpp"
#include "jose/test_keys.hpp"
#include "jose/x509.hpp"

namespace ward::jose {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kNow = 1'700'000'000;

Key load(std::string_view pem) { return Key::from_pem(pem).value(); }
std::string b64(std::string_view s) { return core::base64url_encode(s); }

core::json::object claims(std::string_view json) {
    return core::parse_json(json).value().as_object();
}

JwkSet rsa_set() {
    return JwkSet(
        {make_jwk(load(test::kRsaPrivatePkcs8), "cert-built-in", Algorithm::kRS256).value()});
}

std::string rsa_token(std::string_view json) {
    return sign_jwt(claims(json), Algorithm::kRS256, load(test::kRsaPrivatePkcs8), "cert-built-in")
        .value();
}

JwtError fails(std::string_view json, const ClaimCheck& check = {}, std::int64_t now = kNow) {
    auto r = verify_jwt(rsa_token(json), rsa_set(), now, check);
    EXPECT_FALSE(r.has_value()) << json;
    return r ? JwtError::kMalformed : r.error();
}

TEST(JwtTest, SignsWithCasdoorHeaderAndVerifies) {
    std::string token = rsa_token(R"({"sub":"u1","iss":"http://localhost:8000","exp":1700003600})");
    auto jws = parse_compact(token);
    ASSERT_TRUE(jws.has_value());
    EXPECT_EQ(core::to_json(jws->header), R"({"alg":"RS256","kid":"cert-built-in","typ":"JWT"})");
    core::ManualClock clock(kNow);
    auto jwt = verify_jwt(token, rsa_set(), clock.unix_seconds());
    ASSERT_TRUE(jwt.has_value());
    EXPECT_EQ(jwt->alg, Algorithm::kRS256);
    EXPECT_EQ(jwt->kid, "cert-built-in");
    EXPECT_EQ(core::get_string(jwt->claims, "sub"), "u1");
    EXPECT_EQ(core::get_string(jwt->header, "typ"), "JWT");
}

// RFC 7515 A.1 is also a JWT (RFC 7519 §3.1): valid until 1300819380.
TEST(JwtTest, VerifiesRfcExampleWithItsExpiry) {
    auto jwk = parse_jwk(test::kRfc7515HmacJwk).value();
    auto ok = verify_jwt(test::kRfc7515A1Token, jwk.key, 1300819379);
    ASSERT_TRUE(ok.has_value());
    EXPECT_EQ(core::get_string(ok->claims, "iss"), "joe");
    EXPECT_EQ(core::get_bool(ok->claims, "http://example.com/is_root"), true);
    EXPECT_EQ(verify_jwt(test::kRfc7515A1Token, jwk.key, 1300819380).error(), JwtError::kExpired);
}

TEST(JwtTest, ExpiryHonoursSkew) {
    EXPECT_EQ(fails(R"({"exp":1700000000})"), JwtError::kExpired);  // on exp is already late
    EXPECT_EQ(fails(R"({"exp":1699999999})"), JwtError::kExpired);
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"exp":1700000001})"), rsa_set(), kNow));
    ClaimCheck skew;
    skew.allowed_skew = 30s;
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"exp":1699999980})"), rsa_set(), kNow, skew));
    EXPECT_EQ(fails(R"({"exp":1699999970})", skew), JwtError::kExpired);
    // Fractional NumericDate (RFC 7519 §2).
    EXPECT_EQ(fails(R"({"exp":1699999999.9})"), JwtError::kExpired);
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"exp":1700000001.5})"), rsa_set(), kNow));
}

TEST(JwtTest, NotBeforeAndIssuedAt) {
    EXPECT_EQ(fails(R"({"nbf":1700000001})"), JwtError::kNotYetValid);
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"nbf":1700000000})"), rsa_set(), kNow));
    EXPECT_EQ(fails(R"({"iat":1700000001})"), JwtError::kIssuedInFuture);
    ClaimCheck skew;
    skew.allowed_skew = 5s;
    EXPECT_TRUE(
        verify_jwt(rsa_token(R"({"nbf":1700000005,"iat":1700000005})"), rsa_set(), kNow, skew));
    EXPECT_EQ(fails(R"({"nbf":1700000006})", skew), JwtError::kNotYetValid);
    ClaimCheck lenient_iat;
    lenient_iat.reject_future_iat = false;
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"iat":1800000000})"), rsa_set(), kNow, lenient_iat));
}

TEST(JwtTest, RequiredExp) {
    ClaimCheck check;
    check.require_exp = true;
    EXPECT_EQ(fails(R"({"sub":"a"})", check), JwtError::kMissingClaim);
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"sub":"a"})"), rsa_set(), kNow));
}

TEST(JwtTest, Issuer) {
    ClaimCheck check;
    check.issuer = "https://idp.example";
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"iss":"https://idp.example"})"), rsa_set(), kNow, check));
    EXPECT_EQ(fails(R"({"iss":"https://evil.example"})", check), JwtError::kIssuerMismatch);
    EXPECT_EQ(fails(R"({"iss":"https://idp.example/"})", check), JwtError::kIssuerMismatch);
    EXPECT_EQ(fails(R"({"sub":"no iss"})", check), JwtError::kIssuerMismatch);
}

// RFC 7519 §4.1.3: aud is a string or an array of strings.
TEST(JwtTest, AudienceAsStringOrArray) {
    ClaimCheck check;
    check.audiences = {"app-1", "app-2"};
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"aud":"app-2"})"), rsa_set(), kNow, check));
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"aud":["x","app-1"]})"), rsa_set(), kNow, check));
    EXPECT_EQ(fails(R"({"aud":"app-3"})", check), JwtError::kAudienceMismatch);
    EXPECT_EQ(fails(R"({"aud":[]})", check), JwtError::kAudienceMismatch);
    EXPECT_EQ(fails(R"({"sub":"no aud"})", check), JwtError::kAudienceMismatch);
    // Without configured audiences any aud passes.
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"aud":"whatever"})"), rsa_set(), kNow));
}

TEST(JwtTest, WrongClaimTypes) {
    for (std::string_view json :
         {R"({"exp":"1800000000"})", R"({"exp":null})", R"({"exp":true})", R"({"nbf":[1]})",
          R"({"iat":{}})", R"({"iss":5})", R"({"sub":7})", R"({"jti":false})", R"({"aud":5})",
          R"({"aud":["a",5]})", R"({"aud":{"a":1}})"}) {
        EXPECT_EQ(fails(json), JwtError::kInvalidClaim) << json;
    }
}

TEST(JwtTest, HugeDatesDoNotOverflow) {
    ClaimCheck skew;
    skew.allowed_skew = std::chrono::seconds(std::numeric_limits<std::int64_t>::max());
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"exp":9223372036854775807})"), rsa_set(), kNow, skew));
    EXPECT_TRUE(verify_jwt(rsa_token(R"({"exp":1e300})"), rsa_set(), kNow));
    EXPECT_EQ(fails(R"({"exp":-1e300})"), JwtError::kExpired);
    EXPECT_EQ(fails(R"({"exp":-9223372036854775807})", skew), JwtError::kExpired);
}

TEST(JwtTest, PayloadMustBeAJsonObject) {
    Key key = Key::hmac_secret(std::string(32, 's')).value();
    for (std::string_view payload : {"", "[]", "\"str\"", "12", "{bad json", "{} {}"}) {
        std::string token = sign_compact({}, payload, Algorithm::kHS256, key).value();
        EXPECT_EQ(verify_jwt(token, key, kNow).error(), JwtError::kBadPayload) << payload;
    }
}

TEST(JwtTest, ClaimsAreOnlyReadAfterTheSignature) {
    // An expired token with a bad signature reports the signature, not the expiry.
    std::string token = rsa_token(R"({"exp":1})");
    token.back() = token.back() == 'A' ? 'B' : 'A';
    auto r = verify_jwt(token, rsa_set(), kNow);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error(), JwtError::kBadSignature);
}

// Alg confusion (RFC 8725 §2.1, §3.1).
TEST(JwtTest, RefusesAlgConfusion) {
    const std::string payload = b64(R"({"sub":"admin"})");
    // alg none with and without a signature.
    std::string none = b64(R"({"alg":"none","kid":"cert-built-in"})") + "." + payload + ".";
    EXPECT_EQ(verify_jwt(none, rsa_set(), kNow).error(), JwtError::kAlgNone);
    EXPECT_EQ(verify_jwt(none + "AAAA", rsa_set(), kNow).error(), JwtError::kAlgNone);
    // HS256 keyed with the RSA public key's PEM (the classic confusion).
    std::string input = b64(R"({"alg":"HS256","kid":"cert-built-in"})") + "." + payload;
    std::string forged =
        input + "." + b64(hmac(DigestAlg::kSha256, std::string(test::kRsaPublicSpki), input));
    EXPECT_EQ(verify_jwt(forged, rsa_set(), kNow).error(), JwtError::kAlgKeyMismatch);
    EXPECT_EQ(verify_jwt(forged, load(test::kRsaPublicSpki), kNow).error(),
              JwtError::kAlgKeyMismatch);
    // The same without a kid finds no usable key at all.
    std::string input2 = b64(R"({"alg":"HS256"})") + "." + payload;
    std::string forged2 =
        input2 + "." + b64(hmac(DigestAlg::kSha256, std::string(test::kRsaPublicSpki), input2));
    EXPECT_EQ(verify_jwt(forged2, rsa_set(), kNow).error(), JwtError::kNoUsableKey);
    // kid not found.
    std::string other =
        sign_jwt(claims("{}"), Algorithm::kRS256, load(test::kRsaPrivatePkcs8), "some-other-cert")
            .value();
    EXPECT_EQ(verify_jwt(other, rsa_set(), kNow).error(), JwtError::kKidNotFound);
    // The JWK says RS256; a valid RS512 signature by the same key is still refused.
    std::string rs512 =
        sign_jwt(claims("{}"), Algorithm::kRS512, load(test::kRsaPrivatePkcs8), "cert-built-in")
            .value();
    EXPECT_EQ(verify_jwt(rs512, rsa_set(), kNow).error(), JwtError::kJwkAlgMismatch);
}

TEST(JwtTest, SingleKeyVerificationFollowsTheKeyFamily) {
    // Hasura's {"type":"RS256","key":"<PEM>"} form: one key, any RSA alg that fits.
    Key pub = load(test::kRsaCertificate);
    std::string token =
        sign_jwt(claims("{}"), Algorithm::kRS512, load(test::kRsaPrivatePkcs8)).value();
    EXPECT_TRUE(verify_jwt(token, pub, kNow));
    std::string es = sign_jwt(claims("{}"), Algorithm::kES256, load(test::kP256Private)).value();
    EXPECT_EQ(verify_jwt(es, pub, kNow).error(), JwtError::kAlgKeyMismatch);
}

TEST(JwtTest, ErrorsHaveStableDistinctCodes) {
    std::set<std::string_view> codes;
    for (int i = 0; i <= static_cast<int>(JwtError::kAudienceMismatch); ++i) {
        auto e = static_cast<JwtError>(i);
        std::string_view code = to_string(e);
        EXPECT_EQ(code.rfind("jwt-", 0), 0u);
        codes.insert(code);
        EXPECT_EQ(to_error(e).code(), code);
    }
    EXPECT_EQ(codes.size(), static_cast<std::size_t>(JwtError::kAudienceMismatch) + 1);
    EXPECT_EQ(to_string(JwtError::kExpired), "jwt-expired");
    EXPECT_EQ(to_error(JwtError::kExpired).kind(), core::ErrorKind::kUnauthenticated);
}

// Any single-character change to a valid token must be refused with a reason, never a crash and
// never a pass (base64url decoding is strict, so no two spellings decode to the same bytes).
TEST(JwtTest, MutatedTokensAreAlwaysRefused) {
    const std::string alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=!{ ";
    core::SeededRandom random(7);
    for (Algorithm alg : {Algorithm::kRS256, Algorithm::kES256, Algorithm::kHS256}) {
        Key key = alg == Algorithm::kRS256   ? load(test::kRsaPrivatePkcs8)
                  : alg == Algorithm::kES256 ? load(test::kP256Private)
                                             : Key::hmac_secret(std::string(32, 's')).value();
        Key pub = key.is_symmetric() ? key : key.public_key().value();
        const std::string token =
            sign_jwt(claims(R"({"sub":"a","exp":1800000000})"), alg, key).value();
        ASSERT_TRUE(verify_jwt(token, pub, kNow));
        for (int i = 0; i < 300; ++i) {
            std::string mutated = token;
            std::size_t pos = random.next_u64() % mutated.size();
            char c = alphabet[random.next_u64() % alphabet.size()];
            if (c == mutated[pos]) continue;
            mutated[pos] = c;
            EXPECT_FALSE(verify_jwt(mutated, pub, kNow).has_value()) << mutated;
        }
        // Truncations and extensions too.
        for (std::size_t n = 0; n < token.size(); n += 7) {
            EXPECT_FALSE(verify_jwt(token.substr(0, n), pub, kNow).has_value());
        }
        EXPECT_FALSE(verify_jwt(token + "A", pub, kNow).has_value());
        EXPECT_FALSE(verify_jwt(token + ".", pub, kNow).has_value());
    }
}

TEST(JwtTest, RandomBytesNeverCrashAnyParser) {
    core::SeededRandom random(11);
    for (int i = 0; i < 300; ++i) {
        std::string junk = random.bytes(random.next_u64() % 300);
        EXPECT_FALSE(parse_compact(junk).has_value());
        EXPECT_FALSE(Key::from_pem(junk).has_value());
        EXPECT_FALSE(parse_jwk(junk).has_value());
        EXPECT_FALSE(JwkSet::parse(junk).has_value());
        EXPECT_FALSE(Certificate::from_der(junk).has_value());
        std::string dotted = core::base64url_encode(junk.substr(0, junk.size() / 3)) + "." +
                             core::base64url_encode(junk) + "." + core::base64url_encode(junk);
        EXPECT_FALSE(verify_jwt(dotted, rsa_set(), kNow).has_value());
    }
}

}  // namespace
}  // namespace ward::jose

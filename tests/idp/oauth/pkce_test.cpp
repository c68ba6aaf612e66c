// RFC 7636 PKCE with departure C5.
#include "idp/oauth/pkce.hpp"

#include <gtest/gtest.h>

namespace ward::idp::oauth {
namespace {

// RFC 7636 Appendix B.
constexpr std::string_view kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr std::string_view kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

TEST(OAuthPkceTest, Rfc7636AppendixB) {
    EXPECT_EQ(s256_challenge(kVerifier), kChallenge);
    EXPECT_TRUE(verify_code_verifier(kChallenge, kVerifier));
}

TEST(OAuthPkceTest, WrongVerifierIsInvalidGrantWithoutEchoingTheChallenge) {
    std::string wrong(kVerifier);
    wrong.back() = 'Y';
    auto s = verify_code_verifier(kChallenge, wrong);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), "invalid_grant");
    EXPECT_EQ(s.error().message().find(kChallenge), std::string::npos);
    EXPECT_EQ(s.error().message().find(wrong), std::string::npos);
}

// C5: a code issued with a challenge needs the verifier.
TEST(OAuthPkceTest, MissingVerifierIsRefused) {
    auto s = verify_code_verifier(kChallenge, "");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), "invalid_grant");
}

// RFC 9700 §2.1.1: a verifier for a code without a challenge is refused (downgrade).
TEST(OAuthPkceTest, VerifierWithoutChallengeIsRefused) {
    EXPECT_TRUE(verify_code_verifier("", ""));
    EXPECT_TRUE(verify_code_verifier("null", ""));
    auto s = verify_code_verifier("", kVerifier);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), "invalid_grant");
    EXPECT_FALSE(verify_code_verifier("null", kVerifier));
}

TEST(OAuthPkceTest, VerifierSyntax) {
    EXPECT_TRUE(is_valid_code_verifier(std::string(43, 'a')));
    EXPECT_TRUE(is_valid_code_verifier(std::string(128, '~')));
    EXPECT_TRUE(is_valid_code_verifier(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"));
    EXPECT_FALSE(is_valid_code_verifier(std::string(42, 'a')));
    EXPECT_FALSE(is_valid_code_verifier(std::string(129, 'a')));
    EXPECT_FALSE(is_valid_code_verifier(std::string(42, 'a') + "+"));
    EXPECT_FALSE(is_valid_code_verifier(std::string(42, 'a') + "/"));
    EXPECT_FALSE(is_valid_code_verifier(std::string(42, 'a') + "="));
    EXPECT_FALSE(is_valid_code_verifier(std::string(42, 'a') + " "));
    EXPECT_FALSE(is_valid_code_verifier(std::string(42, 'a') + "\xc3"));
    EXPECT_FALSE(is_valid_code_verifier(""));
    auto s = verify_code_verifier(kChallenge, "short");
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), "invalid_request");
}

TEST(OAuthPkceTest, ChallengeMethodOnlyS256) {
    EXPECT_EQ(*parse_challenge_method("S256"), PkceMethod::kS256);
    EXPECT_EQ(*parse_challenge_method(""), PkceMethod::kNone);
    EXPECT_EQ(*parse_challenge_method("null"), PkceMethod::kNone);
    for (std::string_view bad : {"plain", "s256", "S512", "PLAIN", " S256"}) {
        auto m = parse_challenge_method(bad);
        ASSERT_FALSE(m) << bad;
        EXPECT_EQ(m.error().code(), "invalid_request");
        EXPECT_EQ(m.error().message(), "Challenge method should be S256");
    }
}

TEST(OAuthPkceTest, AuthorizationRequestChecks) {
    EXPECT_EQ(*check_authorization_pkce("S256", kChallenge, false), kChallenge);
    EXPECT_EQ(*check_authorization_pkce("", "", false), "");
    EXPECT_EQ(*check_authorization_pkce("null", "null", false), "");
    // An app that requires PKCE refuses requests without a challenge.
    auto required = check_authorization_pkce("", "", true);
    ASSERT_FALSE(required);
    EXPECT_EQ(required.error().code(), "invalid_request");
    // A challenge without a method would be "plain" (RFC 7636 §4.3): refused.
    EXPECT_FALSE(check_authorization_pkce("", kChallenge, false));
    EXPECT_FALSE(check_authorization_pkce("plain", kVerifier, false));
    EXPECT_FALSE(check_authorization_pkce("S256", "", false));
    EXPECT_FALSE(check_authorization_pkce("S256", "too-short", false));
    EXPECT_FALSE(check_authorization_pkce("S256", std::string(43, '+'), false));
    // 43 characters whose last one leaves non-zero spare bits is no SHA-256 digest.
    EXPECT_FALSE(check_authorization_pkce("S256", std::string(42, 'A') + "B", false));
    EXPECT_TRUE(is_valid_s256_challenge(kChallenge));
}

}  // namespace
}  // namespace ward::idp::oauth

#include "idp/api/totp.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/random.hpp"

namespace ward::idp::api::totp {
namespace {

// RFC 6238 Appendix B uses the ASCII key "12345678901234567890" for SHA-1.
constexpr std::string_view kRfcKey = "12345678901234567890";
const std::string kRfcSecret = base32_encode(kRfcKey);

TEST(ApiTotpBase32, EncodesRfc4648Vectors) {
    // RFC 4648 §10, without padding.
    EXPECT_EQ(base32_encode(""), "");
    EXPECT_EQ(base32_encode("f"), "MY");
    EXPECT_EQ(base32_encode("fo"), "MZXQ");
    EXPECT_EQ(base32_encode("foo"), "MZXW6");
    EXPECT_EQ(base32_encode("foob"), "MZXW6YQ");
    EXPECT_EQ(base32_encode("fooba"), "MZXW6YTB");
    EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
    EXPECT_EQ(kRfcSecret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST(ApiTotpBase32, DecodesPaddedLowerCaseAndGroupedInput) {
    EXPECT_EQ(*base32_decode("MZXW6YTBOI======"), "foobar");
    EXPECT_EQ(*base32_decode("mzxw6ytboi"), "foobar");
    EXPECT_EQ(*base32_decode("MZXW 6YTB OI"), "foobar");
}

TEST(ApiTotpBase32, RejectsBadCharactersAndLengths) {
    for (std::string_view bad : {"MZXW1", "MZXW8", "MZ-W", "M", "MZX", "MZXW6Y", "a\"b'c"}) {
        auto r = base32_decode(bad);
        ASSERT_FALSE(r.has_value()) << bad;
        EXPECT_EQ(r.error().code(), "invalid-totp-secret");
    }
}

// RFC 4226 Appendix D.
TEST(ApiTotpHotp, MatchesRfc4226Vectors) {
    const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489"};
    for (std::uint64_t i = 0; i < 10; ++i) EXPECT_EQ(hotp(kRfcKey, i), expected[i]) << i;
}

// RFC 6238 Appendix B (SHA-1 rows, last six digits).
TEST(ApiTotpCode, MatchesRfc6238Vectors) {
    EXPECT_EQ(*code_at(kRfcSecret, 59), "287082");
    EXPECT_EQ(*code_at(kRfcSecret, 1111111109), "081804");
    EXPECT_EQ(*code_at(kRfcSecret, 1111111111), "050471");
    EXPECT_EQ(*code_at(kRfcSecret, 1234567890), "005924");
    EXPECT_EQ(*code_at(kRfcSecret, 2000000000), "279037");
    EXPECT_EQ(*code_at(kRfcSecret, 20000000000), "353130");
}

TEST(ApiTotpCode, RejectsBadOrEmptySecret) {
    EXPECT_EQ(code_at("not base32!", 0).error().code(), "invalid-totp-secret");
    EXPECT_EQ(code_at("", 0).error().code(), "invalid-totp-secret");
    EXPECT_EQ(verify("", "123456", 0).error().code(), "invalid-totp-secret");
}

TEST(ApiTotpVerify, AcceptsCurrentAndAdjacentStepsOnly) {
    const std::int64_t now = 1'700'000'015;
    auto current = *code_at(kRfcSecret, now);
    auto previous = *code_at(kRfcSecret, now - 30);
    auto next = *code_at(kRfcSecret, now + 30);
    auto too_old = *code_at(kRfcSecret, now - 60);
    auto too_new = *code_at(kRfcSecret, now + 60);
    EXPECT_TRUE(*verify(kRfcSecret, current, now));
    EXPECT_TRUE(*verify(kRfcSecret, previous, now));
    EXPECT_TRUE(*verify(kRfcSecret, next, now));
    if (too_old != current && too_old != previous && too_old != next) {
        EXPECT_FALSE(*verify(kRfcSecret, too_old, now));
    }
    if (too_new != current && too_new != previous && too_new != next) {
        EXPECT_FALSE(*verify(kRfcSecret, too_new, now));
    }
}

TEST(ApiTotpVerify, RejectsMalformedPasscodes) {
    const std::int64_t now = 1'700'000'000;
    auto current = *code_at(kRfcSecret, now);
    for (std::string bad :
         {std::string(""), current.substr(0, 5), current + "0", " " + current.substr(1),
          std::string("abcdef"), std::string("12345\0", 6), std::string("' OR 1=1")}) {
        EXPECT_FALSE(*verify(kRfcSecret, bad, now)) << bad;
    }
}

TEST(ApiTotpSecret, GeneratesTwentyRandomBytes) {
    core::SeededRandom random(7);
    auto a = generate_secret(random);
    auto b = generate_secret(random);
    EXPECT_EQ(a.size(), 32u);
    EXPECT_NE(a, b);
    EXPECT_EQ(base32_decode(a)->size(), kSecretBytes);
}

TEST(ApiTotpUrl, BuildsOtpauthUrlWithEncodedLabel) {
    EXPECT_EQ(otpauth_url("My App", "built-in/alice@x", "ABC"),
              "otpauth://totp/My%20App:built-in%2Falice%40x?secret=ABC&issuer=My%20App"
              "&algorithm=SHA1&digits=6&period=30");
}

TEST(ApiTotpRecovery, GeneratesDistinctFormattedCodes) {
    core::SeededRandom random(3);
    auto codes = generate_recovery_codes(random);
    ASSERT_EQ(codes.size(), 10u);
    std::set<std::string> unique(codes.begin(), codes.end());
    EXPECT_EQ(unique.size(), 10u);
    for (const auto& code : codes) {
        ASSERT_EQ(code.size(), 14u);
        EXPECT_EQ(code[4], '-');
        EXPECT_EQ(code[9], '-');
    }
}

}  // namespace
}  // namespace ward::idp::api::totp

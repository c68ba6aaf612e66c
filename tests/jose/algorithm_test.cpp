#include "jose/algorithm.hpp"

#include <gtest/gtest.h>

namespace ward::jose {
namespace {

TEST(AlgorithmTest, RoundTripsEveryName) {
    for (std::string_view name : {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256",
                                  "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}) {
        auto alg = parse_algorithm(name);
        ASSERT_TRUE(alg.has_value()) << name;
        EXPECT_EQ(to_string(*alg), name);
    }
}

// RFC 7515 §4.1.1: names are case-sensitive; "none" must never become an Algorithm.
TEST(AlgorithmTest, RefusesNoneUnknownAndWrongCase) {
    for (std::string_view name : {"none", "None", "NONE", "", "rs256", "HS257", "Ed25519", "ES256K",
                                  "RSA-OAEP", "EdDSA "}) {
        EXPECT_FALSE(parse_algorithm(name).has_value()) << name;
    }
}

TEST(AlgorithmTest, FamiliesHashesAndCurves) {
    EXPECT_EQ(family(Algorithm::kHS384), AlgorithmFamily::kHmac);
    EXPECT_EQ(family(Algorithm::kRS512), AlgorithmFamily::kRsa);
    EXPECT_EQ(family(Algorithm::kPS256), AlgorithmFamily::kRsaPss);
    EXPECT_EQ(family(Algorithm::kES384), AlgorithmFamily::kEcdsa);
    EXPECT_EQ(family(Algorithm::kEdDSA), AlgorithmFamily::kEdDSA);
    EXPECT_EQ(hash_of(Algorithm::kES512), HashAlg::kSha512);
    EXPECT_EQ(hash_size(hash_of(Algorithm::kPS384)), 48u);
    EXPECT_EQ(curve_of(Algorithm::kES512), "P-521");  // RFC 7518 §3.4: not a 512-bit curve
    EXPECT_EQ(curve_of(Algorithm::kES256), "P-256");
    EXPECT_FALSE(curve_of(Algorithm::kRS256).has_value());
}

}  // namespace
}  // namespace ward::jose

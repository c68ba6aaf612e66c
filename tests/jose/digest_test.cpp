#include "jose/digest.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/encoding.hpp"

namespace ward::jose {
namespace {

std::string hex(std::string_view s) { return core::hex_encode(s); }

// FIPS 180-2 Appendix B / C "abc" vectors.
TEST(DigestTest, MatchesFipsVectors) {
    EXPECT_EQ(hex(sha256("abc")),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex(sha384("abc")),
              "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358ba"
              "eca134c825a7");
    EXPECT_EQ(hex(sha512("abc")),
              "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba"
              "3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    EXPECT_EQ(hex(digest(DigestAlg::kSha1, "abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
}

// RFC 1321 §A.5.
TEST(DigestTest, Md5MatchesRfc1321) {
    EXPECT_EQ(hex(md5("")), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(hex(md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
}

TEST(DigestTest, SizesMatchOutputs) {
    for (DigestAlg alg : {DigestAlg::kMd5, DigestAlg::kSha1, DigestAlg::kSha256, DigestAlg::kSha384,
                          DigestAlg::kSha512}) {
        EXPECT_EQ(digest(alg, "x").size(), digest_size(alg)) << to_string(alg);
        EXPECT_EQ(hmac(alg, "k", "x").size(), digest_size(alg)) << to_string(alg);
    }
}

// RFC 4231 test case 2 and RFC 2202 test case 2 (key "Jefe").
TEST(DigestTest, HmacMatchesRfc4231And2202) {
    const std::string data = "what do ya want for nothing?";
    EXPECT_EQ(hex(hmac(DigestAlg::kSha256, "Jefe", data)),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(hex(hmac(DigestAlg::kSha512, "Jefe", data)),
              "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d03"
              "4f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
    EXPECT_EQ(hex(hmac(DigestAlg::kMd5, "Jefe", data)), "750c783e6ab0b503eaa86e310a5db738");
}

TEST(DigestTest, HmacAcceptsEmptyKeyAndData) {
    // RFC 2104 allows any key length; an empty key must not crash and must be deterministic.
    EXPECT_EQ(hmac(DigestAlg::kSha256, "", ""), hmac(DigestAlg::kSha256, "", ""));
    EXPECT_EQ(hex(hmac(DigestAlg::kSha256, "", "")),
              "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

// RFC 6070 (PBKDF2-HMAC-SHA1) and the widely published SHA-256 counterpart.
TEST(DigestTest, Pbkdf2MatchesRfc6070) {
    auto one = pbkdf2_hmac(DigestAlg::kSha1, "password", "salt", 1, 20);
    ASSERT_TRUE(one.has_value());
    EXPECT_EQ(hex(*one), "0c60c80f961f0e71f3a9b524af6012062fe037a6");
    auto many = pbkdf2_hmac(DigestAlg::kSha1, "password", "salt", 4096, 20);
    ASSERT_TRUE(many.has_value());
    EXPECT_EQ(hex(*many), "4b007901b765489abead49d926f721d065a429c1");
    auto sha256 = pbkdf2_hmac(DigestAlg::kSha256, "password", "salt", 1, 32);
    ASSERT_TRUE(sha256.has_value());
    EXPECT_EQ(hex(*sha256), "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    auto sha512 = pbkdf2_hmac(DigestAlg::kSha512, "password", "salt", 2, 64);
    ASSERT_TRUE(sha512.has_value());
    EXPECT_EQ(sha512->size(), 64u);
}

TEST(DigestTest, Pbkdf2RefusesBadParameters) {
    for (auto r : {pbkdf2_hmac(DigestAlg::kSha256, "p", "s", 0, 32),
                   pbkdf2_hmac(DigestAlg::kSha256, "p", "s", 10'000'001, 32),
                   pbkdf2_hmac(DigestAlg::kSha256, "p", "s", 1, 0),
                   pbkdf2_hmac(DigestAlg::kSha256, "p", "s", 1, 1025),
                   pbkdf2_hmac(DigestAlg::kMd5, "p", "s", 1, 16),
                   pbkdf2_hmac(DigestAlg::kSha384, "p", "s", 1, 16)}) {
        ASSERT_FALSE(r.has_value());
        EXPECT_EQ(r.error().code(), "invalid-kdf-params");
    }
}

// OIDC Core §3.1.3.6: left half of the alg's hash, base64url.
TEST(DigestTest, AtHashUsesTheAlgorithmsHash) {
    const std::string token = "jHkWEdUXMU1BwAsC4vtUsZwnNnI3fQjNvnDvaJkuNjRdqA";
    EXPECT_EQ(at_hash(Algorithm::kRS256, token),
              core::base64url_encode(sha256(token).substr(0, 16)));
    EXPECT_EQ(at_hash(Algorithm::kES384, token),
              core::base64url_encode(sha384(token).substr(0, 24)));
    EXPECT_EQ(at_hash(Algorithm::kPS512, token),
              core::base64url_encode(sha512(token).substr(0, 32)));
    EXPECT_EQ(at_hash(Algorithm::kEdDSA, token),
              core::base64url_encode(sha512(token).substr(0, 32)));
    EXPECT_EQ(at_hash(Algorithm::kRS256, token).size(), 22u);
}

TEST(DigestTest, IsThreadSafe) {
    const std::string expected = hmac(DigestAlg::kSha256, "key", "data");
    std::vector<std::thread> threads;
    std::atomic<int> bad{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i) {
                if (hmac(DigestAlg::kSha256, "key", "data") != expected) ++bad;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace ward::jose

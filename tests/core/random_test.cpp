#include "core/random.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ward::core {
namespace {

TEST(RandomTest, SystemRandomGivesDistinctTokens) {
    SystemRandom r;
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) seen.insert(r.token(32));
    EXPECT_EQ(seen.size(), 100u);
    EXPECT_EQ(r.token(32).size(), 43u);  // 256 bits, base64url without padding
}

TEST(RandomTest, SeededRandomIsRepeatable) {
    SeededRandom a(1), b(1), c(2);
    EXPECT_EQ(a.bytes(16), b.bytes(16));
    EXPECT_NE(SeededRandom(1).bytes(16), c.bytes(16));
}

TEST(RandomTest, AlphanumericUsesOnlyTheAlphabet) {
    SystemRandom r;
    std::string s = r.alphanumeric(500);
    ASSERT_EQ(s.size(), 500u);
    for (char ch : s) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(ch))) << ch;
}

}  // namespace
}  // namespace ward::core

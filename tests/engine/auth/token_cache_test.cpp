// The verified-token cache: hits, expiry, secret separation, bounds.
#include "engine/auth/token_cache.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace ward::engine::auth {
namespace {

TokenClaims claims(std::string role) {
    TokenClaims c;
    c.allowed_roles = {role};
    c.default_role = std::move(role);
    return c;
}

TEST(AuthTokenCacheTest, HitUntilExpiry) {
    VerifiedTokenCache cache;
    cache.insert("tok", 0, claims("user"), 1000, 900);
    auto hit = cache.find("tok", 0, 999);
    ASSERT_TRUE(hit.has_value());
    EXPECT_EQ(hit->default_role, "user");
    EXPECT_FALSE(cache.find("tok", 0, 1000).has_value());  // at exp: never used
    EXPECT_EQ(cache.size(), 0u);                           // and dropped
    EXPECT_FALSE(cache.find("other", 0, 0).has_value());
}

TEST(AuthTokenCacheTest, AlreadyExpiredIsNotStored) {
    VerifiedTokenCache cache;
    cache.insert("tok", 0, claims("user"), 100, 100);
    EXPECT_EQ(cache.size(), 0u);
}

TEST(AuthTokenCacheTest, EntryBelongsToItsSecret) {
    VerifiedTokenCache cache;
    cache.insert("tok", 1, claims("user"), 1000, 0);
    EXPECT_FALSE(cache.find("tok", 0, 1).has_value());
    EXPECT_TRUE(cache.find("tok", 1, 1).has_value());
}

TEST(AuthTokenCacheTest, BoundedSize) {
    VerifiedTokenCache cache(32);  // two per shard
    for (int i = 0; i < 1000; ++i) cache.insert("t" + std::to_string(i), 0, claims("r"), 1000, 0);
    EXPECT_LE(cache.size(), 32u);
    cache.clear();
    EXPECT_EQ(cache.size(), 0u);
}

TEST(AuthTokenCacheTest, ConcurrentUse) {
    VerifiedTokenCache cache(1024);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&cache, t] {
            for (int i = 0; i < 500; ++i) {
                const std::string tok = "t" + std::to_string((i * 7 + t) % 300);
                cache.insert(tok, 0, claims("r"), 1000, 0);
                auto hit = cache.find(tok, 0, 1);
                EXPECT_TRUE(!hit || hit->default_role == "r");
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_LE(cache.size(), 1024u);
}

}  // namespace
}  // namespace ward::engine::auth

// A cache of verified tokens: token text -> what it grants, kept until the token's `exp` (plus the
// allowed skew), so the hot path verifies each token's signature once. Bounded, sharded,
// thread-safe; an entry past its expiry is never returned.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/auth/claims.hpp"

namespace ward::engine::auth {

class VerifiedTokenCache {
  public:
    // `capacity` bounds the number of entries (spread over the shards; at least one per shard).
    explicit VerifiedTokenCache(std::size_t capacity = 16384);

    // The claims stored for `token` verified by secret `secret_index`, or nullopt when absent,
    // stored for another secret, or expired (now_unix >= valid_until; the entry is dropped).
    std::optional<TokenClaims> find(std::string_view token, std::size_t secret_index,
                                    std::int64_t now_unix);

    // Stores an entry usable while now < valid_until. When the shard is full, expired entries
    // go first, then an arbitrary one.
    void insert(std::string_view token, std::size_t secret_index, TokenClaims claims,
                std::int64_t valid_until, std::int64_t now_unix);

    std::size_t size() const;
    void clear();

  private:
    static constexpr std::size_t kShards = 16;
    struct Entry {
        std::size_t secret_index = 0;
        std::int64_t valid_until = 0;
        TokenClaims claims;
    };
    struct Shard {
        mutable std::mutex mu;
        std::unordered_map<std::string, Entry> entries;  // guarded by mu
    };
    Shard& shard_for(std::string_view token);

    std::size_t per_shard_;
    std::array<Shard, kShards> shards_;
};

}  // namespace ward::engine::auth

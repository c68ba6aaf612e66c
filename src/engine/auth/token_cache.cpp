#include "engine/auth/token_cache.hpp"

#include <algorithm>
#include <functional>

namespace ward::engine::auth {

VerifiedTokenCache::VerifiedTokenCache(std::size_t capacity)
    : per_shard_(std::max<std::size_t>(1, capacity / kShards)) {}

VerifiedTokenCache::Shard& VerifiedTokenCache::shard_for(std::string_view token) {
    return shards_[std::hash<std::string_view>{}(token) % kShards];
}

std::optional<TokenClaims> VerifiedTokenCache::find(std::string_view token,
                                                    std::size_t secret_index,
                                                    std::int64_t now_unix) {
    Shard& shard = shard_for(token);
    std::lock_guard lock(shard.mu);
    auto it = shard.entries.find(std::string(token));
    if (it == shard.entries.end()) return std::nullopt;
    if (now_unix >= it->second.valid_until) {
        shard.entries.erase(it);
        return std::nullopt;
    }
    if (it->second.secret_index != secret_index) return std::nullopt;
    return it->second.claims;
}

void VerifiedTokenCache::insert(std::string_view token, std::size_t secret_index,
                                TokenClaims claims, std::int64_t valid_until,
                                std::int64_t now_unix) {
    if (now_unix >= valid_until) return;
    Shard& shard = shard_for(token);
    std::lock_guard lock(shard.mu);
    std::string key(token);
    if (!shard.entries.contains(key) && shard.entries.size() >= per_shard_) {
        std::erase_if(shard.entries,
                      [&](const auto& kv) { return now_unix >= kv.second.valid_until; });
        if (shard.entries.size() >= per_shard_) shard.entries.erase(shard.entries.begin());
    }
    shard.entries[std::move(key)] = Entry{secret_index, valid_until, std::move(claims)};
}

std::size_t VerifiedTokenCache::size() const {
    std::size_t n = 0;
    for (const Shard& shard : shards_) {
        std::lock_guard lock(shard.mu);
        n += shard.entries.size();
    }
    return n;
}

void VerifiedTokenCache::clear() {
    for (Shard& shard : shards_) {
        std::lock_guard lock(shard.mu);
        shard.entries.clear();
    }
}

}  // namespace ward::engine::auth

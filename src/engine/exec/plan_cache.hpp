// exec::PlanCache: a bounded, thread-safe LRU map from (role, query hash, operation name) to a
// compiled entry (the server stores {plan, statement per dialect}). Entries are shared_ptr to
// const, so a reader keeps its entry alive while another thread evicts it.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace ward::engine::exec {

// HASURA_GRAPHQL_QUERY_PLAN_CACHE_SIZE's default.
inline constexpr std::size_t kDefaultPlanCacheSize = 4000;

struct PlanKey {
    std::string role;
    std::string query_hash;
    std::string operation_name;

    friend bool operator==(const PlanKey&, const PlanKey&) = default;
};

struct PlanKeyHash {
    std::size_t operator()(const PlanKey& k) const {
        const std::hash<std::string> h;
        std::size_t seed = h(k.role);
        seed ^= h(k.query_hash) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
        seed ^= h(k.operation_name) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
        return seed;
    }
};

template <typename Entry>
class PlanCache {
  public:
    // capacity 0 disables caching (find always misses, insert keeps nothing).
    explicit PlanCache(std::size_t capacity = kDefaultPlanCacheSize) : capacity_(capacity) {}

    // The entry, marked most recently used; nullptr on a miss.
    std::shared_ptr<const Entry> find(const PlanKey& key) {
        std::lock_guard lock(mutex_);
        auto it = index_.find(key);
        if (it == index_.end()) {
            ++misses_;
            return nullptr;
        }
        ++hits_;
        order_.splice(order_.begin(), order_, it->second);
        return it->second->second;
    }

    // Stores (or replaces) the entry and evicts the least recently used beyond capacity.
    void insert(const PlanKey& key, std::shared_ptr<const Entry> entry) {
        if (capacity_ == 0) return;
        std::lock_guard lock(mutex_);
        if (auto it = index_.find(key); it != index_.end()) {
            it->second->second = std::move(entry);
            order_.splice(order_.begin(), order_, it->second);
            return;
        }
        order_.emplace_front(key, std::move(entry));
        index_.emplace(key, order_.begin());
        while (order_.size() > capacity_) {
            index_.erase(order_.back().first);
            order_.pop_back();
        }
    }

    // Drops everything: on a metadata change the role schemas (and so the plans) change.
    void clear() {
        std::lock_guard lock(mutex_);
        index_.clear();
        order_.clear();
    }

    // Every entry, most recently used first (an entry stored under two keys appears twice):
    // for tests and diagnostics that look at what was compiled.
    std::vector<std::shared_ptr<const Entry>> entries() const {
        std::lock_guard lock(mutex_);
        std::vector<std::shared_ptr<const Entry>> out;
        out.reserve(order_.size());
        for (const auto& item : order_) out.push_back(item.second);
        return out;
    }

    std::size_t size() const {
        std::lock_guard lock(mutex_);
        return order_.size();
    }
    std::size_t capacity() const { return capacity_; }
    std::size_t hits() const {
        std::lock_guard lock(mutex_);
        return hits_;
    }
    std::size_t misses() const {
        std::lock_guard lock(mutex_);
        return misses_;
    }

  private:
    using Item = std::pair<PlanKey, std::shared_ptr<const Entry>>;

    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::list<Item> order_;
    std::unordered_map<PlanKey, typename std::list<Item>::iterator, PlanKeyHash> index_;
    std::size_t hits_ = 0;
    std::size_t misses_ = 0;
};

}  // namespace ward::engine::exec

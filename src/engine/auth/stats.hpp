// Counters of the authentication stage, declared once in a single list (STYLE.md §3.8) so that
// metrics output and tests cannot miss one.
#pragma once

#include <atomic>
#include <cstdint>

#include "core/json.hpp"

namespace ward::engine::auth {

// X(name): append only; names are metric names.
#define WARD_AUTH_COUNTERS(X) \
    X(allowed)                \
    X(denied)                 \
    X(jwks_fetch_failed)

// Thread-safe (relaxed atomics: counters order nothing).
struct AuthStats {
#define WARD_X(name) std::atomic<std::uint64_t> name{0};
    WARD_AUTH_COUNTERS(WARD_X)
#undef WARD_X

    // {"allowed": n, "denied": n, "jwks_fetch_failed": n}
    core::json::object to_json() const {
        core::json::object out;
#define WARD_X(name) out[#name] = name.load(std::memory_order_relaxed);
        WARD_AUTH_COUNTERS(WARD_X)
#undef WARD_X
        return out;
    }
};

inline void bump(std::atomic<std::uint64_t>& counter) {
    counter.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace ward::engine::auth

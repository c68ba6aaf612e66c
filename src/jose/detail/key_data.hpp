// The inside of a jose::Key. Private to jose.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "jose/detail/openssl_ptr.hpp"
#include "jose/key.hpp"

namespace ward::jose::detail {

// Ready-to-use sign/verify contexts, one free list per (algorithm, operation). Setting up an
// EVP_PKEY_CTX (method fetch, padding and digest params) costs about a quarter of an RSA-2048
// verify in OpenSSL 3.0; reusing initialised contexts is what `openssl speed` does too. A context
// is used by one thread at a time: taken under the lock, returned after use.
class CtxPool {
  public:
    static constexpr std::size_t kMaxPerList = 32;
    enum class Op { kSign, kVerify };

    // An initialised context, or null when none is free (the caller then makes one).
    EvpPkeyCtxPtr take(Algorithm alg, Op op) {
        std::lock_guard<std::mutex> lock(mu_);
        auto& list = free_[index(alg, op)];
        if (list.empty()) return nullptr;
        EvpPkeyCtxPtr ctx = std::move(list.back());
        list.pop_back();
        return ctx;
    }
    void give_back(Algorithm alg, Op op, EvpPkeyCtxPtr ctx) {
        std::lock_guard<std::mutex> lock(mu_);
        auto& list = free_[index(alg, op)];
        if (list.size() < kMaxPerList) list.push_back(std::move(ctx));
    }

  private:
    static constexpr std::size_t kAlgCount = static_cast<std::size_t>(Algorithm::kEdDSA) + 1;
    static std::size_t index(Algorithm alg, Op op) {
        return static_cast<std::size_t>(alg) + (op == Op::kSign ? 0 : kAlgCount);
    }

    std::mutex mu_;
    std::array<std::vector<EvpPkeyCtxPtr>, 2 * kAlgCount> free_;
};

struct KeyData {
    KeyType type = KeyType::kOct;
    EvpPkeyPtr pkey;  // set for RSA, EC, OKP; treated as immutable once the Key exists
    bool has_private = false;
    int bits = 0;
    std::string curve;   // JOSE name, EC and OKP only
    std::string secret;  // oct only
    // Shared by every copy of the Key; internally locked, hence usable through a const KeyData.
    std::unique_ptr<CtxPool> ctx_pool = std::make_unique<CtxPool>();
};

// Wraps a parsed EVP_PKEY, checking that its type and curve are supported.
// Errors ("unsupported-key") as in Key::from_pem.
core::Result<Key> key_from_pkey(EvpPkeyPtr pkey, bool has_private);

}  // namespace ward::jose::detail

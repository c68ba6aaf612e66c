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

// Ready-to-use verification contexts, one free list per algorithm. Setting up an EVP_PKEY_CTX
// (method fetch, padding and digest params) costs about a quarter of an RSA-2048 verify in OpenSSL
// 3.0; reusing initialised contexts is what `openssl speed` does too. A context is used by one
// thread at a time: taken under the lock, returned after use.
class VerifyCtxPool {
  public:
    static constexpr std::size_t kMaxPerAlg = 32;

    EvpPkeyCtxPtr take(Algorithm alg) {
        std::lock_guard<std::mutex> lock(mu_);
        auto& list = free_[static_cast<std::size_t>(alg)];
        if (list.empty()) return nullptr;
        EvpPkeyCtxPtr ctx = std::move(list.back());
        list.pop_back();
        return ctx;
    }
    void give_back(Algorithm alg, EvpPkeyCtxPtr ctx) {
        std::lock_guard<std::mutex> lock(mu_);
        auto& list = free_[static_cast<std::size_t>(alg)];
        if (list.size() < kMaxPerAlg) list.push_back(std::move(ctx));
    }

  private:
    std::mutex mu_;
    std::array<std::vector<EvpPkeyCtxPtr>, static_cast<std::size_t>(Algorithm::kEdDSA) + 1> free_;
};

struct KeyData {
    KeyType type = KeyType::kOct;
    EvpPkeyPtr pkey;  // set for RSA, EC, OKP; treated as immutable once the Key exists
    bool has_private = false;
    int bits = 0;
    std::string curve;   // JOSE name, EC and OKP only
    std::string secret;  // oct only
    // Shared by every copy of the Key; internally locked, hence usable through a const KeyData.
    std::unique_ptr<VerifyCtxPool> verify_pool = std::make_unique<VerifyCtxPool>();
};

// Wraps a parsed EVP_PKEY, checking that its type and curve are supported.
// Errors ("unsupported-key") as in Key::from_pem.
core::Result<Key> key_from_pkey(EvpPkeyPtr pkey, bool has_private);

}  // namespace ward::jose::detail

// The inside of a jose::Key. Private to jose.
#pragma once

#include <string>

#include "jose/detail/openssl_ptr.hpp"
#include "jose/key.hpp"

namespace ward::jose::detail {

struct KeyData {
    KeyType type = KeyType::kOct;
    EvpPkeyPtr pkey;  // set for RSA, EC, OKP; treated as immutable once the Key exists
    bool has_private = false;
    int bits = 0;
    std::string curve;   // JOSE name, EC and OKP only
    std::string secret;  // oct only
};

// Wraps a parsed EVP_PKEY, checking that its type and curve are supported.
// Errors ("unsupported-key") as in Key::from_pem.
core::Result<Key> key_from_pkey(EvpPkeyPtr pkey, bool has_private);

}  // namespace ward::jose::detail

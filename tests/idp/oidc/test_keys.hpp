// Signing keys for the oidc tests: generated once per process (RSA generation is slow) and
// wrapped as server::SigningKey the way the key cache would.
#pragma once

#include <string>

#include "idp/server/context.hpp"
#include "jose/jwk.hpp"

namespace ward::idp::oidc::testing {

inline server::SigningKey make_signing_key(const jose::Key& key, std::string name,
                                           jose::Algorithm alg) {
    auto jwk = jose::make_jwk(key, name, alg);
    return server::SigningKey{"admin", name, key, std::move(jwk).value(), std::nullopt, alg};
}

inline const jose::Key& rsa_key() {
    static const jose::Key key = jose::Key::generate_rsa(2048).value();
    return key;
}

}  // namespace ward::idp::oidc::testing

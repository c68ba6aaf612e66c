// jose::JwkSet: a JWK Set (RFC 7517 §5) and the key selection rules for verifying a JWS with it.
// Immutable after construction; safe to share between threads (shared_ptr<const JwkSet>) and to
// verify with from many threads at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "jose/jwk.hpp"
#include "jose/jws.hpp"
#include "jose/jwt_error.hpp"

namespace ward::jose {

class JwkSet {
  public:
    JwkSet() = default;
    explicit JwkSet(std::vector<Jwk> keys) : keys_(std::move(keys)) {}

    // Parses {"keys":[...]}. Keys Ward cannot use (unknown kty/crv/alg, malformed members) are
    // skipped and counted in skipped(), as RFC 7517 §5 asks, so one exotic key in a provider's set
    // does not disable the others. Errors ("invalid-jwks"): not JSON, not an object, no "keys"
    // array, or an entry that is not an object.
    static core::Result<JwkSet> parse(std::string_view json_text);
    static core::Result<JwkSet> from_json(const core::json::value& value);

    const std::vector<Jwk>& keys() const { return keys_; }
    std::size_t skipped() const { return skipped_; }
    bool empty() const { return keys_.empty(); }

    // The first key with this kid, or nullptr.
    const Jwk* find(std::string_view kid) const;

    // {"keys":[...]} with public members only; oct keys are left out.
    core::json::object to_json() const;

    // Candidate keys for a token with `alg` and `kid` (empty = none):
    // - with a kid: the keys with that kid that fit alg. Errors: kKidNotFound when no key has the
    //   kid; kAlgKeyMismatch / kJwkAlgMismatch when keys have it but none fits.
    // - without a kid: every key that fits alg. Error: kJwkAlgMismatch when keys of the right
    //   type exist but all declare another alg, else kNoUsableKey.
    // A key "fits" when its type (and curve) suits alg, its `alg` (if any) equals alg, and its
    // `use` is empty or "sig".
    core::Result<std::vector<const Jwk*>, JwtError> select(Algorithm alg,
                                                           std::string_view kid) const;

    // Verifies `jws` with the selected candidates; returns the key that verified. Errors: those
    // of select(), else the last candidate's failure (kBadSignature, kWeakKey).
    core::Result<const Jwk*, JwtError> verify(const ParsedJws& jws) const;

  private:
    std::vector<Jwk> keys_;
    std::size_t skipped_ = 0;
};

}  // namespace ward::jose

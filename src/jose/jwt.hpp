// JSON Web Tokens (RFC 7519) on top of jws.hpp: sign a claims object, and verify a token against
// a key set and a time, then check exp/nbf/iat/iss/aud. Pure: no I/O, no clock of its own (the
// caller passes `now`, from core::Clock), so expiry tests never sleep.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "jose/algorithm.hpp"
#include "jose/jwk_set.hpp"
#include "jose/jws.hpp"
#include "jose/jwt_error.hpp"
#include "jose/key.hpp"

namespace ward::jose {

struct ClaimCheck {
    std::optional<std::string> issuer;   // when set, `iss` must equal it
    std::vector<std::string> audiences;  // when non-empty, `aud` must contain one of them
    std::chrono::seconds allowed_skew{0};
    bool require_exp = false;       // a token without `exp` fails with kMissingClaim
    bool reject_future_iat = true;  // iat > now + skew fails with kIssuedInFuture
};

struct VerifiedJwt {
    core::json::object header;
    core::json::object claims;
    Algorithm alg = Algorithm::kHS256;
    std::string kid;  // the header's kid, empty when absent
};

// Checks the registered claims of `claims` at `now_unix`, in this order: types of every present
// registered claim (kInvalidClaim: exp/nbf/iat not numbers, iss/sub/jti not strings, aud not a
// string or an array of strings), exp (kMissingClaim if required, kExpired when
// now >= exp + skew), nbf (kNotYetValid when now + skew < nbf), iat (kIssuedInFuture), iss
// (kIssuerMismatch, also when absent), aud (kAudienceMismatch, also when absent).
core::Result<void, JwtError> check_claims(const core::json::object& claims, std::int64_t now_unix,
                                          const ClaimCheck& check);

// Parse, pick the key (JwkSet::select), verify the signature, then parse the payload as a JSON
// object (kBadPayload otherwise) and check_claims. Claims are only looked at after the signature
// verified. Errors: every JwtError except the signing-only ones.
core::Result<VerifiedJwt, JwtError> verify_jwt(std::string_view token, const JwkSet& keys,
                                               std::int64_t now_unix, const ClaimCheck& check = {});
// The same with one key (no kid matching, no JWK alg): the key's family decides.
core::Result<VerifiedJwt, JwtError> verify_jwt(std::string_view token, const Key& key,
                                               std::int64_t now_unix, const ClaimCheck& check = {});

// Signs `claims` as a compact JWT with header {"alg", "kid" (when non-empty), "typ":"JWT"}.
// Errors as in jose::sign().
core::Result<std::string, JwtError> sign_jwt(const core::json::object& claims, Algorithm alg,
                                             const Key& key, std::string_view kid = {});

}  // namespace ward::jose

// jose::JwtError: the closed set of reasons a token fails to parse, verify or pass its claim
// checks. Protocol modules map these to their wire vocabulary (Hasura's "JWTExpired", OAuth's
// invalid_grant) in one table each; jose never learns those words.
#pragma once

#include <string_view>

#include "core/error.hpp"

namespace ward::jose {

enum class JwtError {
    // Shape of the compact serialization (RFC 7515 §7.1).
    kTooLarge,         // longer than the configured limit
    kMalformed,        // not three '.'-separated segments, or an empty header/signature segment
    kBadBase64,        // a segment is not unpadded base64url
    kBadHeader,        // header is not a JSON object
    kBadPayload,       // payload is not a JSON object (JWT only)
    kMissingAlg,       // header has no string "alg"
    kAlgNone,          // alg "none": never accepted
    kUnsupportedAlg,   // alg unknown to Ward
    kUnsupportedCrit,  // header lists "crit" extensions (RFC 7515 §4.1.11), which Ward understands
                       // none of
    // Key selection and signature.
    kKidNotFound,     // the header's kid names no key of the set
    kNoUsableKey,     // no key of the set fits the alg (and no kid to point at one)
    kAlgKeyMismatch,  // the key's type or curve does not fit the alg
    kJwkAlgMismatch,  // the JWK declares a different alg than the token
    kWeakKey,         // RSA under 2048 bits, or an HMAC secret shorter than the hash
    kKeyCannotSign,   // signing with a public key
    kBadSignature,    // the signature does not verify
    // Claims (RFC 7519 §4.1).
    kInvalidClaim,      // a registered claim has the wrong type (e.g. string exp, numeric iss)
    kMissingClaim,      // a claim the check requires is absent
    kExpired,           // now >= exp + skew
    kNotYetValid,       // now < nbf - skew
    kIssuedInFuture,    // iat > now + skew
    kIssuerMismatch,    // iss differs from the expected issuer
    kAudienceMismatch,  // no aud entry is an accepted audience
};

// Stable code, e.g. "jwt-expired", "jwt-kid-not-found".
std::string_view to_string(JwtError error);

// A core::Error whose code is to_string(error), for callers that fold jose failures into the
// general error type: kind kInvalidArgument for kKeyCannotSign (only signing returns it),
// kUnauthenticated for every other reason.
core::Error to_error(JwtError error);

}  // namespace ward::jose

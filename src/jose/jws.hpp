// JWS compact serialization (RFC 7515 §3.1, §7.1): split and decode a token, sign and verify the
// signing input with a Key. The key decides the family: an alg is only ever checked against a key
// that fits it, `none` is never accepted, and ES* signatures use JOSE's raw R||S form.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"
#include "jose/algorithm.hpp"
#include "jose/jwt_error.hpp"
#include "jose/key.hpp"

namespace ward::jose {

// Tokens longer than this are refused before any decoding (bearer tokens are a few KiB).
inline constexpr std::size_t kMaxTokenBytes = 64 * 1024;

// A compact JWS split and decoded, not yet verified. Plain data; safe to copy.
struct ParsedJws {
    core::json::object header;
    Algorithm alg = Algorithm::kHS256;
    std::string kid;            // empty when the header has none
    std::string payload;        // decoded bytes
    std::string signature;      // decoded bytes
    std::string signing_input;  // "<header>.<payload>" exactly as received
};

// Splits and decodes `token`. Errors: kTooLarge, kMalformed (segment count; empty header or
// signature), kBadBase64 (padding included), kBadHeader (not a JSON object; kid not a string),
// kMissingAlg, kAlgNone, kUnsupportedAlg, kUnsupportedCrit. The payload is not interpreted.
core::Result<ParsedJws, JwtError> parse_compact(std::string_view token,
                                                std::size_t max_bytes = kMaxTokenBytes);

// The payload of a compact JWS read as a JSON object without checking its header or signature,
// to route a token (which issuer, which stored row) before anything verifies it. nullopt when the
// token is longer than `max_bytes`, has no two dots, or its payload is not a base64url JSON
// object.
std::optional<core::json::object> peek_payload(std::string_view token,
                                               std::size_t max_bytes = kMaxTokenBytes);

// Signs `signing_input` (JWS Signature, RFC 7515 §5.1 step 5). Errors: kAlgKeyMismatch (the key
// does not fit `alg`), kKeyCannotSign (a public key), kWeakKey (RSA under 2048 bits, HMAC secret
// shorter than the hash output, RFC 7518 §3.2).
core::Result<std::string, JwtError> sign(Algorithm alg, const Key& key,
                                         std::string_view signing_input);

// Verifies a raw signature. Errors: kAlgKeyMismatch, kWeakKey, kBadSignature (including a
// signature of the wrong length). Thread-safe: many threads may verify with one Key at once.
core::Result<void, JwtError> verify_signature(Algorithm alg, const Key& key,
                                              std::string_view signing_input,
                                              std::string_view signature);

// Builds and signs a compact JWS: `header` supplies the other members (kid, typ, ...); "alg" is
// always set from `alg`, first. Errors as in sign().
core::Result<std::string, JwtError> sign_compact(const core::json::object& header,
                                                 std::string_view payload, Algorithm alg,
                                                 const Key& key);

// Verifies a parsed token with one key. Errors as in verify_signature().
core::Result<void, JwtError> verify(const ParsedJws& jws, const Key& key);

}  // namespace ward::jose

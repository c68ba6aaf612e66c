// JWS algorithms (RFC 7518 §3, RFC 8037 §3.1) and the key family each one needs. The family is
// what ties an algorithm to a key: a token's `alg` is only ever checked against a key of its own
// family, which is what closes the HMAC/public-key confusion attack.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace ward::jose {

enum class Algorithm {
    kHS256,
    kHS384,
    kHS512,
    kRS256,
    kRS384,
    kRS512,
    kPS256,
    kPS384,
    kPS512,
    kES256,
    kES384,
    kES512,
    kEdDSA,  // Ed25519 only (RFC 8037); Ed448 is not supported.
};

enum class AlgorithmFamily {
    kHmac,    // HS*: a shared secret (JWK kty "oct")
    kRsa,     // RS*: RSASSA-PKCS1-v1_5 (kty "RSA")
    kRsaPss,  // PS*: RSASSA-PSS, MGF1 with the same hash, salt = hash length (kty "RSA")
    kEcdsa,   // ES*: ECDSA over the curve the algorithm names (kty "EC")
    kEdDSA,   // EdDSA over Ed25519 (kty "OKP")
};

// The hash an algorithm uses. EdDSA hashes internally (SHA-512); kSha512 is reported for it so
// that at_hash (OIDC Core §3.1.3.6, using the left half of SHA-512 for EdDSA) has an answer.
enum class HashAlg { kSha256, kSha384, kSha512 };

// Exact, case-sensitive names ("RS256", "EdDSA"). "none" and every unknown name give nullopt: an
// unsecured JWS is never representable as an Algorithm.
std::optional<Algorithm> parse_algorithm(std::string_view name);
std::string_view to_string(Algorithm alg);

AlgorithmFamily family(Algorithm alg);
HashAlg hash_of(Algorithm alg);
// Output size in bytes of the algorithm's hash (32, 48 or 64).
std::size_t hash_size(HashAlg hash);

// For ES*: the JOSE curve name ("P-256", "P-384", "P-521") the algorithm requires; nullopt
// otherwise. ES512 means P-521 (RFC 7518 §3.4), not a 512-bit curve.
std::optional<std::string_view> curve_of(Algorithm alg);

}  // namespace ward::jose

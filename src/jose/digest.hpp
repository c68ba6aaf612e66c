// Hashes, HMAC and PBKDF2 over OpenSSL 3's EVP interfaces, for the IdP's password formats and token
// hashes, and the OIDC at_hash helper. Outputs are raw bytes; hex or base64 them at the caller.
// Every function is thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "jose/algorithm.hpp"

namespace ward::jose {

enum class DigestAlg { kMd5, kSha1, kSha256, kSha384, kSha512 };

std::string_view to_string(DigestAlg alg);  // "MD5", "SHA1", "SHA256", ...
std::size_t digest_size(DigestAlg alg);

// Raw digests. MD5 and SHA-1 exist only to verify legacy Casdoor password hashes; never use them
// for anything new.
std::string digest(DigestAlg alg, std::string_view data);
std::string sha256(std::string_view data);
std::string sha384(std::string_view data);
std::string sha512(std::string_view data);
std::string md5(std::string_view data);

// HMAC (RFC 2104). Any key length is accepted, including empty.
std::string hmac(DigestAlg alg, std::string_view key, std::string_view data);

// PBKDF2 (RFC 8018 §5.2) with HMAC-SHA1/256/512 (MD5 and SHA-384 are refused as PRFs here).
// Errors (kInvalidArgument, code "invalid-kdf-params"): iterations outside [1, 10'000'000],
// key_length outside [1, 1024], or a refused PRF.
core::Result<std::string> pbkdf2_hmac(DigestAlg prf, std::string_view password,
                                      std::string_view salt, std::uint32_t iterations,
                                      std::size_t key_length);

// OIDC Core §3.1.3.6 at_hash (and §3.3.2.11 c_hash): base64url of the left half of the hash that
// `alg` uses, taken over the ASCII of `token`.
std::string at_hash(Algorithm alg, std::string_view token);

}  // namespace ward::jose

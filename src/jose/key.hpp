// jose::Key: one signing or verification key, asymmetric (RSA, EC P-256/384/521, Ed25519; public
// or private) or symmetric (an HMAC secret). Parsed once, immutable, cheap to copy (shared), and
// safe to use from many threads at once: hot-path verification never reparses a key.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "jose/algorithm.hpp"

namespace ward::jose {

namespace detail {
struct KeyData;
}

// JWK `kty` values (RFC 7518 §6.1, RFC 8037 §2).
enum class KeyType { kRsa, kEc, kOkp, kOct };
std::string_view to_string(KeyType type);  // "RSA", "EC", "OKP", "oct"

// Below this an RSA key is refused for signing and verifying (RFC 7518 §3.3 requires 2048).
inline constexpr int kMinRsaBits = 2048;

class Key {
  public:
    // Generation draws from OpenSSL's own DRBG (seeded by the kernel), not from core::Random:
    // key material must never come from a test seam. Errors (kInvalidArgument
    // "invalid-key-params"): RSA bits outside [2048, 16384] or not a multiple of 8; an unknown
    // curve.
    static core::Result<Key> generate_rsa(int bits);
    static core::Result<Key> generate_ec(std::string_view curve);  // "P-256", "P-384", "P-521"
    static Key generate_ed25519();

    // An HMAC secret (raw bytes, used as given). Errors ("invalid-key"): empty, or text that is a
    // PEM document, so a public key can never be configured as an HMAC secret by mistake.
    static core::Result<Key> hmac_secret(std::string secret);

    // Reads the first PEM block of `pem`: "PRIVATE KEY" (PKCS#8), "RSA PRIVATE KEY" (PKCS#1),
    // "EC PRIVATE KEY" (SEC 1), "PUBLIC KEY" (SPKI), "RSA PUBLIC KEY" (PKCS#1) or "CERTIFICATE"
    // (its subject public key is used). Errors ("invalid-pem"): no PEM block, bad base64 or DER,
    // encrypted keys; ("unsupported-key"): a key type or curve other than RSA, P-256/384/521 and
    // Ed25519.
    static core::Result<Key> from_pem(std::string_view pem);

    // Public keys from their JWK parameters (raw big-endian bytes, already base64url-decoded).
    // Errors ("invalid-key"): empty or oversized values, a point not on the curve, a wrong length.
    static core::Result<Key> from_rsa_public(std::string_view n, std::string_view e);
    static core::Result<Key> from_ec_public(std::string_view curve, std::string_view x,
                                            std::string_view y);
    static core::Result<Key> from_ed25519_public(std::string_view x);

    KeyType type() const;
    // True for asymmetric private keys and for HMAC secrets (both can sign).
    bool can_sign() const;
    bool is_symmetric() const { return type() == KeyType::kOct; }
    // RSA modulus bits; EC field bits (256/384/521); 256 for Ed25519; secret bits for HMAC.
    int bits() const;
    // "P-256"/"P-384"/"P-521" for EC, "Ed25519" for OKP, nullopt otherwise.
    std::optional<std::string_view> curve() const;

    // True when `alg` belongs to this key's family (and, for ES*, names this key's curve). It does
    // not check strength; sign/verify additionally refuse RSA under 2048 bits and short secrets.
    bool fits(Algorithm alg) const;

    // The public half (the key itself if already public). Errors ("invalid-key") for HMAC secrets,
    // which have no public half.
    core::Result<Key> public_key() const;
    // PKCS#8 "PRIVATE KEY" PEM. Errors ("invalid-key"): a public key or an HMAC secret.
    core::Result<std::string> private_pem() const;
    // SPKI "PUBLIC KEY" PEM of the public half. Errors ("invalid-key"): an HMAC secret.
    core::Result<std::string> public_pem() const;

    // Same public key (or same secret, compared in constant time).
    bool same_key(const Key& other) const;

    // For jose's own implementation files; never null.
    const detail::KeyData& data_for_jose() const { return *data_; }
    explicit Key(std::shared_ptr<const detail::KeyData> data) : data_(std::move(data)) {}

  private:
    std::shared_ptr<const detail::KeyData> data_;
};

}  // namespace ward::jose

// X.509 certificates as the IdP uses them: a self-signed certificate per signing key (Casdoor's
// Cert.certificate), read back from PEM, and published in JWKs as x5c / x5t#S256. No chain
// validation: Ward trusts keys it was given, not a PKI.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "jose/key.hpp"

namespace ward::jose {

namespace detail {
struct CertData;
}

// Immutable and cheap to copy (shared); safe to read from many threads.
class Certificate {
  public:
    // Reads the first "CERTIFICATE" PEM block. Errors ("invalid-certificate"): no such block,
    // malformed DER, trailing bytes, or a public key type Ward does not support.
    static core::Result<Certificate> from_pem(std::string_view pem);
    static core::Result<Certificate> from_der(std::string_view der);

    const std::string& der() const;
    std::string pem() const;
    // JWK x5c entry: standard base64 (with padding) of the DER (RFC 7517 §4.7).
    std::string x5c() const;
    // JWK x5t#S256: base64url SHA-256 of the DER (RFC 7517 §4.9).
    std::string x5t_s256() const;
    // The subject public key, already parsed.
    const Key& public_key() const;
    std::string subject_common_name() const;   // empty when absent
    std::string subject_organization() const;  // empty when absent
    std::int64_t not_before_unix() const;
    // True when the certificate's signature verifies with its own public key.
    bool is_self_signed() const;
    std::int64_t not_after_unix() const;

    explicit Certificate(std::shared_ptr<const detail::CertData> data) : data_(std::move(data)) {}

  private:
    std::shared_ptr<const detail::CertData> data_;
};

struct SelfSignedOptions {
    std::string common_name;   // Subject and issuer CN (Casdoor: the cert name)
    std::string organization;  // Subject and issuer O (Casdoor: the cert owner); may be empty
    int validity_years = 20;   // notAfter = notBefore + this many calendar years
    std::int64_t not_before_unix = 0;  // from core::Clock at the caller
    std::uint64_t serial = 1;          // Casdoor uses 123456; must be non-zero
};

// Creates a self-signed X.509 v3 certificate for `private_key`, signed with SHA-256 (RSA
// PKCS#1 v1.5 or ECDSA) or Ed25519. Errors ("invalid-certificate-params"): an HMAC or public
// key, an RSA key under 2048 bits, an empty common name, validity outside [1, 100] years, a
// zero serial or not_before before 1970.
core::Result<Certificate> self_signed_certificate(const Key& private_key,
                                                  const SelfSignedOptions& options);

}  // namespace ward::jose

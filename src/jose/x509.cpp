#include "jose/x509.hpp"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>

#include "core/encoding.hpp"
#include "jose/detail/key_data.hpp"
#include "jose/digest.hpp"

namespace ward::jose {

namespace detail {

struct CertData {
    X509Ptr cert;
    std::string der;
    Key key;
};

}  // namespace detail

namespace {

using core::Error;

Error invalid_cert(std::string message) {
    return Error::invalid_argument(std::move(message), "invalid-certificate");
}
Error invalid_params(std::string message) {
    return Error::invalid_argument(std::move(message), "invalid-certificate-params");
}

std::string name_entry(const X509* cert, int nid) {
    X509_NAME* name = X509_get_subject_name(cert);
    int idx = X509_NAME_get_index_by_NID(name, nid, -1);
    if (idx < 0) return {};
    ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
    unsigned char* utf8 = nullptr;
    int len = ASN1_STRING_to_UTF8(&utf8, data);
    if (len < 0) return {};
    std::string out(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(len));
    OPENSSL_free(utf8);
    return out;
}

std::int64_t asn1_time_unix(const ASN1_TIME* t) {
    struct tm tm {};
    if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return 0;
    return static_cast<std::int64_t>(timegm(&tm));
}

}  // namespace

core::Result<Certificate> Certificate::from_der(std::string_view der) {
    if (der.empty() || der.size() > 1024 * 1024)
        return invalid_cert("certificate DER size out of range");
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    const unsigned char* end = p + der.size();
    detail::X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!cert) {
        detail::clear_errors();
        return invalid_cert("malformed certificate DER");
    }
    if (p != end) return invalid_cert("trailing bytes after certificate DER");
    detail::EvpPkeyPtr pkey(X509_get_pubkey(cert.get()));
    if (!pkey) {
        detail::clear_errors();
        return invalid_cert("certificate public key cannot be read");
    }
    auto key = detail::key_from_pkey(std::move(pkey), false);
    if (!key) return invalid_cert("certificate key: " + key.error().message());
    auto data = std::make_shared<detail::CertData>(
        detail::CertData{std::move(cert), std::string(der), std::move(key).value()});
    return Certificate(std::move(data));
}

core::Result<Certificate> Certificate::from_pem(std::string_view pem) {
    if (pem.size() > 1024 * 1024) return invalid_cert("PEM text larger than 1 MiB");
    detail::BioPtr bio = detail::memory_bio(pem);
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long len = 0;
    // Scan blocks until the first CERTIFICATE one (a bundle may start with a key).
    while (PEM_read_bio(bio.get(), &name, &header, &data, &len) == 1) {
        bool is_cert = std::string_view(name) == "CERTIFICATE";
        std::string der(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
        OPENSSL_free(name);
        OPENSSL_free(header);
        OPENSSL_free(data);
        name = header = nullptr;
        data = nullptr;
        if (is_cert) {
            detail::clear_errors();
            return from_der(der);
        }
    }
    detail::clear_errors();
    return invalid_cert("no CERTIFICATE PEM block found");
}

const std::string& Certificate::der() const { return data_->der; }

std::string Certificate::pem() const {
    std::string b64 = core::base64_encode(data_->der);
    std::string out = "-----BEGIN CERTIFICATE-----\n";
    for (std::size_t i = 0; i < b64.size(); i += 64) {
        out.append(b64, i, 64);
        out += '\n';
    }
    out += "-----END CERTIFICATE-----\n";
    return out;
}

std::string Certificate::x5c() const { return core::base64_encode(data_->der); }
std::string Certificate::x5t_s256() const { return core::base64url_encode(sha256(data_->der)); }
const Key& Certificate::public_key() const { return data_->key; }
std::string Certificate::subject_common_name() const {
    return name_entry(data_->cert.get(), NID_commonName);
}
std::string Certificate::subject_organization() const {
    return name_entry(data_->cert.get(), NID_organizationName);
}
std::int64_t Certificate::not_before_unix() const {
    return asn1_time_unix(X509_get0_notBefore(data_->cert.get()));
}
std::int64_t Certificate::not_after_unix() const {
    return asn1_time_unix(X509_get0_notAfter(data_->cert.get()));
}

bool Certificate::is_self_signed() const {
    int ok = X509_verify(data_->cert.get(), data_->key.data_for_jose().pkey.get());
    if (ok != 1) detail::clear_errors();
    return ok == 1;
}

core::Result<Certificate> self_signed_certificate(const Key& private_key,
                                                  const SelfSignedOptions& options) {
    const detail::KeyData& key = private_key.data_for_jose();
    if (key.type == KeyType::kOct || !key.has_private) {
        return invalid_params("a self-signed certificate needs an asymmetric private key");
    }
    if (key.type == KeyType::kRsa && key.bits < kMinRsaBits) {
        return invalid_params("RSA keys under 2048 bits are refused");
    }
    if (options.common_name.empty()) return invalid_params("empty common name");
    if (options.validity_years < 1 || options.validity_years > 100) {
        return invalid_params("validity must be 1 to 100 years");
    }
    if (options.serial == 0) return invalid_params("serial must be non-zero");
    if (options.not_before_unix < 0) return invalid_params("not_before before 1970");

    // notAfter: the same calendar date `validity_years` later (timegm normalises 29 Feb).
    std::time_t start = static_cast<std::time_t>(options.not_before_unix);
    struct tm tm {};
    if (gmtime_r(&start, &tm) == nullptr) return invalid_params("not_before out of range");
    tm.tm_year += options.validity_years;
    std::time_t end = timegm(&tm);

    detail::X509Ptr cert(X509_new());
    detail::Asn1IntegerPtr serial(ASN1_INTEGER_new());
    detail::BignumPtr serial_bn(BN_new());
    bool ok = cert && serial && serial_bn &&
              BN_set_word(serial_bn.get(), static_cast<BN_ULONG>(options.serial)) == 1 &&
              BN_to_ASN1_INTEGER(serial_bn.get(), serial.get()) != nullptr &&
              X509_set_version(cert.get(), X509_VERSION_3) == 1 &&
              X509_set_serialNumber(cert.get(), serial.get()) == 1 &&
              ASN1_TIME_set(X509_getm_notBefore(cert.get()), start) != nullptr &&
              ASN1_TIME_set(X509_getm_notAfter(cert.get()), end) != nullptr &&
              X509_set_pubkey(cert.get(), key.pkey.get()) == 1;
    X509_NAME* name = ok ? X509_get_subject_name(cert.get()) : nullptr;
    auto add = [&](const char* field, const std::string& value) {
        return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                          reinterpret_cast<const unsigned char*>(value.data()),
                                          static_cast<int>(value.size()), -1, 0) == 1;
    };
    ok = ok && add("CN", options.common_name);
    ok = ok && (options.organization.empty() || add("O", options.organization));
    ok = ok && X509_set_issuer_name(cert.get(), name) == 1;
    if (!ok) {
        return Error::internal("building the certificate failed: " + detail::openssl_errors());
    }
    // Ed25519 signs the message itself (no separate digest); everything else uses SHA-256.
    const EVP_MD* md = key.type == KeyType::kOkp ? nullptr : EVP_sha256();
    if (X509_sign(cert.get(), key.pkey.get(), md) <= 0) {
        return Error::internal("signing the certificate failed: " + detail::openssl_errors());
    }
    unsigned char* der = nullptr;
    int len = i2d_X509(cert.get(), &der);
    if (len <= 0)
        return Error::internal("encoding the certificate failed: " + detail::openssl_errors());
    std::string der_text(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
    OPENSSL_free(der);
    return Certificate::from_der(der_text);
}

}  // namespace ward::jose

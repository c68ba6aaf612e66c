#include "jose/key.hpp"

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "core/encoding.hpp"
#include "jose/detail/key_data.hpp"

namespace ward::jose {
namespace {

using core::Error;
using detail::EvpPkeyPtr;

Error invalid_key(std::string message) {
    return Error::invalid_argument(std::move(message), "invalid-key");
}
Error invalid_pem(std::string message) {
    return Error::invalid_argument(std::move(message), "invalid-pem");
}

struct CurveInfo {
    std::string_view jose;
    std::string_view openssl;
    int field_bytes;
};

constexpr CurveInfo kCurves[] = {
    {"P-256", "prime256v1", 32},
    {"P-384", "secp384r1", 48},
    {"P-521", "secp521r1", 66},
};

const CurveInfo* curve_by_jose(std::string_view name) {
    for (const auto& c : kCurves) {
        if (c.jose == name) return &c;
    }
    return nullptr;
}

const CurveInfo* curve_by_openssl(std::string_view name) {
    for (const auto& c : kCurves) {
        if (c.openssl == name) return &c;
    }
    // OpenSSL may report the NIST alias for keys it decoded.
    return curve_by_jose(name);
}

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

// The first PEM block: label and DER body. PEM_read_bio skips any text before the block.
struct PemBlock {
    std::string label;
    std::string der;
};

core::Result<PemBlock> read_pem_block(std::string_view pem) {
    if (pem.size() > 1024 * 1024) return invalid_pem("PEM text larger than 1 MiB");
    detail::BioPtr bio = detail::memory_bio(pem);
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long len = 0;
    int ok = PEM_read_bio(bio.get(), &name, &header, &data, &len);
    PemBlock block;
    bool encrypted = header != nullptr && header[0] != '\0';
    if (ok == 1) {
        block.label = name;
        block.der.assign(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
    }
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(data);
    if (ok != 1) {
        detail::clear_errors();
        return invalid_pem("no valid PEM block found");
    }
    if (encrypted || block.label == "ENCRYPTED PRIVATE KEY") {
        return invalid_pem("encrypted PEM keys are not supported");
    }
    return block;
}

}  // namespace

namespace detail {

core::Result<Key> key_from_pkey(EvpPkeyPtr pkey, bool has_private) {
    auto data = std::make_shared<KeyData>();
    data->has_private = has_private;
    data->bits = EVP_PKEY_get_bits(pkey.get());
    if (EVP_PKEY_is_a(pkey.get(), "RSA")) {
        data->type = KeyType::kRsa;
    } else if (EVP_PKEY_is_a(pkey.get(), "EC")) {
        char group[64] = {0};
        std::size_t n = 0;
        if (EVP_PKEY_get_utf8_string_param(pkey.get(), OSSL_PKEY_PARAM_GROUP_NAME, group,
                                           sizeof group, &n) != 1) {
            clear_errors();
            return Error::invalid_argument("EC key without a named curve", "unsupported-key");
        }
        const CurveInfo* curve = curve_by_openssl(std::string_view(group, n));
        if (curve == nullptr) {
            return Error::invalid_argument(
                "unsupported EC curve " + std::string(group, n) + " (use P-256, P-384 or P-521)",
                "unsupported-key");
        }
        data->type = KeyType::kEc;
        data->curve = curve->jose;
    } else if (EVP_PKEY_is_a(pkey.get(), "ED25519")) {
        data->type = KeyType::kOkp;
        data->curve = "Ed25519";
    } else {
        return Error::invalid_argument("unsupported key type (use RSA, EC or Ed25519)",
                                       "unsupported-key");
    }
    data->pkey = std::move(pkey);
    return Key(std::move(data));
}

}  // namespace detail

std::string_view to_string(KeyType type) {
    switch (type) {
        case KeyType::kRsa:
            return "RSA";
        case KeyType::kEc:
            return "EC";
        case KeyType::kOkp:
            return "OKP";
        case KeyType::kOct:
            return "oct";
    }
    return "oct";  // unreachable
}

core::Result<Key> Key::generate_rsa(int bits) {
    if (bits < kMinRsaBits || bits > 16384 || bits % 8 != 0) {
        return Error::invalid_argument("RSA key size must be a multiple of 8 in [2048, 16384]",
                                       "invalid-key-params");
    }
    EvpPkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits)));
    if (!pkey) return Error::internal("RSA key generation failed: " + detail::openssl_errors());
    return detail::key_from_pkey(std::move(pkey), true);
}

core::Result<Key> Key::generate_ec(std::string_view curve) {
    const CurveInfo* info = curve_by_jose(curve);
    if (info == nullptr) {
        return Error::invalid_argument("unknown EC curve (use P-256, P-384 or P-521)",
                                       "invalid-key-params");
    }
    std::string group(info->openssl);
    EvpPkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group.c_str()));
    if (!pkey) return Error::internal("EC key generation failed: " + detail::openssl_errors());
    return detail::key_from_pkey(std::move(pkey), true);
}

Key Key::generate_ed25519() {
    EvpPkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    WARD_INVARIANT(pkey != nullptr, "Ed25519 key generation failed");
    auto key = detail::key_from_pkey(std::move(pkey), true);
    WARD_INVARIANT(key.has_value(), "generated Ed25519 key not accepted");
    return std::move(key).value();
}

core::Result<Key> Key::hmac_secret(std::string secret) {
    if (secret.empty()) return invalid_key("empty HMAC secret");
    if (secret.find("-----BEGIN") != std::string::npos) {
        return invalid_key("a PEM document cannot be used as an HMAC secret");
    }
    auto data = std::make_shared<detail::KeyData>();
    data->type = KeyType::kOct;
    data->has_private = true;
    data->bits = static_cast<int>(std::min<std::size_t>(secret.size(), INT32_MAX / 8) * 8);
    data->secret = std::move(secret);
    return Key(std::move(data));
}

core::Result<Key> Key::from_pem(std::string_view pem) {
    WARD_TRY(PemBlock block, read_pem_block(pem));
    const unsigned char* p = bytes(block.der);
    const long len = static_cast<long>(block.der.size());
    const unsigned char* end = p + len;
    EvpPkeyPtr pkey;
    bool has_private = false;
    if (block.label == "PRIVATE KEY" || block.label == "RSA PRIVATE KEY" ||
        block.label == "EC PRIVATE KEY") {
        pkey.reset(d2i_AutoPrivateKey(nullptr, &p, len));
        has_private = true;
    } else if (block.label == "PUBLIC KEY") {
        pkey.reset(d2i_PUBKEY(nullptr, &p, len));
    } else if (block.label == "RSA PUBLIC KEY") {
        pkey.reset(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, len));
    } else if (block.label == "CERTIFICATE") {
        detail::X509Ptr cert(d2i_X509(nullptr, &p, len));
        if (cert) pkey.reset(X509_get_pubkey(cert.get()));
    } else {
        return invalid_pem("unsupported PEM block \"" + block.label + "\"");
    }
    if (!pkey) {
        detail::clear_errors();
        return invalid_pem("malformed " + block.label + " DER");
    }
    if (p != end) return invalid_pem("trailing bytes after " + block.label + " DER");
    return detail::key_from_pkey(std::move(pkey), has_private);
}

core::Result<Key> Key::from_rsa_public(std::string_view n, std::string_view e) {
    if (n.empty() || n.size() > 2048) return invalid_key("RSA modulus empty or above 16384 bits");
    if (e.empty() || e.size() > 8) return invalid_key("RSA exponent empty or above 64 bits");
    detail::BignumPtr bn_n(BN_bin2bn(bytes(n), static_cast<int>(n.size()), nullptr));
    detail::BignumPtr bn_e(BN_bin2bn(bytes(e), static_cast<int>(e.size()), nullptr));
    if (!bn_n || !bn_e) return Error::internal("BN_bin2bn failed: " + detail::openssl_errors());
    if (!BN_is_odd(bn_e.get()) || BN_is_one(bn_e.get()) || !BN_is_odd(bn_n.get())) {
        return invalid_key("RSA modulus and exponent must be odd, exponent above 1");
    }
    detail::ParamBldPtr bld(OSSL_PARAM_BLD_new());
    if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
        return Error::internal("OSSL_PARAM_BLD failed: " + detail::openssl_errors());
    }
    detail::ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
    detail::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        EVP_PKEY_free(raw);
        detail::clear_errors();
        return invalid_key("RSA public key rejected by OpenSSL");
    }
    return detail::key_from_pkey(EvpPkeyPtr(raw), false);
}

core::Result<Key> Key::from_ec_public(std::string_view curve, std::string_view x,
                                      std::string_view y) {
    const CurveInfo* info = curve_by_jose(curve);
    if (info == nullptr) {
        return Error::invalid_argument("unsupported EC curve (use P-256, P-384 or P-521)",
                                       "unsupported-key");
    }
    // RFC 7518 §6.2.1.2-3: x and y are the full field length, leading zeros kept.
    if (x.size() != static_cast<std::size_t>(info->field_bytes) ||
        y.size() != static_cast<std::size_t>(info->field_bytes)) {
        return invalid_key("EC coordinates must be " + std::to_string(info->field_bytes) +
                           " bytes for " + std::string(curve));
    }
    std::string point;
    point.reserve(1 + x.size() + y.size());
    point.push_back('\x04');  // SEC 1 §2.3.3 uncompressed point
    point.append(x);
    point.append(y);
    std::string group(info->openssl);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group.data(), 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()),
        OSSL_PARAM_construct_end(),
    };
    detail::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* raw = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params) != 1) {
        EVP_PKEY_free(raw);
        detail::clear_errors();
        return invalid_key("EC public key rejected (point not on the curve?)");
    }
    EvpPkeyPtr pkey(raw);
    // Belt and braces: a point off the curve must never become a key (invalid-curve attacks).
    detail::EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1) {
        detail::clear_errors();
        return invalid_key("EC public point is not a valid point of " + std::string(curve));
    }
    return detail::key_from_pkey(std::move(pkey), false);
}

core::Result<Key> Key::from_ed25519_public(std::string_view x) {
    if (x.size() != 32) return invalid_key("Ed25519 public key must be 32 bytes");
    EvpPkeyPtr pkey(
        EVP_PKEY_new_raw_public_key_ex(nullptr, "ED25519", nullptr, bytes(x), x.size()));
    if (!pkey) {
        detail::clear_errors();
        return invalid_key("Ed25519 public key rejected");
    }
    return detail::key_from_pkey(std::move(pkey), false);
}

KeyType Key::type() const { return data_->type; }
bool Key::can_sign() const { return data_->has_private; }
int Key::bits() const { return data_->bits; }

std::optional<std::string_view> Key::curve() const {
    if (data_->curve.empty()) return std::nullopt;
    return std::string_view(data_->curve);
}

bool Key::fits(Algorithm alg) const {
    switch (family(alg)) {
        case AlgorithmFamily::kHmac:
            return data_->type == KeyType::kOct;
        case AlgorithmFamily::kRsa:
        case AlgorithmFamily::kRsaPss:
            return data_->type == KeyType::kRsa;
        case AlgorithmFamily::kEcdsa:
            return data_->type == KeyType::kEc && curve_of(alg) == curve();
        case AlgorithmFamily::kEdDSA:
            return data_->type == KeyType::kOkp;
    }
    return false;  // unreachable
}

core::Result<Key> Key::public_key() const {
    if (data_->type == KeyType::kOct) return invalid_key("an HMAC secret has no public key");
    if (!data_->has_private) return *this;
    unsigned char* der = nullptr;
    int len = i2d_PUBKEY(data_->pkey.get(), &der);
    if (len <= 0) return Error::internal("i2d_PUBKEY failed: " + detail::openssl_errors());
    const unsigned char* p = der;
    EvpPkeyPtr pub(d2i_PUBKEY(nullptr, &p, len));
    OPENSSL_free(der);
    if (!pub) return Error::internal("d2i_PUBKEY failed: " + detail::openssl_errors());
    return detail::key_from_pkey(std::move(pub), false);
}

core::Result<std::string> Key::private_pem() const {
    if (data_->type == KeyType::kOct || !data_->has_private) {
        return invalid_key("not an asymmetric private key");
    }
    detail::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), data_->pkey.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1) {
        return Error::internal("writing private key PEM failed: " + detail::openssl_errors());
    }
    return detail::bio_contents(bio.get());
}

core::Result<std::string> Key::public_pem() const {
    if (data_->type == KeyType::kOct) return invalid_key("an HMAC secret has no public key");
    detail::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), data_->pkey.get()) != 1) {
        return Error::internal("writing public key PEM failed: " + detail::openssl_errors());
    }
    return detail::bio_contents(bio.get());
}

bool Key::same_key(const Key& other) const {
    if (data_->type != other.data_->type) return false;
    if (data_->type == KeyType::kOct) {
        return core::constant_time_equal(data_->secret, other.data_->secret);
    }
    return EVP_PKEY_eq(data_->pkey.get(), other.data_->pkey.get()) == 1;
}

}  // namespace ward::jose

#include "jose/digest.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "core/assert.hpp"
#include "core/encoding.hpp"
#include "jose/detail/digest_impl.hpp"
#include "jose/detail/openssl_ptr.hpp"

namespace ward::jose {
namespace detail {

const EVP_MD* fetched_md(DigestAlg alg) {
    // Fetched once: an implicit fetch per call is the slow path of OpenSSL 3 (its "legacy"
    // EVP_sha256() objects re-fetch on every use). Function-local statics initialise thread-safely.
    static const EVP_MD* const kMd5 = EVP_MD_fetch(nullptr, "MD5", nullptr);
    static const EVP_MD* const kSha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    static const EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    static const EVP_MD* const kSha384 = EVP_MD_fetch(nullptr, "SHA384", nullptr);
    static const EVP_MD* const kSha512 = EVP_MD_fetch(nullptr, "SHA512", nullptr);
    const EVP_MD* md = nullptr;
    switch (alg) {
        case DigestAlg::kMd5:
            md = kMd5;
            break;
        case DigestAlg::kSha1:
            md = kSha1;
            break;
        case DigestAlg::kSha256:
            md = kSha256;
            break;
        case DigestAlg::kSha384:
            md = kSha384;
            break;
        case DigestAlg::kSha512:
            md = kSha512;
            break;
    }
    WARD_INVARIANT(md != nullptr, "OpenSSL default provider lacks a required digest");
    return md;
}

DigestAlg digest_for(HashAlg hash) {
    switch (hash) {
        case HashAlg::kSha256:
            return DigestAlg::kSha256;
        case HashAlg::kSha384:
            return DigestAlg::kSha384;
        case HashAlg::kSha512:
            return DigestAlg::kSha512;
    }
    return DigestAlg::kSha256;  // unreachable
}

}  // namespace detail

std::string_view to_string(DigestAlg alg) {
    switch (alg) {
        case DigestAlg::kMd5:
            return "MD5";
        case DigestAlg::kSha1:
            return "SHA1";
        case DigestAlg::kSha256:
            return "SHA256";
        case DigestAlg::kSha384:
            return "SHA384";
        case DigestAlg::kSha512:
            return "SHA512";
    }
    return "SHA256";  // unreachable
}

std::size_t digest_size(DigestAlg alg) {
    switch (alg) {
        case DigestAlg::kMd5:
            return 16;
        case DigestAlg::kSha1:
            return 20;
        case DigestAlg::kSha256:
            return 32;
        case DigestAlg::kSha384:
            return 48;
        case DigestAlg::kSha512:
            return 64;
    }
    return 32;  // unreachable
}

std::string digest(DigestAlg alg, std::string_view data) {
    std::string out(EVP_MAX_MD_SIZE, '\0');
    unsigned int n = 0;
    int ok = EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &n,
                        detail::fetched_md(alg), nullptr);
    WARD_INVARIANT(ok == 1, "EVP_Digest failed");
    out.resize(n);
    return out;
}

std::string sha256(std::string_view data) { return digest(DigestAlg::kSha256, data); }
std::string sha384(std::string_view data) { return digest(DigestAlg::kSha384, data); }
std::string sha512(std::string_view data) { return digest(DigestAlg::kSha512, data); }
std::string md5(std::string_view data) { return digest(DigestAlg::kMd5, data); }

std::string hmac(DigestAlg alg, std::string_view key, std::string_view data) {
    static EVP_MAC* const kHmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    WARD_INVARIANT(kHmac != nullptr, "OpenSSL default provider lacks HMAC");
    detail::EvpMacCtxPtr ctx(EVP_MAC_CTX_new(kHmac));
    WARD_INVARIANT(ctx != nullptr, "EVP_MAC_CTX_new failed");
    // The digest name is taken from the fetched MD so the param never names a different provider.
    std::string md_name(EVP_MD_get0_name(detail::fetched_md(alg)));
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, md_name.data(), 0),
        OSSL_PARAM_construct_end(),
    };
    // OpenSSL refuses a NULL key pointer even with length 0; point at a dummy byte instead.
    static const unsigned char kEmpty = 0;
    const auto* key_ptr =
        key.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(key.data());
    int ok = EVP_MAC_init(ctx.get(), key_ptr, key.size(), params);
    ok = ok && EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(data.data()),
                              data.size());
    std::string out(EVP_MAX_MD_SIZE, '\0');
    std::size_t n = 0;
    ok = ok &&
         EVP_MAC_final(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n, out.size());
    WARD_INVARIANT(ok == 1, "HMAC computation failed");
    out.resize(n);
    return out;
}

core::Result<std::string> pbkdf2_hmac(DigestAlg prf, std::string_view password,
                                      std::string_view salt, std::uint32_t iterations,
                                      std::size_t key_length) {
    if (prf != DigestAlg::kSha1 && prf != DigestAlg::kSha256 && prf != DigestAlg::kSha512) {
        return core::Error::invalid_argument(
            "PBKDF2 supports HMAC-SHA1, HMAC-SHA256 and HMAC-SHA512 only", "invalid-kdf-params");
    }
    if (iterations < 1 || iterations > 10'000'000) {
        return core::Error::invalid_argument("PBKDF2 iterations must be in [1, 10000000]",
                                             "invalid-kdf-params");
    }
    if (key_length < 1 || key_length > 1024) {
        return core::Error::invalid_argument("PBKDF2 key length must be in [1, 1024]",
                                             "invalid-kdf-params");
    }
    if (password.size() > static_cast<std::size_t>(INT32_MAX) ||
        salt.size() > static_cast<std::size_t>(INT32_MAX)) {
        return core::Error::invalid_argument("PBKDF2 input too large", "invalid-kdf-params");
    }
    std::string out(key_length, '\0');
    int ok = PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                               reinterpret_cast<const unsigned char*>(salt.data()),
                               static_cast<int>(salt.size()), static_cast<int>(iterations),
                               detail::fetched_md(prf), static_cast<int>(key_length),
                               reinterpret_cast<unsigned char*>(out.data()));
    if (ok != 1) {
        return core::Error::internal("PBKDF2 failed: " + detail::openssl_errors());
    }
    return out;
}

std::string at_hash(Algorithm alg, std::string_view token) {
    std::string h = digest(detail::digest_for(hash_of(alg)), token);
    h.resize(h.size() / 2);
    return core::base64url_encode(h);
}

}  // namespace ward::jose

#include "jose/jws.hpp"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "core/encoding.hpp"
#include "jose/detail/digest_impl.hpp"
#include "jose/detail/key_data.hpp"
#include "jose/digest.hpp"

namespace ward::jose {
namespace {

using detail::EvpPkeyCtxPtr;

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

// JOSE raw ECDSA signatures are R||S, each the curve's field size (RFC 7518 §3.4).
std::size_t ec_field_bytes(Algorithm alg) {
    switch (alg) {
        case Algorithm::kES256:
            return 32;
        case Algorithm::kES384:
            return 48;
        default:
            return 66;
    }
}

core::Result<void, JwtError> check_key(Algorithm alg, const Key& key) {
    if (!key.fits(alg)) return JwtError::kAlgKeyMismatch;
    const detail::KeyData& data = key.data_for_jose();
    if (data.type == KeyType::kRsa && data.bits < kMinRsaBits) return JwtError::kWeakKey;
    if (data.type == KeyType::kOct && data.secret.size() < hash_size(hash_of(alg))) {
        return JwtError::kWeakKey;
    }
    return {};
}

// A context for a raw-digest sign/verify with the padding the algorithm needs.
EvpPkeyCtxPtr digest_ctx(Algorithm alg, EVP_PKEY* pkey, bool for_sign) {
    EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!ctx) return nullptr;
    int ok = for_sign ? EVP_PKEY_sign_init(ctx.get()) : EVP_PKEY_verify_init(ctx.get());
    const EVP_MD* md = detail::fetched_md(detail::digest_for(hash_of(alg)));
    switch (family(alg)) {
        case AlgorithmFamily::kRsa:
            ok = ok && EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) > 0;
            ok = ok && EVP_PKEY_CTX_set_signature_md(ctx.get(), md) > 0;
            break;
        case AlgorithmFamily::kRsaPss:
            // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash output.
            ok = ok && EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) > 0;
            ok = ok && EVP_PKEY_CTX_set_signature_md(ctx.get(), md) > 0;
            ok = ok && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), md) > 0;
            ok = ok && EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), RSA_PSS_SALTLEN_DIGEST) > 0;
            break;
        case AlgorithmFamily::kEcdsa:
            ok = ok && EVP_PKEY_CTX_set_signature_md(ctx.get(), md) > 0;
            break;
        default:
            ok = 0;
    }
    if (!ok) return nullptr;
    return ctx;
}

std::string hash_input(Algorithm alg, std::string_view input) {
    return digest(detail::digest_for(hash_of(alg)), input);
}

// DER ECDSA-Sig-Value -> R||S. Empty on malformed input.
std::string der_to_raw(std::string_view der, std::size_t field) {
    const unsigned char* p = bytes(der);
    detail::EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
    if (!sig) return {};
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    std::string out(2 * field, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    if (BN_bn2binpad(r, o, static_cast<int>(field)) < 0 ||
        BN_bn2binpad(s, o + field, static_cast<int>(field)) < 0) {
        return {};
    }
    return out;
}

// R||S -> DER ECDSA-Sig-Value. Empty on failure.
std::string raw_to_der(std::string_view raw, std::size_t field) {
    detail::EcdsaSigPtr sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(bytes(raw), static_cast<int>(field), nullptr);
    BIGNUM* s = BN_bin2bn(bytes(raw) + field, static_cast<int>(field), nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    unsigned char* der = nullptr;
    int len = i2d_ECDSA_SIG(sig.get(), &der);
    if (len <= 0) return {};
    std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
    OPENSSL_free(der);
    return out;
}

bool is_none(std::string_view alg) {
    if (alg.size() != 4) return false;
    for (std::size_t i = 0; i < 4; ++i) {
        char c = alg[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != "none"[i]) return false;
    }
    return true;
}

core::Result<std::string, JwtError> decode_segment(std::string_view seg) {
    // JOSE base64url has no padding (RFC 7515 §2); core's decoder tolerates it, JWS does not.
    if (seg.find('=') != std::string_view::npos) return JwtError::kBadBase64;
    auto decoded = core::base64url_decode(seg);
    if (!decoded) return JwtError::kBadBase64;
    return std::move(decoded).value();
}

}  // namespace

core::Result<ParsedJws, JwtError> parse_compact(std::string_view token, std::size_t max_bytes) {
    if (token.size() > max_bytes) return JwtError::kTooLarge;
    std::size_t d1 = token.find('.');
    if (d1 == std::string_view::npos) return JwtError::kMalformed;
    std::size_t d2 = token.find('.', d1 + 1);
    if (d2 == std::string_view::npos) return JwtError::kMalformed;
    if (token.find('.', d2 + 1) != std::string_view::npos) return JwtError::kMalformed;
    std::string_view header_b64 = token.substr(0, d1);
    std::string_view payload_b64 = token.substr(d1 + 1, d2 - d1 - 1);
    std::string_view sig_b64 = token.substr(d2 + 1);
    if (header_b64.empty()) return JwtError::kMalformed;

    // Header: a JSON object with a string alg this library implements.
    WARD_TRY(std::string header_json, decode_segment(header_b64));
    auto header = core::parse_json(header_json, core::JsonLimits{max_bytes, 16});
    if (!header || !header->is_object()) return JwtError::kBadHeader;
    ParsedJws out;
    out.header = std::move(header->as_object());
    auto alg_name = core::get_string(out.header, "alg");
    if (!alg_name) return JwtError::kMissingAlg;
    if (is_none(*alg_name)) return JwtError::kAlgNone;
    auto alg = parse_algorithm(*alg_name);
    if (!alg) return JwtError::kUnsupportedAlg;
    out.alg = *alg;
    if (const auto* kid = core::find(out.header, "kid")) {
        if (!kid->is_string()) return JwtError::kBadHeader;
        out.kid = std::string(kid->get_string());
    }
    if (core::find(out.header, "crit") != nullptr) return JwtError::kUnsupportedCrit;

    WARD_TRY(out.payload, decode_segment(payload_b64));
    if (sig_b64.empty()) return JwtError::kMalformed;
    WARD_TRY(out.signature, decode_segment(sig_b64));
    out.signing_input = std::string(token.substr(0, d2));
    return out;
}

std::optional<core::json::object> peek_payload(std::string_view token, std::size_t max_bytes) {
    if (token.size() > max_bytes) return std::nullopt;
    const auto first = token.find('.');
    if (first == std::string_view::npos) return std::nullopt;
    const auto second = token.find('.', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    auto payload = core::base64url_decode(token.substr(first + 1, second - first - 1));
    if (!payload) return std::nullopt;
    auto json = core::parse_json(*payload);
    if (!json || !json->is_object()) return std::nullopt;
    return std::move(json->as_object());
}

core::Result<std::string, JwtError> sign(Algorithm alg, const Key& key,
                                         std::string_view signing_input) {
    WARD_TRY_STATUS(check_key(alg, key));
    if (!key.can_sign()) return JwtError::kKeyCannotSign;
    const detail::KeyData& data = key.data_for_jose();
    switch (family(alg)) {
        case AlgorithmFamily::kHmac:
            return hmac(detail::digest_for(hash_of(alg)), data.secret, signing_input);
        case AlgorithmFamily::kEdDSA: {
            detail::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
            std::string sig(64, '\0');
            std::size_t len = sig.size();
            if (!ctx ||
                EVP_DigestSignInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr,
                                      data.pkey.get(), nullptr) != 1 ||
                EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                               bytes(signing_input), signing_input.size()) != 1) {
                WARD_INVARIANT(false, "Ed25519 signing failed");
            }
            sig.resize(len);
            return sig;
        }
        default:
            break;
    }
    std::string hash = hash_input(alg, signing_input);
    EvpPkeyCtxPtr ctx = data.ctx_pool->take(alg, detail::CtxPool::Op::kSign);
    if (!ctx) ctx = digest_ctx(alg, data.pkey.get(), true);
    WARD_INVARIANT(ctx != nullptr, "cannot set up a signing context");
    std::size_t len = 0;
    int ok = EVP_PKEY_sign(ctx.get(), nullptr, &len, bytes(hash), hash.size());
    std::string sig(len, '\0');
    ok = ok == 1 && EVP_PKEY_sign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                                  bytes(hash), hash.size()) == 1;
    WARD_INVARIANT(ok, "signing failed");
    data.ctx_pool->give_back(alg, detail::CtxPool::Op::kSign, std::move(ctx));
    sig.resize(len);
    if (family(alg) == AlgorithmFamily::kEcdsa) {
        std::string raw = der_to_raw(sig, ec_field_bytes(alg));
        WARD_INVARIANT(!raw.empty(), "OpenSSL produced a malformed ECDSA signature");
        return raw;
    }
    return sig;
}

core::Result<void, JwtError> verify_signature(Algorithm alg, const Key& key,
                                              std::string_view signing_input,
                                              std::string_view signature) {
    WARD_TRY_STATUS(check_key(alg, key));
    const detail::KeyData& data = key.data_for_jose();
    switch (family(alg)) {
        case AlgorithmFamily::kHmac: {
            std::string expected =
                hmac(detail::digest_for(hash_of(alg)), data.secret, signing_input);
            if (!core::constant_time_equal(expected, signature)) return JwtError::kBadSignature;
            return {};
        }
        case AlgorithmFamily::kEdDSA: {
            if (signature.size() != 64) return JwtError::kBadSignature;
            detail::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
            if (!ctx || EVP_DigestVerifyInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr,
                                                data.pkey.get(), nullptr) != 1) {
                detail::clear_errors();
                return JwtError::kBadSignature;
            }
            int ok = EVP_DigestVerify(ctx.get(), bytes(signature), signature.size(),
                                      bytes(signing_input), signing_input.size());
            if (ok != 1) {
                detail::clear_errors();
                return JwtError::kBadSignature;
            }
            return {};
        }
        default:
            break;
    }
    std::string der;
    if (family(alg) == AlgorithmFamily::kEcdsa) {
        std::size_t field = ec_field_bytes(alg);
        if (signature.size() != 2 * field) return JwtError::kBadSignature;
        der = raw_to_der(signature, field);
        if (der.empty()) return JwtError::kBadSignature;
        signature = der;
    } else if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(data.pkey.get()))) {
        return JwtError::kBadSignature;
    }
    std::string hash = hash_input(alg, signing_input);
    EvpPkeyCtxPtr ctx = data.ctx_pool->take(alg, detail::CtxPool::Op::kVerify);
    if (!ctx) ctx = digest_ctx(alg, data.pkey.get(), false);
    if (!ctx) {
        detail::clear_errors();
        return JwtError::kBadSignature;
    }
    int ok =
        EVP_PKEY_verify(ctx.get(), bytes(signature), signature.size(), bytes(hash), hash.size());
    if (ok != 1) {
        // The context is dropped rather than pooled: after a failed operation nothing in it is
        // worth trusting, and forged tokens are not the case worth making fast.
        detail::clear_errors();
        return JwtError::kBadSignature;
    }
    data.ctx_pool->give_back(alg, detail::CtxPool::Op::kVerify, std::move(ctx));
    return {};
}

core::Result<std::string, JwtError> sign_compact(const core::json::object& header,
                                                 std::string_view payload, Algorithm alg,
                                                 const Key& key) {
    // The header as text, "alg" first: {"alg":"RS256","kid":"…","typ":"JWT"}.
    std::string h = "{\"alg\":";
    core::append_json_string(h, to_string(alg));
    for (const auto& [name, value] : header) {
        if (name == "alg") continue;
        h += ',';
        core::append_json_string(h, name);
        h += ':';
        h += core::to_json(value);
    }
    h += '}';
    std::string input;
    // Room for the signature too (its base64url of 512 bytes covers RSA-4096).
    input.reserve((h.size() + payload.size()) * 4 / 3 + 700);
    core::base64url_append(input, h);
    input += '.';
    core::base64url_append(input, payload);
    WARD_TRY(std::string sig, sign(alg, key, input));
    input += '.';
    core::base64url_append(input, sig);
    return input;
}

core::Result<void, JwtError> verify(const ParsedJws& jws, const Key& key) {
    return verify_signature(jws.alg, key, jws.signing_input, jws.signature);
}

}  // namespace ward::jose

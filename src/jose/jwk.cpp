#include "jose/jwk.hpp"

#include <algorithm>
#include <utility>

#include <openssl/core_names.h>

#include "core/encoding.hpp"
#include "jose/detail/key_data.hpp"
#include "jose/digest.hpp"
#include "jose/x509.hpp"

namespace ward::jose {
namespace {

using core::Error;
namespace json = core::json;

Error invalid_jwk(std::string message) {
    return Error::invalid_argument(std::move(message), "invalid-jwk");
}

core::Result<std::string> b64url_member(const json::object& obj, std::string_view name) {
    const json::value* v = core::find(obj, name);
    if (v == nullptr) return invalid_jwk("JWK lacks \"" + std::string(name) + "\"");
    if (!v->is_string()) return invalid_jwk("JWK \"" + std::string(name) + "\" is not a string");
    std::string_view text(v->get_string().data(), v->get_string().size());
    if (text.find('=') != std::string_view::npos) {
        return invalid_jwk("JWK \"" + std::string(name) + "\" is padded base64url");
    }
    auto decoded = core::base64url_decode(text);
    if (!decoded) return invalid_jwk("JWK \"" + std::string(name) + "\" is not base64url");
    return std::move(decoded).value();
}

core::Result<std::optional<std::string>> optional_string(const json::object& obj,
                                                         std::string_view name) {
    const json::value* v = core::find(obj, name);
    if (v == nullptr) return std::optional<std::string>();
    if (!v->is_string()) return invalid_jwk("JWK \"" + std::string(name) + "\" is not a string");
    return std::optional<std::string>(std::string(v->get_string()));
}

std::string bn_param(const EVP_PKEY* pkey, const char* name, int pad_to) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) {
        detail::clear_errors();
        return {};
    }
    detail::BignumPtr bn(raw);
    int len = pad_to > 0 ? pad_to : BN_num_bytes(bn.get());
    std::string out(static_cast<std::size_t>(len), '\0');
    BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), len);
    return out;
}

int field_bytes(std::string_view curve) {
    if (curve == "P-256") return 32;
    if (curve == "P-384") return 48;
    return 66;
}

// The key's required public members (RFC 7638 §3.2), as raw bytes, in lexicographic order.
void add_key_members(const Key& key, json::object& out) {
    const detail::KeyData& data = key.data_for_jose();
    switch (data.type) {
        case KeyType::kRsa:
            out["e"] = core::base64url_encode(bn_param(data.pkey.get(), OSSL_PKEY_PARAM_RSA_E, 0));
            out["n"] = core::base64url_encode(bn_param(data.pkey.get(), OSSL_PKEY_PARAM_RSA_N, 0));
            break;
        case KeyType::kEc: {
            int len = field_bytes(data.curve);
            out["crv"] = data.curve;
            out["x"] =
                core::base64url_encode(bn_param(data.pkey.get(), OSSL_PKEY_PARAM_EC_PUB_X, len));
            out["y"] =
                core::base64url_encode(bn_param(data.pkey.get(), OSSL_PKEY_PARAM_EC_PUB_Y, len));
            break;
        }
        case KeyType::kOkp: {
            std::string x(32, '\0');
            std::size_t len = x.size();
            if (EVP_PKEY_get_raw_public_key(
                    data.pkey.get(), reinterpret_cast<unsigned char*>(x.data()), &len) != 1) {
                detail::clear_errors();
                len = 0;
            }
            x.resize(len);
            out["crv"] = "Ed25519";
            out["x"] = core::base64url_encode(x);
            break;
        }
        case KeyType::kOct:
            out["k"] = core::base64url_encode(data.secret);
            break;
    }
}

}  // namespace

core::Result<Jwk> parse_jwk(const json::object& obj) {
    WARD_TRY(auto kty, optional_string(obj, "kty"));
    if (!kty) return invalid_jwk("JWK lacks \"kty\"");

    // Key material by type (RFC 7518 §6, RFC 8037 §2).
    std::optional<Key> key;
    if (*kty == "RSA") {
        WARD_TRY(std::string n, b64url_member(obj, "n"));
        WARD_TRY(std::string e, b64url_member(obj, "e"));
        auto k = Key::from_rsa_public(n, e);
        if (!k) return invalid_jwk(k.error().message());
        key = std::move(k).value();
    } else if (*kty == "EC") {
        WARD_TRY(auto crv, optional_string(obj, "crv"));
        if (!crv) return invalid_jwk("EC JWK lacks \"crv\"");
        if (*crv != "P-256" && *crv != "P-384" && *crv != "P-521") {
            return Error::invalid_argument("unsupported EC curve \"" + *crv + "\"",
                                           "unsupported-key");
        }
        WARD_TRY(std::string x, b64url_member(obj, "x"));
        WARD_TRY(std::string y, b64url_member(obj, "y"));
        auto k = Key::from_ec_public(*crv, x, y);
        if (!k) return invalid_jwk(k.error().message());
        key = std::move(k).value();
    } else if (*kty == "OKP") {
        WARD_TRY(auto crv, optional_string(obj, "crv"));
        if (!crv) return invalid_jwk("OKP JWK lacks \"crv\"");
        if (*crv != "Ed25519") {
            return Error::invalid_argument("unsupported OKP curve \"" + *crv + "\"",
                                           "unsupported-key");
        }
        WARD_TRY(std::string x, b64url_member(obj, "x"));
        auto k = Key::from_ed25519_public(x);
        if (!k) return invalid_jwk(k.error().message());
        key = std::move(k).value();
    } else if (*kty == "oct") {
        WARD_TRY(std::string k, b64url_member(obj, "k"));
        auto secret = Key::hmac_secret(std::move(k));
        if (!secret) return invalid_jwk(secret.error().message());
        key = std::move(secret).value();
    } else {
        return Error::invalid_argument("unsupported kty \"" + *kty + "\"", "unsupported-key");
    }
    if (!key.has_value()) return invalid_jwk("JWK key rejected");

    Jwk jwk{*key, {}, std::nullopt, {}, {}, {}};
    WARD_TRY(auto kid, optional_string(obj, "kid"));
    if (kid) jwk.kid = std::move(*kid);
    WARD_TRY(auto use, optional_string(obj, "use"));
    if (use) jwk.use = std::move(*use);
    WARD_TRY(auto alg, optional_string(obj, "alg"));
    if (alg) {
        jwk.alg = parse_algorithm(*alg);
        if (!jwk.alg) {
            return Error::invalid_argument("JWK alg \"" + *alg + "\" is not a supported JWS alg",
                                           "unsupported-alg");
        }
        if (!jwk.key.fits(*jwk.alg))
            return invalid_jwk("JWK alg \"" + *alg + "\" does not fit its key");
    }

    // x5c (RFC 7517 §4.7): standard base64 DER; the first certificate MUST hold this key.
    if (const json::value* x5c = core::find(obj, "x5c")) {
        if (!x5c->is_array() || x5c->get_array().empty()) {
            return invalid_jwk("JWK \"x5c\" is not a non-empty array");
        }
        for (const json::value& entry : x5c->get_array()) {
            if (!entry.is_string()) return invalid_jwk("JWK \"x5c\" entry is not a string");
            jwk.x5c.emplace_back(entry.get_string());
        }
        auto der = core::base64_decode(jwk.x5c.front());
        if (!der) return invalid_jwk("JWK \"x5c\" entry is not base64");
        auto cert = Certificate::from_der(*der);
        if (!cert) return invalid_jwk("JWK \"x5c\" holds no valid certificate");
        if (!cert->public_key().same_key(jwk.key)) {
            return invalid_jwk("JWK \"x5c\" certificate holds a different key");
        }
        // Only the leaf is checked: Ward trusts keys, not a PKI, so the rest of a chain is kept
        // for re-publication but never validated.
    }
    if (core::find(obj, "x5t#S256") != nullptr) {
        WARD_TRY(std::string thumb, b64url_member(obj, "x5t#S256"));
        if (thumb.size() != 32) return invalid_jwk("JWK \"x5t#S256\" is not a SHA-256 digest");
        if (!jwk.x5c.empty()) {
            auto der = core::base64_decode(jwk.x5c.front());
            if (!der || sha256(*der) != thumb) {
                return invalid_jwk("JWK \"x5t#S256\" does not match its \"x5c\" certificate");
            }
        }
        jwk.x5t_s256 = core::base64url_encode(thumb);
    }
    return jwk;
}

core::Result<Jwk> parse_jwk(std::string_view json_text) {
    auto value = core::parse_json(json_text, core::JsonLimits{256 * 1024, 16});
    if (!value) return invalid_jwk("JWK is not valid JSON: " + value.error().message());
    if (!value->is_object()) return invalid_jwk("JWK is not a JSON object");
    return parse_jwk(value->get_object());
}

json::object to_json(const Jwk& jwk) {
    json::object out;
    out["kty"] = to_string(jwk.key.type());
    if (!jwk.use.empty()) out["use"] = jwk.use;
    if (!jwk.kid.empty()) out["kid"] = jwk.kid;
    if (jwk.alg) out["alg"] = to_string(*jwk.alg);
    add_key_members(jwk.key, out);
    if (!jwk.x5c.empty()) {
        json::array certs;
        for (const auto& c : jwk.x5c) certs.emplace_back(c);
        out["x5c"] = std::move(certs);
    }
    if (!jwk.x5t_s256.empty()) out["x5t#S256"] = jwk.x5t_s256;
    return out;
}

core::Result<Jwk> make_jwk(const Key& key, std::string kid, std::optional<Algorithm> alg,
                           std::string use) {
    std::optional<Key> pub;
    if (key.is_symmetric()) {
        pub = key;
    } else {
        WARD_TRY(Key k, key.public_key());
        pub = std::move(k);
    }
    if (alg && !pub->fits(*alg)) {
        return invalid_jwk("alg " + std::string(to_string(*alg)) + " does not fit the key");
    }
    return Jwk{*pub, std::move(kid), alg, std::move(use), {}, {}};
}

std::string thumbprint(const Key& key) {
    // RFC 7638 §3: required members only, lexicographic order, no whitespace.
    json::object members;
    add_key_members(key, members);
    std::string text = "{";
    std::vector<std::pair<std::string, std::string>> sorted;
    sorted.emplace_back("kty", std::string(to_string(key.type())));
    for (const auto& [name, value] : members) {
        sorted.emplace_back(std::string(name), std::string(value.get_string()));
    }
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (i > 0) text += ',';
        core::append_json_string(text, sorted[i].first);
        text += ':';
        core::append_json_string(text, sorted[i].second);
    }
    text += '}';
    return core::base64url_encode(sha256(text));
}

}  // namespace ward::jose

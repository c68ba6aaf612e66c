#include "jose/jwk_set.hpp"

namespace ward::jose {
namespace {

core::Error invalid_jwks(std::string message) {
    return core::Error::invalid_argument(std::move(message), "invalid-jwks");
}

bool usable_for_signatures(const Jwk& jwk) { return jwk.use.empty() || jwk.use == "sig"; }

}  // namespace

core::Result<JwkSet> JwkSet::parse(std::string_view json_text) {
    auto value = core::parse_json(json_text, core::JsonLimits{4 * 1024 * 1024, 16});
    if (!value) return invalid_jwks("JWK Set is not valid JSON: " + value.error().message());
    return from_json(*value);
}

core::Result<JwkSet> JwkSet::from_json(const core::json::value& value) {
    if (!value.is_object()) return invalid_jwks("JWK Set is not a JSON object");
    const core::json::array* keys = core::get_array(value.get_object(), "keys");
    if (keys == nullptr) return invalid_jwks("JWK Set lacks a \"keys\" array");
    JwkSet set;
    for (const core::json::value& entry : *keys) {
        if (!entry.is_object()) return invalid_jwks("JWK Set entry is not an object");
        auto jwk = parse_jwk(entry.get_object());
        if (jwk) {
            set.keys_.push_back(std::move(jwk).value());
        } else {
            ++set.skipped_;
        }
    }
    return set;
}

const Jwk* JwkSet::find(std::string_view kid) const {
    for (const Jwk& jwk : keys_) {
        if (jwk.kid == kid) return &jwk;
    }
    return nullptr;
}

core::json::object JwkSet::to_json() const {
    core::json::array keys;
    for (const Jwk& jwk : keys_) {
        if (jwk.key.is_symmetric()) continue;
        keys.emplace_back(jose::to_json(jwk));
    }
    core::json::object out;
    out["keys"] = std::move(keys);
    return out;
}

core::Result<std::vector<const Jwk*>, JwtError> JwkSet::select(Algorithm alg,
                                                               std::string_view kid) const {
    std::vector<const Jwk*> out;
    bool kid_seen = false;
    bool type_fits = false;
    bool alg_declared_other = false;
    for (const Jwk& jwk : keys_) {
        if (!kid.empty()) {
            if (jwk.kid != kid) continue;
            kid_seen = true;
        }
        if (!usable_for_signatures(jwk) || !jwk.key.fits(alg)) continue;
        type_fits = true;
        if (jwk.alg && *jwk.alg != alg) {
            alg_declared_other = true;
            continue;
        }
        out.push_back(&jwk);
    }
    if (!out.empty()) return out;
    if (!kid.empty() && !kid_seen) return JwtError::kKidNotFound;
    if (type_fits && alg_declared_other) return JwtError::kJwkAlgMismatch;
    return kid.empty() ? JwtError::kNoUsableKey : JwtError::kAlgKeyMismatch;
}

core::Result<const Jwk*, JwtError> JwkSet::verify(const ParsedJws& jws) const {
    WARD_TRY(std::vector<const Jwk*> candidates, select(jws.alg, jws.kid));
    JwtError last = JwtError::kBadSignature;
    for (const Jwk* jwk : candidates) {
        auto ok = jose::verify(jws, jwk->key);
        if (ok) return jwk;
        last = ok.error();
    }
    return last;
}

}  // namespace ward::jose

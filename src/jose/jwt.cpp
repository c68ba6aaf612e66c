#include "jose/jwt.hpp"

#include <cmath>
#include <limits>

namespace ward::jose {
namespace {

namespace json = core::json;

// RFC 7519 §2 NumericDate: a JSON number, possibly fractional; fractions are dropped (floor).
std::optional<std::int64_t> numeric_date(const json::value& v) {
    if (v.is_int64()) return v.get_int64();
    if (v.is_uint64()) {
        std::uint64_t u = v.get_uint64();
        return u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                   ? std::numeric_limits<std::int64_t>::max()
                   : static_cast<std::int64_t>(u);
    }
    if (v.is_double()) {
        double d = v.get_double();
        if (std::isnan(d)) return std::nullopt;
        if (d >= 9.2e18) return std::numeric_limits<std::int64_t>::max();
        if (d <= -9.2e18) return std::numeric_limits<std::int64_t>::min();
        return static_cast<std::int64_t>(std::floor(d));
    }
    return std::nullopt;
}

// Saturating add: huge skews or dates never overflow into the past.
std::int64_t add_sat(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_add_overflow(a, b, &out)) {
        return b > 0 ? std::numeric_limits<std::int64_t>::max()
                     : std::numeric_limits<std::int64_t>::min();
    }
    return out;
}

struct Registered {
    std::optional<std::int64_t> exp, nbf, iat;
    const json::string* iss = nullptr;
    std::vector<std::string_view> aud;
    bool has_aud = false;
};

core::Result<Registered, JwtError> read_registered(const json::object& claims) {
    Registered r;
    for (const char* name : {"exp", "nbf", "iat"}) {
        const json::value* v = core::find(claims, name);
        if (v == nullptr) continue;
        auto date = numeric_date(*v);
        if (!date) return JwtError::kInvalidClaim;
        if (name[0] == 'e') r.exp = date;
        if (name[0] == 'n') r.nbf = date;
        if (name[0] == 'i') r.iat = date;
    }
    for (const char* name : {"iss", "sub", "jti"}) {
        const json::value* v = core::find(claims, name);
        if (v != nullptr && !v->is_string()) return JwtError::kInvalidClaim;
    }
    if (const json::value* iss = core::find(claims, "iss")) r.iss = &iss->get_string();
    if (const json::value* aud = core::find(claims, "aud")) {
        r.has_aud = true;
        if (aud->is_string()) {
            r.aud.emplace_back(aud->get_string());
        } else if (aud->is_array()) {
            for (const json::value& entry : aud->get_array()) {
                if (!entry.is_string()) return JwtError::kInvalidClaim;
                r.aud.emplace_back(entry.get_string());
            }
        } else {
            return JwtError::kInvalidClaim;
        }
    }
    return r;
}

core::Result<VerifiedJwt, JwtError> finish(ParsedJws jws, std::int64_t now_unix,
                                           const ClaimCheck& check) {
    auto payload = core::parse_json(jws.payload, core::JsonLimits{jws.payload.size() + 1, 32});
    if (!payload || !payload->is_object()) return JwtError::kBadPayload;
    WARD_TRY_STATUS(check_claims(payload->get_object(), now_unix, check));
    VerifiedJwt out;
    out.header = std::move(jws.header);
    out.claims = std::move(payload->as_object());
    out.alg = jws.alg;
    out.kid = std::move(jws.kid);
    return out;
}

}  // namespace

std::string_view to_string(JwtError error) {
    switch (error) {
        case JwtError::kTooLarge:
            return "jwt-too-large";
        case JwtError::kMalformed:
            return "jwt-malformed";
        case JwtError::kBadBase64:
            return "jwt-bad-base64url";
        case JwtError::kBadHeader:
            return "jwt-bad-header";
        case JwtError::kBadPayload:
            return "jwt-bad-payload";
        case JwtError::kMissingAlg:
            return "jwt-missing-alg";
        case JwtError::kAlgNone:
            return "jwt-alg-none";
        case JwtError::kUnsupportedAlg:
            return "jwt-unsupported-alg";
        case JwtError::kUnsupportedCrit:
            return "jwt-unsupported-crit";
        case JwtError::kKidNotFound:
            return "jwt-kid-not-found";
        case JwtError::kNoUsableKey:
            return "jwt-no-usable-key";
        case JwtError::kAlgKeyMismatch:
            return "jwt-alg-key-mismatch";
        case JwtError::kJwkAlgMismatch:
            return "jwt-jwk-alg-mismatch";
        case JwtError::kWeakKey:
            return "jwt-weak-key";
        case JwtError::kKeyCannotSign:
            return "jwt-key-cannot-sign";
        case JwtError::kBadSignature:
            return "jwt-bad-signature";
        case JwtError::kInvalidClaim:
            return "jwt-invalid-claim";
        case JwtError::kMissingClaim:
            return "jwt-missing-claim";
        case JwtError::kExpired:
            return "jwt-expired";
        case JwtError::kNotYetValid:
            return "jwt-not-yet-valid";
        case JwtError::kIssuedInFuture:
            return "jwt-issued-in-future";
        case JwtError::kIssuerMismatch:
            return "jwt-issuer-mismatch";
        case JwtError::kAudienceMismatch:
            return "jwt-audience-mismatch";
    }
    return "jwt-malformed";  // unreachable
}

core::Error to_error(JwtError error) {
    std::string code(to_string(error));
    if (error == JwtError::kKeyCannotSign) {
        return core::Error::invalid_argument("cannot sign: " + code, code);
    }
    return core::Error::unauthenticated("token rejected: " + code, code);
}

core::Result<void, JwtError> check_claims(const json::object& claims, std::int64_t now_unix,
                                          const ClaimCheck& check) {
    WARD_TRY(Registered r, read_registered(claims));
    const std::int64_t skew = check.allowed_skew.count() < 0 ? 0 : check.allowed_skew.count();
    // RFC 7519 §4.1.4: the token MUST NOT be accepted on or after exp.
    if (!r.exp && check.require_exp) return JwtError::kMissingClaim;
    if (r.exp && now_unix >= add_sat(*r.exp, skew)) return JwtError::kExpired;
    // §4.1.5: not accepted before nbf.
    if (r.nbf && add_sat(now_unix, skew) < *r.nbf) return JwtError::kNotYetValid;
    if (r.iat && check.reject_future_iat && *r.iat > add_sat(now_unix, skew)) {
        return JwtError::kIssuedInFuture;
    }
    if (check.issuer) {
        if (r.iss == nullptr || std::string_view(*r.iss) != *check.issuer) {
            return JwtError::kIssuerMismatch;
        }
    }
    if (!check.audiences.empty()) {
        bool found = false;
        for (std::string_view a : r.aud) {
            for (const std::string& want : check.audiences) {
                if (a == want) found = true;
            }
        }
        if (!found) return JwtError::kAudienceMismatch;
    }
    return {};
}

core::Result<VerifiedJwt, JwtError> verify_jwt(std::string_view token, const JwkSet& keys,
                                               std::int64_t now_unix, const ClaimCheck& check) {
    WARD_TRY(ParsedJws jws, parse_compact(token));
    WARD_TRY(const Jwk* used, keys.verify(jws));
    (void)used;
    return finish(std::move(jws), now_unix, check);
}

core::Result<VerifiedJwt, JwtError> verify_jwt(std::string_view token, const Key& key,
                                               std::int64_t now_unix, const ClaimCheck& check) {
    WARD_TRY(ParsedJws jws, parse_compact(token));
    WARD_TRY_STATUS(verify(jws, key));
    return finish(std::move(jws), now_unix, check);
}

core::Result<std::string, JwtError> sign_jwt(const json::object& claims, Algorithm alg,
                                             const Key& key, std::string_view kid) {
    json::object header;
    if (!kid.empty()) header["kid"] = kid;
    header["typ"] = "JWT";
    return sign_compact(header, core::to_json(claims), alg, key);
}

}  // namespace ward::jose

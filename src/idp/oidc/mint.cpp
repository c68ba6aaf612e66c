#include "idp/oidc/mint.hpp"

#include "idp/oauth/claims.hpp"
#include "jose/jwt.hpp"

namespace ward::idp::oidc {

core::Result<jose::Algorithm> signing_algorithm(const model::Application& app,
                                                const server::SigningKey& key) {
    if (app.token_signing_method.empty()) return key.algorithm;
    auto alg = jose::parse_algorithm(app.token_signing_method);
    if (!alg || jose::family(*alg) == jose::AlgorithmFamily::kHmac || !key.private_key.fits(*alg)) {
        return core::Error::invalid_argument("The token signing method " +
                                                 app.token_signing_method +
                                                 " does not fit the key of cert " + key.cert_name,
                                             "invalid-signing-method");
    }
    return *alg;
}

core::Result<std::string> sign_token(const core::json::object& claims,
                                     const server::SigningKey& key, jose::Algorithm alg) {
    auto token = jose::sign_jwt(claims, alg, key.private_key, key.cert_name);
    if (!token) {
        return core::Error(core::ErrorKind::kInternal, "signing-failed",
                           "The token could not be signed with cert " + key.cert_name);
    }
    return std::move(token).value();
}

namespace {

core::Result<std::string> id_token_for(const MintRequest& request, const server::SigningKey& key,
                                       jose::Algorithm alg, std::string_view access_token) {
    const auto& app = *request.app;
    const auto& user = *request.user;
    oauth::Subject subject{user, user.roles, user.permissions};
    oauth::IdTokenContext id;
    id.issuer = request.issuer;
    id.client_id = app.client_id;
    id.issued_at = request.now;
    id.expires_at = oauth::expiry_after_hours(request.now, app.expire_in_hours);
    id.auth_time = request.auth_time > 0 ? request.auth_time : request.now;
    id.nonce = request.nonce;
    id.scope = request.scope;
    auto hash = oauth::at_hash(access_token, jose::to_string(alg));
    if (hash) id.at_hash = std::move(hash).value();
    return sign_token(oauth::build_id_token_claims(subject, id), key, alg);
}

}  // namespace

core::Result<MintedTokens> mint_tokens(const MintRequest& request, const server::SigningKey& key) {
    const auto& app = *request.app;
    const auto& user = *request.user;
    WARD_TRY(auto alg, signing_algorithm(app, key));
    MintedTokens out;
    out.alg = alg;
    const std::int64_t expires_at = oauth::expiry_after_hours(request.now, app.expire_in_hours);
    out.expires_in = expires_at - request.now;

    oauth::Subject subject{user, user.roles, user.permissions};
    oauth::AccessTokenContext access;
    access.issuer = request.issuer;
    access.audience = oauth::access_token_audience(app, user.owner);
    access.issued_at = request.now;
    access.expires_at = expires_at;
    access.jti = "admin/" + request.token_name;
    access.nonce = request.nonce;
    access.scope = request.scope;
    access.azp = app.client_id;
    access.signin_method = request.signin_method;
    const auto format = model::effective_token_format(app, request.org_token_format);
    WARD_TRY(auto claims, oauth::build_access_token_claims(format, subject, app, access));
    WARD_TRY(out.access_token, sign_token(claims, key, alg));

    if (request.with_id_token) {
        WARD_TRY(out.id_token, id_token_for(request, key, alg, out.access_token));
    }
    return out;
}

core::Result<std::string> mint_id_token(const MintRequest& request, const server::SigningKey& key,
                                        std::string_view access_token) {
    WARD_TRY(auto alg, signing_algorithm(*request.app, key));
    return id_token_for(request, key, alg, access_token);
}

}  // namespace ward::idp::oidc

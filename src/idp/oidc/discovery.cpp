#include "idp/oidc/discovery.hpp"

#include "jose/jwk.hpp"

namespace ward::idp::oidc {

namespace {

core::json::array strings(std::initializer_list<std::string_view> items) {
    core::json::array out;
    for (auto item : items) out.emplace_back(core::json::string(item));
    return out;
}

}  // namespace

core::json::object discovery_document(std::string_view issuer, const model::Application* app) {
    const std::string origin(issuer);
    core::json::object doc;
    doc["issuer"] = origin;
    doc["authorization_endpoint"] = origin + std::string(kAuthorizePath);
    doc["token_endpoint"] = origin + std::string(kTokenPath);
    doc["userinfo_endpoint"] = origin + std::string(kUserinfoPath);
    doc["jwks_uri"] =
        app ? origin + "/.well-known/" + app->name + "/jwks" : origin + std::string(kJwksPath);
    doc["introspection_endpoint"] = origin + std::string(kIntrospectPath);
    doc["revocation_endpoint"] = origin + std::string(kRevokePath);
    doc["response_types_supported"] = strings({"code"});
    doc["response_modes_supported"] = strings({"query"});
    doc["grant_types_supported"] =
        strings({"authorization_code", "password", "client_credentials", "refresh_token"});
    doc["subject_types_supported"] = strings({"public"});
    doc["id_token_signing_alg_values_supported"] =
        strings({"RS256", "RS512", "ES256", "ES384", "ES512", "PS256", "EdDSA"});
    auto scopes = strings({"openid", "email", "profile", "address", "phone", "offline_access"});
    if (app) {
        for (const auto& scope : app->scopes) scopes.emplace_back(core::json::string(scope.name));
    }
    doc["scopes_supported"] = std::move(scopes);
    doc["code_challenge_methods_supported"] = strings({"S256"});
    doc["token_endpoint_auth_methods_supported"] =
        strings({"client_secret_basic", "client_secret_post", "none"});
    doc["claims_supported"] = strings({"iss",
                                       "ver",
                                       "sub",
                                       "aud",
                                       "iat",
                                       "exp",
                                       "id",
                                       "type",
                                       "displayName",
                                       "avatar",
                                       "permanentAvatar",
                                       "email",
                                       "phone",
                                       "location",
                                       "affiliation",
                                       "title",
                                       "homepage",
                                       "bio",
                                       "tag",
                                       "region",
                                       "language",
                                       "score",
                                       "ranking",
                                       "isOnline",
                                       "isAdmin",
                                       "isForbidden",
                                       "signupApplication",
                                       "ldap"});
    doc["request_parameter_supported"] = false;
    doc["end_session_endpoint"] = origin + std::string(kLogoutPath);
    return doc;
}

core::json::object jwks_document(std::span<const server::SigningKey> keys) {
    core::json::array out;
    for (const auto& key : keys) {
        auto jwk = jose::to_json(key.public_jwk);
        jwk["kid"] = key.cert_name;
        jwk["use"] = "sig";
        jwk["alg"] = std::string(jose::to_string(key.algorithm));
        out.emplace_back(std::move(jwk));
    }
    core::json::object doc;
    doc["keys"] = std::move(out);
    return doc;
}

store::Task<std::vector<server::SigningKey>> signing_keys(const server::Context& ctx,
                                                          const store::ChangeMarks* marks) {
    std::vector<server::SigningKey> keys;
    const store::ListQuery query;
    auto certs = co_await ctx.store().list<model::Cert>(query);
    if (!certs) co_return keys;
    for (const auto& cert : certs->items) {
        if (cert.type != "x509") continue;
        auto key = co_await ctx.keys().get(cert.owner, cert.name, marks);
        // A cert that does not parse is left out rather than breaking every client's key set.
        if (key) keys.push_back(std::move(key).value());
    }
    co_return keys;
}

}  // namespace ward::idp::oidc

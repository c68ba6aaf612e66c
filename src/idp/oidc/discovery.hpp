// The OpenID Provider metadata (/.well-known/openid-configuration, casdoor.md §2.8, plus Ward's
// revocation endpoint) and the JWK Set (/.well-known/jwks, §2.9: kid = cert name, alg = the cert's
// algorithm, use "sig", x5c). The documents are pure; signing_keys() reads the certs.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "idp/model/application.hpp"
#include "idp/server/context.hpp"

namespace ward::idp::oidc {

// Paths of the endpoints, shared by the routes and the discovery document.
inline constexpr std::string_view kAuthorizePath = "/login/oauth/authorize";
inline constexpr std::string_view kTokenPath = "/api/login/oauth/access_token";
inline constexpr std::string_view kRefreshPath = "/api/login/oauth/refresh_token";
inline constexpr std::string_view kIntrospectPath = "/api/login/oauth/introspect";
inline constexpr std::string_view kRevokePath = "/api/login/oauth/revoke";
inline constexpr std::string_view kUserinfoPath = "/api/userinfo";
inline constexpr std::string_view kLogoutPath = "/api/logout";
inline constexpr std::string_view kJwksPath = "/.well-known/jwks";

// The discovery document for `issuer` (no trailing slash). With `app` (the per-application
// variant) jwks_uri is /.well-known/<app>/jwks and the app's scopes are appended to
// scopes_supported; the issuer stays the bare origin (Casdoor issue #5582).
core::json::object discovery_document(std::string_view issuer,
                                      const model::Application* app = nullptr);

// {"keys": [...]}: each key's public JWK (kid = cert name, alg, use "sig", x5c when the cert
// has a certificate).
core::json::object jwks_document(std::span<const server::SigningKey> keys);

// Every x509 cert's parsed key (what /.well-known/jwks lists). A cert that does not parse, or a
// database failure, leaves keys out rather than breaking every client's key set.
// With the change marks read just before, keys parsed under the same cert mark need no query.
store::Task<std::vector<server::SigningKey>> signing_keys(
    const server::Context& ctx, const store::ChangeMarks* marks = nullptr);

}  // namespace ward::idp::oidc

// The IdP's OAuth 2.0 / OpenID Connect surface: the server-rendered sign-in page
// (/login/oauth/authorize), POST /api/login and /api/get-app-login, the token endpoint with its
// grants, refresh, introspection (RFC 7662), revocation (RFC 7009), RP-initiated logout,
// userinfo, discovery and JWKS (also per application under /.well-known/<app>/).
#pragma once

#include <memory>

#include "http/router.hpp"
#include "idp/server/context.hpp"

namespace ward::idp::oidc {

// Registers every route above on `router`. Handlers never throw on bad input: OAuth endpoints
// answer Casdoor's {error, error_description} shapes, /api/* the envelope, the page HTML.
void register_routes(http::Router& router, std::shared_ptr<server::Context> ctx);

}  // namespace ward::idp::oidc

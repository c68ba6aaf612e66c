// The Casdoor-compatible admin REST API under /api (casdoor.md §4): get/add/update/delete for
// organizations, applications, users, roles, permissions, groups, certs, tokens and sessions;
// set-password; get-account; TOTP MFA setup. Every handler is thin: identify the caller, parse,
// authorize (authorize.hpp), call the Store, answer the envelope (envelope.hpp).
#pragma once

#include <memory>

#include "http/router.hpp"
#include "idp/server/context.hpp"

namespace ward::idp::api {

// Registers every admin endpoint on `router` (reads as GET, writes as POST, as Casdoor). The
// context must outlive the router. Never fails: routes are fixed at start-up.
void register_routes(http::Router& router, std::shared_ptr<server::Context> ctx);

}  // namespace ward::idp::api

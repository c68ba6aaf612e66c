// Claims processing (spec/hasura.md §1.7): from a verified token's claims to the Hasura claims
// (allowed roles, default role, x-hasura-* session variables), through claims_namespace,
// claims_namespace_path or claims_map, with Hasura's messages; then the per-request role choice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "engine/auth/config.hpp"
#include "engine/auth/errors.hpp"
#include "engine/auth/session.hpp"

namespace ward::engine::auth {

// What a token grants, independent of the request (so it can be cached per token).
struct TokenClaims {
    std::vector<std::string> allowed_roles;
    std::string default_role;
    // Lower-cased x-hasura-* names other than allowed-roles and default-role; string values, or
    // (H2) arrays of scalars.
    Session::Variables variables;
    std::optional<std::int64_t> expires_at;  // `exp`, when the token has one
};

// Errors: kInvalidClaims (namespace not found or of the wrong shape, a claims_map path with no
// value and no default, a variable that is not a string or an array of scalars, roles of the wrong
// type) and kMissingRoleClaims (no allowed-roles / default-role). H1: in claims_map, role
// objects carrying a string `name` count as that name.
Result<TokenClaims> process_claims(const JwtSecret& secret, const core::json::object& claims);

// The session for one request: the role is `role_header` (x-hasura-role) when given, else the
// default role. Errors: kRoleNotAllowed when that role is not among the allowed roles.
Result<Session> make_jwt_session(const TokenClaims& claims,
                                 std::optional<std::string_view> role_header);

}  // namespace ward::engine::auth

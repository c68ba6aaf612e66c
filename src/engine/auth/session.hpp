// engine/auth's output: the Session of one request (role, allowed roles, session variables and
// the credential's expiry), which planning and execution read. Variables are lower-cased
// x-hasura-* names; values are JSON strings, or (extension H2) arrays of scalars.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace ward::engine::auth {

inline constexpr std::string_view kAdminRole = "admin";
inline constexpr std::string_view kRoleHeader = "x-hasura-role";

// How the request was authenticated.
enum class AuthMethod { kNoAuth, kAdminSecret, kJwt, kWebhook, kUnauthorizedRole };
std::string_view to_string(AuthMethod method);

// ASCII lower-casing (session variable and header names).
std::string to_lower_ascii(std::string_view text);
// True when `name` starts with "x-hasura-" in any case.
bool is_hasura_name(std::string_view name);

struct Session {
    using Variables = std::map<std::string, core::json::value, std::less<>>;

    std::string role;
    // The roles the credential allows; empty for admin-secret, no-auth, unauthorized-role and
    // webhook sessions (their role is not chosen from a list).
    std::vector<std::string> allowed_roles;
    // Lower-cased names, x-hasura-role included (equal to `role`).
    Variables variables;
    // Unix seconds after which the credential is no longer valid (JWT exp, webhook Expires);
    // WebSocket connections close then.
    std::optional<std::int64_t> expires_at;
    AuthMethod method = AuthMethod::kNoAuth;
    // The JWT was read from a Cookie header (H3). A browser attaches cookies to requests other
    // sites make, so the HTTP layer accepts such a session only on requests a cross-site page
    // cannot send without CORS (a JSON POST).
    bool token_from_cookie = false;
    // The request may use backend_only mutation permissions: it was authenticated by the admin
    // secret (or no auth is configured) and sent x-hasura-use-backend-only-permissions with a
    // true value. Never set for JWT, webhook or unauthorized-role sessions, whatever they carry.
    bool backend_only = false;

    bool is_admin() const { return role == kAdminRole; }
    // Case-insensitive look-up.
    const core::json::value* variable(std::string_view name) const;
    // The variable as text: strings as they are; arrays as a Postgres array literal ("{1,2,3}"),
    // which is how Hasura users pass arrays (issue #1902).
    std::optional<std::string> variable_text(std::string_view name) const;
    // {"x-hasura-role":"user", ...}
    core::json::object variables_json() const;
};

}  // namespace ward::engine::auth

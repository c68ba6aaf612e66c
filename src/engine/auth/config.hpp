// Start-up configuration of the engine's authentication (spec/hasura.md §1.1, §1.3, §1.4):
// parsing HASURA_GRAPHQL_JWT_SECRET / _SECRETS with Hasura's validation messages, and the rules
// that pick one auth mode from the admin secret(s), JWT secret(s), auth hook and unauthorized
// role, or refuse to start with Hasura's fatal message.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "engine/auth/json_path.hpp"
#include "jose/algorithm.hpp"
#include "jose/key.hpp"

namespace ward::engine::auth {

inline constexpr std::string_view kDefaultClaimsNamespace = "https://hasura.io/jwt/claims";

// Where a token is read from (`header` of the JWT secret).
struct TokenSource {
    enum class Kind { kAuthorization, kCookie, kCustomHeader };
    Kind kind = Kind::kAuthorization;
    std::string name;  // cookie or header name; empty for kAuthorization

    friend bool operator==(const TokenSource&, const TokenSource&) = default;
};

enum class ClaimsFormat { kJson, kStringifiedJson };

// One claims_map entry: a literal value, or a JSONPath with an optional default.
struct ClaimsMapEntry {
    std::optional<core::json::value> literal;
    std::optional<JsonPath> path;
    std::optional<core::json::value> default_value;
};

struct JwtSecret {
    // Exactly one of `key` (from type + key) and `jwk_url` is set.
    std::optional<jose::Key> key;
    std::optional<jose::Algorithm> algorithm;  // from `type`
    std::string jwk_url;

    std::string claims_namespace = std::string(kDefaultClaimsNamespace);
    std::optional<JsonPath> claims_namespace_path;
    ClaimsFormat claims_format = ClaimsFormat::kJson;
    // Lower-cased session variable name -> entry; when non-empty the namespace settings are
    // ignored.
    std::map<std::string, ClaimsMapEntry, std::less<>> claims_map;

    std::vector<std::string> audiences;  // empty: aud not checked
    std::optional<std::string> issuer;   // unset: iss not checked
    std::chrono::seconds allowed_skew{0};
    // Places tried in order (extension H3 allows more than one); never empty.
    std::vector<TokenSource> sources{TokenSource{}};
};

// Parses one secret object. Errors (kInvalidArgument, code "invalid-jwt-secret") carry Hasura's
// messages verbatim, e.g. "key, jwk_url both cannot be present",
// "Invalid JWK: Key size too small; should be atleast 32 characters",
// "x-hasura-allowed-roles is expected but not found".
core::Result<JwtSecret> parse_jwt_secret_value(const core::json::value& value);
// The same from the text of HASURA_GRAPHQL_JWT_SECRET; invalid JSON is an error too.
core::Result<JwtSecret> parse_jwt_secret(std::string_view text);
// HASURA_GRAPHQL_JWT_SECRETS: a JSON array of secret objects (an error for anything else).
core::Result<std::vector<JwtSecret>> parse_jwt_secrets(std::string_view text);

enum class WebhookMode { kGet, kPost };
// "GET" or "POST" (case-insensitive). Errors: "invalid-auth-hook-mode".
core::Result<WebhookMode> parse_webhook_mode(std::string_view text);

struct WebhookConfig {
    std::string url;
    WebhookMode mode = WebhookMode::kGet;
    // POST mode: the body carries the client's GraphQL request under "request" as well as the
    // headers (HASURA_GRAPHQL_AUTH_HOOK_SEND_REQUEST_BODY, default true).
    bool send_request_body = true;
};

// What the process was started with, before the mode rules are applied. Empty strings mean
// "not set", as with unset environment variables.
struct AuthSettings {
    std::string admin_secret;    // HASURA_GRAPHQL_ADMIN_SECRET (or _ACCESS_KEY)
    std::string admin_secrets;   // HASURA_GRAPHQL_ADMIN_SECRETS (JSON array); wins when set
    std::string jwt_secret;      // HASURA_GRAPHQL_JWT_SECRET
    std::string jwt_secrets;     // HASURA_GRAPHQL_JWT_SECRETS; wins when set
    std::string auth_hook;       // HASURA_GRAPHQL_AUTH_HOOK
    std::string auth_hook_mode;  // HASURA_GRAPHQL_AUTH_HOOK_MODE, default GET
    bool auth_hook_send_request_body = true;  // HASURA_GRAPHQL_AUTH_HOOK_SEND_REQUEST_BODY
    std::string unauthorized_role;            // HASURA_GRAPHQL_UNAUTHORIZED_ROLE
};

enum class AuthMode { kNoAuth, kAdminSecret, kJwt, kWebhook };
std::string_view to_string(AuthMode mode);

struct AuthConfig {
    AuthMode mode = AuthMode::kNoAuth;
    std::vector<std::string> admin_secrets;  // empty only in kNoAuth
    std::vector<JwtSecret> jwt_secrets;      // non-empty only in kJwt
    std::optional<WebhookConfig> webhook;    // set only in kWebhook
    std::optional<std::string> unauthorized_role;
};

// Applies §1.1. Errors (kInvalidArgument, code "fatal-auth-config") with Hasura's fatal text, e.g.
// "Fatal Error: Both webhook and JWT mode cannot be enabled at the same time"; a JWT secret that
// does not parse gives its parse error, prefixed with the variable's name.
core::Result<AuthConfig> resolve_auth_config(const AuthSettings& settings);

}  // namespace ward::engine::auth

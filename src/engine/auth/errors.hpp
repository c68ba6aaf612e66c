// The engine's authentication error vocabulary (spec/hasura.md §1.9): one append-only table of
// Hasura wire codes, HTTP statuses and fixed messages, and AuthError, which every auth function
// returns. The HTTP layer renders it as /v1/graphql or /v1/metadata expect.
#pragma once

#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"

namespace ward::engine::auth {

// X(enum name, wire code, HTTP status, fixed message; "" when the message is built per case).
// Append only: codes and messages are part of the wire contract.
#define WARD_AUTH_ERROR_CODES(X)                                                             \
    X(kInvalidAdminSecret, "access-denied", 401,                                             \
      "invalid x-hasura-admin-secret/x-hasura-access-key")                                   \
    X(kAdminSecretRequired, "access-denied", 401,                                            \
      "x-hasura-admin-secret/x-hasura-access-key required, but not found")                   \
    X(kRoleNotAllowed, "access-denied", 400, "Your requested role is not in allowed roles")  \
    X(kInvalidJwt, "invalid-jwt", 400, "")                                                   \
    X(kMissingRoleClaims, "jwt-missing-role-claims", 400, "")                                \
    X(kInvalidClaims, "jwt-invalid-claims", 400, "")                                         \
    X(kMalformedAuthorization, "invalid-headers", 400, "Malformed Authorization header")     \
    X(kMissingToken, "invalid-headers", 400,                                                 \
      "Missing 'Authorization' or 'Cookie' header in JWT authentication mode")               \
    X(kMultipleJwts, "invalid-headers", 400, "Could not verify JWT: Multiple JWTs found")    \
    X(kWebhookDenied, "access-denied", 401, "Authentication hook unauthorized this request") \
    X(kWebhookFailed, "unexpected", 500, "Invalid response from authorization hook")         \
    X(kCookieRequestRefused, "invalid-headers", 400, "")                                     \
    X(kInvalidBackendOnlyHeader, "bad-request", 400,                                         \
      "x-hasura-use-backend-only-permissions:  Not a valid boolean text. True values are "   \
      "[\"true\",\"t\",\"yes\",\"y\"] and  False values are "                                \
      "[\"false\",\"f\",\"no\",\"n\"]. All values are case insensitive")

enum class AuthErrorCode {
#define WARD_X(name, code, status, message) name,
    WARD_AUTH_ERROR_CODES(WARD_X)
#undef WARD_X
};

std::string_view wire_code(AuthErrorCode code);
int http_status(AuthErrorCode code);
// The table's fixed message ("" for codes whose message is built per case).
std::string_view fixed_message(AuthErrorCode code);

struct AuthError {
    AuthErrorCode code;
    std::string message;

    // An error with the table's fixed message.
    static AuthError make(AuthErrorCode code);
    static AuthError make(AuthErrorCode code, std::string message) {
        return {code, std::move(message)};
    }

    std::string_view wire_code() const { return auth::wire_code(code); }
    int http_status() const { return auth::http_status(code); }

    // {"errors":[{"extensions":{"path":"$","code":…},"message":…}]} (/v1/graphql, HTTP 200).
    core::json::object to_graphql_json() const;
    // {"path":"$","error":…,"code":…} (/v1/metadata, /v2/query, with http_status()).
    core::json::object to_rest_json() const;

    friend bool operator==(const AuthError&, const AuthError&) = default;
};

template <typename T>
using Result = core::Result<T, AuthError>;

}  // namespace ward::engine::auth

// The OAuth 2.0 / OIDC error vocabulary of the IdP: ONE append-only X-macro table giving each
// error its wire code, HTTP status and default description (RFC 6749 §4.1.2.1, §5.2; RFC 6750
// §3.1; RFC 8628 §3.5; RFC 7591 §3.2.2; RFC 8707; RFC 9449; OIDC Core §3.1.2.6), and the JSON
// body Casdoor sends: {"error": ..., "error_description": ...}. Handlers map every OAuth failure
// through here; nothing else spells these codes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/json.hpp"

namespace ward::idp::oauth {

// X(enum name, wire code, HTTP status, core::ErrorKind, default description)
// Append only: never reorder or remove a row.
#define WARD_OAUTH_ERRORS(X)                                                                       \
    X(kInvalidRequest, "invalid_request", 400, kInvalidArgument,                                   \
      "The request is missing a required parameter or is otherwise malformed")                     \
    X(kInvalidClient, "invalid_client", 401, kUnauthenticated, "Client authentication failed")     \
    X(kInvalidGrant, "invalid_grant", 400, kInvalidArgument,                                       \
      "The authorization grant or refresh token is invalid, expired or revoked")                   \
    X(kUnauthorizedClient, "unauthorized_client", 400, kPermissionDenied,                          \
      "The client is not authorized to use this grant type")                                       \
    X(kUnsupportedGrantType, "unsupported_grant_type", 400, kInvalidArgument,                      \
      "The grant type is not supported")                                                           \
    X(kInvalidScope, "invalid_scope", 400, kInvalidArgument, "Invalid scope")                      \
    X(kAccessDenied, "access_denied", 400, kPermissionDenied,                                      \
      "The resource owner or server denied the request")                                           \
    X(kUnsupportedResponseType, "unsupported_response_type", 400, kInvalidArgument,                \
      "The response type is not supported")                                                        \
    X(kServerError, "server_error", 500, kInternal, "The server encountered an unexpected error")  \
    X(kTemporarilyUnavailable, "temporarily_unavailable", 503, kUnavailable,                       \
      "The server is temporarily unable to handle the request")                                    \
    X(kInvalidToken, "invalid_token", 401, kUnauthenticated,                                       \
      "The access token is invalid, expired or revoked")                                           \
    X(kInsufficientScope, "insufficient_scope", 403, kPermissionDenied,                            \
      "The request requires a scope the access token does not have")                               \
    X(kAuthorizationPending, "authorization_pending", 400, kInvalidArgument,                       \
      "The authorization request is still pending")                                                \
    X(kSlowDown, "slow_down", 400, kLimitExceeded, "Polling too fast; slow down")                  \
    X(kExpiredToken, "expired_token", 400, kInvalidArgument, "The device code has expired")        \
    X(kInvalidTarget, "invalid_target", 400, kInvalidArgument, "The resource is not valid")        \
    X(kInvalidDpopProof, "invalid_dpop_proof", 400, kInvalidArgument, "The DPoP proof is invalid") \
    X(kEndpointError, "endpoint_error", 400, kInvalidArgument, "The endpoint failed")              \
    X(kLoginRequired, "login_required", 400, kUnauthenticated, "The user must sign in")            \
    X(kConsentRequired, "consent_required", 400, kPermissionDenied, "The user must consent")       \
    X(kInteractionRequired, "interaction_required", 400, kPermissionDenied,                        \
      "User interaction is required")                                                              \
    X(kInvalidRedirectUri, "invalid_redirect_uri", 400, kInvalidArgument,                          \
      "A redirect URI is not valid")                                                               \
    X(kInvalidClientMetadata, "invalid_client_metadata", 400, kInvalidArgument,                    \
      "The client metadata is not valid")

enum class OAuthError {
#define WARD_OAUTH_ERROR_ENUM(name, code, status, kind, description) name,
    WARD_OAUTH_ERRORS(WARD_OAUTH_ERROR_ENUM)
#undef WARD_OAUTH_ERROR_ENUM
};

std::string_view wire_code(OAuthError error);
int http_status(OAuthError error);
std::string_view default_description(OAuthError error);
core::ErrorKind error_kind(OAuthError error);

// The error whose wire code is `code`, if any.
std::optional<OAuthError> parse_oauth_error(std::string_view code);

// The WWW-Authenticate header value the error needs, if any: `Basic realm="OAuth2"` for
// invalid_client (Casdoor, RFC 6749 §5.2), `Bearer error="<code>"` for invalid_token and
// insufficient_scope (RFC 6750 §3).
std::optional<std::string> www_authenticate(OAuthError error);

// A core::Error whose code() is the wire code and whose message is the description (the default
// one when `description` is empty). Descriptions must never contain a secret or expected value.
core::Error make_error(OAuthError error, std::string description = {});

// The table entry for an error from any module: its code if it is a wire code of this table,
// else by kind (kInvalidArgument -> invalid_request, kUnauthenticated -> invalid_client,
// kPermissionDenied -> access_denied, kUnavailable/kTimeout -> temporarily_unavailable,
// anything else -> server_error).
OAuthError to_oauth_error(const core::Error& error);

// {"error": "<code>", "error_description": "<description or default>"}
core::json::object error_body(OAuthError error, std::string_view description = {});
// The body for any core::Error. Internal errors get the default description so that no internal
// detail leaks to the client.
core::json::object error_body(const core::Error& error);

}  // namespace ward::idp::oauth

// Request parsing and response shapes of the token-style endpoints (access_token, refresh_token,
// introspect, revoke): parameters from the query, the form body and a JSON body (Casdoor fills
// each missing key from the JSON object), client credentials from the parameters or HTTP Basic,
// and Casdoor's success and {error, error_description} bodies with their status codes. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/result.hpp"
#include "http/headers.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "idp/oauth/errors.hpp"

namespace ward::idp::oidc {

struct TokenRequest {
    http::Params params;  // query first, then form, then JSON keys not already present
    std::string client_id;
    std::string client_secret;
    bool basic_auth = false;  // the credentials came from Authorization: Basic

    // The parameter's first value, or "".
    std::string get(std::string_view name) const { return std::string(params.get_or(name, {})); }
};

// Parses a token-endpoint request. Client credentials: client_id/client_secret parameters, else
// HTTP Basic (as Casdoor: Basic is read only when neither parameter is present). Errors
// (invalid_request): a form body with bad percent-encoding, a JSON body that is not an object, a
// malformed Basic header.
core::Result<TokenRequest> parse_token_request(const http::Request& request);

// {"error", "error_description"} with the table's status; invalid_client adds
// WWW-Authenticate: Basic realm="OAuth2" (see keep_challenge_only_for_header_auth).
// Cache-Control: no-store.
http::Response oauth_error_response(oauth::OAuthError error, std::string_view description = {});
// The same for any error (mapped through oauth::to_oauth_error; internal details never leak).
http::Response oauth_error_response(const core::Error& error);

struct TokenResponse {
    std::string access_token;
    std::string id_token;       // "" for client_credentials
    std::string refresh_token;  // "" when none is issued
    std::string token_type = "Bearer";
    std::int64_t expires_in = 0;
    std::string scope;
};

// 200 {"access_token","id_token","refresh_token","token_type","expires_in","scope"} with
// Cache-Control: no-store (RFC 6749 §5.1); an id_token or refresh_token not issued is left out.
http::Response token_response(const TokenResponse& token);

// RFC 6749 §5.2: the WWW-Authenticate challenge of a 401 answers a client that authenticated
// with the Authorization header. A client that sent its credentials in the body gets the JSON
// error alone (RFC-strict clients such as openid-client read a challenge instead of the body).
// Removes the challenge from `response` when `request` has no Authorization header.
void keep_challenge_only_for_header_auth(const http::Request& request, http::Response& response);

}  // namespace ward::idp::oidc

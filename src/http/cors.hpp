// CORS (Fetch standard): which browser origins may call the servers, and the preflight answer.
// The defaults match Hasura's and Casdoor's: any origin, reflected, with credentials allowed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace ward::http {

struct CorsConfig {
    bool enabled = true;
    // "*" allows any origin; otherwise exact origins ("https://app.example.com") or one wildcard
    // label at the start of the host ("https://*.example.com"), as HASURA_GRAPHQL_CORS_DOMAIN.
    std::vector<std::string> allowed_origins{"*"};
    bool allow_credentials = true;
    std::string allowed_methods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    // Sent on preflight answers; empty reflects Access-Control-Request-Headers.
    std::string allowed_headers;
    std::string max_age_seconds = "1728000";
    std::string expose_headers;
};

bool cors_origin_allowed(const CorsConfig& config, std::string_view origin);
// OPTIONS with Origin and Access-Control-Request-Method.
bool is_cors_preflight(const Request& request);
// 204 with the Access-Control-Allow-* fields, or 403 when the origin is not allowed.
Response cors_preflight_response(const CorsConfig& config, const Request& request);
// Adds Access-Control-Allow-Origin (and friends) to an actual response when the request has an
// allowed Origin; does nothing otherwise.
void apply_cors(const CorsConfig& config, const Request& request, Response& response);

}  // namespace ward::http

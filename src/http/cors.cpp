#include "http/cors.hpp"

namespace ward::http {

namespace {

bool wildcard_match(std::string_view pattern, std::string_view origin) {
    // "https://*.example.com": scheme must match, host must end with ".example.com" and have a
    // non-empty label in front.
    std::size_t star = pattern.find("*.");
    if (star == std::string_view::npos) return false;
    std::string_view prefix = pattern.substr(0, star);
    std::string_view suffix = pattern.substr(star + 1);
    if (origin.size() <= prefix.size() + suffix.size()) return false;
    if (!iequals(origin.substr(0, prefix.size()), prefix)) return false;
    if (!iequals(origin.substr(origin.size() - suffix.size()), suffix)) return false;
    std::string_view label =
        origin.substr(prefix.size(), origin.size() - prefix.size() - suffix.size());
    return label.find('/') == std::string_view::npos && label.find(':') == std::string_view::npos;
}

void add_origin_fields(const CorsConfig& config, std::string_view origin, Response& response) {
    response.set_header("Access-Control-Allow-Origin", origin);
    if (config.allow_credentials) response.set_header("Access-Control-Allow-Credentials", "true");
    response.add_header("Vary", "Origin");
}

}  // namespace

bool cors_origin_allowed(const CorsConfig& config, std::string_view origin) {
    if (!config.enabled || origin.empty()) return false;
    for (const auto& allowed : config.allowed_origins) {
        if (allowed == "*") return true;
        if (iequals(allowed, origin)) return true;
        if (allowed.find('*') != std::string::npos && wildcard_match(allowed, origin)) return true;
    }
    return false;
}

bool is_cors_preflight(const Request& request) {
    return request.method() == Method::kOptions && request.header("Origin").has_value() &&
           request.header("Access-Control-Request-Method").has_value();
}

Response cors_preflight_response(const CorsConfig& config, const Request& request) {
    std::string_view origin = request.header("Origin").value_or("");
    if (!cors_origin_allowed(config, origin)) {
        return Response::text(403, "CORS origin not allowed\n");
    }
    Response response(204);
    add_origin_fields(config, origin, response);
    response.set_header("Access-Control-Allow-Methods", config.allowed_methods);
    std::string_view headers = config.allowed_headers;
    if (headers.empty()) headers = request.header("Access-Control-Request-Headers").value_or("");
    if (!headers.empty()) response.set_header("Access-Control-Allow-Headers", headers);
    if (!config.max_age_seconds.empty()) {
        response.set_header("Access-Control-Max-Age", config.max_age_seconds);
    }
    return response;
}

void apply_cors(const CorsConfig& config, const Request& request, Response& response) {
    if (!config.enabled) return;
    auto origin = request.header("Origin");
    if (!origin || !cors_origin_allowed(config, *origin)) return;
    add_origin_fields(config, *origin, response);
    if (!config.expose_headers.empty()) {
        response.set_header("Access-Control-Expose-Headers", config.expose_headers);
    }
}

}  // namespace ward::http

#include "idp/oidc/token_request.hpp"

#include "core/json.hpp"

namespace ward::idp::oidc {

namespace {

bool is_json_body(const http::Request& request) {
    auto type = request.header("Content-Type").value_or("");
    return type.find("json") != std::string_view::npos;
}

std::string json_scalar_text(const core::json::value& v) {
    if (v.is_string()) return std::string(v.get_string());
    if (v.is_int64()) return std::to_string(v.get_int64());
    if (v.is_uint64()) return std::to_string(v.get_uint64());
    if (v.is_bool()) return v.get_bool() ? "true" : "false";
    return {};
}

}  // namespace

core::Result<TokenRequest> parse_token_request(const http::Request& request) {
    TokenRequest out;
    for (const auto& [name, value] : request.query()) out.params.add(name, value);
    const std::string& body = request.body();
    if (!body.empty()) {
        if (is_json_body(request)) {
            auto parsed = core::parse_json(body);
            if (!parsed || !parsed->is_object()) {
                return oauth::make_error(oauth::OAuthError::kInvalidRequest,
                                         "The request body is not a JSON object");
            }
            for (const auto& [key, value] : parsed->get_object()) {
                if (out.params.contains(key)) continue;
                out.params.add(std::string(key), json_scalar_text(value));
            }
        } else {
            auto form = request.form();
            if (!form) {
                return oauth::make_error(oauth::OAuthError::kInvalidRequest,
                                         "The form body is malformed");
            }
            for (const auto& [name, value] : *form) {
                if (out.params.contains(name)) continue;
                out.params.add(name, value);
            }
        }
    }
    auto id = out.params.get("client_id");
    auto secret = out.params.get("client_secret");
    if (id || secret) {
        out.client_id = std::string(id.value_or(""));
        out.client_secret = std::string(secret.value_or(""));
    } else if (request.header("Authorization")) {
        auto basic = request.basic_auth();
        if (basic) {
            out.client_id = basic->user;
            out.client_secret = basic->password;
            out.basic_auth = true;
        } else if (basic.error().code() != "missing-credentials") {
            return oauth::make_error(oauth::OAuthError::kInvalidRequest,
                                     "The Authorization header is malformed");
        }
    }
    return out;
}

http::Response oauth_error_response(oauth::OAuthError error, std::string_view description) {
    auto response = http::Response::json(static_cast<unsigned>(oauth::http_status(error)),
                                         core::to_json(oauth::error_body(error, description)));
    if (auto challenge = oauth::www_authenticate(error)) {
        response.set_header("WWW-Authenticate", *challenge);
    }
    response.no_store();
    return response;
}

http::Response oauth_error_response(const core::Error& error) {
    auto mapped = oauth::to_oauth_error(error);
    auto body = oauth::error_body(error);
    auto response = http::Response::json(static_cast<unsigned>(oauth::http_status(mapped)),
                                         core::to_json(body));
    if (auto challenge = oauth::www_authenticate(mapped)) {
        response.set_header("WWW-Authenticate", *challenge);
    }
    response.no_store();
    return response;
}

http::Response token_response(const TokenResponse& token) {
    core::json::object body;
    body["access_token"] = token.access_token;
    // Casdoor sends "" for a token it did not issue; RFC 6749 §5.1 clients (openid-client,
    // oauth4webapi) refuse an empty string, so a token that was not issued is left out.
    if (!token.id_token.empty()) body["id_token"] = token.id_token;
    if (!token.refresh_token.empty()) body["refresh_token"] = token.refresh_token;
    body["token_type"] = token.token_type;
    body["expires_in"] = token.expires_in;
    body["scope"] = token.scope;
    auto response = http::Response::json(200, core::to_json(body));
    response.no_store();
    return response;
}

void keep_challenge_only_for_header_auth(const http::Request& request, http::Response& response) {
    if (request.header("Authorization")) return;
    response.message().erase(boost::beast::http::field::www_authenticate);
}

}  // namespace ward::idp::oidc

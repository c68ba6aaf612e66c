#include "engine/auth/config.hpp"

#include <string>

#include "engine/auth/session.hpp"

namespace ward::engine::auth {

namespace {

core::Error config_error(std::string message) {
    return core::Error::invalid_argument(std::move(message), "invalid-jwt-secret");
}

core::Error fatal(std::string message) {
    return core::Error::invalid_argument(std::move(message), "fatal-auth-config");
}

// Hasura's `type` names; "Ed25519" is its name for EdDSA over Ed25519.
std::optional<jose::Algorithm> parse_key_type(std::string_view type) {
    using jose::Algorithm;
    if (type == "HS256") return Algorithm::kHS256;
    if (type == "HS384") return Algorithm::kHS384;
    if (type == "HS512") return Algorithm::kHS512;
    if (type == "RS256") return Algorithm::kRS256;
    if (type == "RS384") return Algorithm::kRS384;
    if (type == "RS512") return Algorithm::kRS512;
    if (type == "Ed25519") return Algorithm::kEdDSA;
    if (type == "ES256") return Algorithm::kES256;
    if (type == "ES384") return Algorithm::kES384;
    if (type == "ES512") return Algorithm::kES512;
    return std::nullopt;
}

core::Status parse_key(JwtSecret& secret, std::string_view type, std::string_view key_text) {
    auto alg = parse_key_type(type);
    if (!alg)
        return config_error("Invalid JWK: Key type: " + std::string(type) + " is not supported");
    secret.algorithm = *alg;
    if (jose::family(*alg) == jose::AlgorithmFamily::kHmac) {
        const std::size_t min = jose::hash_size(jose::hash_of(*alg));
        if (key_text.size() < min) {
            return config_error("Invalid JWK: Key size too small; should be atleast " +
                                std::to_string(min) + " characters");
        }
        auto key = jose::Key::hmac_secret(std::string(key_text));
        if (!key) return config_error("Invalid JWK: " + key.error().message());
        secret.key = std::move(*key);
        return core::ok();
    }
    auto key = jose::Key::from_pem(key_text);
    if (!key) return config_error("Invalid JWK: " + key.error().message());
    if (!key->fits(*alg)) {
        return config_error("Invalid JWK: the key does not fit type " + std::string(type));
    }
    auto pub = key->public_key();
    if (!pub) return config_error("Invalid JWK: " + pub.error().message());
    secret.key = std::move(*pub);
    return core::ok();
}

core::Result<TokenSource> parse_source(const core::json::value& value) {
    constexpr std::string_view kTypeError =
        "expected 'type' is 'Authorization' or 'Cookie' or 'CustomHeader'";
    const auto* obj = value.if_object();
    if (obj == nullptr) return config_error("header: expected an object");
    auto type = core::get_string(*obj, "type");
    if (!type) return config_error(std::string(kTypeError));
    const std::string lower = to_lower_ascii(*type);
    TokenSource source;
    if (lower == "authorization") {
        source.kind = TokenSource::Kind::kAuthorization;
        return source;
    }
    if (lower == "cookie") {
        source.kind = TokenSource::Kind::kCookie;
    } else if (lower == "customheader") {
        source.kind = TokenSource::Kind::kCustomHeader;
    } else {
        return config_error(std::string(kTypeError));
    }
    auto name = core::get_string(*obj, "name");
    if (!name || name->empty()) {
        return config_error("header: 'name' is required for type '" + std::string(*type) + "'");
    }
    source.name = std::string(*name);
    return source;
}

core::Status parse_claims_map(JwtSecret& secret, const core::json::value& value) {
    const auto* obj = value.if_object();
    if (obj == nullptr) return config_error("claims_map: expected an object");
    for (const auto& [name, entry_value] : *obj) {
        ClaimsMapEntry entry;
        const auto* entry_obj = entry_value.if_object();
        if (entry_obj != nullptr && entry_obj->contains("path")) {
            auto path_text = core::get_string(*entry_obj, "path");
            if (!path_text) return config_error("claims_map: 'path' must be a string");
            auto path = JsonPath::parse(*path_text);
            if (!path) {
                return config_error("invalid JSON path claims_map error: " +
                                    path.error().message());
            }
            entry.path = std::move(*path);
            if (const auto* d = entry_obj->if_contains("default")) entry.default_value = *d;
        } else {
            entry.literal = entry_value;
        }
        secret.claims_map[to_lower_ascii(name)] = std::move(entry);
    }
    for (std::string_view required : {"x-hasura-allowed-roles", "x-hasura-default-role"}) {
        if (!secret.claims_map.contains(required)) {
            return config_error(std::string(required) + " is expected but not found");
        }
    }
    return core::ok();
}

}  // namespace

core::Result<JwtSecret> parse_jwt_secret_value(const core::json::value& value) {
    const auto* obj = value.if_object();
    if (obj == nullptr) return config_error("the JWT secret must be a JSON object");
    JwtSecret secret;

    // Key material.
    const auto* key = obj->if_contains("key");
    const auto* jwk_url = obj->if_contains("jwk_url");
    if (key != nullptr && key->is_null()) key = nullptr;
    if (jwk_url != nullptr && jwk_url->is_null()) jwk_url = nullptr;
    if (key != nullptr && jwk_url != nullptr) {
        return config_error("key, jwk_url both cannot be present");
    }
    if (key == nullptr && jwk_url == nullptr) {
        return config_error("key and jwk_url both cannot be empty");
    }
    if (key != nullptr) {
        if (!key->is_string()) return config_error("key: expected a string");
        auto type = core::get_string(*obj, "type");
        if (!type) return config_error("type is required when key is given");
        WARD_TRY_STATUS(parse_key(secret, *type, key->as_string()));
    } else {
        if (!jwk_url->is_string() || jwk_url->as_string().empty()) {
            return config_error("jwk_url: expected a URL string");
        }
        secret.jwk_url = std::string(jwk_url->as_string());
    }

    // Where the claims are.
    const auto* ns = obj->if_contains("claims_namespace");
    const auto* ns_path = obj->if_contains("claims_namespace_path");
    if (ns != nullptr && ns->is_null()) ns = nullptr;
    if (ns_path != nullptr && ns_path->is_null()) ns_path = nullptr;
    if (ns != nullptr && ns_path != nullptr) {
        return config_error("claims_namespace and claims_namespace_path both cannot be set");
    }
    if (ns != nullptr) {
        if (!ns->is_string()) return config_error("claims_namespace: expected a string");
        secret.claims_namespace = std::string(ns->as_string());
    }
    if (ns_path != nullptr) {
        if (!ns_path->is_string()) return config_error("claims_namespace_path: expected a string");
        auto path = JsonPath::parse(ns_path->as_string());
        if (!path) {
            return config_error("invalid JSON path claims_namespace_path error: " +
                                path.error().message());
        }
        secret.claims_namespace_path = std::move(*path);
    }
    if (const auto* format = obj->if_contains("claims_format"); format && !format->is_null()) {
        if (format->is_string() && format->as_string() == "json") {
            secret.claims_format = ClaimsFormat::kJson;
        } else if (format->is_string() && format->as_string() == "stringified_json") {
            secret.claims_format = ClaimsFormat::kStringifiedJson;
        } else {
            return config_error("claims_format: expected \"json\" or \"stringified_json\"");
        }
    }
    if (const auto* map = obj->if_contains("claims_map"); map && !map->is_null()) {
        WARD_TRY_STATUS(parse_claims_map(secret, *map));
    }

    // Registered-claim checks.
    if (const auto* aud = obj->if_contains("audience"); aud && !aud->is_null()) {
        if (const auto* s = aud->if_string()) {
            secret.audiences.emplace_back(*s);
        } else if (const auto* a = aud->if_array()) {
            for (const auto& item : *a) {
                if (!item.is_string()) {
                    return config_error("audience: expected a string or an array of strings");
                }
                secret.audiences.emplace_back(item.as_string());
            }
        } else {
            return config_error("audience: expected a string or an array of strings");
        }
    }
    if (const auto* iss = obj->if_contains("issuer"); iss && !iss->is_null()) {
        if (!iss->is_string()) return config_error("issuer: expected a string");
        secret.issuer = std::string(iss->as_string());
    }
    if (const auto* skew = obj->if_contains("allowed_skew"); skew && !skew->is_null()) {
        if (!skew->is_int64() || skew->as_int64() < 0) {
            return config_error("allowed_skew: expected a non-negative integer");
        }
        secret.allowed_skew = std::chrono::seconds(skew->as_int64());
    }

    // Token locations (H3: a list is tried in order).
    if (const auto* header = obj->if_contains("header"); header && !header->is_null()) {
        secret.sources.clear();
        if (const auto* list = header->if_array()) {
            if (list->empty()) return config_error("header: expected at least one location");
            for (const auto& item : *list) {
                WARD_TRY(auto source, parse_source(item));
                secret.sources.push_back(std::move(source));
            }
        } else {
            WARD_TRY(auto source, parse_source(*header));
            secret.sources.push_back(std::move(source));
        }
    }
    return secret;
}

core::Result<JwtSecret> parse_jwt_secret(std::string_view text) {
    auto value = core::parse_json(text);
    if (!value) return config_error("the JWT secret is not valid JSON: " + value.error().message());
    return parse_jwt_secret_value(*value);
}

core::Result<std::vector<JwtSecret>> parse_jwt_secrets(std::string_view text) {
    auto value = core::parse_json(text);
    if (!value) {
        return config_error("the JWT secrets are not valid JSON: " + value.error().message());
    }
    const auto* arr = value->if_array();
    if (arr == nullptr) return config_error("the JWT secrets must be a JSON array");
    std::vector<JwtSecret> out;
    for (const auto& item : *arr) {
        WARD_TRY(auto secret, parse_jwt_secret_value(item));
        out.push_back(std::move(secret));
    }
    return out;
}

core::Result<WebhookMode> parse_webhook_mode(std::string_view text) {
    const std::string lower = to_lower_ascii(text);
    if (lower.empty() || lower == "get") return WebhookMode::kGet;
    if (lower == "post") return WebhookMode::kPost;
    return core::Error::invalid_argument(
        "Only expecting GET / POST for --auth-hook-mode (HASURA_GRAPHQL_AUTH_HOOK_MODE)",
        "invalid-auth-hook-mode");
}

std::string_view to_string(AuthMode mode) {
    switch (mode) {
        case AuthMode::kNoAuth:
            return "no-auth";
        case AuthMode::kAdminSecret:
            return "admin-secret";
        case AuthMode::kJwt:
            return "jwt";
        case AuthMode::kWebhook:
            return "webhook";
    }
    return "unknown";
}

core::Result<AuthConfig> resolve_auth_config(const AuthSettings& settings) {
    AuthConfig config;

    // Admin secrets: _SECRETS wins over the single variable.
    if (!settings.admin_secrets.empty()) {
        auto value = core::parse_json(settings.admin_secrets);
        const auto* arr = value ? value->if_array() : nullptr;
        if (arr == nullptr || arr->empty()) {
            return fatal(
                "Fatal Error: HASURA_GRAPHQL_ADMIN_SECRETS must be a JSON array of strings");
        }
        for (const auto& item : *arr) {
            if (!item.is_string() || item.as_string().empty()) {
                return fatal(
                    "Fatal Error: HASURA_GRAPHQL_ADMIN_SECRETS must be a JSON array of strings");
            }
            config.admin_secrets.emplace_back(item.as_string());
        }
    } else if (!settings.admin_secret.empty()) {
        config.admin_secrets.push_back(settings.admin_secret);
    }
    const bool has_admin = !config.admin_secrets.empty();
    const bool has_jwt = !settings.jwt_secrets.empty() || !settings.jwt_secret.empty();
    const bool has_hook = !settings.auth_hook.empty();
    const bool has_unauth = !settings.unauthorized_role.empty();

    // §1.1 start-up rules, in Hasura's order.
    if (has_hook && has_jwt) {
        return fatal("Fatal Error: Both webhook and JWT mode cannot be enabled at the same time");
    }
    if (has_jwt && !has_admin) {
        return fatal(
            "Fatal Error : --jwt-secret (HASURA_GRAPHQL_JWT_SECRET) requires --admin-secret "
            "(HASURA_GRAPHQL_ADMIN_SECRET) or  --access-key (HASURA_GRAPHQL_ACCESS_KEY) to be set");
    }
    if (has_hook && !has_admin) {
        return fatal(
            "Fatal Error : --auth-hook (HASURA_GRAPHQL_AUTH_HOOK) requires --admin-secret "
            "(HASURA_GRAPHQL_ADMIN_SECRET) or  --access-key (HASURA_GRAPHQL_ACCESS_KEY) to be set");
    }
    if (has_unauth && (has_hook || !has_admin)) {
        return fatal(
            "Fatal Error: --unauthorized-role (HASURA_GRAPHQL_UNAUTHORIZED_ROLE) requires "
            "--admin-secret (HASURA_GRAPHQL_ADMIN_SECRET) or --access-key "
            "(HASURA_GRAPHQL_ACCESS_KEY) to be set and is not allowed when --auth-hook "
            "(HASURA_GRAPHQL_AUTH_HOOK) is set");
    }
    if (has_unauth) config.unauthorized_role = settings.unauthorized_role;

    if (has_jwt) {
        config.mode = AuthMode::kJwt;
        if (!settings.jwt_secrets.empty()) {
            auto secrets = parse_jwt_secrets(settings.jwt_secrets);
            if (!secrets) {
                return fatal("Fatal Error: HASURA_GRAPHQL_JWT_SECRETS: " +
                             secrets.error().message());
            }
            if (secrets->empty()) {
                return fatal(
                    "Fatal Error: HASURA_GRAPHQL_JWT_SECRETS: expected at least one secret");
            }
            config.jwt_secrets = std::move(*secrets);
        } else {
            auto secret = parse_jwt_secret(std::string_view(settings.jwt_secret));
            if (!secret) {
                return fatal("Fatal Error: HASURA_GRAPHQL_JWT_SECRET: " + secret.error().message());
            }
            config.jwt_secrets.push_back(std::move(*secret));
        }
    } else if (has_hook) {
        config.mode = AuthMode::kWebhook;
        auto mode = parse_webhook_mode(settings.auth_hook_mode);
        if (!mode) return fatal("Fatal Error: " + mode.error().message());
        config.webhook =
            WebhookConfig{settings.auth_hook, *mode, settings.auth_hook_send_request_body};
    } else if (has_admin) {
        config.mode = AuthMode::kAdminSecret;
    } else {
        config.mode = AuthMode::kNoAuth;
    }
    return config;
}

}  // namespace ward::engine::auth

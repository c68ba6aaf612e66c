#include "engine/auth/claims.hpp"

#include <algorithm>
#include <string>

namespace ward::engine::auth {

namespace {

constexpr std::string_view kAllowedRoles = "x-hasura-allowed-roles";
constexpr std::string_view kDefaultRole = "x-hasura-default-role";

// Aeson's names for JSON types, which Hasura's messages quote.
std::string_view aeson_type(const core::json::value& v) {
    switch (v.kind()) {
        case core::json::kind::string:
            return "String";
        case core::json::kind::array:
            return "Array";
        case core::json::kind::object:
            return "Object";
        case core::json::kind::bool_:
            return "Boolean";
        case core::json::kind::null:
            return "Null";
        default:
            return "Number";
    }
}

AuthError invalid_claims(std::string message) {
    return AuthError::make(AuthErrorCode::kInvalidClaims, std::move(message));
}

// H1: {"name": "user", ...} stands for "user" in claims_map role paths.
const core::json::value& role_name_of(const core::json::value& v) {
    if (const auto* obj = v.if_object()) {
        if (const auto* name = obj->if_contains("name"); name && name->is_string()) return *name;
    }
    return v;
}

Result<std::vector<std::string>> read_allowed_roles(const core::json::value& v, bool h1) {
    constexpr std::string_view kPrefix =
        "invalid x-hasura-allowed-roles; should be a list of roles: ";
    const auto* arr = v.if_array();
    if (arr == nullptr) {
        return invalid_claims(std::string(kPrefix) +
                              "parsing [] failed, expected Array, but encountered " +
                              std::string(aeson_type(v)));
    }
    std::vector<std::string> roles;
    for (const auto& raw : *arr) {
        const auto& item = h1 ? role_name_of(raw) : raw;
        if (!item.is_string()) {
            return invalid_claims(std::string(kPrefix) +
                                  "parsing Text failed, expected String, but encountered " +
                                  std::string(aeson_type(item)));
        }
        roles.emplace_back(item.as_string());
    }
    return roles;
}

Result<std::string> read_default_role(const core::json::value& raw, bool h1) {
    const auto& v = h1 ? role_name_of(raw) : raw;
    if (!v.is_string()) {
        return invalid_claims(
            "invalid x-hasura-default-role; should be a single role name: parsing Text failed, "
            "expected String, but encountered " +
            std::string(aeson_type(v)));
    }
    return std::string(v.as_string());
}

// A session variable's value: a string, or (H2) an array of scalars.
Result<core::json::value> read_variable(const core::json::value& v) {
    if (v.is_string()) return v;
    if (const auto* arr = v.if_array()) {
        const bool scalars = std::all_of(arr->begin(), arr->end(), [](const core::json::value& e) {
            return !e.is_array() && !e.is_object();
        });
        if (scalars) return v;
    }
    return invalid_claims(
        "x-hasura-* claims: parsing Text failed, expected String, but encountered " +
        std::string(aeson_type(v)));
}

std::optional<std::int64_t> read_exp(const core::json::object& claims) {
    const auto* exp = claims.if_contains("exp");
    if (exp == nullptr) return std::nullopt;
    if (exp->is_int64()) return exp->as_int64();
    if (exp->is_uint64()) return static_cast<std::int64_t>(exp->as_uint64());
    if (exp->is_double()) return static_cast<std::int64_t>(exp->as_double());
    return std::nullopt;
}

Result<TokenClaims> from_claims_map(const JwtSecret& secret, const core::json::object& claims) {
    const core::json::value root(claims);
    TokenClaims out;
    for (const auto& [name, entry] : secret.claims_map) {
        const core::json::value* value = nullptr;
        if (entry.literal) {
            value = &*entry.literal;
        } else if (entry.path) {
            value = entry.path->find(root);
            if (value == nullptr && entry.default_value) value = &*entry.default_value;
        }
        if (value == nullptr) {
            if (name == kAllowedRoles || name == kDefaultRole) {
                return AuthError::make(AuthErrorCode::kMissingRoleClaims,
                                       "JWT claim does not contain " + name);
            }
            return invalid_claims("JWT claim from claims_map, " + name + " not found");
        }
        if (name == kAllowedRoles) {
            WARD_TRY(out.allowed_roles, read_allowed_roles(*value, true));
        } else if (name == kDefaultRole) {
            WARD_TRY(out.default_role, read_default_role(*value, true));
        } else {
            WARD_TRY(auto v, read_variable(*value));
            out.variables[name] = std::move(v);
        }
    }
    return out;
}

bool is_registered_claim(std::string_view name) {
    return name == "iss" || name == "sub" || name == "aud" || name == "exp" || name == "nbf" ||
           name == "iat" || name == "jti";
}

Result<core::json::object> locate_namespace(const JwtSecret& secret,
                                            const core::json::object& claims) {
    const core::json::value* found = nullptr;
    core::json::value unregistered;
    std::string where;
    if (secret.claims_namespace_path) {
        core::json::object rest;
        for (const auto& [k, v] : claims) {
            if (!is_registered_claim(k)) rest[k] = v;
        }
        unregistered = std::move(rest);
        found = secret.claims_namespace_path->find(unregistered);
        if (found == nullptr) {
            return invalid_claims("claims not found at claims_namespace_path: '" +
                                  secret.claims_namespace_path->text() + "'");
        }
        where = "claims_namespace_path " + secret.claims_namespace_path->text();
    } else {
        found = claims.if_contains(secret.claims_namespace);
        if (found == nullptr) {
            return invalid_claims("claims key: '" + secret.claims_namespace + "' not found");
        }
        where = "claims_namespace " + secret.claims_namespace;
    }
    if (secret.claims_format == ClaimsFormat::kJson) {
        if (const auto* obj = found->if_object()) return *obj;
        return invalid_claims("expecting a json object when claims_format is json");
    }
    const auto* text = found->if_string();
    if (text == nullptr) {
        return invalid_claims("expecting a string when claims_format is stringified_json");
    }
    auto parsed = core::parse_json(*text);
    if (parsed && parsed->is_object()) return parsed->as_object();
    return invalid_claims("expecting stringified json at: '" + where +
                          "', but found: " + core::to_json(*found));
}

}  // namespace

Result<TokenClaims> process_claims(const JwtSecret& secret, const core::json::object& claims) {
    if (!secret.claims_map.empty()) {
        WARD_TRY(auto out, from_claims_map(secret, claims));
        out.expires_at = read_exp(claims);
        return out;
    }
    WARD_TRY(auto ns, locate_namespace(secret, claims));

    // Only x-hasura-* keys count; names are case-insensitive.
    TokenClaims out;
    const core::json::value* allowed = nullptr;
    const core::json::value* default_role = nullptr;
    for (const auto& [key, value] : ns) {
        if (!is_hasura_name(key)) continue;
        std::string name = to_lower_ascii(key);
        if (name == kAllowedRoles) {
            allowed = &value;
        } else if (name == kDefaultRole) {
            default_role = &value;
        } else {
            WARD_TRY(auto v, read_variable(value));
            out.variables[std::move(name)] = std::move(v);
        }
    }
    if (allowed == nullptr) {
        return AuthError::make(AuthErrorCode::kMissingRoleClaims,
                               "JWT claim does not contain x-hasura-allowed-roles");
    }
    WARD_TRY(out.allowed_roles, read_allowed_roles(*allowed, false));
    if (default_role == nullptr) {
        return AuthError::make(AuthErrorCode::kMissingRoleClaims,
                               "JWT claim does not contain x-hasura-default-role");
    }
    WARD_TRY(out.default_role, read_default_role(*default_role, false));
    out.expires_at = read_exp(claims);
    return out;
}

Result<Session> make_jwt_session(const TokenClaims& claims,
                                 std::optional<std::string_view> role_header) {
    Session session;
    session.method = AuthMethod::kJwt;
    session.role = role_header ? std::string(*role_header) : claims.default_role;
    if (std::find(claims.allowed_roles.begin(), claims.allowed_roles.end(), session.role) ==
        claims.allowed_roles.end()) {
        return AuthError::make(AuthErrorCode::kRoleNotAllowed);
    }
    session.allowed_roles = claims.allowed_roles;
    session.variables = claims.variables;
    session.variables[std::string(kRoleHeader)] = session.role;
    session.expires_at = claims.expires_at;
    return session;
}

}  // namespace ward::engine::auth

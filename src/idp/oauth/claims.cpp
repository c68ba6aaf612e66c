#include "idp/oauth/claims.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "core/assert.hpp"
#include "core/encoding.hpp"
#include "idp/model/role_expansion.hpp"
#include "idp/oauth/scope.hpp"

namespace ward::idp::oauth {
namespace {

namespace json = core::json;

constexpr std::string_view kSecretUserKeys[] = {
    "password",
    "passwordSalt",
    "hash",
    "preHash",
    "totpSecret",
    "recoveryCodes",
    "accessKey",
    "accessSecret",
    "originalToken",
    "originalRefreshToken",
    "accessToken",
    "managedAccounts",
    "invitationCode",
    "webauthnCredentials",
    "multiFactorAuths",
};

// The user part of Casdoor's default "JWT" format (casdoor.md §3.3), secrets removed (C2).
// "emailVerified" is emitted as "email_verified"; roles and permissions are added as names (C1).
constexpr std::string_view kJwtUserKeys[] = {
    "owner",
    "name",
    "createdTime",
    "updatedTime",
    "deletedTime",
    "id",
    "type",
    "passwordType",
    "displayName",
    "firstName",
    "lastName",
    "avatar",
    "avatarType",
    "permanentAvatar",
    "email",
    "emailVerified",
    "phone",
    "countryCode",
    "region",
    "location",
    "address",
    "affiliation",
    "title",
    "idCardType",
    "idCard",
    "homepage",
    "bio",
    "tag",
    "language",
    "gender",
    "birthday",
    "education",
    "score",
    "karma",
    "ranking",
    "isDefaultAvatar",
    "isOnline",
    "isAdmin",
    "isForbidden",
    "isDeleted",
    "signupApplication",
    "registerType",
    "registerSource",
    "github",
    "google",
    "qq",
    "wechat",
    "facebook",
    "dingtalk",
    "weibo",
    "gitee",
    "linkedin",
    "wecom",
    "lark",
    "gitlab",
    "createdIp",
    "lastSigninTime",
    "lastSigninIp",
    "preferredMfaType",
    "mfaPhoneEnabled",
    "mfaEmailEnabled",
    "ldap",
    "properties",
    "groups",
    "lastSigninWrongTime",
    "signinWrongTimes",
};

// Claims that identify and bound the token: a JWT-Custom attribute may not replace them.
constexpr std::string_view kProtectedClaims[] = {"iss", "sub", "aud", "exp",
                                                 "nbf", "iat", "jti", "tokenType"};

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

json::array string_array(std::span<const std::string> items) {
    json::array out;
    out.reserve(items.size());
    for (const auto& s : items) out.emplace_back(json::string(s));
    return out;
}

void put_if_not_empty(json::object& out, std::string_view key, std::string_view value) {
    if (!value.empty()) out[key] = value;
}

void add_registered_claims(json::object& out, std::string_view subject,
                           const AccessTokenContext& ctx) {
    out["iss"] = ctx.issuer;
    out["sub"] = subject;
    out["aud"] = string_array(ctx.audience);
    out["exp"] = ctx.expires_at;
    out["nbf"] = ctx.issued_at;
    out["iat"] = ctx.issued_at;
    out["jti"] = ctx.jti;
}

// tokenType, then nonce/scope/azp/provider/signinMethod, omitted when empty.
void add_common_claims(json::object& out, const AccessTokenContext& ctx) {
    out["tokenType"] = "access-token";
    put_if_not_empty(out, "nonce", ctx.nonce);
    put_if_not_empty(out, "scope", ctx.scope);
    put_if_not_empty(out, "azp", ctx.azp);
    put_if_not_empty(out, "provider", ctx.provider);
    put_if_not_empty(out, "signinMethod", ctx.signin_method);
}

// The user fields of kJwtUserKeys, in that order, looked up once in the user's field table.
using UserField = model::detail::FieldDef<model::User>;
const std::array<const UserField*, std::size(kJwtUserKeys)>& jwt_user_fields() {
    static const auto fields = [] {
        std::array<const UserField*, std::size(kJwtUserKeys)> out{};
        const auto all = model::user_fields();
        for (std::size_t i = 0; i < out.size(); ++i) {
            for (const auto& f : all) {
                if (f.key == kJwtUserKeys[i]) out[i] = &f;
            }
            WARD_INVARIANT(out[i] != nullptr, "a JWT user claim names no user field");
        }
        return out;
    }();
    return fields;
}

json::object jwt_claims(const Subject& s, const AccessTokenContext& ctx) {
    // Each claim is encoded straight from its field: the token endpoint builds these claims for
    // every token, and a whole user object copied key by key was an eighth of its CPU (issue #7).
    json::object out;
    out.reserve(std::size(kJwtUserKeys) + 16);
    for (const UserField* f : jwt_user_fields()) {
        f->encode(s.user, out, f->key == "emailVerified" ? "email_verified" : f->key);
    }
    out["roles"] = string_array(model::role_names(s.roles));
    out["permissions"] = string_array(model::permission_names(s.permissions));
    add_common_claims(out, ctx);
    add_registered_claims(out, s.user.id, ctx);
    return out;
}

json::object jwt_empty_claims(const Subject& s, const AccessTokenContext& ctx) {
    const model::User& u = s.user;
    json::object out;
    out["owner"] = u.owner;
    out["name"] = u.name;
    out["id"] = u.id;
    out["displayName"] = u.display_name;
    out["avatar"] = u.avatar;
    out["email"] = u.email;
    if (u.email_verified) out["email_verified"] = true;
    out["phone"] = u.phone;
    add_common_claims(out, ctx);
    add_registered_claims(out, u.id, ctx);
    return out;
}

std::string lower_camel(std::string_view go_name) {
    std::string out(go_name);
    bool all_upper = std::all_of(out.begin(), out.end(), [](char c) {
        return !std::isalpha(static_cast<unsigned char>(c)) ||
               std::isupper(static_cast<unsigned char>(c));
    });
    if (all_upper) {
        for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty()) {
        out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
    }
    return out;
}

bool is_protected(std::string_view claim) {
    return std::find(std::begin(kProtectedClaims), std::end(kProtectedClaims), claim) !=
           std::end(kProtectedClaims);
}

// One JWT-Custom tokenFields entry (casdoor.md §3.3).
void add_token_field(json::object& out, std::string_view field, const json::object& user,
                     const Subject& s, const AccessTokenContext& ctx) {
    if (iequals(field, "Roles")) {
        out["roles"] = string_array(model::role_names(s.roles));
    } else if (iequals(field, "Permissions") || field == "permissionNames") {
        out[field == "permissionNames" ? "permissionNames" : "permissions"] =
            string_array(model::permission_names(s.permissions));
    } else if (iequals(field, "signinMethod")) {
        out["signinMethod"] = ctx.signin_method;
    } else if (iequals(field, "provider")) {
        out["provider"] = ctx.provider;
    } else if (field.starts_with("Properties.") || field.starts_with("properties.")) {
        std::string key(field.substr(field.find('.') + 1));
        auto it = s.user.properties.find(key);
        if (!key.empty() && it != s.user.properties.end() && !is_protected(key)) {
            out[key] = it->second;
        }
    } else {
        std::string key = lower_camel(field);
        if (is_secret_user_key(key) || is_protected(key)) return;
        if (auto it = user.find(key); it != user.end()) out[key] = it->value();
    }
}

// Expands a tokenAttributes value template into its values (casdoor.md §3.3).
std::vector<std::string> attribute_values(const model::TokenAttribute& attr, const Subject& s) {
    std::vector<std::string> values;
    if (attr.category == "Existing Field") {
        if (iequals(attr.value, "Roles")) {
            values = model::role_names(s.roles);
        } else if (iequals(attr.value, "Permissions")) {
            values = model::permission_names(s.permissions);
        } else if (iequals(attr.value, "Groups")) {
            values = s.user.groups;
        }
    } else {
        const std::string& tpl = attr.value;
        auto expand_list = [&](std::string_view placeholder,
                               const std::vector<std::string>& items) -> bool {
            auto at = tpl.find(placeholder);
            if (at == std::string::npos) return false;
            for (const auto& item : items) {
                std::string v = tpl;
                v.replace(at, placeholder.size(), item);
                values.push_back(std::move(v));
            }
            return true;
        };
        if (!expand_list("$user.roles", model::role_names(s.roles)) &&
            !expand_list("$user.permissions", model::permission_names(s.permissions)) &&
            !expand_list("$user.groups", s.user.groups)) {
            std::string v = tpl;
            const std::pair<std::string_view, const std::string*> scalars[] = {
                {"$user.owner", &s.user.owner}, {"$user.name", &s.user.name},
                {"$user.email", &s.user.email}, {"$user.id", &s.user.id},
                {"$user.phone", &s.user.phone},
            };
            for (const auto& [placeholder, value] : scalars) {
                for (auto at = v.find(placeholder); at != std::string::npos;
                     at = v.find(placeholder, at + value->size())) {
                    v.replace(at, placeholder.size(), *value);
                }
            }
            values.push_back(std::move(v));
        }
    }
    std::erase_if(values, [](const std::string& v) { return v.empty(); });
    return values;
}

json::object jwt_custom_claims(const Subject& s, const model::Application& app,
                               const AccessTokenContext& ctx) {
    json::object out;
    add_registered_claims(out, s.user.id, ctx);
    out["tokenType"] = "access-token";
    out["nonce"] = ctx.nonce;  // always present in JWT-Custom, even empty
    out["scope"] = ctx.scope;
    put_if_not_empty(out, "azp", ctx.azp);

    json::object user = model::to_json(s.user);
    for (const auto& field : app.token_fields) add_token_field(out, field, user, s, ctx);

    for (const auto& attr : app.token_attributes) {
        if (attr.name.empty() || is_protected(attr.name)) continue;
        auto values = attribute_values(attr, s);
        if (values.empty()) continue;  // an empty result omits the claim
        if (attr.type == "Array") {
            out[attr.name] = string_array(values);
        } else {
            out[attr.name] = values.front();
        }
    }
    return out;
}

// E.164 for JWT-Standard's phone_number: the calling codes of Casdoor's default country list.
std::string e164(std::string_view phone, std::string_view country) {
    if (phone.empty() || phone.front() == '+') return std::string(phone);
    constexpr std::pair<std::string_view, std::string_view> kCodes[] = {
        {"US", "1"},  {"CA", "1"},  {"GB", "44"}, {"DE", "49"}, {"FR", "33"},
        {"ES", "34"}, {"CN", "86"}, {"JP", "81"}, {"KR", "82"}, {"VN", "84"},
        {"ID", "62"}, {"SG", "65"}, {"IN", "91"},
    };
    for (const auto& [cc, code] : kCodes) {
        if (iequals(cc, country)) return "+" + std::string(code) + std::string(phone);
    }
    return std::string(phone);
}

json::object jwt_standard_claims(const Subject& s, const AccessTokenContext& ctx) {
    const model::User& u = s.user;
    json::object out;
    out["owner"] = u.owner;
    out["preferred_username"] = u.name;
    out["id"] = u.id;
    out["name"] = u.display_name;
    out["picture"] = u.avatar;
    out["email"] = u.email;
    out["email_verified"] = u.email_verified;
    if (scope_contains(ctx.scope, "profile")) out["gender"] = u.gender;
    if (scope_contains(ctx.scope, "phone")) {
        out["phone_number"] = e164(u.phone, u.country_code);
        out["phone_number_verified"] = !u.phone.empty();
    }
    json::object address;
    std::string street;
    if (scope_contains(ctx.scope, "address")) {
        for (const auto& line : u.address) {
            if (!street.empty()) street.push_back('\n');
            street += line;
        }
    }
    address["formatted"] = "";
    address["street_address"] = street;
    address["locality"] = "";
    address["region"] = "";
    address["postal_code"] = "";
    address["country"] = "";
    out["address"] = std::move(address);
    add_common_claims(out, ctx);
    add_registered_claims(out, u.id, ctx);
    return out;
}

// The scope-selected user claims shared by userinfo and the ID token. `allowed(field)` filters
// by Casdoor user field name (the tokenFields whitelist).
template <typename Allowed>
void add_scoped_user_claims(json::object& out, const Subject& s, std::string_view scope,
                            Allowed allowed) {
    const model::User& u = s.user;
    if (scope_contains(scope, "profile")) {
        if (allowed("Name")) out["preferred_username"] = u.name;
        if (allowed("DisplayName")) out["name"] = u.display_name;
        if (allowed("Avatar")) out["picture"] = u.avatar;
        if (allowed("Groups")) out["groups"] = string_array(u.groups);
        if (allowed("Roles")) out["roles"] = string_array(model::role_names(s.roles));
        if (allowed("Permissions")) {
            out["permissions"] = string_array(model::permission_names(s.permissions));
        }
        if (allowed("RealName")) out["real_name"] = u.real_name;
        if (allowed("IsVerified")) out["is_verified"] = u.is_verified;
    }
    if (scope_contains(scope, "email") && allowed("Email")) {
        out["email"] = u.email;
        out["email_verified"] = u.email_verified;
    }
    if (scope_contains(scope, "address") && allowed("Location")) out["address"] = u.location;
    if (scope_contains(scope, "phone") && allowed("Phone")) out["phone"] = u.phone;
}

}  // namespace

std::span<const std::string_view> secret_user_keys() { return kSecretUserKeys; }

bool is_secret_user_key(std::string_view json_key) {
    return std::find(std::begin(kSecretUserKeys), std::end(kSecretUserKeys), json_key) !=
           std::end(kSecretUserKeys);
}

std::vector<std::string> access_token_audience(const model::Application& app,
                                               std::string_view user_organization,
                                               std::string_view resource) {
    if (!resource.empty()) return {std::string(resource)};
    if (app.is_shared) return {app.client_id + "-org-" + std::string(user_organization)};
    return {app.client_id};
}

std::int64_t expiry_after_hours(std::int64_t now, double hours) {
    if (!(hours > 0)) return now;  // also NaN
    double seconds = std::floor(hours * 3600.0);
    // A year of 10^5 hours is already absurd; clamp so the addition cannot overflow.
    constexpr double kMaxSeconds = 100.0 * 365 * 24 * 3600;
    return now + static_cast<std::int64_t>(std::min(seconds, kMaxSeconds));
}

model::User application_subject(const model::Application& app) {
    model::User u;
    u.owner = "admin";
    u.name = app.name;
    u.id = "admin/" + app.name;
    u.type = "application";
    u.display_name = app.display_name;
    return u;
}

core::Result<core::json::object> build_access_token_claims(std::string_view format,
                                                           const Subject& subject,
                                                           const model::Application& app,
                                                           const AccessTokenContext& ctx) {
    if (format == model::kTokenFormatJwt) return jwt_claims(subject, ctx);
    if (format == model::kTokenFormatJwtEmpty) return jwt_empty_claims(subject, ctx);
    if (format == model::kTokenFormatJwtCustom) return jwt_custom_claims(subject, app, ctx);
    if (format == model::kTokenFormatJwtStandard) return jwt_standard_claims(subject, ctx);
    return core::Error::invalid_argument(
        "unsupported token format: " + std::string(format.substr(0, 64)),
        "unsupported-token-format");
}

core::json::object build_id_token_claims(const Subject& subject, const IdTokenContext& ctx) {
    json::object out;
    out["iss"] = ctx.issuer;
    out["sub"] = subject.user.id;
    out["aud"] = ctx.client_id;
    out["exp"] = ctx.expires_at;
    out["iat"] = ctx.issued_at;
    out["auth_time"] = ctx.auth_time;
    out["azp"] = ctx.client_id;
    put_if_not_empty(out, "nonce", ctx.nonce);
    put_if_not_empty(out, "at_hash", ctx.at_hash);
    add_scoped_user_claims(out, subject, ctx.scope, [](std::string_view) { return true; });
    return out;
}

core::Result<std::string> at_hash(std::string_view access_token, std::string_view alg) {
    const EVP_MD* md = nullptr;
    if (alg.size() > 3 && alg.ends_with("256")) md = EVP_sha256();
    if (alg.size() > 3 && alg.ends_with("384")) md = EVP_sha384();
    if (alg.size() > 3 && alg.ends_with("512")) md = EVP_sha512();
    if (md == nullptr) {
        return core::Error::invalid_argument(
            "no at_hash digest for alg " + std::string(alg.substr(0, 16)), "unsupported-alg");
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int len = 0;
    if (EVP_Digest(access_token.data(), access_token.size(), digest.data(), &len, md, nullptr) !=
        1) {
        return core::Error::internal("digest failed");
    }
    return core::base64url_encode(
        std::string_view(reinterpret_cast<const char*>(digest.data()), len / 2));
}

core::json::object build_userinfo(const Subject& subject, const model::Application& app,
                                  std::string_view issuer, std::string_view scope) {
    json::object out;
    out["sub"] = subject.user.id;
    out["iss"] = issuer;
    out["aud"] = app.client_id;
    auto allowed = [&](std::string_view field) {
        if (app.token_fields.empty()) return true;
        return std::any_of(app.token_fields.begin(), app.token_fields.end(),
                           [&](const std::string& f) { return iequals(f, field); });
    };
    add_scoped_user_claims(out, subject, scope, allowed);
    return out;
}

}  // namespace ward::idp::oauth

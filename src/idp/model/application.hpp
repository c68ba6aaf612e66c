// model::Application: a Casdoor application, i.e. an OAuth client (table `application`, id
// "admin/<name>"), with its nested lists (signin methods, signup items, providers, scopes, token
// attributes). Defaults are those of a new application (casdoor.md §1.3) with departure C6: only
// the authorization_code and refresh_token grants unless more are opted in.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/random.hpp"
#include "idp/model/detail/field_codec.hpp"

namespace ward::idp::model {

inline constexpr std::string_view kGrantAuthorizationCode = "authorization_code";
inline constexpr std::string_view kGrantRefreshToken = "refresh_token";
inline constexpr std::string_view kGrantPassword = "password";
inline constexpr std::string_view kGrantClientCredentials = "client_credentials";
inline constexpr std::string_view kGrantImplicitToken = "token";
inline constexpr std::string_view kGrantImplicitIdToken = "id_token";
inline constexpr std::string_view kGrantDeviceCode = "urn:ietf:params:oauth:grant-type:device_code";
inline constexpr std::string_view kGrantJwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
inline constexpr std::string_view kGrantTokenExchange =
    "urn:ietf:params:oauth:grant-type:token-exchange";

inline constexpr std::string_view kTokenFormatJwt = "JWT";
inline constexpr std::string_view kTokenFormatJwtEmpty = "JWT-Empty";
inline constexpr std::string_view kTokenFormatJwtCustom = "JWT-Custom";
inline constexpr std::string_view kTokenFormatJwtStandard = "JWT-Standard";

struct SigninMethod {
    std::string name;  // "Password", "Verification code", "WebAuthn", "Face ID", ...
    std::string display_name;
    std::string rule;  // "All", "None", ...
};

struct SignupItem {
    std::string name;
    bool visible = true;
    bool required = false;
    bool prompted = false;
    std::string type;
    std::string custom_css;
    std::string label;
    std::string placeholder;
    std::vector<std::string> options;
    std::string regex;
    std::string rule;
};

struct ProviderItem {
    std::string owner;
    std::string name;
    bool can_sign_up = true;
    bool can_sign_in = true;
    bool can_unlink = true;
    bool prompted = false;
    std::string signup_group;
    std::string rule;
    core::json::value provider;  // the Provider object, filled at read time
};

struct ScopeItem {
    std::string name;
    std::string display_name;
    std::string description;
    std::vector<std::string> tools;
};

// A JWT-Custom claim (casdoor.md §3.3): category "Existing Field" | "Static Value" | "";
// type "Array" | "String".
struct TokenAttribute {
    std::string name;
    std::string value;
    std::string type = "String";
    std::string category;
};

std::vector<SigninMethod> default_signin_methods();
std::vector<std::string> default_grant_types();

struct Application {
    std::string owner = "admin";
    std::string name;
    std::string created_time;
    std::string display_name;
    std::string category = "Default";
    std::string type = "All";
    std::string logo;
    std::string title;
    std::string favicon;
    std::string homepage_url;
    std::string description;
    std::int64_t order = 0;
    std::string organization = "built-in";
    std::string cert = "cert-built-in";
    std::string client_id;
    std::string client_secret;
    std::vector<std::string> redirect_uris;
    std::vector<std::string> grant_types = default_grant_types();
    std::string token_format = "JWT";
    std::string token_signing_method = "RS256";
    std::vector<std::string> token_fields;
    std::vector<TokenAttribute> token_attributes;
    double expire_in_hours = 168;
    double refresh_expire_in_hours = 168;
    double cookie_expire_in_hours = 720;
    bool enable_password = true;
    bool enable_sign_up = true;
    bool enable_guest_signin = false;
    bool disable_signin = false;
    bool enable_signin_session = false;
    bool enable_auto_signin = false;
    bool enable_code_signin = false;
    bool enable_exclusive_signin = false;
    bool enable_web_authn = false;
    bool enable_link_with_email = false;
    bool enable_saml_compress = false;
    bool enable_saml_c14n10 = false;
    bool enable_saml_post_binding = false;
    // Ward (C5): the app refuses authorization codes requested without a PKCE challenge.
    bool require_pkce = false;
    std::vector<SigninMethod> signin_methods = default_signin_methods();
    std::vector<SignupItem> signup_items;
    core::json::value signin_items;
    std::vector<ProviderItem> providers;
    std::vector<std::string> tags;
    std::vector<ScopeItem> scopes;
    core::json::value custom_scopes;
    std::int64_t failed_signin_limit = 0;        // 0 means 5
    std::int64_t failed_signin_frozen_time = 0;  // minutes; 0 means 15
    std::int64_t code_resend_timeout = 0;        // seconds; 0 means 120
    bool is_shared = false;
    std::string client_cert;
    std::string backchannel_logout_uri;
    std::string forced_redirect_origin;
    std::string signup_url;
    std::string signin_url;
    std::string forget_url;
    std::string affiliation_url;
    std::string ip_whitelist;
    std::string terms_of_use;
    std::string signup_html;
    std::string signin_html;
    std::string header_html;
    std::string footer_html;
    std::string form_css;
    std::string form_css_mobile;
    std::int64_t form_offset = 2;
    std::string form_side_html;
    std::string form_background_url;
    std::string registration_access_token;
    core::json::value organization_obj;  // computed
    std::string cert_public_key;         // computed
};

// The effective lockout limits (casdoor.md §1.3, §5.2): 0 means 5 attempts / 15 minutes.
std::int64_t effective_failed_signin_limit(const Application& app);
std::int64_t effective_failed_signin_frozen_minutes(const Application& app);

// authorization_code is always allowed (Casdoor); any other grant only when listed.
bool grant_type_allowed(const Application& app, std::string_view grant_type);

// The token format to use: the app's, else the org's default, else "JWT".
std::string effective_token_format(const Application& app, std::string_view org_default_format);

// Fresh credentials as Casdoor generates them: 20 and 40 lowercase hex characters.
std::string generate_client_id(core::Random& random);
std::string generate_client_secret(core::Random& random);

core::json::object to_json(const SigninMethod& v);
core::json::object to_json(const SignupItem& v);
core::json::object to_json(const ProviderItem& v);
core::json::object to_json(const ScopeItem& v);
core::json::object to_json(const TokenAttribute& v);
core::json::object to_json(const Application& app);
template <>
core::Result<SigninMethod> from_json<SigninMethod>(const core::json::value& v);
template <>
core::Result<SignupItem> from_json<SignupItem>(const core::json::value& v);
template <>
core::Result<ProviderItem> from_json<ProviderItem>(const core::json::value& v);
template <>
core::Result<ScopeItem> from_json<ScopeItem>(const core::json::value& v);
template <>
core::Result<TokenAttribute> from_json<TokenAttribute>(const core::json::value& v);
template <>
core::Result<Application> from_json<Application>(const core::json::value& v);
std::span<const detail::FieldDef<Application>> application_fields();

}  // namespace ward::idp::model

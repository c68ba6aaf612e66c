#include "idp/model/application.hpp"

#include <algorithm>

#include "core/encoding.hpp"

namespace ward::idp::model {
namespace {

using detail::field;
using detail::Storage;

constexpr detail::FieldDef<SigninMethod> kSigninMethodFields[] = {
    field<&SigninMethod::name>("name"),
    field<&SigninMethod::display_name>("displayName"),
    field<&SigninMethod::rule>("rule"),
};

constexpr detail::FieldDef<SignupItem> kSignupItemFields[] = {
    field<&SignupItem::name>("name"),         field<&SignupItem::visible>("visible"),
    field<&SignupItem::required>("required"), field<&SignupItem::prompted>("prompted"),
    field<&SignupItem::type>("type"),         field<&SignupItem::custom_css>("customCss"),
    field<&SignupItem::label>("label"),       field<&SignupItem::placeholder>("placeholder"),
    field<&SignupItem::options>("options"),   field<&SignupItem::regex>("regex"),
    field<&SignupItem::rule>("rule"),
};

constexpr detail::FieldDef<ProviderItem> kProviderItemFields[] = {
    field<&ProviderItem::owner>("owner"),
    field<&ProviderItem::name>("name"),
    field<&ProviderItem::can_sign_up>("canSignUp"),
    field<&ProviderItem::can_sign_in>("canSignIn"),
    field<&ProviderItem::can_unlink>("canUnlink"),
    field<&ProviderItem::prompted>("prompted"),
    field<&ProviderItem::signup_group>("signupGroup"),
    field<&ProviderItem::rule>("rule"),
    field<&ProviderItem::provider>("provider", Storage::kComputed),
};

constexpr detail::FieldDef<ScopeItem> kScopeItemFields[] = {
    field<&ScopeItem::name>("name"),
    field<&ScopeItem::display_name>("displayName"),
    field<&ScopeItem::description>("description"),
    field<&ScopeItem::tools>("tools"),
};

constexpr detail::FieldDef<TokenAttribute> kTokenAttributeFields[] = {
    field<&TokenAttribute::name>("name"),
    field<&TokenAttribute::value>("value"),
    field<&TokenAttribute::type>("type"),
    field<&TokenAttribute::category>("category"),
};

using A = Application;

constexpr detail::FieldDef<A> kFields[] = {
    field<&A::owner>("owner"),
    field<&A::name>("name"),
    field<&A::created_time>("createdTime"),
    field<&A::display_name>("displayName"),
    field<&A::category>("category"),
    field<&A::type>("type"),
    field<&A::logo>("logo"),
    field<&A::title>("title"),
    field<&A::favicon>("favicon"),
    field<&A::homepage_url>("homepageUrl"),
    field<&A::description>("description"),
    field<&A::order>("order"),
    field<&A::organization>("organization"),
    field<&A::cert>("cert"),
    field<&A::client_id>("clientId"),
    field<&A::client_secret>("clientSecret"),
    field<&A::redirect_uris>("redirectUris"),
    field<&A::grant_types>("grantTypes"),
    field<&A::token_format>("tokenFormat"),
    field<&A::token_signing_method>("tokenSigningMethod"),
    field<&A::token_fields>("tokenFields"),
    field<&A::token_attributes>("tokenAttributes"),
    field<&A::expire_in_hours>("expireInHours"),
    field<&A::refresh_expire_in_hours>("refreshExpireInHours"),
    field<&A::cookie_expire_in_hours>("cookieExpireInHours"),
    field<&A::enable_password>("enablePassword"),
    field<&A::enable_sign_up>("enableSignUp"),
    field<&A::enable_guest_signin>("enableGuestSignin"),
    field<&A::disable_signin>("disableSignin"),
    field<&A::enable_signin_session>("enableSigninSession"),
    field<&A::enable_auto_signin>("enableAutoSignin"),
    field<&A::enable_code_signin>("enableCodeSignin"),
    field<&A::enable_exclusive_signin>("enableExclusiveSignin"),
    field<&A::enable_web_authn>("enableWebAuthn"),
    field<&A::enable_link_with_email>("enableLinkWithEmail"),
    field<&A::enable_saml_compress>("enableSamlCompress"),
    field<&A::enable_saml_c14n10>("enableSamlC14n10"),
    field<&A::enable_saml_post_binding>("enableSamlPostBinding"),
    field<&A::require_pkce>("requirePkce"),
    field<&A::signin_methods>("signinMethods"),
    field<&A::signup_items>("signupItems"),
    field<&A::signin_items>("signinItems"),
    field<&A::providers>("providers"),
    field<&A::tags>("tags"),
    field<&A::scopes>("scopes"),
    field<&A::custom_scopes>("customScopes"),
    field<&A::failed_signin_limit>("failedSigninLimit"),
    field<&A::failed_signin_frozen_time>("failedSigninFrozenTime"),
    field<&A::code_resend_timeout>("codeResendTimeout"),
    field<&A::is_shared>("isShared"),
    field<&A::client_cert>("clientCert"),
    field<&A::backchannel_logout_uri>("backchannelLogoutUri"),
    field<&A::forced_redirect_origin>("forcedRedirectOrigin"),
    field<&A::signup_url>("signupUrl"),
    field<&A::signin_url>("signinUrl"),
    field<&A::forget_url>("forgetUrl"),
    field<&A::affiliation_url>("affiliationUrl"),
    field<&A::ip_whitelist>("ipWhitelist"),
    field<&A::terms_of_use>("termsOfUse"),
    field<&A::signup_html>("signupHtml"),
    field<&A::signin_html>("signinHtml"),
    field<&A::header_html>("headerHtml"),
    field<&A::footer_html>("footerHtml"),
    field<&A::form_css>("formCss"),
    field<&A::form_css_mobile>("formCssMobile"),
    field<&A::form_offset>("formOffset"),
    field<&A::form_side_html>("formSideHtml"),
    field<&A::form_background_url>("formBackgroundUrl"),
    field<&A::registration_access_token>("registrationAccessToken"),
    field<&A::organization_obj>("organizationObj", Storage::kComputed),
    field<&A::cert_public_key>("certPublicKey", Storage::kComputed),
};

std::string random_hex(core::Random& random, std::size_t chars) {
    return core::hex_encode(random.bytes(chars / 2));
}

}  // namespace

std::vector<SigninMethod> default_signin_methods() {
    return {
        {"Password", "Password", "All"},
        {"Verification code", "Verification code", "All"},
        {"WebAuthn", "WebAuthn", "None"},
        {"Face ID", "Face ID", "None"},
    };
}

std::vector<std::string> default_grant_types() {
    return {std::string(kGrantAuthorizationCode), std::string(kGrantRefreshToken)};
}

std::int64_t effective_failed_signin_limit(const Application& app) {
    return app.failed_signin_limit > 0 ? app.failed_signin_limit : 5;
}

std::int64_t effective_failed_signin_frozen_minutes(const Application& app) {
    return app.failed_signin_frozen_time > 0 ? app.failed_signin_frozen_time : 15;
}

bool grant_type_allowed(const Application& app, std::string_view grant_type) {
    if (grant_type == kGrantAuthorizationCode) return true;
    return std::find(app.grant_types.begin(), app.grant_types.end(), grant_type) !=
           app.grant_types.end();
}

std::string effective_token_format(const Application& app, std::string_view org_default_format) {
    if (!app.token_format.empty()) return app.token_format;
    if (!org_default_format.empty()) return std::string(org_default_format);
    return std::string(kTokenFormatJwt);
}

std::string generate_client_id(core::Random& random) { return random_hex(random, 20); }
std::string generate_client_secret(core::Random& random) { return random_hex(random, 40); }

std::span<const detail::FieldDef<Application>> application_fields() { return kFields; }

core::json::object to_json(const SigninMethod& v) {
    return detail::encode_object<SigninMethod>(v, kSigninMethodFields);
}
core::json::object to_json(const SignupItem& v) {
    return detail::encode_object<SignupItem>(v, kSignupItemFields);
}
core::json::object to_json(const ProviderItem& v) {
    return detail::encode_object<ProviderItem>(v, kProviderItemFields);
}
core::json::object to_json(const ScopeItem& v) {
    return detail::encode_object<ScopeItem>(v, kScopeItemFields);
}
core::json::object to_json(const TokenAttribute& v) {
    return detail::encode_object<TokenAttribute>(v, kTokenAttributeFields);
}
core::json::object to_json(const Application& app) {
    return detail::encode_object<Application>(app, kFields);
}

template <>
core::Result<SigninMethod> from_json<SigninMethod>(const core::json::value& v) {
    return detail::decode_object<SigninMethod>(v, kSigninMethodFields, "SigninMethod");
}
template <>
core::Result<SignupItem> from_json<SignupItem>(const core::json::value& v) {
    return detail::decode_object<SignupItem>(v, kSignupItemFields, "SignupItem");
}
template <>
core::Result<ProviderItem> from_json<ProviderItem>(const core::json::value& v) {
    return detail::decode_object<ProviderItem>(v, kProviderItemFields, "ProviderItem");
}
template <>
core::Result<ScopeItem> from_json<ScopeItem>(const core::json::value& v) {
    return detail::decode_object<ScopeItem>(v, kScopeItemFields, "ScopeItem");
}
template <>
core::Result<TokenAttribute> from_json<TokenAttribute>(const core::json::value& v) {
    return detail::decode_object<TokenAttribute>(v, kTokenAttributeFields, "TokenAttribute");
}
template <>
core::Result<Application> from_json<Application>(const core::json::value& v) {
    return detail::decode_object<Application>(v, kFields, "Application");
}

}  // namespace ward::idp::model

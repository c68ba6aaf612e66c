#include "idp/model/organization.hpp"

namespace ward::idp::model {
namespace {

using detail::field;
using O = Organization;

constexpr detail::FieldDef<O> kFields[] = {
    field<&O::owner>("owner"),
    field<&O::name>("name"),
    field<&O::created_time>("createdTime"),
    field<&O::display_name>("displayName"),
    field<&O::website_url>("websiteUrl"),
    field<&O::logo>("logo"),
    field<&O::logo_dark>("logoDark"),
    field<&O::favicon>("favicon"),
    field<&O::has_privilege_consent>("hasPrivilegeConsent"),
    field<&O::password_type>("passwordType"),
    field<&O::password_salt>("passwordSalt"),
    field<&O::password_options>("passwordOptions"),
    field<&O::password_obfuscator_type>("passwordObfuscatorType"),
    field<&O::password_obfuscator_key>("passwordObfuscatorKey"),
    field<&O::password_expire_days>("passwordExpireDays"),
    field<&O::token_retention_days>("tokenRetentionDays"),
    field<&O::record_retention_days>("recordRetentionDays"),
    field<&O::country_codes>("countryCodes"),
    field<&O::default_avatar>("defaultAvatar"),
    field<&O::use_permanent_avatar>("usePermanentAvatar"),
    field<&O::default_application>("defaultApplication"),
    field<&O::default_token_format>("defaultTokenFormat"),
    field<&O::user_types>("userTypes"),
    field<&O::tags>("tags"),
    field<&O::languages>("languages"),
    field<&O::theme_data>("themeData"),
    field<&O::master_password>("masterPassword"),
    field<&O::default_password>("defaultPassword"),
    field<&O::master_verification_code>("masterVerificationCode"),
    field<&O::ip_whitelist>("ipWhitelist"),
    field<&O::init_score>("initScore"),
    field<&O::enable_soft_deletion>("enableSoftDeletion"),
    field<&O::is_profile_public>("isProfilePublic"),
    field<&O::use_email_as_username>("useEmailAsUsername"),
    field<&O::enable_tour>("enableTour"),
    field<&O::disable_signin>("disableSignin"),
    field<&O::ip_restriction>("ipRestriction"),
    field<&O::nav_items>("navItems"),
    field<&O::user_nav_items>("userNavItems"),
    field<&O::widget_items>("widgetItems"),
    field<&O::mfa_items>("mfaItems"),
    field<&O::mfa_remember_in_hours>("mfaRememberInHours"),
    field<&O::account_menu>("accountMenu"),
    field<&O::account_items>("accountItems"),
    field<&O::dcr_policy>("dcrPolicy"),
    field<&O::ldap_attributes>("ldapAttributes"),
    field<&O::org_balance>("orgBalance"),
    field<&O::user_balance>("userBalance"),
    field<&O::balance_currency>("balanceCurrency"),
};

}  // namespace

std::span<const detail::FieldDef<Organization>> organization_fields() { return kFields; }

core::json::object to_json(const Organization& org) {
    return detail::encode_object<Organization>(org, kFields);
}

template <>
core::Result<Organization> from_json<Organization>(const core::json::value& v) {
    return detail::decode_object<Organization>(v, kFields, "Organization");
}

}  // namespace ward::idp::model

#include "idp/model/user.hpp"

#include "idp/model/id.hpp"

namespace ward::idp::model {
namespace {

using detail::field;
using detail::Storage;
using U = User;

constexpr detail::FieldDef<U> kFields[] = {
    field<&U::owner>("owner"),
    field<&U::name>("name"),
    field<&U::created_time>("createdTime"),
    field<&U::updated_time>("updatedTime"),
    field<&U::deleted_time>("deletedTime"),
    field<&U::id>("id"),
    field<&U::external_id>("externalId"),
    field<&U::type>("type"),
    field<&U::password>("password"),
    field<&U::password_salt>("passwordSalt"),
    field<&U::password_type>("passwordType"),
    field<&U::display_name>("displayName"),
    field<&U::first_name>("firstName"),
    field<&U::last_name>("lastName"),
    field<&U::avatar>("avatar"),
    field<&U::avatar_type>("avatarType"),
    field<&U::permanent_avatar>("permanentAvatar"),
    field<&U::email>("email"),
    field<&U::email_verified>("emailVerified"),
    field<&U::phone>("phone"),
    field<&U::country_code>("countryCode"),
    field<&U::region>("region"),
    field<&U::location>("location"),
    field<&U::address>("address"),
    field<&U::addresses>("addresses"),
    field<&U::affiliation>("affiliation"),
    field<&U::title>("title"),
    field<&U::id_card_type>("idCardType"),
    field<&U::id_card>("idCard"),
    field<&U::real_name>("realName"),
    field<&U::is_verified>("isVerified"),
    field<&U::homepage>("homepage"),
    field<&U::bio>("bio"),
    field<&U::tag>("tag"),
    field<&U::language>("language"),
    field<&U::gender>("gender"),
    field<&U::birthday>("birthday"),
    field<&U::education>("education"),
    field<&U::score>("score"),
    field<&U::karma>("karma"),
    field<&U::ranking>("ranking"),
    field<&U::balance>("balance"),
    field<&U::currency>("currency"),
    field<&U::is_default_avatar>("isDefaultAvatar"),
    field<&U::is_online>("isOnline"),
    field<&U::is_admin>("isAdmin"),
    field<&U::is_forbidden>("isForbidden"),
    field<&U::is_deleted>("isDeleted"),
    field<&U::signup_application>("signupApplication"),
    field<&U::hash>("hash"),
    field<&U::pre_hash>("preHash"),
    field<&U::access_key>("accessKey"),
    field<&U::access_secret>("accessSecret"),
    field<&U::register_type>("registerType"),
    field<&U::register_source>("registerSource"),
    field<&U::github>("github"),
    field<&U::google>("google"),
    field<&U::qq>("qq"),
    field<&U::wechat>("wechat"),
    field<&U::facebook>("facebook"),
    field<&U::dingtalk>("dingtalk"),
    field<&U::weibo>("weibo"),
    field<&U::gitee>("gitee"),
    field<&U::linkedin>("linkedin"),
    field<&U::wecom>("wecom"),
    field<&U::lark>("lark"),
    field<&U::gitlab>("gitlab"),
    field<&U::created_ip>("createdIp"),
    field<&U::last_signin_time>("lastSigninTime"),
    field<&U::last_signin_ip>("lastSigninIp"),
    field<&U::preferred_mfa_type>("preferredMfaType"),
    field<&U::recovery_codes>("recoveryCodes"),
    field<&U::totp_secret>("totpSecret"),
    field<&U::mfa_phone_enabled>("mfaPhoneEnabled"),
    field<&U::mfa_email_enabled>("mfaEmailEnabled"),
    field<&U::multi_factor_auths>("multiFactorAuths", Storage::kComputed),
    field<&U::webauthn_credentials>("webauthnCredentials"),
    field<&U::mfa_remember_deadline>("mfaRememberDeadline"),
    field<&U::ldap>("ldap"),
    field<&U::properties>("properties"),
    field<&U::roles>("roles", Storage::kComputed),
    field<&U::permissions>("permissions", Storage::kComputed),
    field<&U::groups>("groups"),
    field<&U::last_signin_wrong_time>("lastSigninWrongTime"),
    field<&U::signin_wrong_times>("signinWrongTimes"),
    field<&U::need_update_password>("needUpdatePassword"),
    field<&U::last_change_password_time>("lastChangePasswordTime"),
    field<&U::managed_accounts>("managedAccounts"),
    field<&U::access_token>("accessToken", Storage::kComputed),
    field<&U::original_token>("originalToken"),
    field<&U::original_refresh_token>("originalRefreshToken"),
    field<&U::invitation>("invitation"),
    field<&U::invitation_code>("invitationCode"),
    field<&U::ip_whitelist>("ipWhitelist"),
    field<&U::application_scopes>("applicationScopes"),
};

}  // namespace

bool is_global_admin(const User& user) { return user.owner == kBuiltInOrganization; }

bool is_org_admin(const User& user, std::string_view organization) {
    return is_global_admin(user) || (user.is_admin && user.owner == organization);
}

std::span<const detail::FieldDef<User>> user_fields() { return kFields; }

core::json::object to_json(const User& user) { return detail::encode_object<User>(user, kFields); }

template <>
core::Result<User> from_json<User>(const core::json::value& v) {
    return detail::decode_object<User>(v, kFields, "User");
}

}  // namespace ward::idp::model

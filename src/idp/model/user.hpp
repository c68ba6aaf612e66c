// model::User: a Casdoor user (table `user`, id "<org>/<name>", casdoor.md §1.4), with Casdoor's
// JSON keys. `roles` and `permissions` are computed at read time (see role_expansion.hpp); the
// credential fields (password, passwordSalt, totpSecret, recoveryCodes, accessSecret, ...) must go
// through masking.hpp before leaving the server.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "idp/model/detail/field_codec.hpp"
#include "idp/model/permission.hpp"
#include "idp/model/role.hpp"

namespace ward::idp::model {

struct User {
    // Identity
    std::string owner;
    std::string name;
    std::string created_time;
    std::string updated_time;
    std::string deleted_time;
    std::string id;  // UUID v4; the JWT `sub`
    std::string external_id;
    std::string type = "normal-user";
    std::string display_name;
    std::string first_name;
    std::string last_name;
    // Credentials
    std::string password;
    std::string password_salt;
    std::string password_type;
    bool need_update_password = false;
    std::string last_change_password_time;
    std::int64_t signin_wrong_times = 0;
    std::string last_signin_wrong_time;
    std::string access_key;
    std::string access_secret;
    // Contact
    std::string email;
    bool email_verified = false;
    std::string phone;
    std::string country_code;
    std::string region;
    std::string location;
    std::vector<std::string> address;
    core::json::value addresses;
    // Profile
    std::string avatar;
    std::string avatar_type;
    std::string permanent_avatar;
    std::string affiliation;
    std::string title;
    std::string id_card_type;
    std::string id_card;
    std::string real_name;
    bool is_verified = false;
    std::string homepage;
    std::string bio;
    std::string tag;
    std::string language;
    std::string gender;
    std::string birthday;
    std::string education;
    std::int64_t score = 0;
    std::int64_t karma = 0;
    std::int64_t ranking = 0;
    double balance = 0;
    std::string currency;
    // Flags
    bool is_default_avatar = false;
    bool is_online = false;
    bool is_admin = false;
    bool is_forbidden = false;
    bool is_deleted = false;
    // Provenance
    std::string signup_application;
    std::string register_type;
    std::string register_source;
    std::string created_ip;
    std::string last_signin_time;
    std::string last_signin_ip;
    std::string hash;
    std::string pre_hash;
    // Federation: one id per provider
    std::string github;
    std::string google;
    std::string qq;
    std::string wechat;
    std::string facebook;
    std::string dingtalk;
    std::string weibo;
    std::string gitee;
    std::string linkedin;
    std::string wecom;
    std::string lark;
    std::string gitlab;
    std::string ldap;
    // MFA
    std::string preferred_mfa_type;
    std::vector<std::string> recovery_codes;
    std::string totp_secret;
    bool mfa_phone_enabled = false;
    bool mfa_email_enabled = false;
    core::json::value multi_factor_auths;  // computed
    core::json::value webauthn_credentials;
    std::string mfa_remember_deadline;
    // Authorization
    std::vector<Role> roles;              // computed
    std::vector<Permission> permissions;  // computed
    std::vector<std::string> groups;      // "org/group"
    // Misc
    std::map<std::string, std::string> properties;
    core::json::value managed_accounts;
    std::string access_token;  // set by get-account
    std::string original_token;
    std::string original_refresh_token;
    std::string invitation;
    std::string invitation_code;
    std::string ip_whitelist;
    core::json::value application_scopes;
};

// A global administrator: any user of the "built-in" organization (casdoor.md §1.4).
bool is_global_admin(const User& user);
// Admin of `organization`: a global admin, or an isAdmin user of that organization.
bool is_org_admin(const User& user, std::string_view organization);

core::json::object to_json(const User& user);
template <>
core::Result<User> from_json<User>(const core::json::value& v);
std::span<const detail::FieldDef<User>> user_fields();

}  // namespace ward::idp::model

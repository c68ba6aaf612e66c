// model::Organization: a Casdoor organization (table `organization`, id "admin/<name>"), with
// Casdoor's JSON keys and the defaults of casdoor.md §1.2 / §1.11. Complex UI-only settings
// (themeData, navItems, mfaItems, accountItems, ...) are carried as raw JSON so they round-trip.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "idp/model/detail/field_codec.hpp"

namespace ward::idp::model {

struct Organization {
    std::string owner = "admin";
    std::string name;
    std::string created_time;
    std::string display_name;
    std::string website_url;
    std::string logo;
    std::string logo_dark;
    std::string favicon;
    bool has_privilege_consent = false;
    // The hash scheme for new passwords (see idp/password); Casdoor's default since v2.188.
    std::string password_type = "bcrypt";
    std::string password_salt;
    std::vector<std::string> password_options = {"AtLeast6"};
    std::string password_obfuscator_type;
    std::string password_obfuscator_key;
    std::int64_t password_expire_days = 0;
    std::int64_t token_retention_days = 0;
    std::int64_t record_retention_days = 0;
    std::vector<std::string> country_codes;
    std::string default_avatar;
    bool use_permanent_avatar = false;
    std::string default_application;
    std::string default_token_format = "JWT";
    std::vector<std::string> user_types;
    std::vector<std::string> tags;
    std::vector<std::string> languages;
    core::json::value theme_data;
    // Logs in as any user of the org when set: a secret, masked for non-admins.
    std::string master_password;
    // Replaces the literal password "123" on add-user: a secret, masked for non-admins.
    std::string default_password;
    std::string master_verification_code;
    std::string ip_whitelist;
    std::int64_t init_score = 0;
    bool enable_soft_deletion = false;
    bool is_profile_public = false;
    bool use_email_as_username = false;
    bool enable_tour = true;
    bool disable_signin = false;
    std::string ip_restriction;
    std::vector<std::string> nav_items;
    std::vector<std::string> user_nav_items;
    std::vector<std::string> widget_items;
    core::json::value mfa_items;
    double mfa_remember_in_hours = 0;
    core::json::value account_menu;
    core::json::value account_items;
    std::string dcr_policy = "disabled";
    core::json::value ldap_attributes;
    double org_balance = 0;
    double user_balance = 0;
    std::string balance_currency;
};

core::json::object to_json(const Organization& org);
template <>
core::Result<Organization> from_json<Organization>(const core::json::value& v);
std::span<const detail::FieldDef<Organization>> organization_fields();

}  // namespace ward::idp::model

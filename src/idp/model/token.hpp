// model::Token: an issued token row (table `token`, id "admin/<uuid>", casdoor.md §1.9): the
// authorization code, the access and refresh tokens and their SHA-256 hashes, expiry in seconds
// from createdTime, and the PKCE challenge.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/json.hpp"
#include "idp/model/detail/field_codec.hpp"

namespace ward::idp::model {

struct Token {
    std::string owner = "admin";
    std::string name;
    std::string created_time;
    std::string application;
    std::string organization;
    std::string user;
    std::string code;
    std::string access_token;
    std::string refresh_token;
    std::string access_token_hash;
    std::string refresh_token_hash;
    std::int64_t expires_in = 0;  // seconds; 0 after logout/revocation
    std::string scope;
    std::string token_type = "Bearer";
    std::string grant_type;
    std::string code_challenge;
    bool code_is_used = false;
    std::int64_t code_expire_in = 0;  // unix seconds
    std::string resource;
    std::string dpop_jkt;
};

// Casdoor stores the literal "null" when no challenge was sent; treat it as none.
bool has_code_challenge(const Token& token);

core::json::object to_json(const Token& token);
template <>
core::Result<Token> from_json<Token>(const core::json::value& v);
std::span<const detail::FieldDef<Token>> token_fields();

}  // namespace ward::idp::model

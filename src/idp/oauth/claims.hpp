// Token payloads (JSON claims only; signing is jose's job): the access token in each Casdoor
// format (casdoor.md §3: JWT, JWT-Empty, JWT-Custom, JWT-Standard), a real OIDC ID token
// (departure C7) and the /api/userinfo body (§2.7). Departures applied everywhere: roles and
// permissions are arrays of NAMES (C1), and no credential or secret ever appears (C2). Pure.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "idp/model/application.hpp"
#include "idp/model/permission.hpp"
#include "idp/model/role.hpp"
#include "idp/model/user.hpp"

namespace ward::idp::oauth {

// User JSON keys that never enter a token or userinfo body, whatever the format or tokenFields
// ask for (C2): password hashes and salts, MFA secrets, access keys, stored upstream tokens,
// managed-account credentials, invitation codes, WebAuthn credentials.
std::span<const std::string_view> secret_user_keys();
bool is_secret_user_key(std::string_view json_key);

// Who the token is about, with their expanded roles and permissions (model/role_expansion.hpp).
struct Subject {
    const model::User& user;
    std::span<const model::Role> roles;
    std::span<const model::Permission> permissions;
};

// The claims every access-token format shares (casdoor.md §3.2).
struct AccessTokenContext {
    std::string issuer;                 // iss: the origin, no trailing slash
    std::vector<std::string> audience;  // aud: see access_token_audience
    std::int64_t issued_at = 0;         // iat and nbf (unix seconds)
    std::int64_t expires_at = 0;        // exp
    std::string jti;                    // "admin/<token uuid>"
    std::string nonce;
    std::string scope;
    std::string azp;  // the client id
    std::string provider;
    std::string signin_method;  // e.g. "Password"
};

// aud per casdoor.md §3.2: [resource] when an RFC 8707 resource was given, else
// ["<clientId>-org-<userOrg>"] for shared apps, else [clientId].
std::vector<std::string> access_token_audience(const model::Application& app,
                                               std::string_view user_organization,
                                               std::string_view resource = {});

// exp for a token minted at `now`: now + hours * 3600 (rounded down; 0 hours gives now).
std::int64_t expiry_after_hours(std::int64_t now, double hours);

// The pseudo-user a client_credentials token is about (casdoor.md §2.3): owner "admin",
// name = the app name, id = "admin/<app>", type "application".
model::User application_subject(const model::Application& app);

// The access-token payload for `format` ("JWT", "JWT-Empty", "JWT-Custom", "JWT-Standard";
// usually model::effective_token_format). JWT-Custom reads the app's tokenFields and
// tokenAttributes. Failure: kInvalidArgument / "unsupported-token-format" for another format.
core::Result<core::json::object> build_access_token_claims(std::string_view format,
                                                           const Subject& subject,
                                                           const model::Application& app,
                                                           const AccessTokenContext& ctx);

// OIDC Core §2 / §3.1.3.6 ID token (C7).
struct IdTokenContext {
    std::string issuer;
    std::string client_id;  // aud (a string) and azp
    std::int64_t issued_at = 0;
    std::int64_t expires_at = 0;
    std::int64_t auth_time = 0;  // when the user authenticated
    std::string nonce;           // omitted when empty
    std::string at_hash;         // omitted when empty; see at_hash()
    std::string scope;           // chooses the profile/email/phone/address claims
};

// iss, sub (user id), aud, exp, iat, auth_time, azp, nonce, at_hash, and the userinfo claims the
// scope selects. No tokenType, scope or other access-token claims (Casdoor issue #5537).
core::json::object build_id_token_claims(const Subject& subject, const IdTokenContext& ctx);

// OIDC Core §3.1.3.6 at_hash: base64url of the left half of the hash of the access token, the
// hash being SHA-256/384/512 as the alg's size says (RS256, ES384, PS512, ...). Failure:
// kInvalidArgument / "unsupported-alg" for an alg without such a size.
core::Result<std::string> at_hash(std::string_view access_token, std::string_view alg);

// The /api/userinfo body (casdoor.md §2.7): sub, iss, aud (a string), and by scope token:
// profile -> preferred_username, name, picture, groups, roles, permissions (names), real_name,
// is_verified; email -> email, email_verified; address -> address (the location); phone -> phone.
// A non-empty app tokenFields list is a whitelist of those claims by user field name.
// email_verified is the user's real flag (Casdoor hard-codes true; see the module report).
core::json::object build_userinfo(const Subject& subject, const model::Application& app,
                                  std::string_view issuer, std::string_view scope);

}  // namespace ward::idp::oauth

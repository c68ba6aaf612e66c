// The sign-in steps shared by the HTML form, POST /api/login and the password grant: the password
// check with Casdoor's per-user lockout and Ward's per-address throttle (C8: one message for an
// unknown user and a wrong password), the TOTP step, and the issue of authorization codes (the
// code row in the token table with the access token minted for it, plus the redirect URI and
// nonce it was issued for).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "idp/model/application.hpp"
#include "idp/model/user.hpp"
#include "idp/server/context.hpp"
#include "idp/store/store.hpp"

namespace ward::idp::oidc {

// C8: the one answer for an unknown user and a wrong password.
inline constexpr std::string_view kBadCredentials = "password or code is incorrect";
inline constexpr std::string_view kAddressThrottled =
    "Too many failed sign-in attempts from this address, please try again later";
inline constexpr std::string_view kForbidden =
    "The user is forbidden to sign in, please contact the administrator";
inline constexpr std::string_view kBadPasscode = "The passcode or recovery code is incorrect";
// Failed attempts from one address within the window before it is refused.
inline constexpr std::int64_t kAddressFailureLimit = 20;
inline constexpr std::int64_t kAddressWindowSeconds = 15 * 60;
// Casdoor's authorization-code lifetime.
inline constexpr std::int64_t kCodeLifetimeSeconds = 5 * 60;

// Checks username/password for `app`'s organization. Errors (core::Error code, message shown to
// the user): "bad-credentials" (kBadCredentials, unknown user or wrong password), "locked-out"
// ("You have entered the wrong password or code too many times, please wait for N minutes and try
// again"), "throttled" (kAddressThrottled), "forbidden" (kForbidden), "signin-disabled",
// "database-error".
store::Task<core::Result<model::User>> check_password(const server::Context& ctx,
                                                      const model::Application& app,
                                                      std::string_view username,
                                                      std::string_view password,
                                                      std::string_view address);

// Whether the user owes a TOTP step (an enrolled authenticator app).
bool needs_mfa(const model::User& user);

// Checks a TOTP passcode, else a recovery code (which is then used up). Errors: "bad-passcode"
// (kBadPasscode), "database-error".
store::Task<core::Status> check_mfa(const server::Context& ctx, model::User& user,
                                    std::string_view passcode, std::string_view recovery_code);

struct CodeGrant {
    std::string redirect_uri;
    std::string scope;
    std::string nonce;
    std::string code_challenge;  // "" when none
    std::int64_t auth_time = 0;
};

// Stores a fresh authorization code for `user` (roles and permissions filled) in `app`, with the
// access token minted for it (iss = `issuer`; casdoor.md §1.9): the token row lists that token
// and expiresIn at once, and redeeming the code hands back the same token. Returns the code.
// Errors: "database-error", and the errors of build_tokens (issue.hpp) when minting fails.
store::Task<core::Result<std::string>> issue_code(const server::Context& ctx,
                                                  const model::Application& app,
                                                  const model::User& user, const CodeGrant& grant,
                                                  std::string_view issuer);

// What issue_code recorded beside the token row. Errors: "not-found", "database-error".
store::Task<core::Result<CodeGrant>> code_grant(const server::Context& ctx, std::string_view code);

}  // namespace ward::idp::oidc

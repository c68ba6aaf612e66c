// Who is calling the IdP (casdoor.md §4.4): an access token, then client id + secret, then the
// browser session cookie, with Casdoor's messages for bad tokens, plus the CSRF defence (C10)
// for cookie-authenticated writes and the session cookie helpers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "idp/model/application.hpp"
#include "idp/model/token.hpp"
#include "idp/model/user.hpp"
#include "idp/server/context.hpp"
#include "idp/store/store.hpp"

namespace ward::idp::server {

inline constexpr std::string_view kSessionCookieName = "casdoor_session_id";

enum class CallerKind { kAnonymous, kUser, kApplication };
enum class CallerSource { kNone, kAccessToken, kClientCredentials, kSessionCookie };

struct Caller {
    CallerKind kind = CallerKind::kAnonymous;
    CallerSource source = CallerSource::kNone;
    // "org/name" for users, "app/<appName>" for applications, "" when anonymous.
    std::string subject;
    std::optional<model::User> user;                // kUser
    std::optional<model::Application> application;  // kApplication; for kUser the token's or
                                                    // session's application when known
    std::optional<model::Token> token;              // source kAccessToken
    std::optional<store::BrowserSession> session;   // source kSessionCookie
    std::string session_cookie;                     // the raw cookie value (kSessionCookie)
    // Users of org built-in, and applications (Casdoor's isGlobalAdmin is true for app/*).
    bool is_global_admin = false;
    // isAdmin of the user's own org (or global admin).
    bool is_org_admin = false;

    bool is_anonymous() const { return kind == CallerKind::kAnonymous; }
    // Global admin, or org admin of `organization`.
    bool is_admin_of(std::string_view organization) const;
};

// Identifies the caller. The first source present decides (a present-but-bad access token is an
// error, never a fall-through to the cookie):
//   1. access token: ?accessToken= / ?access_token= / Authorization: Bearer (or DPoP), looked up
//      by SHA-256 hash; expired when now >= createdTime + expiresIn; the user must exist and be
//      neither forbidden nor deleted (client_credentials tokens act as app/<application>);
//   2. client id + secret: HTTP Basic (an unknown id is ignored: reverse-proxy basic auth) or
//      ?clientId=&clientSecret= (compared in constant time);
//   3. the `casdoor_session_id` cookie (an unknown, expired or MFA-pending session is anonymous).
// C10: a POST/PUT/PATCH/DELETE identified only by the cookie must carry an Origin (else Referer)
// that is the IdP's own origin or allowed by some application's redirect URIs.
// Errors (core::Error code, message as Casdoor words it where it has one):
//   "token-not-found"   kUnauthenticated "Access token doesn't exist in database"
//   "token-expired"     kUnauthenticated "Access token has expired, expireTime = <RFC 3339>"
//   "user-inactive"     kUnauthenticated "The user: <org/name> doesn't exist" /
//                       "The user: <org/name> is forbidden to sign in" (deleted or forbidden)
//   "invalid-client"    kUnauthenticated "Invalid clientId or clientSecret" (wrong secret, or an
//                       unknown clientId given as query parameters)
//   "origin-not-allowed" kPermissionDenied "Unauthorized operation: the request origin is not
//                       allowed" (C10)
//   "database-error"    the store failed
store::Task<core::Result<Caller>> identify_caller(const Context& ctx, const http::Request& request);

// Whether `origin` (an Origin header or the origin of a Referer) may act with the session
// cookie: the IdP's own issuer origin for this request, or the origin of any application's
// redirect URI. False for malformed origins and "null".
store::Task<bool> origin_allowed(const Context& ctx, const http::Request& request,
                                 std::string_view origin);

// Set-Cookie casdoor_session_id=<value>; Path=/; HttpOnly; SameSite=Lax; Max-Age from the
// session's expiry; Secure when the issuer origin is https.
void set_session_cookie(const Context& ctx, const http::Request& request, http::Response& response,
                        const store::CreatedSession& session);
// Expires the cookie (Max-Age=0) with the same attributes.
void clear_session_cookie(const Context& ctx, const http::Request& request,
                          http::Response& response);

}  // namespace ward::idp::server

// Token issue: the tokens of one grant minted with the application's cert (mint.hpp), and the
// token row that records them (casdoor.md §1.9) with a fresh opaque refresh token of which only
// the hash is kept (C11). Shared by the token endpoint, POST /api/login and the issue of
// authorization codes (whose access token is minted with the code, as Casdoor does).
#pragma once

#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "idp/model/application.hpp"
#include "idp/model/token.hpp"
#include "idp/model/user.hpp"
#include "idp/oidc/token_request.hpp"
#include "idp/server/context.hpp"
#include "idp/store/store.hpp"

namespace ward::idp::oidc {

struct IssueRequest {
    const model::Application* app = nullptr;
    // With roles and permissions filled (Store::user_with_authz), or
    // oauth::application_subject for client_credentials.
    const model::User* user = nullptr;
    std::string issuer;  // server::Context::issuer_for the request
    std::string scope;
    std::string nonce;
    std::int64_t auth_time = 0;  // 0: now
    std::string grant_type;
    bool with_refresh = true;
    bool with_id_token = true;
    std::string token_name;  // "" for a fresh UUID
    // The change marks the application was read under (server::ClientCache); with them the
    // cert's key comes from the cache without a query. nullptr: the cert row is read.
    const store::ChangeMarks* marks = nullptr;
};

struct Issued {
    TokenResponse response;  // the refresh token in clear, for the client only
    model::Token row;        // createdTime now; refreshToken "" and refreshTokenHash set
};

// Mints the tokens of `in` and builds their row (not stored). Errors: "not-found" (the app's
// cert), "unsupported-token-format", "invalid-signing-method", "signing-failed".
store::Task<core::Result<Issued>> build_tokens(const server::Context& ctx, const IssueRequest& in);

// The ID token for an access token minted earlier by build_tokens for the same app, user, scope
// and nonce (see mint_id_token). Errors: as build_tokens.
store::Task<core::Result<std::string>> build_id_token(const server::Context& ctx,
                                                      const IssueRequest& in,
                                                      std::string_view access_token);

// When a refresh token of `app` issued at `now` stops working (TokenIssue::refresh_expires_at):
// 0 (with the access token) when refreshExpireInHours is 0, as Casdoor.
std::int64_t refresh_deadline(const model::Application& app, std::int64_t now);

}  // namespace ward::idp::oidc

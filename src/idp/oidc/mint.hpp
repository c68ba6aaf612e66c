// Token minting: the access token in the application's Casdoor format (claims from
// idp/oauth/claims.hpp) and a real OIDC ID token (C7), both signed with the application's cert
// (kid = cert name) and its tokenSigningMethod. Pure: the key comes from the caller.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"
#include "idp/model/application.hpp"
#include "idp/model/user.hpp"
#include "idp/server/context.hpp"
#include "jose/algorithm.hpp"

namespace ward::idp::oidc {

// The algorithm to sign with: the app's tokenSigningMethod (empty: the cert's algorithm). Errors:
// kInvalidArgument "invalid-signing-method" when it is unknown or does not fit the cert's key.
core::Result<jose::Algorithm> signing_algorithm(const model::Application& app,
                                                const server::SigningKey& key);

// A compact JWT with header {alg, kid: cert name, typ: JWT}. Errors: "signing-failed".
core::Result<std::string> sign_token(const core::json::object& claims,
                                     const server::SigningKey& key, jose::Algorithm alg);

struct MintRequest {
    const model::Application* app = nullptr;
    // The subject with roles and permissions filled (Store::user_with_authz), or
    // oauth::application_subject for client_credentials.
    const model::User* user = nullptr;
    std::string org_token_format;  // the organization's defaultTokenFormat ("" for none)
    std::string issuer;
    std::string scope;
    std::string nonce;
    std::string token_name;  // the token row's name (a UUID): jti = "admin/<name>"
    std::string signin_method = "Password";
    std::int64_t now = 0;
    std::int64_t auth_time = 0;  // 0: now
    bool with_id_token = true;
};

struct MintedTokens {
    std::string access_token;
    std::string id_token;         // "" when not asked for
    std::int64_t expires_in = 0;  // seconds (the app's expireInHours)
    jose::Algorithm alg = jose::Algorithm::kRS256;
};

// Builds and signs the tokens. Errors: "unsupported-token-format", "invalid-signing-method",
// "signing-failed".
core::Result<MintedTokens> mint_tokens(const MintRequest& request, const server::SigningKey& key);

// The OIDC ID token (C7) for an access token minted earlier (a code's token is minted when the
// code is issued, casdoor.md §1.9; its ID token when the code is redeemed): iat = request.now,
// at_hash of `access_token`, signed like the access token. request.with_id_token is ignored.
// Errors: "invalid-signing-method", "signing-failed".
core::Result<std::string> mint_id_token(const MintRequest& request, const server::SigningKey& key,
                                        std::string_view access_token);

}  // namespace ward::idp::oidc

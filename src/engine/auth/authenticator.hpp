// The per-request authentication stage of the engine (spec/hasura.md §1.2, §1.4, §1.8, §1.10):
// admin secret first (constant time), then JWT from the configured places, the auth webhook, the
// unauthorized role, or no-auth mode. Produces the request's Session or a Hasura AuthError.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "engine/auth/claims.hpp"
#include "engine/auth/config.hpp"
#include "engine/auth/errors.hpp"
#include "engine/auth/jwk_cache.hpp"
#include "engine/auth/session.hpp"
#include "engine/auth/stats.hpp"
#include "engine/auth/token_cache.hpp"
#include "http/client.hpp"
#include "http/headers.hpp"
#include "http/request.hpp"
#include "jose/jwt_error.hpp"

namespace ward::engine::auth {

// Hasura's text for a jose failure: "Could not verify JWT: JWTExpired" etc. (§1.9). `token` is
// used only to name the part count of a malformed compact serialization.
std::string jwt_error_message(jose::JwtError error, std::string_view token = {});

// A token found in a request, and the kind of place it was read from.
struct FoundToken {
    std::string token;
    TokenSource::Kind source = TokenSource::Kind::kAuthorization;
};

// The token of a request for one secret's places (H3: tried in order, the first one present
// wins). nullopt: none present. Errors: kMalformedAuthorization when an Authorization header is
// present but is not exactly "Bearer <token>".
Result<std::optional<FoundToken>> extract_token(const std::vector<TokenSource>& sources,
                                                const http::Headers& headers);

// x-hasura-* request headers as session variables (lower-cased names, string values), without
// the admin secret headers.
Session::Variables variables_from_headers(const http::Headers& headers);

// The header fields of a server request, in order, as authenticate() takes them.
http::Headers request_headers(const http::Request& request);

struct AuthenticatorOptions {
    std::shared_ptr<const core::Clock> clock;  // required
    http::Client* client = nullptr;  // for jwk_url and webhooks; must outlive the authenticator
    std::size_t token_cache_capacity = 16384;
    // Key sources by index into AuthConfig::jwt_secrets, replacing the HTTP fetch of that
    // secret's jwk_url (`ward up` hands the engine the IdP's keys this way).
    std::map<std::size_t, std::unique_ptr<KeySource>> key_sources;
};

// Usage: one Authenticator per engine, built at start-up from resolve_auth_config(); call
// authenticate() from any number of request coroutines at once (thread-safe).
class Authenticator {
  public:
    Authenticator(AuthConfig config, AuthenticatorOptions options);

    // Authenticates one request from its headers. `request_body` is the GraphQL request, sent to a
    // POST webhook as {"headers":…,"request":…}. Errors: see errors.hpp; never throws for input.
    boost::asio::awaitable<Result<Session>> authenticate(const http::Headers& headers,
                                                         std::string_view request_body = {});

    const AuthConfig& config() const { return config_; }
    const AuthStats& stats() const { return stats_; }
    VerifiedTokenCache& token_cache() { return token_cache_; }
    // The JWK cache of secret `index`, or nullptr for a secret with a fixed key.
    JwkCache* jwk_cache(std::size_t index) const;

  private:
    boost::asio::awaitable<Result<Session>> authenticate_inner(const http::Headers& headers,
                                                               std::string_view request_body);
    boost::asio::awaitable<Result<Session>> authenticate_jwt(const http::Headers& headers);
    boost::asio::awaitable<Result<TokenClaims>> verify_token(std::size_t index,
                                                             const std::string& token);
    boost::asio::awaitable<Result<Session>> authenticate_webhook(const http::Headers& headers,
                                                                 std::string_view request_body);
    Session header_session(const http::Headers& headers, std::string role, AuthMethod method) const;
    // 1: matches; 0: no admin-secret header; -1: present and wrong.
    int check_admin_secret(const http::Headers& headers) const;

    AuthConfig config_;
    std::shared_ptr<const core::Clock> clock_;
    http::Client* client_;
    std::vector<std::string> admin_secret_hashes_;       // SHA-512 of each secret
    std::vector<std::shared_ptr<JwkCache>> jwk_caches_;  // by secret index; null for fixed keys
    VerifiedTokenCache token_cache_;
    AuthStats stats_;
};

}  // namespace ward::engine::auth

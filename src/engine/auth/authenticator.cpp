#include "engine/auth/authenticator.hpp"

#include <algorithm>
#include <string>

#include "core/encoding.hpp"
#include "core/log.hpp"
#include "engine/auth/session.hpp"
#include "jose/digest.hpp"
#include "jose/jws.hpp"
#include "jose/jwt.hpp"

namespace ward::engine::auth {

namespace {

constexpr std::string_view kAdminSecretHeader = "x-hasura-admin-secret";
constexpr std::string_view kAccessKeyHeader = "x-hasura-access-key";
constexpr std::string_view kBackendOnlyHeader = "x-hasura-use-backend-only-permissions";
constexpr std::string_view kVerifyPrefix = "Could not verify JWT: ";

AuthError invalid_jwt(std::string_view detail) {
    return AuthError::make(AuthErrorCode::kInvalidJwt,
                           std::string(kVerifyPrefix) + std::string(detail));
}

// The named cookie from every Cookie header (RFC 6265 §5.4), or nullopt.
std::optional<std::string> find_cookie(const http::Headers& headers, std::string_view name) {
    for (std::string_view line : headers.get_all("Cookie")) {
        while (!line.empty()) {
            const auto semi = line.find(';');
            std::string_view pair = line.substr(0, semi);
            line = semi == std::string_view::npos ? std::string_view{} : line.substr(semi + 1);
            while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
            while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
            const auto eq = pair.find('=');
            if (eq == std::string_view::npos || pair.substr(0, eq) != name) continue;
            std::string_view value = pair.substr(eq + 1);
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                value = value.substr(1, value.size() - 2);
            }
            return std::string(value);
        }
    }
    return std::nullopt;
}

// The token's `iss`, read without verifying anything (§1.4 step 2); nullopt when unreadable.
std::optional<std::string> peek_issuer(std::string_view token) {
    auto claims = jose::peek_payload(token);
    if (!claims) return std::nullopt;
    auto iss = core::get_string(*claims, "iss");
    if (!iss) return std::nullopt;
    return std::string(*iss);
}

bool is_hop_header(std::string_view name) {
    static constexpr std::string_view kDropped[] = {"content-length",
                                                    "content-md5",
                                                    "user-agent",
                                                    "host",
                                                    "origin",
                                                    "referer",
                                                    "accept",
                                                    "accept-encoding",
                                                    "accept-language",
                                                    "accept-datetime",
                                                    "cache-control",
                                                    "connection",
                                                    "dnt",
                                                    "content-type",
                                                    "transfer-encoding",
                                                    "upgrade",
                                                    "keep-alive"};
    const std::string lower = to_lower_ascii(name);
    return std::find(std::begin(kDropped), std::end(kDropped), lower) != std::end(kDropped);
}

}  // namespace

std::string jwt_error_message(jose::JwtError error, std::string_view token) {
    using jose::JwtError;
    switch (error) {
        case JwtError::kExpired:
            return std::string(kVerifyPrefix) + "JWTExpired";
        case JwtError::kNotYetValid:
            return std::string(kVerifyPrefix) + "JWTNotYetValid";
        case JwtError::kIssuedInFuture:
            return std::string(kVerifyPrefix) + "JWTIssuedAtFuture";
        case JwtError::kIssuerMismatch:
            return std::string(kVerifyPrefix) + "JWTNotInIssuer";
        case JwtError::kAudienceMismatch:
            return std::string(kVerifyPrefix) + "JWTNotInAudience";
        case JwtError::kKidNotFound:
        case JwtError::kNoUsableKey:
            return std::string(kVerifyPrefix) + "JWSError NoUsableKeys";
        case JwtError::kMalformed: {
            const auto parts = std::count(token.begin(), token.end(), '.') + 1;
            if (parts != 3) {
                return std::string(kVerifyPrefix) +
                       "JWSError (CompactDecodeError (InvalidNumberOfParts 3 " +
                       std::to_string(parts) + "))";
            }
            return std::string(kVerifyPrefix) +
                   "JWSError (JSONDecodeError \"Not valid base64url\")";
        }
        case JwtError::kTooLarge:
        case JwtError::kBadBase64:
            return std::string(kVerifyPrefix) +
                   "JWSError (JSONDecodeError \"Not valid base64url\")";
        case JwtError::kBadHeader:
        case JwtError::kMissingAlg:
            return std::string(kVerifyPrefix) + "JWSError (JSONDecodeError \"Not a valid header\")";
        case JwtError::kBadPayload:
        case JwtError::kInvalidClaim:
        case JwtError::kMissingClaim:
            return std::string(kVerifyPrefix) + "JWTClaimsSetDecodeError \"" +
                   std::string(jose::to_string(error)) + "\"";
        case JwtError::kAlgNone:
        case JwtError::kUnsupportedAlg:
        case JwtError::kUnsupportedCrit:
        case JwtError::kAlgKeyMismatch:
        case JwtError::kJwkAlgMismatch:
        case JwtError::kWeakKey:
        case JwtError::kKeyCannotSign:
        case JwtError::kBadSignature:
            return std::string(kVerifyPrefix) + "JWSError JWSInvalidSignature";
    }
    return std::string(kVerifyPrefix) + "JWSError JWSInvalidSignature";
}

Result<std::optional<FoundToken>> extract_token(const std::vector<TokenSource>& sources,
                                                const http::Headers& headers) {
    for (const TokenSource& source : sources) {
        switch (source.kind) {
            case TokenSource::Kind::kAuthorization: {
                auto value = headers.get("Authorization");
                if (!value) break;
                // Exactly two whitespace-separated words, the first literally "Bearer".
                std::vector<std::string_view> words;
                std::string_view rest = *value;
                while (!rest.empty()) {
                    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) {
                        rest.remove_prefix(1);
                    }
                    if (rest.empty()) break;
                    const auto end = rest.find_first_of(" \t");
                    words.push_back(rest.substr(0, end));
                    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
                }
                if (words.size() != 2 || words[0] != "Bearer") {
                    return AuthError::make(AuthErrorCode::kMalformedAuthorization);
                }
                return std::optional<FoundToken>(
                    FoundToken{std::string(words[1]), TokenSource::Kind::kAuthorization});
            }
            case TokenSource::Kind::kCookie:
                if (auto cookie = find_cookie(headers, source.name)) {
                    return std::optional<FoundToken>(
                        FoundToken{std::move(*cookie), TokenSource::Kind::kCookie});
                }
                break;
            case TokenSource::Kind::kCustomHeader:
                if (auto value = headers.get(source.name)) {
                    return std::optional<FoundToken>(
                        FoundToken{std::string(*value), TokenSource::Kind::kCustomHeader});
                }
                break;
        }
    }
    return std::optional<FoundToken>();
}

Session::Variables variables_from_headers(const http::Headers& headers) {
    Session::Variables vars;
    for (const auto& [name, value] : headers) {
        if (!is_hasura_name(name)) continue;
        std::string lower = to_lower_ascii(name);
        if (lower == kAdminSecretHeader || lower == kAccessKeyHeader) continue;
        vars.emplace(std::move(lower), core::json::string(value));
    }
    return vars;
}

http::Headers request_headers(const http::Request& request) {
    http::Headers headers;
    for (const auto& field : request.message()) {
        headers.add(std::string(field.name_string()), std::string(field.value()));
    }
    return headers;
}

Authenticator::Authenticator(AuthConfig config, AuthenticatorOptions options)
    : config_(std::move(config)),
      clock_(std::move(options.clock)),
      client_(options.client),
      token_cache_(options.token_cache_capacity) {
    WARD_INVARIANT(clock_ != nullptr, "Authenticator needs a clock");
    for (const auto& secret : config_.admin_secrets) {
        admin_secret_hashes_.push_back(jose::sha512(secret));
    }
    for (std::size_t i = 0; i < config_.jwt_secrets.size(); ++i) {
        const JwtSecret& secret = config_.jwt_secrets[i];
        std::shared_ptr<JwkCache> cache;
        if (auto it = options.key_sources.find(i); it != options.key_sources.end()) {
            cache = JwkCache::create(std::move(it->second), *clock_, &stats_);
        } else if (!secret.jwk_url.empty()) {
            WARD_INVARIANT(client_ != nullptr, "a jwk_url secret needs an http::Client");
            cache =
                JwkCache::create(std::make_unique<UrlKeySource>(*client_, secret.jwk_url, *clock_),
                                 *clock_, &stats_);
        }
        jwk_caches_.push_back(std::move(cache));
    }
    if (config_.mode == AuthMode::kWebhook) {
        WARD_INVARIANT(client_ != nullptr, "webhook mode needs an http::Client");
    }
}

JwkCache* Authenticator::jwk_cache(std::size_t index) const {
    return index < jwk_caches_.size() ? jwk_caches_[index].get() : nullptr;
}

int Authenticator::check_admin_secret(const http::Headers& headers) const {
    auto given = headers.get(kAdminSecretHeader);
    if (!given) given = headers.get(kAccessKeyHeader);
    if (!given) return 0;
    // Compare fixed-size hashes, and every configured secret, so timing reveals nothing.
    const std::string hash = jose::sha512(*given);
    bool match = false;
    for (const auto& expected : admin_secret_hashes_) {
        match |= core::constant_time_equal(hash, expected);
    }
    return match ? 1 : -1;
}

Session Authenticator::header_session(const http::Headers& headers, std::string role,
                                      AuthMethod method) const {
    Session session;
    session.method = method;
    session.variables = variables_from_headers(headers);
    session.role = std::move(role);
    session.variables[std::string(kRoleHeader)] = core::json::string(session.role);
    return session;
}

namespace {

// Hasura's reading of x-hasura-use-backend-only-permissions, case-insensitively: true, t, yes,
// y or false, f, no, n; anything else is an error. Absent: false.
Result<bool> backend_only_flag(const http::Headers& headers) {
    auto value = headers.get(kBackendOnlyHeader);
    if (!value) return false;
    const std::string v = to_lower_ascii(*value);
    if (v == "true" || v == "t" || v == "yes" || v == "y") return true;
    if (v == "false" || v == "f" || v == "no" || v == "n") return false;
    return AuthError::make(AuthErrorCode::kInvalidBackendOnlyHeader);
}

}  // namespace

boost::asio::awaitable<Result<Session>> Authenticator::authenticate(const http::Headers& headers,
                                                                    std::string_view request_body) {
    auto result = co_await authenticate_inner(headers, request_body);
    bump(result ? stats_.allowed : stats_.denied);
    co_return result;
}

boost::asio::awaitable<Result<Session>> Authenticator::authenticate_inner(
    const http::Headers& headers, std::string_view request_body) {
    const auto role_header = headers.get(kRoleHeader);
    // backend_only mutations are for trusted back ends: only a request holding the admin secret
    // (or any request when no auth is configured) may ask for them, as in Hasura.
    if (config_.mode == AuthMode::kNoAuth) {
        auto backend_only = backend_only_flag(headers);
        if (!backend_only) co_return std::move(backend_only).error();
        Session session = header_session(headers, std::string(role_header.value_or(kAdminRole)),
                                         AuthMethod::kNoAuth);
        session.backend_only = *backend_only;
        co_return session;
    }

    // §1.2: the admin secret is decided first; a wrong one never falls through to JWT.
    const int admin = check_admin_secret(headers);
    if (admin < 0) co_return AuthError::make(AuthErrorCode::kInvalidAdminSecret);
    if (admin > 0) {
        auto backend_only = backend_only_flag(headers);
        if (!backend_only) co_return std::move(backend_only).error();
        Session session = header_session(headers, std::string(role_header.value_or(kAdminRole)),
                                         AuthMethod::kAdminSecret);
        session.backend_only = *backend_only;
        co_return session;
    }

    switch (config_.mode) {
        case AuthMode::kJwt:
            co_return co_await authenticate_jwt(headers);
        case AuthMode::kWebhook:
            co_return co_await authenticate_webhook(headers, request_body);
        case AuthMode::kAdminSecret:
        case AuthMode::kNoAuth:
            break;
    }
    if (config_.unauthorized_role) {
        co_return header_session(headers, *config_.unauthorized_role,
                                 AuthMethod::kUnauthorizedRole);
    }
    co_return AuthError::make(AuthErrorCode::kAdminSecretRequired);
}

boost::asio::awaitable<Result<Session>> Authenticator::authenticate_jwt(
    const http::Headers& headers) {
    // §1.4: candidate tokens from every secret's places, paired with that secret.
    struct Candidate {
        std::size_t index;
        FoundToken found;
    };
    std::vector<Candidate> candidates;
    for (std::size_t i = 0; i < config_.jwt_secrets.size(); ++i) {
        auto token = extract_token(config_.jwt_secrets[i].sources, headers);
        if (!token) co_return std::move(token).error();
        if (*token) candidates.push_back({i, std::move(**token)});
    }
    if (candidates.empty()) {
        // §1.8: no token at all is the only way to the unauthorized role.
        if (config_.unauthorized_role) {
            co_return header_session(headers, *config_.unauthorized_role,
                                     AuthMethod::kUnauthorizedRole);
        }
        co_return AuthError::make(AuthErrorCode::kMissingToken);
    }

    const Candidate* chosen = nullptr;
    if (candidates.size() == 1) {
        chosen = &candidates.front();
    } else {
        std::size_t matches = 0;
        for (const Candidate& c : candidates) {
            const auto& expected = config_.jwt_secrets[c.index].issuer;
            const auto iss = peek_issuer(c.found.token);
            if (!expected || !iss || *expected == *iss) {
                if (chosen == nullptr) chosen = &c;
                ++matches;
            }
        }
        if (matches == 0) co_return invalid_jwt("JWTNotInIssuer");
        if (matches > 1) co_return AuthError::make(AuthErrorCode::kMultipleJwts);
    }

    auto claims = co_await verify_token(chosen->index, chosen->found.token);
    if (!claims) co_return std::move(claims).error();
    auto session = make_jwt_session(*claims, headers.get(kRoleHeader));
    if (session) session->token_from_cookie = chosen->found.source == TokenSource::Kind::kCookie;
    co_return session;
}

boost::asio::awaitable<Result<TokenClaims>> Authenticator::verify_token(std::size_t index,
                                                                        const std::string& token) {
    const std::int64_t now = clock_->unix_seconds();
    if (auto cached = token_cache_.find(token, index, now)) co_return std::move(*cached);

    const JwtSecret& secret = config_.jwt_secrets[index];
    jose::ClaimCheck check;
    check.issuer = secret.issuer;
    check.audiences = secret.audiences;
    check.allowed_skew = secret.allowed_skew;

    core::Result<jose::VerifiedJwt, jose::JwtError> verified = jose::JwtError::kNoUsableKey;
    if (JwkCache* cache = jwk_cache(index)) {
        auto keys = co_await cache->keys();
        if (!keys) co_return invalid_jwt("JWSError NoUsableKeys");
        verified = jose::verify_jwt(token, **keys, now, check);
        // An unknown kid may mean the provider rotated its keys: refetch once (rate-limited).
        if (!verified && verified.error() == jose::JwtError::kKidNotFound &&
            co_await cache->refresh_if_stale()) {
            auto fresh = co_await cache->keys();
            if (fresh) verified = jose::verify_jwt(token, **fresh, now, check);
        }
    } else {
        WARD_INVARIANT(secret.key.has_value(), "a JWT secret without key or key source");
        verified = jose::verify_jwt(token, *secret.key, now, check);
        // The configured `type` is the only algorithm the key accepts.
        if (verified && secret.algorithm && verified->alg != *secret.algorithm) {
            verified = jose::JwtError::kAlgKeyMismatch;
        }
    }
    if (!verified) {
        co_return AuthError::make(AuthErrorCode::kInvalidJwt,
                                  jwt_error_message(verified.error(), token));
    }

    auto claims = process_claims(secret, verified->claims);
    if (claims && claims->expires_at) {
        token_cache_.insert(token, index, *claims,
                            *claims->expires_at + secret.allowed_skew.count(), now);
    }
    co_return claims;
}

boost::asio::awaitable<Result<Session>> Authenticator::authenticate_webhook(
    const http::Headers& headers, std::string_view request_body) {
    const WebhookConfig& hook = *config_.webhook;
    http::ClientRequest request;
    request.url = hook.url;
    if (hook.mode == WebhookMode::kGet) {
        request.method = "GET";
        for (const auto& [name, value] : headers) {
            if (!is_hop_header(name)) request.headers.add(name, value);
        }
    } else {
        request.method = "POST";
        core::json::object hdrs;
        for (const auto& [name, value] : headers) {
            if (!is_hop_header(name)) hdrs[name] = value;
        }
        core::json::object body;
        body["headers"] = std::move(hdrs);
        if (hook.send_request_body) {
            auto parsed = request_body.empty() ? core::Result<core::json::value>(nullptr)
                                               : core::parse_json(request_body);
            body["request"] = parsed ? std::move(*parsed) : core::json::value(nullptr);
        }
        request.body = core::to_json(body);
        request.headers.set("Content-Type", "application/json");
    }

    auto response = co_await client_->send(std::move(request));
    if (!response) {
        core::json::object detail;
        detail["url"] = hook.url;
        detail["message"] = response.error().message();
        core::log().error("webhook-log", std::move(detail));
        co_return AuthError::make(AuthErrorCode::kWebhookFailed);
    }
    if (response->status == 401) co_return AuthError::make(AuthErrorCode::kWebhookDenied);
    if (response->status != 200) co_return AuthError::make(AuthErrorCode::kWebhookFailed);
    auto json = core::parse_json(response->body);
    if (!json || !json->is_object()) co_return AuthError::make(AuthErrorCode::kWebhookFailed);

    Session session;
    session.method = AuthMethod::kWebhook;
    for (const auto& [key, value] : json->as_object()) {
        if (!is_hasura_name(key)) continue;
        if (!value.is_string()) {
            co_return AuthError::make(AuthErrorCode::kWebhookFailed,
                                      "Invalid response from authorization hook: " +
                                          std::string(key) + " is not a string");
        }
        session.variables[to_lower_ascii(key)] = value;
    }
    auto role = session.variables.find(kRoleHeader);
    if (role == session.variables.end()) {
        co_return AuthError::make(AuthErrorCode::kWebhookFailed,
                                  "missing x-hasura-role key in webhook response");
    }
    session.role = std::string(role->second.as_string());
    if (auto expiry = jwk_expiry(response->headers, clock_->now())) {
        session.expires_at =
            std::chrono::duration_cast<std::chrono::seconds>(expiry->time_since_epoch()).count();
    }
    co_return session;
}

}  // namespace ward::engine::auth

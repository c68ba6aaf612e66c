#include "idp/oidc/routes.hpp"

#include <algorithm>

#include "core/encoding.hpp"
#include "core/json.hpp"
#include "idp/api/envelope.hpp"
#include "idp/model/masking.hpp"
#include "idp/model/organization.hpp"
#include "idp/oauth/claims.hpp"
#include "idp/oauth/errors.hpp"
#include "idp/oauth/pkce.hpp"
#include "idp/oauth/redirect_uri.hpp"
#include "idp/oauth/scope.hpp"
#include "idp/oidc/discovery.hpp"
#include "idp/oidc/issue.hpp"
#include "idp/oidc/page.hpp"
#include "idp/oidc/published.hpp"
#include "idp/oidc/signin.hpp"
#include "idp/oidc/token_request.hpp"
#include "idp/server/caller.hpp"
#include "jose/jws.hpp"

namespace ward::idp::oidc {

namespace {

using CtxPtr = std::shared_ptr<server::Context>;
using Awaitable = boost::asio::awaitable<http::Response>;
using oauth::OAuthError;

constexpr std::string_view kInvalidClientText = "Invalid client_id or client_secret";
constexpr std::string_view kBadCode = "The authorization code is invalid";
constexpr std::string_view kBadRefresh = "The refresh token is invalid or revoked";
constexpr std::string_view kPleaseLogin = "Please login first";
// A password-step session that still owes MFA lives this long.
constexpr std::int64_t kPendingMfaSeconds = 10 * 60;

bool secret_matches(const model::Application& app, std::string_view secret) {
    return !app.client_secret.empty() && !secret.empty() &&
           core::constant_time_equal(app.client_secret, secret);
}

std::string cut(std::string_view text, std::size_t n = 128) {
    return std::string(text.substr(0, std::min(n, text.size())));
}

http::Response envelope(const api::Envelope& e) { return api::to_response(e); }

// ---- OAuth parameters of an authorization request (page, /api/login, get-app-login) ----

struct AuthzParams {
    std::string client_id;
    std::string response_type;
    std::string redirect_uri;
    std::string scope;
    std::string state;
    std::string nonce;
    std::string code_challenge;
    std::string code_challenge_method;
};

// The OAuth names (snake_case) used by the page; /api/login and get-app-login use Casdoor's
// camelCase names for some of them.
AuthzParams authz_from(const http::Params& p, bool camel) {
    AuthzParams a;
    a.client_id = p.get_or(camel ? "clientId" : "client_id", {});
    a.response_type = p.get_or(camel ? "responseType" : "response_type", {});
    a.redirect_uri = p.get_or(camel ? "redirectUri" : "redirect_uri", {});
    a.scope = p.get_or("scope", {});
    a.state = p.get_or("state", {});
    a.nonce = p.get_or("nonce", {});
    a.code_challenge = p.get_or("code_challenge", {});
    a.code_challenge_method = p.get_or("code_challenge_method", {});
    return a;
}

std::vector<std::pair<std::string, std::string>> hidden_fields(const AuthzParams& a) {
    return {{"client_id", a.client_id},
            {"response_type", a.response_type},
            {"redirect_uri", a.redirect_uri},
            {"scope", a.scope},
            {"state", a.state},
            {"nonce", a.nonce},
            {"code_challenge", a.code_challenge},
            {"code_challenge_method", a.code_challenge_method}};
}

struct ValidAuthz {
    model::Application app;
    std::string challenge;  // "" when none
};

// Casdoor's checks of get-app-login (casdoor.md §2.1) with C4/C5. The error message is shown to
// the user on the page (never redirected with error=).
store::Task<core::Result<ValidAuthz>> validate_authz(const server::Context& ctx,
                                                     const AuthzParams& a) {
    if (a.client_id.empty()) co_return core::Error::invalid_argument("Invalid client_id");
    auto app = co_await ctx.store().application_by_client_id(a.client_id);
    if (!app) {
        if (app.error().code() == "not-found") {
            co_return core::Error::invalid_argument("Invalid client_id");
        }
        co_return core::Error(core::ErrorKind::kInternal, "database-error",
                              "The server could not read the application");
    }
    if (a.response_type != "code") {
        co_return core::Error::invalid_argument("Grant_type: " + cut(a.response_type) +
                                                " is not supported in this application");
    }
    if (auto uri = oauth::check_redirect_uri(a.redirect_uri, app->redirect_uris); !uri) {
        co_return uri.error();
    }
    auto scope = oauth::parse_scope(a.scope);
    if (!scope) co_return scope.error();
    if (auto allowed = oauth::check_scope_allowed(*scope, app->scopes); !allowed) {
        co_return allowed.error();
    }
    auto challenge = oauth::check_authorization_pkce(a.code_challenge_method, a.code_challenge,
                                                     app->require_pkce);
    if (!challenge) co_return challenge.error();
    // Named first: g++ 12 miscompiles braced lists in co_return/co_await expressions.
    ValidAuthz valid;
    valid.app = std::move(app).value();
    valid.challenge = std::move(challenge).value();
    co_return valid;
}

std::string code_redirect(std::string_view redirect_uri, std::string_view code,
                          std::string_view state) {
    std::string out(redirect_uri);
    out += redirect_uri.find('?') == std::string_view::npos ? '?' : '&';
    out += "code=" + core::url_encode(code) + "&state=" + core::url_encode(state);
    return out;
}

http::Response html_page(unsigned status, const SigninPage& page) {
    auto response = http::Response::html(status, render_signin_page(page));
    response.set_header("Cache-Control", "no-store");
    response.set_header("X-Frame-Options", "DENY");
    response.set_header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: "
                        "data:; frame-ancestors 'none'");
    return response;
}

SigninPage page_for(const model::Application* app, const AuthzParams& a) {
    SigninPage page;
    if (app) {
        page.application_name = app->display_name.empty() ? app->name : app->display_name;
        page.logo_url = app->logo;
    }
    page.hidden = hidden_fields(a);
    // Relative to the page's own address (…/login/oauth/authorize), so the form still posts to
    // the IdP behind a reverse proxy that serves it under a prefix, with or without JavaScript.
    // The query repeats the hidden fields so the address after a failed attempt can be reloaded.
    page.action = "authorize";
    char sep = '?';
    for (const auto& [name, value] : page.hidden) {
        if (value.empty()) continue;
        page.action += sep + name + "=" + core::url_encode(value);
        sep = '&';
    }
    return page;
}

std::int64_t session_lifetime(const model::Application& app) {
    // Casdoor caps the session at 24 hours without autoSignin.
    auto seconds = static_cast<std::int64_t>(app.cookie_expire_in_hours * 3600);
    return std::clamp<std::int64_t>(seconds, 60, 24 * 3600);
}

http::Response internal_error() { return oauth_error_response(OAuthError::kServerError); }

// ---- the token endpoint ----

Awaitable grant_authorization_code(const CtxPtr& ctx, http::Request& req, const TokenRequest& tr,
                                   const model::Application& app, const store::ChangeMarks* marks) {
    auto& store = ctx->store();
    const std::string code = tr.get("code");
    if (code.empty())
        co_return oauth_error_response(OAuthError::kInvalidRequest, "code is required");
    auto row = co_await store.token_by_code(code);
    if (!row) {
        if (row.error().code() == "not-found") {
            co_return oauth_error_response(OAuthError::kInvalidGrant, kBadCode);
        }
        co_return internal_error();
    }
    if (row->application != app.name) {
        co_return oauth_error_response(OAuthError::kInvalidGrant,
                                       "The authorization code was issued to another client");
    }
    // A PKCE code may be redeemed without the secret (public clients); a wrong secret is refused.
    if (!tr.client_secret.empty() ? !secret_matches(app, tr.client_secret)
                                  : !model::has_code_challenge(*row)) {
        co_return oauth_error_response(OAuthError::kInvalidClient, kInvalidClientText);
    }
    if (auto pkce = oauth::verify_code_verifier(row->code_challenge, tr.get("code_verifier"));
        !pkce) {
        co_return oauth_error_response(pkce.error());
    }
    auto grant = co_await code_grant(*ctx, code);
    if (!grant && grant.error().code() != "not-found") co_return internal_error();
    CodeGrant issued_for = grant ? std::move(grant).value() : CodeGrant{};
    // C4: a redirect URI given here must be the one the code was sent to (RFC 6749 §4.1.3).
    // Casdoor never reads it and its SDKs (getAuthToken) do not send it, so a confidential client
    // whose secret was checked above may leave it out; a public client (PKCE only) must send it.
    const std::string presented_redirect = tr.get("redirect_uri");
    const bool may_omit_redirect = !tr.client_secret.empty();
    if (!issued_for.redirect_uri.empty() && (!presented_redirect.empty() || !may_omit_redirect) &&
        !core::constant_time_equal(presented_redirect, issued_for.redirect_uri)) {
        co_return oauth_error_response(OAuthError::kInvalidGrant,
                                       "redirect_uri does not match the authorization request");
    }
    // The refresh token is made now, and recorded by the redemption itself: only the hash is
    // stored (C11), and of concurrent redemptions only the winner's counts (C12).
    const bool with_refresh = model::grant_type_allowed(app, model::kGrantRefreshToken);
    const std::string refresh_token = with_refresh ? ctx->random().token(32) : std::string();
    const std::string refresh_hash =
        with_refresh ? store::sha256_hex(refresh_token) : std::string();
    const auto now = ctx->clock().unix_seconds();
    auto redeemed = co_await store.redeem_code(code, now, refresh_hash);
    if (!redeemed) {
        const auto& c = redeemed.error().code();
        if (c == "code-used") {
            co_return oauth_error_response(OAuthError::kInvalidGrant,
                                           "The authorization code has been used");
        }
        if (c == "code-expired") {
            co_return oauth_error_response(OAuthError::kInvalidGrant,
                                           "The authorization code has expired");
        }
        if (c == "not-found") co_return oauth_error_response(OAuthError::kInvalidGrant, kBadCode);
        co_return internal_error();
    }
    // The access token was minted with the code (casdoor.md §1.9); one revoked since (logout,
    // revoke, an admin) makes the code worthless too.
    if (redeemed->access_token.empty() || redeemed->expires_in <= 0) {
        co_return oauth_error_response(OAuthError::kInvalidGrant, kBadCode);
    }
    auto user = co_await store.user_with_authz(redeemed->organization, redeemed->user);
    if (!user || user->is_deleted || user->is_forbidden) {
        co_return oauth_error_response(OAuthError::kInvalidGrant,
                                       "The user does not exist or is forbidden to sign in");
    }
    TokenResponse response;
    response.access_token = redeemed->access_token;
    response.refresh_token = refresh_token;
    response.expires_in = redeemed->expires_in;
    response.scope = redeemed->scope;
    IssueRequest in;
    in.app = &app;
    in.marks = marks;
    in.user = &*user;
    in.issuer = ctx->issuer_for(req);
    in.scope = redeemed->scope;
    in.nonce = issued_for.nonce;
    in.auth_time = issued_for.auth_time;
    in.token_name = redeemed->name;
    auto id_token = co_await build_id_token(*ctx, in, redeemed->access_token);
    if (!id_token) co_return oauth_error_response(id_token.error());
    response.id_token = std::move(id_token).value();
    co_return token_response(response);
}

Awaitable grant_refresh_token(const CtxPtr& ctx, http::Request& req, const TokenRequest& tr,
                              const model::Application& app, const store::ChangeMarks* marks) {
    auto& store = ctx->store();
    const std::string presented = tr.get("refresh_token");
    if (presented.empty()) {
        co_return oauth_error_response(OAuthError::kInvalidRequest, "refresh_token is required");
    }
    const std::string hash = store::sha256_hex(presented);
    auto old = co_await store.token_by_refresh_hash(hash);
    if (!old) {
        if (old.error().code() == "not-found") {
            co_return oauth_error_response(OAuthError::kInvalidGrant, kBadRefresh);
        }
        co_return internal_error();
    }
    if (old->application != app.name) {
        co_return oauth_error_response(OAuthError::kInvalidGrant, kBadRefresh);
    }
    // Public clients refresh with only client_id (Casdoor); a given secret must be right.
    if (!tr.client_secret.empty() && !secret_matches(app, tr.client_secret)) {
        co_return oauth_error_response(OAuthError::kInvalidClient, kInvalidClientText);
    }
    std::string scope = tr.get("scope");
    if (scope.empty()) {
        scope = old->scope;
    } else {
        auto wanted = oauth::parse_scope(scope);
        if (!wanted) co_return oauth_error_response(wanted.error());
        for (const auto& item : *wanted) {
            if (!oauth::scope_contains(old->scope, item)) {
                co_return oauth_error_response(OAuthError::kInvalidScope,
                                               "The scope may only narrow on refresh");
            }
        }
    }
    auto user = co_await store.user_with_authz(old->organization, old->user);
    if (!user || user->is_deleted || user->is_forbidden) {
        co_return oauth_error_response(OAuthError::kInvalidGrant,
                                       "The user does not exist or is forbidden to sign in");
    }
    IssueRequest in;
    in.app = &app;
    in.marks = marks;
    in.issuer = ctx->issuer_for(req);
    in.user = &*user;
    in.scope = scope;
    in.grant_type = "refresh_token";
    auto issued = co_await build_tokens(*ctx, in);
    if (!issued) co_return oauth_error_response(issued.error());
    const auto now = ctx->clock().unix_seconds();
    const auto deadline = refresh_deadline(app, now);
    auto rotated = co_await store.rotate_refresh_token(hash, issued->row, deadline, now);
    if (!rotated) {
        const auto& c = rotated.error().code();
        if (c == "refresh-token-reused") {
            co_return oauth_error_response(
                OAuthError::kInvalidGrant,
                "The refresh token was already used; every token of its family is revoked");
        }
        if (c == "refresh-token-expired") {
            co_return oauth_error_response(OAuthError::kInvalidGrant,
                                           "The refresh token is expired");
        }
        if (c == "not-found" || c == "token-revoked") {
            co_return oauth_error_response(OAuthError::kInvalidGrant, kBadRefresh);
        }
        co_return internal_error();
    }
    co_return token_response(issued->response);
}

Awaitable grant_client_credentials(const CtxPtr& ctx, http::Request& req, const TokenRequest& tr,
                                   const model::Application& app, const store::ChangeMarks* marks) {
    if (!secret_matches(app, tr.client_secret)) {
        co_return oauth_error_response(OAuthError::kInvalidClient, kInvalidClientText);
    }
    const std::string scope = tr.get("scope");
    auto parsed = oauth::parse_scope(scope);
    if (!parsed) co_return oauth_error_response(parsed.error());
    if (auto allowed = oauth::check_scope_allowed(*parsed, app.scopes); !allowed) {
        co_return oauth_error_response(allowed.error());
    }
    const model::User subject = oauth::application_subject(app);
    IssueRequest in;
    in.app = &app;
    in.marks = marks;
    in.issuer = ctx->issuer_for(req);
    in.user = &subject;
    in.scope = scope;
    in.grant_type = "client_credentials";
    in.with_refresh = false;
    in.with_id_token = false;
    auto issued = co_await build_tokens(*ctx, in);
    if (!issued) co_return oauth_error_response(issued.error());
    const store::TokenIssue issue;
    auto added = co_await ctx->store().add_token(issued->row, issue);
    if (!added) co_return internal_error();
    co_return token_response(issued->response);
}

Awaitable grant_password(const CtxPtr& ctx, http::Request& req, const TokenRequest& tr,
                         const model::Application& app, const store::ChangeMarks* marks) {
    if (!secret_matches(app, tr.client_secret)) {
        co_return oauth_error_response(OAuthError::kInvalidClient, kInvalidClientText);
    }
    const std::string username = tr.get("username");
    const std::string password = tr.get("password");
    if (username.empty() || password.empty()) {
        co_return oauth_error_response(OAuthError::kInvalidRequest,
                                       "username and password are required");
    }
    const std::string scope = tr.get("scope");
    auto parsed = oauth::parse_scope(scope);
    if (!parsed) co_return oauth_error_response(parsed.error());
    if (auto allowed = oauth::check_scope_allowed(*parsed, app.scopes); !allowed) {
        co_return oauth_error_response(allowed.error());
    }
    auto user = co_await check_password(*ctx, app, username, password, req.remote_address());
    if (!user) {
        if (user.error().code() == "database-error") co_return internal_error();
        co_return oauth_error_response(OAuthError::kInvalidGrant, user.error().message());
    }
    // The password grant cannot carry a second factor: such users sign in through the page.
    if (needs_mfa(*user)) {
        co_return oauth_error_response(
            OAuthError::kInvalidGrant,
            "The user has two-factor authentication enabled; use the authorization code flow");
    }
    IssueRequest in;
    in.app = &app;
    in.marks = marks;
    in.issuer = ctx->issuer_for(req);
    in.user = &*user;
    in.scope = scope;
    in.grant_type = "password";
    in.with_refresh = model::grant_type_allowed(app, model::kGrantRefreshToken);
    auto issued = co_await build_tokens(*ctx, in);
    if (!issued) co_return oauth_error_response(issued.error());
    store::TokenIssue issue;
    issue.refresh_expires_at = refresh_deadline(app, ctx->clock().unix_seconds());
    auto added = co_await ctx->store().add_token(issued->row, issue);
    if (!added) co_return internal_error();
    co_return token_response(issued->response);
}

Awaitable token_endpoint(CtxPtr ctx, http::Request& req, bool refresh_path) {
    auto parsed = parse_token_request(req);
    if (!parsed) co_return oauth_error_response(parsed.error());
    const TokenRequest& tr = *parsed;
    std::string grant = tr.get("grant_type");
    if (grant.empty() && refresh_path) grant = std::string(model::kGrantRefreshToken);
    if (grant.empty()) {
        co_return oauth_error_response(OAuthError::kInvalidRequest, "grant_type is required");
    }
    if (refresh_path && grant != model::kGrantRefreshToken) {
        co_return oauth_error_response(OAuthError::kUnsupportedGrantType,
                                       "grant_type must be refresh_token");
    }
    if (tr.client_id.empty()) {
        co_return oauth_error_response(OAuthError::kInvalidClient, kInvalidClientText);
    }
    // Through the client cache: one query for the change marks instead of the application and
    // cert rows (and their parsing) on every token request.
    auto client = co_await ctx->clients().get(tr.client_id);
    if (!client) {
        if (client.error().code() == "not-found") {
            co_return oauth_error_response(OAuthError::kInvalidClient, kInvalidClientText);
        }
        co_return internal_error();
    }
    const model::Application* app = client->app.get();
    const bool known = grant == model::kGrantAuthorizationCode ||
                       grant == model::kGrantRefreshToken || grant == model::kGrantPassword ||
                       grant == model::kGrantClientCredentials;
    if (!known || !model::grant_type_allowed(*app, grant)) {
        co_return oauth_error_response(
            OAuthError::kUnsupportedGrantType,
            "grant_type: " + cut(grant) + " is not supported in this application");
    }
    const store::ChangeMarks* marks = &client->marks;
    if (grant == model::kGrantAuthorizationCode) {
        co_return co_await grant_authorization_code(ctx, req, tr, *app, marks);
    }
    if (grant == model::kGrantRefreshToken)
        co_return co_await grant_refresh_token(ctx, req, tr, *app, marks);
    if (grant == model::kGrantClientCredentials) {
        co_return co_await grant_client_credentials(ctx, req, tr, *app, marks);
    }
    co_return co_await grant_password(ctx, req, tr, *app, marks);
}

// ---- introspection and revocation ----

struct FoundToken {
    model::Token row;
    bool is_refresh = false;
};

store::Task<std::optional<FoundToken>> find_token(const server::Context& ctx,
                                                  std::string_view token, std::string hint) {
    std::replace(hint.begin(), hint.end(), '-', '_');
    const std::string hash = store::sha256_hex(token);
    const bool refresh_first = hint == "refresh_token";
    for (int pass = 0; pass < 2; ++pass) {
        const bool refresh = (pass == 0) == refresh_first;
        core::Result<model::Token> row = core::Error::not_found("token");
        if (refresh) {
            row = co_await ctx.store().token_by_refresh_hash(hash);
        } else {
            row = co_await ctx.store().token_by_access_token(token);
        }
        if (row) {
            FoundToken found;
            found.row = std::move(row).value();
            found.is_refresh = refresh;
            co_return found;
        }
    }
    co_return std::nullopt;
}

// Client authentication for introspection and revocation. Returns the application or a ready
// error response.
store::Task<std::variant<model::Application, http::Response>> authenticate_client(
    const server::Context& ctx, const TokenRequest& tr, bool secret_required) {
    if (tr.client_id.empty()) {
        co_return oauth_error_response(OAuthError::kInvalidClient, kInvalidClientText);
    }
    auto app = co_await ctx.store().application_by_client_id(tr.client_id);
    if (!app) {
        if (app.error().code() == "not-found") {
            co_return oauth_error_response(OAuthError::kInvalidClient, kInvalidClientText);
        }
        co_return internal_error();
    }
    if ((secret_required || !tr.client_secret.empty()) && !secret_matches(*app, tr.client_secret)) {
        co_return oauth_error_response(OAuthError::kInvalidClient, kInvalidClientText);
    }
    co_return std::move(app).value();
}

http::Response inactive() {
    auto r = http::Response::json(200, R"({"active":false})");
    r.no_store();
    return r;
}

Awaitable introspect(CtxPtr ctx, http::Request& req) {
    auto parsed = parse_token_request(req);
    if (!parsed) co_return oauth_error_response(parsed.error());
    auto client = co_await authenticate_client(*ctx, *parsed, true);
    if (auto* r = std::get_if<http::Response>(&client)) co_return std::move(*r);
    const std::string token = parsed->get("token");
    if (token.empty())
        co_return oauth_error_response(OAuthError::kInvalidRequest, "token is required");
    auto found = co_await find_token(*ctx, token, parsed->get("token_type_hint"));
    if (!found) co_return inactive();
    const auto& row = found->row;
    const auto now = ctx->clock().unix_seconds();
    if (row.expires_in <= 0) co_return inactive();
    std::int64_t exp = store::token_expires_at(row).value_or(0);
    if (found->is_refresh) {
        auto until = co_await ctx->store().refresh_expires_at(row.owner, row.name);
        if (!until) co_return inactive();
        exp = *until;
    }
    if (now >= exp) co_return inactive();
    auto app = co_await ctx->store().get<model::Application>("admin", row.application);
    if (!app) co_return inactive();
    std::string sub = "admin/" + row.application;
    if (row.grant_type != "client_credentials") {
        auto user = co_await ctx->store().get<model::User>(row.organization, row.user);
        if (!user || user->is_deleted || user->is_forbidden) co_return inactive();
        sub = user->id;
    }
    core::json::object body;
    body["active"] = true;
    body["scope"] = row.scope;
    body["client_id"] = app->client_id;
    body["username"] = row.user;
    body["token_type"] = found->is_refresh ? std::string("refresh_token") : row.token_type;
    body["exp"] = exp;
    const auto iat = store::parse_casdoor_time(row.created_time).value_or(0);
    body["iat"] = iat;
    body["nbf"] = iat;
    body["sub"] = sub;
    core::json::array aud;
    aud.emplace_back(core::json::string(app->client_id));
    body["aud"] = std::move(aud);
    body["iss"] = ctx->issuer_for(req);
    body["jti"] = "admin/" + row.name;
    auto r = http::Response::json(200, core::to_json(body));
    r.no_store();
    co_return r;
}

Awaitable revoke(CtxPtr ctx, http::Request& req) {
    auto parsed = parse_token_request(req);
    if (!parsed) co_return oauth_error_response(parsed.error());
    auto client = co_await authenticate_client(*ctx, *parsed, false);
    if (auto* r = std::get_if<http::Response>(&client)) co_return std::move(*r);
    const auto& app = std::get<model::Application>(client);
    const std::string token = parsed->get("token");
    if (token.empty())
        co_return oauth_error_response(OAuthError::kInvalidRequest, "token is required");
    auto found = co_await find_token(*ctx, token, parsed->get("token_type_hint"));
    // RFC 7009 §2.2: unknown tokens and tokens of other clients are answered 200 as well.
    if (found && found->row.application == app.name) {
        auto revoked = co_await ctx->store().revoke_token(found->row.owner, found->row.name);
        if (!revoked && revoked.error().code() != "not-found") co_return internal_error();
    }
    auto r = http::Response::empty(200);
    r.no_store();
    co_return r;
}

// ---- userinfo ----

Awaitable userinfo(CtxPtr ctx, http::Request& req) {
    auto please_login = [] {
        auto e = api::Envelope::failure(std::string(kPleaseLogin));
        e.data = core::json::string(kPleaseLogin);
        return envelope(e);
    };
    auto caller = co_await server::identify_caller(*ctx, req);
    if (!caller || caller->kind != server::CallerKind::kUser || !caller->user) {
        co_return please_login();
    }
    std::string scope = "openid profile email phone address";
    model::Application app;
    if (caller->token) {
        scope = caller->token->scope;
        auto found =
            co_await ctx->store().get<model::Application>("admin", caller->token->application);
        if (found) app = std::move(found).value();
    } else if (caller->application) {
        app = *caller->application;
    }
    auto user = co_await ctx->store().user_with_authz(caller->user->owner, caller->user->name);
    if (!user) co_return please_login();
    oauth::Subject subject{*user, user->roles, user->permissions};
    auto body = oauth::build_userinfo(subject, app, ctx->issuer_for(req), scope);
    co_return http::Response::json(200, core::to_json(body));
}

// ---- the sign-in page ----

Awaitable authorize_page(CtxPtr ctx, http::Request& req) {
    const AuthzParams a = authz_from(req.query(), false);
    auto valid = co_await validate_authz(*ctx, a);
    if (!valid) {
        SigninPage page = page_for(nullptr, a);
        page.step = PageStep::kError;
        page.error = valid.error().message();
        co_return html_page(400, page);
    }
    SigninPage page = page_for(&valid->app, a);
    page.username = req.query().get_or("login_hint", {});
    co_return html_page(200, page);
}

store::Task<http::Response> finish_page_signin(const CtxPtr& ctx, http::Request& req,
                                               const ValidAuthz& valid, const AuthzParams& a,
                                               const model::User& user, http::Response response) {
    CodeGrant grant;
    grant.redirect_uri = a.redirect_uri;
    grant.scope = a.scope;
    grant.nonce = a.nonce;
    grant.code_challenge = valid.challenge;
    grant.auth_time = ctx->clock().unix_seconds();
    const std::string issuer = ctx->issuer_for(req);
    auto code = co_await issue_code(*ctx, valid.app, user, grant, issuer);
    if (!code) {
        SigninPage page = page_for(&valid.app, a);
        page.step = PageStep::kError;
        page.error = "The server could not complete the sign-in; please try again";
        co_return html_page(500, page);
    }
    auto redirect = http::Response::redirect(code_redirect(a.redirect_uri, *code, a.state));
    for (const auto& field : response.message()) {
        if (field.name() == boost::beast::http::field::set_cookie) {
            redirect.add_header("Set-Cookie", field.value());
        }
    }
    redirect.set_header("Cache-Control", "no-store");
    co_return redirect;
}

Awaitable authorize_submit(CtxPtr ctx, http::Request& req) {
    auto form = req.form();
    if (!form) {
        SigninPage page;
        page.step = PageStep::kError;
        page.error = "The form is malformed";
        co_return html_page(400, page);
    }
    const AuthzParams a = authz_from(*form, false);
    auto valid = co_await validate_authz(*ctx, a);
    if (!valid) {
        SigninPage page = page_for(nullptr, a);
        page.step = PageStep::kError;
        page.error = valid.error().message();
        co_return html_page(400, page);
    }
    SigninPage page = page_for(&valid->app, a);
    auto& store = ctx->store();
    const std::string passcode(form->get_or("passcode", {}));
    const std::string recovery(form->get_or("recoveryCode", {}));
    const bool mfa_step = form->contains("passcode") || form->contains("recoveryCode");
    if (mfa_step) {
        auto cookie = req.cookie(server::kSessionCookieName);
        core::Result<store::BrowserSession> session = core::Error::not_found("no session");
        if (cookie) session = co_await store.find_session(*cookie);
        if (!session || session->pending_mfa.empty() || session->application != valid->app.name) {
            page.error = "Your sign-in expired; please sign in again";
            co_return html_page(200, page);
        }
        auto user = co_await store.user_with_authz(session->organization, session->user);
        if (!user || user->is_deleted || user->is_forbidden) {
            page.error = std::string(kForbidden);
            co_return html_page(200, page);
        }
        auto checked = co_await check_mfa(*ctx, *user, passcode, recovery);
        if (!checked) {
            auto counted =
                co_await store.record_address_failure(req.remote_address(), kAddressWindowSeconds);
            (void)counted;
            page.step = PageStep::kMfa;
            page.error = checked.error().code() == "database-error"
                             ? std::string("The server could not check the code")
                             : checked.error().message();
            co_return html_page(200, page);
        }
        auto cleared = co_await store.set_session_pending_mfa(*cookie, "");
        (void)cleared;
        http::Response no_cookie;
        co_return co_await finish_page_signin(ctx, req, *valid, a, *user, std::move(no_cookie));
    }
    const std::string username(form->get_or("username", {}));
    page.username = username;
    const std::string password(form->get_or("password", ""));
    auto user = co_await check_password(*ctx, valid->app, username, password, req.remote_address());
    if (!user) {
        page.error = user.error().code() == "database-error"
                         ? std::string("The server could not check the password")
                         : user.error().message();
        co_return html_page(200, page);
    }
    store::NewSession fresh;
    fresh.organization = user->owner;
    fresh.user = user->name;
    fresh.application = valid->app.name;
    if (needs_mfa(*user)) {
        fresh.lifetime_seconds = kPendingMfaSeconds;
        fresh.pending_mfa = R"({"mfaType":"app"})";
    } else {
        fresh.lifetime_seconds = session_lifetime(valid->app);
    }
    auto created = co_await store.create_session(fresh);
    http::Response carrier;
    if (created) server::set_session_cookie(*ctx, req, carrier, *created);
    if (needs_mfa(*user)) {
        if (!created) {
            page.error = "The server could not start the sign-in";
            co_return html_page(500, page);
        }
        page.step = PageStep::kMfa;
        auto response = html_page(200, page);
        server::set_session_cookie(*ctx, req, response, *created);
        co_return response;
    }
    co_return co_await finish_page_signin(ctx, req, *valid, a, *user, std::move(carrier));
}

// ---- POST /api/login and GET /api/get-app-login (the JSON flavour of the page) ----

Awaitable get_app_login(CtxPtr ctx, http::Request& req) {
    const AuthzParams a = authz_from(req.query(), true);
    auto valid = co_await validate_authz(*ctx, a);
    if (!valid) co_return envelope(api::Envelope::failure(valid.error().message()));
    auto masked = model::mask_application_for_login(valid->app);
    co_return envelope(api::Envelope::success(model::to_json(masked)));
}

Awaitable api_login(CtxPtr ctx, http::Request& req) {
    auto& store = ctx->store();
    auto body = core::parse_json(req.body());
    if (!body || !body->is_object()) {
        co_return envelope(api::Envelope::failure("The request body is not a JSON object"));
    }
    const auto& form = body->get_object();
    auto text = [&](std::string_view key) {
        return std::string(core::get_string(form, key).value_or(""));
    };
    const std::string type = text("type").empty() ? std::string("login") : text("type");
    if (type != "login" && type != "code" && type != "token" && type != "id_token") {
        co_return envelope(api::Envelope::failure("Unsupported login type: " + cut(type)));
    }
    // The application: by name from the body, else by the clientId of the query.
    model::Application app;
    std::optional<ValidAuthz> valid;
    const AuthzParams a = authz_from(req.query(), true);
    if (type == "code") {
        auto checked = co_await validate_authz(*ctx, a);
        if (!checked) co_return envelope(api::Envelope::failure(checked.error().message()));
        valid = std::move(checked).value();
        app = valid->app;
    } else {
        core::Result<model::Application> found = core::Error::not_found("application");
        const std::string app_name = text("application");
        if (!app_name.empty()) {
            found = co_await store.get<model::Application>("admin", app_name);
        } else {
            found = co_await store.application_by_client_id(a.client_id);
        }
        if (!found) {
            co_return envelope(api::Envelope::failure(
                "The application: " + cut(text("application")) + " does not exist"));
        }
        app = std::move(found).value();
    }

    std::optional<model::User> user;
    std::optional<std::string> session_cookie;
    const std::string passcode = text("passcode");
    const std::string recovery = text("recoveryCode");
    if (!passcode.empty() || !recovery.empty()) {
        auto cookie = req.cookie(server::kSessionCookieName);
        core::Result<store::BrowserSession> session = core::Error::not_found("no session");
        if (cookie) session = co_await store.find_session(*cookie);
        if (!session || session->pending_mfa.empty()) {
            co_return envelope(
                api::Envelope::failure("Your sign-in expired; please sign in again"));
        }
        auto pending = co_await store.user_with_authz(session->organization, session->user);
        if (!pending) co_return envelope(api::Envelope::failure(std::string(kForbidden)));
        auto checked = co_await check_mfa(*ctx, *pending, passcode, recovery);
        if (!checked) co_return envelope(api::Envelope::failure(checked.error().message()));
        auto cleared = co_await store.set_session_pending_mfa(*cookie, "");
        (void)cleared;
        user = std::move(pending).value();
        session_cookie = *cookie;
    } else {
        auto checked = co_await check_password(*ctx, app, text("username"), text("password"),
                                               req.remote_address());
        if (!checked) {
            co_return envelope(api::Envelope::failure(checked.error().code() == "database-error"
                                                          ? "The server could not sign you in"
                                                          : checked.error().message()));
        }
        user = std::move(checked).value();
        if (needs_mfa(*user)) {
            store::NewSession fresh{user->owner, user->name, app.name, kPendingMfaSeconds,
                                    R"({"mfaType":"app"})"};
            auto created = co_await store.create_session(fresh);
            if (!created)
                co_return envelope(api::Envelope::failure("The server could not sign you in"));
            core::json::array props;
            core::json::object prop;
            prop["mfaType"] = "app";
            prop["enabled"] = true;
            prop["isPreferred"] = true;
            props.emplace_back(std::move(prop));
            auto response =
                envelope(api::Envelope::success(core::json::string("NextMfa"), std::move(props)));
            server::set_session_cookie(*ctx, req, response, *created);
            co_return response;
        }
    }

    http::Response carrier;
    if (!session_cookie) {
        store::NewSession fresh{user->owner, user->name, app.name, session_lifetime(app), ""};
        auto created = co_await store.create_session(fresh);
        if (created) server::set_session_cookie(*ctx, req, carrier, *created);
    }
    api::Envelope result;
    if (type == "login") {
        result = api::Envelope::success(core::json::string(user->owner + "/" + user->name));
    } else if (type == "code") {
        CodeGrant grant;
        grant.redirect_uri = a.redirect_uri;
        grant.scope = a.scope;
        grant.nonce = a.nonce;
        grant.code_challenge = valid->challenge;
        grant.auth_time = ctx->clock().unix_seconds();
        const std::string issuer = ctx->issuer_for(req);
        auto code = co_await issue_code(*ctx, app, *user, grant, issuer);
        if (!code) co_return envelope(api::Envelope::failure("The server could not sign you in"));
        result = api::Envelope::success(core::json::string(*code));
    } else {
        if (!model::grant_type_allowed(app, type)) {
            co_return envelope(api::Envelope::failure("Grant_type: " + type +
                                                      " is not supported in this application"));
        }
        IssueRequest in;
        in.app = &app;
        in.issuer = ctx->issuer_for(req);
        in.user = &*user;
        in.scope = a.scope;
        in.nonce = a.nonce;
        in.grant_type = type;
        in.with_refresh = false;
        in.with_id_token = type == "id_token";
        auto issued = co_await build_tokens(*ctx, in);
        if (!issued) co_return envelope(api::Envelope::failure("The server could not sign you in"));
        const store::TokenIssue issue;
        auto added = co_await store.add_token(issued->row, issue);
        if (!added) co_return envelope(api::Envelope::failure("The server could not sign you in"));
        result = api::Envelope::success(core::json::string(
            type == "id_token" ? issued->response.id_token : issued->response.access_token));
    }
    auto response = envelope(result);
    for (const auto& field : carrier.message()) {
        if (field.name() == boost::beast::http::field::set_cookie) {
            response.add_header("Set-Cookie", field.value());
        }
    }
    co_return response;
}

// ---- logout ----

struct HintTarget {
    std::string application;
    std::string organization;
    std::string user;
};

// The id_token_hint: an access token of ours (looked up, then revoked), or an ID token we
// signed (verified with the cert named by its kid; expiry does not matter at logout).
store::Task<std::optional<HintTarget>> resolve_hint(const server::Context& ctx,
                                                    std::string_view hint) {
    auto row = co_await ctx.store().token_by_access_token(hint);
    if (row) {
        auto revoked = co_await ctx.store().revoke_token(row->owner, row->name);
        (void)revoked;
        HintTarget target;
        target.application = row->application;
        target.organization = row->organization;
        target.user = row->user;
        co_return target;
    }
    auto jws = jose::parse_compact(hint);
    if (!jws || jws->kid.empty()) co_return std::nullopt;
    auto key = co_await ctx.keys().get("", jws->kid);
    if (!key || !jose::verify(*jws, key->public_jwk.key)) co_return std::nullopt;
    auto claims = core::parse_json(jws->payload);
    if (!claims || !claims->is_object()) co_return std::nullopt;
    const auto& obj = claims->get_object();
    auto aud = core::get_string(obj, "aud");
    auto sub = core::get_string(obj, "sub");
    if (!aud || !sub) co_return std::nullopt;
    auto app = co_await ctx.store().application_by_client_id(*aud);
    auto user = co_await ctx.store().user_by_id(*sub);
    if (!app || !user) co_return std::nullopt;
    auto revoked = co_await ctx.store().revoke_user_tokens(user->owner, user->name, app->name);
    (void)revoked;
    HintTarget target;
    target.application = app->name;
    target.organization = user->owner;
    target.user = user->name;
    co_return target;
}

Awaitable logout(CtxPtr ctx, http::Request& req) {
    http::Params params = req.query();
    if (req.method() == http::Method::kPost) {
        if (auto form = req.form()) {
            for (const auto& [name, value] : *form) {
                if (!params.contains(name)) params.add(name, value);
            }
        }
    }
    const std::string hint(params.get_or("id_token_hint", {}));
    const std::string post_logout(params.get_or("post_logout_redirect_uri", {}));
    const std::string state(params.get_or("state", {}));
    const std::string client_id(params.get_or("client_id", {}));

    std::optional<HintTarget> target;
    if (!hint.empty()) {
        target = co_await resolve_hint(*ctx, hint);
        if (!target) {
            co_return envelope(api::Envelope::failure("Token not found, invalid accessToken"));
        }
    }
    std::string signed_out;
    auto cookie = req.cookie(server::kSessionCookieName);
    if (cookie) {
        auto session = co_await ctx->store().find_session(*cookie);
        if (session) signed_out = session->organization + "/" + session->user;
        auto deleted = co_await ctx->store().delete_session(*cookie);
        (void)deleted;
    }
    if (target && signed_out.empty()) signed_out = target->organization + "/" + target->user;

    std::optional<model::Application> app;
    if (target) {
        auto found = co_await ctx->store().get<model::Application>("admin", target->application);
        if (found) app = std::move(found).value();
    } else if (!client_id.empty()) {
        auto found = co_await ctx->store().application_by_client_id(client_id);
        if (found) app = std::move(found).value();
    }
    http::Response response;
    if (!post_logout.empty()) {
        static const std::vector<std::string> kNone;
        auto allowed = oauth::check_redirect_uri(post_logout, app ? app->redirect_uris : kNone);
        if (!allowed) co_return envelope(api::Envelope::failure(allowed.error().message()));
        std::string location = post_logout;
        if (!state.empty()) {
            location += post_logout.find('?') == std::string::npos ? '?' : '&';
            location += "state=" + core::url_encode(state);
        }
        response = http::Response::redirect(location);
    } else {
        response = envelope(api::Envelope::success(
            core::json::string(signed_out),
            app ? core::json::value(core::json::string(app->homepage_url)) : core::json::value()));
    }
    if (cookie) server::clear_session_cookie(*ctx, req, response);
    co_return response;
}

// ---- discovery ----

http::Response json_ok(const core::json::object& body) {
    return http::Response::json(200, core::to_json(body));
}

Awaitable app_not_found(std::string_view name) {
    co_return http::Response::json(
        404, core::to_json(oauth::error_body(OAuthError::kInvalidRequest,
                                             "The application: " + cut(name) + " does not exist")));
}

using DocsPtr = std::shared_ptr<PublishedDocuments>;

Awaitable discovery(CtxPtr ctx, DocsPtr docs, http::Request& req) {
    auto body = docs->discovery(ctx->issuer_for(req));
    co_return http::Response::json(200, *body);
}

Awaitable jwks(CtxPtr ctx, DocsPtr docs, http::Request&) {
    auto body = co_await docs->jwks(*ctx);
    co_return http::Response::json(200, *body);
}

Awaitable app_discovery(CtxPtr ctx, http::Request& req) {
    const std::string name(req.path_param("app"));
    auto app = co_await ctx->store().get<model::Application>("admin", name);
    if (!app) co_return co_await app_not_found(name);
    co_return json_ok(discovery_document(ctx->issuer_for(req), &*app));
}

Awaitable app_jwks(CtxPtr ctx, http::Request& req) {
    const std::string name(req.path_param("app"));
    auto app = co_await ctx->store().get<model::Application>("admin", name);
    if (!app) co_return co_await app_not_found(name);
    std::vector<server::SigningKey> keys;
    auto key = co_await ctx->keys().get("", app->cert);
    if (key) keys.push_back(std::move(key).value());
    co_return json_ok(jwks_document(keys));
}

// The endpoints where a client authenticates: the 401 challenge only for header credentials.
Awaitable client_authenticated(http::Request& req, Awaitable handler) {
    http::Response response = co_await std::move(handler);
    keep_challenge_only_for_header_auth(req, response);
    co_return response;
}

}  // namespace

void register_routes(http::Router& router, std::shared_ptr<server::Context> ctx) {
    auto docs = std::make_shared<PublishedDocuments>();
    router.get("/.well-known/openid-configuration",
               [ctx, docs](http::Request& req) { return discovery(ctx, docs, req); });
    router.get(kJwksPath, [ctx, docs](http::Request& req) { return jwks(ctx, docs, req); });
    router.get("/.well-known/:app/openid-configuration",
               [ctx](http::Request& req) { return app_discovery(ctx, req); });
    router.get("/.well-known/:app/jwks", [ctx](http::Request& req) { return app_jwks(ctx, req); });
    router.get(kAuthorizePath, [ctx](http::Request& req) { return authorize_page(ctx, req); });
    router.post(kAuthorizePath, [ctx](http::Request& req) { return authorize_submit(ctx, req); });
    router.get("/api/get-app-login", [ctx](http::Request& req) { return get_app_login(ctx, req); });
    router.post("/api/login", [ctx](http::Request& req) { return api_login(ctx, req); });
    router.post(kTokenPath, [ctx](http::Request& req) {
        return client_authenticated(req, token_endpoint(ctx, req, false));
    });
    router.post(kRefreshPath, [ctx](http::Request& req) {
        return client_authenticated(req, token_endpoint(ctx, req, true));
    });
    router.post(kIntrospectPath, [ctx](http::Request& req) {
        return client_authenticated(req, introspect(ctx, req));
    });
    router.post(kRevokePath,
                [ctx](http::Request& req) { return client_authenticated(req, revoke(ctx, req)); });
    router.get(kUserinfoPath, [ctx](http::Request& req) { return userinfo(ctx, req); });
    router.post(kUserinfoPath, [ctx](http::Request& req) { return userinfo(ctx, req); });
    router.get(kLogoutPath, [ctx](http::Request& req) { return logout(ctx, req); });
    router.post(kLogoutPath, [ctx](http::Request& req) { return logout(ctx, req); });
}

}  // namespace ward::idp::oidc

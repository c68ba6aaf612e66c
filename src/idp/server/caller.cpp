#include "idp/server/caller.hpp"

#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "idp/model/id.hpp"

namespace ward::idp::server {

namespace {

core::Error inactive_user(std::string_view org, std::string_view name, bool exists) {
    std::string id = model::format_id(org, name);
    return core::Error::unauthenticated(exists ? "The user: " + id + " is forbidden to sign in"
                                               : "The user: " + id + " doesn't exist",
                                        "user-inactive");
}

core::Error invalid_client() {
    return core::Error::unauthenticated("Invalid clientId or clientSecret", "invalid-client");
}

bool is_state_changing(http::Method m) {
    return m == http::Method::kPost || m == http::Method::kPut || m == http::Method::kPatch ||
           m == http::Method::kDelete;
}

// The access token of the request, from the places Casdoor reads (§4.4), or empty.
std::string access_token_of(const http::Request& request) {
    if (auto t = request.query_param("accessToken"); t && !t->empty()) return std::string(*t);
    if (auto t = request.query_param("access_token"); t && !t->empty()) return std::string(*t);
    if (auto t = request.bearer_token(); t && !t->empty()) return std::string(*t);
    if (auto h = request.header("Authorization"); h && h->size() > 5) {
        std::string_view v = *h;
        std::string scheme(v.substr(0, 5));
        for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (scheme == "dpop ") {
            v.remove_prefix(5);
            while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
            return std::string(v);
        }
    }
    return {};
}

Caller application_caller(model::Application app, CallerSource source) {
    Caller c;
    c.kind = CallerKind::kApplication;
    c.source = source;
    c.subject = "app/" + app.name;
    c.application = std::move(app);
    c.is_global_admin = true;
    c.is_org_admin = true;
    return c;
}

Caller user_caller(model::User user, CallerSource source) {
    Caller c;
    c.kind = CallerKind::kUser;
    c.source = source;
    c.subject = model::format_id(user.owner, user.name);
    c.is_global_admin = model::is_global_admin(user);
    c.is_org_admin = model::is_org_admin(user, user.owner);
    c.user = std::move(user);
    return c;
}

store::Task<core::Result<Caller>> by_access_token(const Context& ctx, const std::string& raw) {
    auto& store = ctx.store();
    auto token = co_await store.token_by_access_token(raw);
    if (!token) {
        if (token.error().kind() == core::ErrorKind::kNotFound) {
            co_return core::Error::unauthenticated("Access token doesn't exist in database",
                                                   "token-not-found");
        }
        co_return std::move(token).error();
    }
    auto expires = store::token_expires_at(*token);
    std::int64_t now = ctx.clock().unix_seconds();
    if (!expires || now >= *expires) {
        std::string when = core::format_casdoor_time(
            std::chrono::system_clock::time_point(std::chrono::seconds(expires.value_or(0))));
        co_return core::Error::unauthenticated("Access token has expired, expireTime = " + when,
                                               "token-expired");
    }
    if (token->grant_type == "client_credentials") {
        std::string owner(model::kAdminOwner);
        auto app = co_await store.get<model::Application>(owner, token->application);
        if (!app) {
            if (app.error().kind() == core::ErrorKind::kNotFound) {
                co_return core::Error::unauthenticated("Access token doesn't exist in database",
                                                       "token-not-found");
            }
            co_return std::move(app).error();
        }
        Caller c = application_caller(std::move(app).value(), CallerSource::kAccessToken);
        c.token = std::move(token).value();
        co_return c;
    }
    auto user = co_await store.get<model::User>(token->organization, token->user);
    if (!user) {
        if (user.error().kind() == core::ErrorKind::kNotFound) {
            co_return inactive_user(token->organization, token->user, false);
        }
        co_return std::move(user).error();
    }
    if (user->is_forbidden || user->is_deleted) {
        co_return inactive_user(user->owner, user->name, true);
    }
    Caller c = user_caller(std::move(user).value(), CallerSource::kAccessToken);
    std::string app_owner(model::kAdminOwner);
    auto app = co_await store.get<model::Application>(app_owner, token->application);
    if (app) c.application = std::move(app).value();
    c.token = std::move(token).value();
    co_return c;
}

// Returns the Caller when the id/secret pair identifies an app; nullopt for an unknown id
// (only meaningful for Basic, which is then ignored).
store::Task<core::Result<std::optional<Caller>>> by_client_secret(const Context& ctx,
                                                                  const std::string& id,
                                                                  const std::string& secret) {
    auto app = co_await ctx.store().application_by_client_id(id);
    if (!app) {
        if (app.error().kind() == core::ErrorKind::kNotFound) {
            co_return std::optional<Caller>();
        }
        co_return std::move(app).error();
    }
    if (app->client_secret.empty() || !core::constant_time_equal(app->client_secret, secret)) {
        co_return invalid_client();
    }
    co_return std::optional<Caller>(
        application_caller(std::move(app).value(), CallerSource::kClientCredentials));
}

}  // namespace

bool Caller::is_admin_of(std::string_view organization) const {
    if (is_global_admin) return true;
    return user.has_value() && is_org_admin && user->owner == organization;
}

store::Task<bool> origin_allowed(const Context& ctx, const http::Request& request,
                                 std::string_view origin) {
    auto normalized = normalize_origin(origin);
    if (!normalized) co_return false;
    auto own = normalize_origin(ctx.issuer_for(request));
    if (own && *own == *normalized) co_return true;
    store::ListQuery all;
    auto apps = co_await ctx.store().list<model::Application>(all);
    if (!apps) co_return false;
    for (const auto& app : apps->items) {
        for (const auto& uri : app.redirect_uris) {
            auto allowed = normalize_origin(uri);
            if (allowed && *allowed == *normalized) co_return true;
        }
    }
    co_return false;
}

store::Task<core::Result<Caller>> identify_caller(const Context& ctx,
                                                  const http::Request& request) {
    // 1. Access token.
    std::string raw = access_token_of(request);
    if (!raw.empty()) {
        auto r = co_await by_access_token(ctx, raw);
        co_return r;
    }
    // 2. Client id and secret: Basic, then query parameters.
    if (request.header("Authorization")) {
        auto basic = request.basic_auth();
        if (basic) {
            auto r = co_await by_client_secret(ctx, basic->user, basic->password);
            if (!r) co_return std::move(r).error();
            if (r->has_value()) co_return std::move(**r);
        }
    }
    auto qid = request.query_param("clientId");
    auto qsecret = request.query_param("clientSecret");
    if (qid && qsecret && !qid->empty()) {
        std::string id(*qid);
        std::string secret(*qsecret);
        auto r = co_await by_client_secret(ctx, id, secret);
        if (!r) co_return std::move(r).error();
        if (!r->has_value()) co_return invalid_client();
        co_return std::move(**r);
    }
    // 3. Session cookie.
    auto cookie = request.cookie(kSessionCookieName);
    if (!cookie || cookie->empty()) co_return Caller{};
    auto session = co_await ctx.store().find_session(*cookie);
    if (!session) {
        if (session.error().kind() == core::ErrorKind::kNotFound) co_return Caller{};
        co_return std::move(session).error();
    }
    if (!session->pending_mfa.empty()) co_return Caller{};
    auto user = co_await ctx.store().get<model::User>(session->organization, session->user);
    if (!user) {
        if (user.error().kind() == core::ErrorKind::kNotFound) co_return Caller{};
        co_return std::move(user).error();
    }
    if (user->is_forbidden || user->is_deleted) co_return Caller{};
    if (is_state_changing(request.method())) {
        // C10: a cookie alone does not prove the request came from a page we trust.
        std::string origin;
        if (auto o = request.header("Origin"); o && !o->empty()) {
            origin = std::string(*o);
        } else if (auto r = request.header("Referer"); r && !r->empty()) {
            origin = std::string(*r);
        }
        bool allowed = false;
        if (!origin.empty()) allowed = co_await origin_allowed(ctx, request, origin);
        if (!allowed) {
            co_return core::Error::permission_denied(
                "Unauthorized operation: the request origin is not allowed", "origin-not-allowed");
        }
    }
    Caller c = user_caller(std::move(user).value(), CallerSource::kSessionCookie);
    if (!session->application.empty()) {
        std::string app_owner(model::kAdminOwner);
        auto app = co_await ctx.store().get<model::Application>(app_owner, session->application);
        if (app) c.application = std::move(app).value();
    }
    c.session_cookie = *cookie;
    c.session = std::move(session).value();
    co_return c;
}

void set_session_cookie(const Context& ctx, const http::Request& request, http::Response& response,
                        const store::CreatedSession& session) {
    http::Cookie c;
    c.name = std::string(kSessionCookieName);
    c.value = session.cookie_value;
    c.max_age = std::max<long long>(1, session.session.expires_at - ctx.clock().unix_seconds());
    c.http_only = true;
    c.secure = ctx.is_secure(request);
    c.same_site = "Lax";
    response.add_cookie(c);
}

void clear_session_cookie(const Context& ctx, const http::Request& request,
                          http::Response& response) {
    http::Cookie c;
    c.name = std::string(kSessionCookieName);
    c.value = "";
    c.max_age = 0;
    c.http_only = true;
    c.secure = ctx.is_secure(request);
    c.same_site = "Lax";
    response.add_cookie(c);
}

}  // namespace ward::idp::server

#include "idp/oidc/signin.hpp"

#include "core/encoding.hpp"
#include "idp/api/totp.hpp"
#include "idp/model/organization.hpp"
#include "idp/oidc/issue.hpp"
#include "idp/password/password.hpp"

namespace ward::idp::oidc {

namespace {

core::Error bad_credentials() {
    return core::Error::unauthenticated(std::string(kBadCredentials), "bad-credentials");
}

core::Error database_error(const core::Error& e) {
    return core::Error(core::ErrorKind::kInternal, "database-error", e.message());
}

}  // namespace

store::Task<core::Result<model::User>> check_password(const server::Context& ctx,
                                                      const model::Application& app,
                                                      std::string_view username,
                                                      std::string_view password,
                                                      std::string_view address) {
    auto& store = ctx.store();
    const std::string addr(address);
    auto failures = co_await store.address_failures(addr, kAddressWindowSeconds);
    if (failures && *failures >= kAddressFailureLimit) {
        co_return core::Error::limit_exceeded(std::string(kAddressThrottled), "throttled");
    }
    auto user = co_await store.user_by_login(app.organization, username);
    if (!user || user->is_deleted) {
        if (user || user.error().code() == "not-found") {
            auto counted = co_await store.record_address_failure(addr, kAddressWindowSeconds);
            (void)counted;
            co_return bad_credentials();
        }
        co_return database_error(user.error());
    }
    const auto limit = model::effective_failed_signin_limit(app);
    const auto frozen = model::effective_failed_signin_frozen_minutes(app);
    const auto now = ctx.clock().unix_seconds();
    if (auto left = store::lockout_minutes_left(*user, limit, frozen, now)) {
        co_return core::Error::limit_exceeded(
            "You have entered the wrong password or code too many times, please wait for " +
                std::to_string(*left) + " minutes and try again",
            "locked-out");
    }
    if (user->signin_wrong_times >= limit) {
        // The freeze has passed: start counting again.
        auto reset = co_await store.reset_signin_failures(user->owner, user->name);
        (void)reset;
        user->signin_wrong_times = 0;
    }
    auto org = co_await store.get<model::Organization>("admin", user->owner);
    const std::string org_salt = org ? org->password_salt : std::string();
    const std::string org_type = org ? org->password_type : std::string();
    password::StoredPassword stored{
        .type = user->password_type.empty() ? std::string_view(org_type)
                                            : std::string_view(user->password_type),
        .hash = user->password,
        .user_salt = user->password_salt,
        .org_salt = org_salt,
    };
    auto matched = password::verify_password(password, stored);
    if (!matched || !*matched) {
        auto counted = co_await store.record_signin_failure(user->owner, user->name);
        (void)counted;
        auto addr_counted = co_await store.record_address_failure(addr, kAddressWindowSeconds);
        (void)addr_counted;
        co_return bad_credentials();
    }
    if (user->signin_wrong_times > 0) {
        auto reset = co_await store.reset_signin_failures(user->owner, user->name);
        (void)reset;
    }
    auto forget = co_await store.reset_address_failures(addr);
    (void)forget;
    if (user->is_forbidden)
        co_return core::Error::permission_denied(std::string(kForbidden), "forbidden");
    if (app.disable_signin) {
        co_return core::Error::permission_denied(
            "The application: " + app.name + " does not allow to sign in", "signin-disabled");
    }
    auto full = co_await store.user_with_authz(user->owner, user->name);
    if (!full) co_return database_error(full.error());
    co_return std::move(full).value();
}

bool needs_mfa(const model::User& user) { return !user.totp_secret.empty(); }

store::Task<core::Status> check_mfa(const server::Context& ctx, model::User& user,
                                    std::string_view passcode, std::string_view recovery_code) {
    if (!passcode.empty()) {
        auto ok = api::totp::verify(user.totp_secret, passcode, ctx.clock().unix_seconds());
        if (ok && *ok) co_return core::ok();
        co_return core::Error::unauthenticated(std::string(kBadPasscode), "bad-passcode");
    }
    if (recovery_code.empty()) {
        co_return core::Error::unauthenticated(std::string(kBadPasscode), "bad-passcode");
    }
    for (auto it = user.recovery_codes.begin(); it != user.recovery_codes.end(); ++it) {
        if (!core::constant_time_equal(*it, recovery_code)) continue;
        user.recovery_codes.erase(it);
        // A recovery code works once.
        std::vector<std::string> columns{"recoveryCodes"};
        auto saved = co_await ctx.store().update<model::User>(user.owner, user.name, user, columns);
        if (!saved) co_return database_error(saved.error());
        co_return core::ok();
    }
    co_return core::Error::unauthenticated(std::string(kBadPasscode), "bad-passcode");
}

store::Task<core::Result<std::string>> issue_code(const server::Context& ctx,
                                                  const model::Application& app,
                                                  const model::User& user, const CodeGrant& grant,
                                                  std::string_view issuer) {
    auto& store = ctx.store();
    const auto now = ctx.clock().unix_seconds();
    // Casdoor mints the access token with the code (casdoor.md §1.9): the Tokens page shows it at
    // once and the token endpoint hands back this same token. The refresh token is made when the
    // code is redeemed: only its hash is ever stored (C11), so one made now could not be handed
    // out later; until then the row holds no refresh hash.
    IssueRequest in;
    in.app = &app;
    in.user = &user;
    in.issuer = std::string(issuer);
    in.scope = grant.scope;
    in.nonce = grant.nonce;
    in.auth_time = grant.auth_time;
    in.grant_type = "authorization_code";
    in.with_refresh = false;
    in.with_id_token = false;
    auto issued = co_await build_tokens(ctx, in);
    if (!issued) co_return std::move(issued).error();
    model::Token token = std::move(issued->row);
    token.code = core::hex_encode(ctx.random().bytes(20));
    token.code_challenge = grant.code_challenge;
    token.code_expire_in = now + kCodeLifetimeSeconds;
    store::TokenIssue issue;
    issue.refresh_expires_at = refresh_deadline(app, now);
    auto added = co_await store.add_token(token, issue);
    if (!added) co_return database_error(added.error());
    const std::string sql =
        "INSERT INTO \"oidc_code_grant\" (\"code\", \"redirect_uri\", \"nonce\", \"auth_time\", "
        "\"created_at\") VALUES ($1, $2, $3, $4, $5)";
    sql::Params params{token.code, grant.redirect_uri, grant.nonce,
                       grant.auth_time > 0 ? grant.auth_time : now, now};
    auto inserted = co_await store.database().query(sql, params);
    if (!inserted) {
        co_return core::Error(core::ErrorKind::kInternal, "database-error",
                              inserted.error().message());
    }
    // Old grants are useless once their code expired.
    const std::string purge = "DELETE FROM \"oidc_code_grant\" WHERE \"created_at\" < $1";
    sql::Params purge_params{now - 24 * 3600};
    auto purged = co_await store.database().query(purge, purge_params);
    (void)purged;
    co_return token.code;
}

store::Task<core::Result<CodeGrant>> code_grant(const server::Context& ctx, std::string_view code) {
    auto& db = ctx.store().database();
    const std::string sql =
        "SELECT \"redirect_uri\", \"nonce\", \"auth_time\" FROM \"oidc_code_grant\" WHERE "
        "\"code\" = $1";
    sql::Params params{std::string(code)};
    auto rs = co_await db.query(sql, params);
    if (!rs) {
        co_return core::Error(core::ErrorKind::kInternal, "database-error", rs.error().message());
    }
    if (rs->empty()) co_return core::Error::not_found("The authorization code does not exist");
    auto row = rs->row(0);
    CodeGrant grant;
    grant.redirect_uri = row.value(0).to_text().value_or("");
    grant.nonce = row.value(1).to_text().value_or("");
    auto auth = row.get<std::int64_t>(2);
    grant.auth_time = auth ? *auth : 0;
    co_return grant;
}

}  // namespace ward::idp::oidc

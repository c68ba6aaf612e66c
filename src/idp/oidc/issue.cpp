#include "idp/oidc/issue.hpp"

#include "core/encoding.hpp"
#include "idp/model/organization.hpp"
#include "idp/oidc/mint.hpp"

namespace ward::idp::oidc {

namespace {

// The mint request of `in`, with the organization's default token format.
store::Task<MintRequest> mint_request(const server::Context& ctx, const IssueRequest& in) {
    const auto& user = *in.user;
    MintRequest mint;
    if (user.owner != "admin") {
        auto org = co_await ctx.store().get<model::Organization>("admin", user.owner);
        if (org) mint.org_token_format = org->default_token_format;
    }
    mint.app = in.app;
    mint.user = in.user;
    mint.issuer = in.issuer;
    mint.scope = in.scope;
    mint.nonce = in.nonce;
    // Time-ordered (UUID version 7): the token table's primary key then grows at its end
    // instead of at a random page per token (issue #7: random keys made every batch of token
    // rows write and checkpoint a page per row and index).
    mint.token_name = in.token_name.empty() ? core::uuid_v7(ctx.clock().unix_millis(), ctx.random())
                                            : in.token_name;
    mint.now = ctx.clock().unix_seconds();
    mint.auth_time = in.auth_time;
    mint.with_id_token = in.with_id_token;
    co_return mint;
}

}  // namespace

store::Task<core::Result<Issued>> build_tokens(const server::Context& ctx, const IssueRequest& in) {
    const auto& app = *in.app;
    const auto& user = *in.user;
    auto key = co_await ctx.keys().get("", app.cert, in.marks);
    if (!key) co_return key.error();
    const MintRequest mint = co_await mint_request(ctx, in);
    auto minted = mint_tokens(mint, *key);
    if (!minted) co_return minted.error();

    Issued out;
    out.response.access_token = minted->access_token;
    out.response.id_token = minted->id_token;
    out.response.expires_in = minted->expires_in;
    out.response.scope = in.scope;
    if (in.with_refresh) out.response.refresh_token = ctx.random().token(32);

    auto& row = out.row;
    row.name = mint.token_name;
    row.created_time = ctx.store().now_text();
    row.application = app.name;
    row.organization = in.grant_type == "client_credentials" ? app.organization : user.owner;
    row.user = user.name;
    row.access_token = minted->access_token;
    // No access-token hash: the token's jti names this row, which is how it is found
    // (Store::token_by_access_token); reads show the hash all the same.
    // Only the hash of an opaque refresh token is kept (C11). A token without one keeps no
    // hash: a refresh token is looked up by the SHA-256 of what was presented, which is never
    // empty, so no presented token can find it (and the index does not get a random entry).
    if (in.with_refresh) row.refresh_token_hash = store::sha256_hex(out.response.refresh_token);
    row.expires_in = minted->expires_in;
    row.scope = in.scope;
    row.grant_type = in.grant_type;
    co_return out;
}

store::Task<core::Result<std::string>> build_id_token(const server::Context& ctx,
                                                      const IssueRequest& in,
                                                      std::string_view access_token) {
    auto key = co_await ctx.keys().get("", in.app->cert, in.marks);
    if (!key) co_return key.error();
    const MintRequest mint = co_await mint_request(ctx, in);
    co_return mint_id_token(mint, *key, access_token);
}

std::int64_t refresh_deadline(const model::Application& app, std::int64_t now) {
    if (app.refresh_expire_in_hours <= 0) return 0;
    return now + static_cast<std::int64_t>(app.refresh_expire_in_hours * 3600);
}

}  // namespace ward::idp::oidc

// The OAuth/OIDC end-to-end cases, shared by the SQLite test and the PostgreSQL pgtest (each
// includes this file after defining OIDC_BACKEND).
#pragma once

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "idp/api/totp.hpp"
#include "idp/oauth/claims.hpp"
#include "idp/oidc/oidc_fixture.hpp"
#include "idp/oidc/published.hpp"
#include "jose/jwk_set.hpp"
#include "jose/jwt.hpp"
#include "jose/key.hpp"

namespace ward::idp::oidc::test {

class OidcFlow : public ::testing::Test {
  protected:
    void SetUp() override {
        server_ = std::make_unique<OidcServer>(OIDC_BACKEND);
        if (IsSkipped()) return;
        ASSERT_TRUE(server_->ready());
    }
    OidcServer& s() { return *server_; }

    // Signs alice in through the HTML form; returns the code from the 302.
    std::string sign_in(std::string_view user = "alice", std::string_view password = kPassword) {
        auto page = s().get("/login/oauth/authorize?" + authorize_query());
        EXPECT_EQ(page.status, 200u) << page.body;
        auto reply = s().post_form("/login/oauth/authorize",
                                   authorize_query() + "&username=" + std::string(user) +
                                       "&password=" + core::url_encode(password));
        EXPECT_EQ(reply.status, 302u) << reply.body;
        auto location = std::string(reply.headers.get_or("Location", ""));
        EXPECT_EQ(location.rfind(std::string(kRedirect) + "?code=", 0), 0u) << location;
        EXPECT_EQ(location_param(location, "state"), "st-1");
        return location_param(location, "code");
    }

    Reply exchange(std::string_view code, std::string_view verifier = kVerifier,
                   std::string_view redirect = kRedirect) {
        std::string body = "grant_type=authorization_code&client_id=" + std::string(kClientId) +
                           "&code=" + std::string(code) +
                           "&redirect_uri=" + core::url_encode(redirect);
        if (!verifier.empty()) body += "&code_verifier=" + std::string(verifier);
        return s().post_form("/api/login/oauth/access_token", body);
    }

    Reply introspect(std::string_view token) {
        http::Headers h;
        h.add("Authorization", "Basic " + core::base64_encode(std::string(kClientId) + ":" +
                                                              std::string(kClientSecret)));
        return s().post_form("/api/login/oauth/introspect", "token=" + std::string(token), h);
    }

    std::unique_ptr<OidcServer> server_;
};

TEST_F(OidcFlow, AuthorizationCodeFlowThroughTheHtmlForm) {
    auto page = s().get("/login/oauth/authorize?" + authorize_query());
    ASSERT_EQ(page.status, 200u);
    EXPECT_NE(page.body.find("Shop &lt;Online&gt;"), std::string::npos);
    EXPECT_NE(page.body.find("name=\"code_challenge\""), std::string::npos);
    const auto code = sign_in();
    ASSERT_FALSE(code.empty());
    auto tokens = exchange(code);
    ASSERT_EQ(tokens.status, 200u) << tokens.body;
    EXPECT_EQ(tokens.headers.get_or("Cache-Control", ""), "no-store");
    const auto access = tokens.str("access_token");
    const auto id_token = tokens.str("id_token");
    EXPECT_EQ(tokens.str("token_type"), "Bearer");
    EXPECT_EQ(tokens.str("scope"), "openid profile email");
    EXPECT_EQ(core::get_int(tokens.json(), "expires_in").value_or(0), 3600);
    EXPECT_EQ(tokens.str("refresh_token").size(), 43u);  // opaque, 256 bits (C11)
    EXPECT_NE(access, id_token);

    // Verify both with the published JWKS.
    auto jwks_reply = s().get("/.well-known/jwks");
    ASSERT_EQ(jwks_reply.status, 200u);
    auto jwks = jose::JwkSet::parse(jwks_reply.body);
    ASSERT_TRUE(jwks.has_value());
    const auto& first = jwks->keys().at(0);
    EXPECT_EQ(first.kid, "cert-built-in");
    EXPECT_FALSE(first.x5c.empty());
    const auto now = s().clock().unix_seconds();
    auto verified = jose::verify_jwt(access, *jwks, now);
    ASSERT_TRUE(verified.has_value());
    EXPECT_EQ(verified->kid, "cert-built-in");
    EXPECT_EQ(core::get_string(verified->claims, "iss").value_or(""), s().origin());
    EXPECT_EQ(core::get_string(verified->claims, "nonce").value_or(""), "n-42");
    auto* roles = core::get_array(verified->claims, "roles");
    ASSERT_NE(roles, nullptr);
    ASSERT_EQ(roles->size(), 1u);
    EXPECT_EQ((*roles)[0].as_string(), "editor");
    auto id = jose::verify_jwt(id_token, *jwks, now);
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(core::get_string(id->claims, "aud").value_or(""), kClientId);
    EXPECT_EQ(core::get_string(id->claims, "nonce").value_or(""), "n-42");
    EXPECT_TRUE(core::get_string(id->claims, "at_hash").has_value());

    // userinfo with the access token.
    http::Headers bearer;
    bearer.add("Authorization", "Bearer " + access);
    auto info = s().get("/api/userinfo", bearer);
    ASSERT_EQ(info.status, 200u);
    EXPECT_EQ(info.str("preferred_username"), "alice");
    EXPECT_EQ(info.str("email"), "alice@example.com");
    EXPECT_EQ(info.str("aud"), kClientId);
    auto anonymous = s().get("/api/userinfo");
    EXPECT_EQ(anonymous.str("status"), "error");
    EXPECT_EQ(anonymous.str("msg"), "Please login first");
}

// Issue #6: behind a reverse proxy serving the IdP under a prefix (/ward/idp/…), an absolute
// action would post outside it. The form posts relative to the page, with the query repeated so
// the address after a failed attempt can be reloaded, and works without JavaScript.
TEST_F(OidcFlow, TheSignInFormPostsToARelativeAddress) {
    auto action_of = [](const std::string& html) {
        const std::string key = "<form method=\"post\" action=\"";
        auto at = html.find(key);
        if (at == std::string::npos) return std::string("<no form>");
        at += key.size();
        std::string action = html.substr(at, html.find('"', at) - at);
        for (std::size_t amp; (amp = action.find("&amp;")) != std::string::npos;) {
            action.replace(amp, 5, "&");
        }
        return action;
    };
    auto page = s().get("/login/oauth/authorize?" + authorize_query());
    ASSERT_EQ(page.status, 200u);
    const std::string action = action_of(page.body);
    EXPECT_EQ(action.rfind("authorize?client_id=" + std::string(kClientId) + "&", 0), 0u) << action;
    EXPECT_NE(action.find("&state=st-1"), std::string::npos) << action;
    EXPECT_EQ(action.find('/'), std::string::npos) << action;  // every '/' is percent-encoded

    // A wrong password re-renders the page with the same relative action.
    auto wrong = s().post_form("/login/oauth/" + action,
                               authorize_query() + "&username=alice&password=wrong");
    EXPECT_EQ(wrong.status, 200u) << wrong.body;
    EXPECT_EQ(action_of(wrong.body), action);

    // Resolved against the page's address, the action signs in.
    auto reply = s().post_form(
        "/login/oauth/" + action,
        authorize_query() + "&username=alice&password=" + core::url_encode(kPassword));
    EXPECT_EQ(reply.status, 302u) << reply.body;
    EXPECT_EQ(std::string(reply.headers.get_or("Location", "")).rfind(std::string(kRedirect), 0),
              0u);
}

// casdoor.md §1.9: the access token is minted with the code, so the token row (the admin's
// Tokens page) shows it before the code is redeemed, and the token endpoint hands back that
// same token. The refresh token is made at redemption and only its hash is kept (C11).
TEST_F(OidcFlow, TheCodesAccessTokenIsOnItsRowBeforeTheExchange) {
    const auto code = sign_in();
    auto before = s().await(s().store().token_by_code(code));
    ASSERT_TRUE(before) << before.error().to_string();
    const std::string listed = before->access_token;
    ASSERT_FALSE(listed.empty());
    EXPECT_EQ(before->expires_in, 3600);
    EXPECT_EQ(before->access_token_hash, store::sha256_hex(listed));
    EXPECT_FALSE(before->code_is_used);
    EXPECT_TRUE(before->refresh_token.empty());
    auto jwks = jose::JwkSet::parse(s().get("/.well-known/jwks").body);
    ASSERT_TRUE(jwks.has_value());
    auto verified = jose::verify_jwt(listed, *jwks, s().clock().unix_seconds());
    ASSERT_TRUE(verified.has_value());
    EXPECT_EQ(core::get_string(verified->claims, "iss").value_or(""), s().origin());
    EXPECT_EQ(core::get_string(verified->claims, "jti").value_or(""), "admin/" + before->name);
    EXPECT_EQ(core::get_string(verified->claims, "nonce").value_or(""), "n-42");
    // The listed token works at once, as Casdoor's does.
    http::Headers bearer;
    bearer.add("Authorization", "Bearer " + listed);
    EXPECT_EQ(s().get("/api/userinfo", bearer).str("preferred_username"), "alice");

    s().clock().set_unix_seconds(s().clock().unix_seconds() + 60);
    auto tokens = exchange(code);
    ASSERT_EQ(tokens.status, 200u) << tokens.body;
    EXPECT_EQ(tokens.str("access_token"), listed);
    EXPECT_EQ(core::get_int(tokens.json(), "expires_in").value_or(0), 3600);
    auto id = jose::verify_jwt(tokens.str("id_token"), *jwks, s().clock().unix_seconds());
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(core::get_string(id->claims, "at_hash").value_or(""),
              oauth::at_hash(listed, "RS256").value_or("?"));
    EXPECT_EQ(core::get_string(id->claims, "nonce").value_or(""), "n-42");
    const auto refresh = tokens.str("refresh_token");
    ASSERT_EQ(refresh.size(), 43u);
    auto after = s().await(s().store().token_by_code(code));
    ASSERT_TRUE(after);
    EXPECT_EQ(after->name, before->name);
    EXPECT_TRUE(after->code_is_used);
    EXPECT_EQ(after->access_token, listed);
    EXPECT_EQ(after->refresh_token_hash, store::sha256_hex(refresh));
    EXPECT_NE(before->refresh_token_hash, after->refresh_token_hash);
    EXPECT_TRUE(after->refresh_token.empty());
    // Still one use per code (C12).
    auto again = exchange(code);
    EXPECT_EQ(again.status, 400u);
    EXPECT_EQ(again.str("error"), "invalid_grant");
    auto refreshed = s().post_form("/api/login/oauth/refresh_token",
                                   "grant_type=refresh_token&client_id=" + std::string(kClientId) +
                                       "&refresh_token=" + refresh);
    EXPECT_EQ(refreshed.status, 200u) << refreshed.body;
}

// POST /api/login type=code issues its code the same way.
TEST_F(OidcFlow, ApiLoginCodeAlsoMintsTheAccessTokenWithTheCode) {
    const std::string query = "/api/login?clientId=" + std::string(kClientId) +
                              "&responseType=code&redirectUri=" + core::url_encode(kRedirect) +
                              "&scope=openid&state=s&nonce=n-7&code_challenge_method=S256&" +
                              "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    auto login = s().send("POST", query,
                          R"({"application":"shop","type":"code","username":"alice","password":")" +
                              std::string(kPassword) + "\"}",
                          "application/json");
    ASSERT_EQ(login.str("status"), "ok") << login.body;
    const auto code = login.str("data");
    auto row = s().await(s().store().token_by_code(code));
    ASSERT_TRUE(row) << row.error().to_string();
    ASSERT_FALSE(row->access_token.empty());
    EXPECT_EQ(row->expires_in, 3600);
    auto tokens = exchange(code);
    ASSERT_EQ(tokens.status, 200u) << tokens.body;
    EXPECT_EQ(tokens.str("access_token"), row->access_token);
}

// A code whose access token was revoked before the exchange (logout, revoke) is worthless.
TEST_F(OidcFlow, ACodeWhoseAccessTokenWasRevokedCannotBeRedeemed) {
    const auto code = sign_in();
    auto row = s().await(s().store().token_by_code(code));
    ASSERT_TRUE(row);
    auto revoked = s().post_form("/api/login/oauth/revoke",
                                 "client_id=" + std::string(kClientId) + "&client_secret=" +
                                     std::string(kClientSecret) + "&token=" + row->access_token);
    ASSERT_EQ(revoked.status, 200u);
    auto tokens = exchange(code);
    EXPECT_EQ(tokens.status, 400u);
    EXPECT_EQ(tokens.str("error"), "invalid_grant");
    EXPECT_FALSE(tokens.json().contains("access_token"));
}

// casdoor.md §1.3: refreshExpireInHours 0 means the refresh token expires with the access token.
TEST_F(OidcFlow, RefreshExpireInHoursZeroLastsAsLongAsTheAccessToken) {
    auto app = s().await(s().store().get<model::Application>("admin", "shop"));
    ASSERT_TRUE(app);
    app->refresh_expire_in_hours = 0;
    ASSERT_TRUE(s().await(s().store().update<model::Application>("admin", "shop", *app)));
    const auto refresh = [&](const std::string& token) {
        return s().post_form("/api/login/oauth/refresh_token",
                             "grant_type=refresh_token&client_id=" + std::string(kClientId) +
                                 "&refresh_token=" + token);
    };
    auto first = exchange(sign_in());
    ASSERT_EQ(first.status, 200u) << first.body;
    s().clock().set_unix_seconds(s().clock().unix_seconds() + 600);
    auto second = refresh(first.str("refresh_token"));
    ASSERT_EQ(second.status, 200u) << second.body;
    // The rotated token lives as long as its own access token: one hour.
    s().clock().set_unix_seconds(s().clock().unix_seconds() + 3599);
    auto third = refresh(second.str("refresh_token"));
    ASSERT_EQ(third.status, 200u) << third.body;
    s().clock().set_unix_seconds(s().clock().unix_seconds() + 3600);
    auto late = refresh(third.str("refresh_token"));
    EXPECT_EQ(late.status, 400u);
    EXPECT_EQ(late.str("error"), "invalid_grant");
}

TEST_F(OidcFlow, CodeReplayFailsSequentially) {
    const auto code = sign_in();
    ASSERT_EQ(exchange(code).status, 200u);
    auto again = exchange(code);
    EXPECT_EQ(again.status, 400u);
    EXPECT_EQ(again.str("error"), "invalid_grant");
}

TEST_F(OidcFlow, ConcurrentRedemptionsHaveExactlyOneWinner) {
    const auto code = sign_in();
    std::atomic<int> ok{0}, refused{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 10; ++i) {
        threads.emplace_back([&] {
            auto r = exchange(code);
            if (r.status == 200) ++ok;
            if (r.status == 400 && r.str("error") == "invalid_grant") ++refused;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(refused.load(), 9);
}

TEST_F(OidcFlow, PkceVerifierIsRequiredAndChecked) {
    const auto code = sign_in();
    auto missing = exchange(code, "");
    EXPECT_EQ(missing.status, 400u);
    EXPECT_EQ(missing.str("error"), "invalid_grant");
    auto wrong = exchange(code, "wrongwrongwrongwrongwrongwrongwrongwrongwrong");
    EXPECT_EQ(wrong.status, 400u);
    EXPECT_EQ(wrong.str("error"), "invalid_grant");
    // The expected challenge is never echoed (C12).
    EXPECT_EQ(wrong.body.find("E9Melhoa2Owv"), std::string::npos);
    // The code survives failed verifier checks and still works once.
    EXPECT_EQ(exchange(code).status, 200u);
}

TEST_F(OidcFlow, AttackRedirectUrisAreShownOnThePageNeverRedirected) {
    for (const char* uri : {"https://evil.example.com/cb", "https://app.example.com/cb/../x",
                            "https://app.example.com.evil.com/cb", "https://app.example.com/cb#f",
                            "javascript:alert(1)", "http://localhost/cb", ""}) {
        auto page = s().get("/login/oauth/authorize?" + authorize_query(uri));
        EXPECT_EQ(page.status, 400u) << uri;
        EXPECT_FALSE(page.headers.get("Location").has_value()) << uri;
        EXPECT_EQ(page.body.find("<form"), std::string::npos) << uri;
        auto post = s().post_form(
            "/login/oauth/authorize",
            authorize_query(uri) + "&username=alice&password=" + std::string(kPassword));
        EXPECT_EQ(post.status, 400u) << uri;
        EXPECT_FALSE(post.headers.get("Location").has_value()) << uri;
    }
}

TEST_F(OidcFlow, RedirectUriIsRecheckedAtTheTokenEndpoint) {
    const auto code = sign_in();
    auto other = exchange(code, kVerifier, "https://app.example.com/other");
    EXPECT_EQ(other.status, 400u);
    EXPECT_EQ(other.str("error"), "invalid_grant");
    EXPECT_EQ(exchange(code).status, 200u);
}

// casdoor-nodejs-sdk's getAuthToken sends client_id, client_secret, grant_type and code only:
// a confidential client may leave redirect_uri out; a public client (PKCE, no secret) may not.
TEST_F(OidcFlow, RedirectUriMayBeOmittedOnlyWithTheClientSecret) {
    const auto base = [](std::string_view code) {
        return "grant_type=authorization_code&client_id=" + std::string(kClientId) +
               "&code=" + std::string(code) + "&code_verifier=" + std::string(kVerifier);
    };
    auto public_client = s().post_form("/api/login/oauth/access_token", base(sign_in()));
    EXPECT_EQ(public_client.status, 400u);
    EXPECT_EQ(public_client.str("error"), "invalid_grant");

    auto confidential =
        s().post_form("/api/login/oauth/access_token",
                      base(sign_in()) + "&client_secret=" + std::string(kClientSecret));
    EXPECT_EQ(confidential.status, 200u) << confidential.body;
    EXPECT_FALSE(confidential.str("access_token").empty());

    auto wrong =
        s().post_form("/api/login/oauth/access_token",
                      base(sign_in()) + "&client_secret=" + std::string(kClientSecret) +
                          "&redirect_uri=" + core::url_encode("https://app.example.com/x"));
    EXPECT_EQ(wrong.status, 400u);
    EXPECT_EQ(wrong.str("error"), "invalid_grant");
}

TEST_F(OidcFlow, UnknownClientAndWrongSecret) {
    auto page = s().get("/login/oauth/authorize?client_id=nope&response_type=code&redirect_uri=" +
                        core::url_encode(kRedirect));
    EXPECT_EQ(page.status, 400u);
    EXPECT_NE(page.body.find("Invalid client_id"), std::string::npos);

    auto unknown = s().post_form("/api/login/oauth/access_token",
                                 "grant_type=client_credentials&client_id=nope&client_secret=x");
    EXPECT_EQ(unknown.status, 401u);
    EXPECT_EQ(unknown.str("error"), "invalid_client");
    // Credentials in the body: the JSON error without a Basic challenge (RFC 6749 §5.2).
    EXPECT_FALSE(unknown.headers.get("WWW-Authenticate").has_value());

    http::Headers basic;
    basic.add("Authorization",
              "Basic " + core::base64_encode(std::string(kClientId) + ":wrong-secret"));
    auto wrong =
        s().post_form("/api/login/oauth/access_token", "grant_type=client_credentials", basic);
    EXPECT_EQ(wrong.status, 401u);
    EXPECT_EQ(wrong.str("error"), "invalid_client");
    EXPECT_EQ(wrong.headers.get_or("WWW-Authenticate", ""), "Basic realm=\"OAuth2\"");
    EXPECT_EQ(wrong.body.find(kClientSecret), std::string::npos);

    auto no_grant = s().post_form("/api/login/oauth/access_token", "client_id=x");
    EXPECT_EQ(no_grant.status, 400u);
    EXPECT_EQ(no_grant.str("error"), "invalid_request");
}

TEST_F(OidcFlow, ClientCredentialsActsAsTheApplication) {
    http::Headers basic;
    basic.add("Authorization", "Basic " + core::base64_encode(std::string(kClientId) + ":" +
                                                              std::string(kClientSecret)));
    auto r = s().post_form("/api/login/oauth/access_token", "grant_type=client_credentials", basic);
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_FALSE(r.json().contains("refresh_token"));
    EXPECT_FALSE(r.json().contains("id_token"));
    auto parsed = jose::parse_compact(r.str("access_token"));
    ASSERT_TRUE(parsed.has_value());
    auto claims = core::parse_json(parsed->payload);
    ASSERT_TRUE(claims.has_value());
    EXPECT_EQ(core::get_string(claims->get_object(), "sub").value_or(""), "admin/shop");
    // JSON body and client_secret_post work too.
    auto json =
        s().send("POST", "/api/login/oauth/access_token",
                 R"({"grant_type":"client_credentials","client_id":")" + std::string(kClientId) +
                     R"(","client_secret":")" + std::string(kClientSecret) + "\"}",
                 "application/json");
    EXPECT_EQ(json.status, 200u) << json.body;
}

TEST_F(OidcFlow, PasswordGrantOnlyWhereAllowed) {
    auto refused = s().post_form("/api/login/oauth/access_token",
                                 "grant_type=password&client_id=" + std::string(kClientId) +
                                     "&client_secret=" + std::string(kClientSecret) +
                                     "&username=alice&password=" + std::string(kPassword));
    EXPECT_EQ(refused.status, 400u);
    EXPECT_EQ(refused.str("error"), "unsupported_grant_type");
    auto ok =
        s().post_form("/api/login/oauth/access_token",
                      "grant_type=password&client_id=" + std::string(kPwClientId) +
                          "&client_secret=" + std::string(kPwClientSecret) +
                          "&username=alice&password=" + std::string(kPassword) + "&scope=openid");
    ASSERT_EQ(ok.status, 200u) << ok.body;
    EXPECT_FALSE(ok.str("refresh_token").empty());
    auto bad = s().post_form("/api/login/oauth/access_token",
                             "grant_type=password&client_id=" + std::string(kPwClientId) +
                                 "&client_secret=" + std::string(kPwClientSecret) +
                                 "&username=alice&password=wrong");
    EXPECT_EQ(bad.status, 400u);
    EXPECT_EQ(bad.str("error"), "invalid_grant");
}

TEST_F(OidcFlow, RefreshRotatesAndReuseRevokesTheFamily) {
    auto first = exchange(sign_in());
    ASSERT_EQ(first.status, 200u);
    const auto r1 = first.str("refresh_token");
    auto second = s().post_form(
        "/api/login/oauth/refresh_token",
        "grant_type=refresh_token&client_id=" + std::string(kClientId) + "&refresh_token=" + r1);
    ASSERT_EQ(second.status, 200u) << second.body;
    const auto r2 = second.str("refresh_token");
    EXPECT_NE(r1, r2);
    EXPECT_EQ(core::get_string(introspect(first.str("access_token")).json(), "active").has_value(),
              false);
    EXPECT_FALSE(
        core::get_bool(introspect(first.str("access_token")).json(), "active").value_or(true));
    EXPECT_TRUE(
        core::get_bool(introspect(second.str("access_token")).json(), "active").value_or(false));
    // Reuse of r1: refused, and r2 dies with its family.
    auto reuse = s().post_form(
        "/api/login/oauth/access_token",
        "grant_type=refresh_token&client_id=" + std::string(kClientId) + "&refresh_token=" + r1);
    EXPECT_EQ(reuse.status, 400u);
    EXPECT_EQ(reuse.str("error"), "invalid_grant");
    auto after = s().post_form(
        "/api/login/oauth/access_token",
        "grant_type=refresh_token&client_id=" + std::string(kClientId) + "&refresh_token=" + r2);
    EXPECT_EQ(after.status, 400u);
    EXPECT_FALSE(
        core::get_bool(introspect(second.str("access_token")).json(), "active").value_or(true));
    // A refresh token is never an access token (C11).
    http::Headers bearer;
    bearer.add("Authorization", "Bearer " + r2);
    EXPECT_EQ(s().get("/api/userinfo", bearer).str("status"), "error");
}

TEST_F(OidcFlow, IntrospectionActiveExpiredRevoked) {
    auto tokens = exchange(sign_in());
    ASSERT_EQ(tokens.status, 200u);
    const auto access = tokens.str("access_token");
    auto active = introspect(access).json();
    EXPECT_TRUE(core::get_bool(active, "active").value_or(false));
    EXPECT_EQ(core::get_string(active, "client_id").value_or(""), kClientId);
    EXPECT_EQ(core::get_string(active, "username").value_or(""), "alice");
    EXPECT_EQ(core::get_string(active, "scope").value_or(""), "openid profile email");
    EXPECT_FALSE(core::get_bool(introspect("not-a-token").json(), "active").value_or(true));
    // Client authentication is required.
    auto anonymous = s().post_form("/api/login/oauth/introspect", "token=" + access);
    EXPECT_EQ(anonymous.status, 401u);
    // Expired.
    s().clock().set_unix_seconds(s().clock().unix_seconds() + 3601);
    EXPECT_FALSE(core::get_bool(introspect(access).json(), "active").value_or(true));
}

TEST_F(OidcFlow, RevocationMakesTokensInactive) {
    auto tokens = exchange(sign_in());
    ASSERT_EQ(tokens.status, 200u);
    const auto access = tokens.str("access_token");
    auto revoked = s().post_form("/api/login/oauth/revoke",
                                 "client_id=" + std::string(kClientId) + "&client_secret=" +
                                     std::string(kClientSecret) + "&token=" + access);
    EXPECT_EQ(revoked.status, 200u);
    EXPECT_FALSE(core::get_bool(introspect(access).json(), "active").value_or(true));
    auto refresh = s().post_form("/api/login/oauth/access_token",
                                 "grant_type=refresh_token&client_id=" + std::string(kClientId) +
                                     "&refresh_token=" + tokens.str("refresh_token"));
    EXPECT_EQ(refresh.status, 400u);
    // Unknown tokens are answered 200 as well (RFC 7009).
    EXPECT_EQ(s().post_form("/api/login/oauth/revoke",
                            "client_id=" + std::string(kClientId) + "&token=nope")
                  .status,
              200u);
}

TEST_F(OidcFlow, LogoutWithIdTokenHint) {
    auto tokens = exchange(sign_in());
    ASSERT_EQ(tokens.status, 200u);
    auto bad = s().get(
        "/api/logout?id_token_hint=" + tokens.str("id_token") +
        "&post_logout_redirect_uri=" + core::url_encode("https://evil.example.com/") + "&state=s9");
    EXPECT_EQ(bad.status, 200u);
    EXPECT_EQ(bad.str("status"), "error");
    auto tokens2 = exchange(sign_in());
    ASSERT_EQ(tokens2.status, 200u);
    auto good = s().get("/api/logout?id_token_hint=" + tokens2.str("id_token") +
                        "&post_logout_redirect_uri=" + core::url_encode(kRedirect) + "&state=s9");
    EXPECT_EQ(good.status, 302u) << good.body;
    EXPECT_EQ(good.headers.get_or("Location", ""), std::string(kRedirect) + "?state=s9");
    EXPECT_FALSE(
        core::get_bool(introspect(tokens2.str("access_token")).json(), "active").value_or(true));
    auto unknown = s().get("/api/logout?id_token_hint=garbage");
    EXPECT_EQ(unknown.str("status"), "error");
}

TEST_F(OidcFlow, DiscoveryUsesTheRequestOrigin) {
    auto doc = s().get("/.well-known/openid-configuration");
    ASSERT_EQ(doc.status, 200u);
    EXPECT_EQ(doc.str("issuer"), s().origin());
    EXPECT_EQ(doc.str("jwks_uri"), s().origin() + "/.well-known/jwks");
    auto per_app = s().get("/.well-known/shop/openid-configuration");
    ASSERT_EQ(per_app.status, 200u);
    EXPECT_EQ(per_app.str("jwks_uri"), s().origin() + "/.well-known/shop/jwks");
    auto app_jwks = jose::JwkSet::parse(s().get("/.well-known/shop/jwks").body);
    ASSERT_TRUE(app_jwks.has_value());
    EXPECT_EQ(app_jwks->keys().size(), 1u);
    EXPECT_EQ(s().get("/.well-known/nope/openid-configuration").status, 404u);
}

TEST_F(OidcFlow, JwksFollowsTheCertsOfThisAndOtherProcesses) {
    auto kids = [&] {
        std::vector<std::string> out;
        auto set = jose::JwkSet::parse(s().get("/.well-known/jwks").body);
        EXPECT_TRUE(set.has_value());
        if (set) {
            for (const auto& key : set->keys()) out.push_back(key.kid);
        }
        return out;
    };
    auto has = [](const std::vector<std::string>& v, std::string_view kid) {
        return std::find(v.begin(), v.end(), kid) != v.end();
    };
    auto es256 = [](std::string name) {
        model::Cert cert;
        cert.owner = "admin";
        cert.name = std::move(name);
        cert.type = "x509";
        cert.scope = "JWT";
        cert.crypto_algorithm = "ES256";
        cert.private_key = *jose::Key::generate_ec("P-256")->private_pem();
        return cert;
    };
    EXPECT_TRUE(has(kids(), "cert-built-in"));
    // Served from memory: the same body again.
    EXPECT_EQ(s().get("/.well-known/jwks").body, s().get("/.well-known/jwks").body);

    // A cert added by this process is listed at once.
    ASSERT_TRUE(s().await(s().store().add(es256("cert-local"))));
    EXPECT_TRUE(has(kids(), "cert-local"));

    // Another process (its own Store on the same database) adds and deletes certs: listed and
    // gone once the recheck interval has passed.
    auto other = std::make_shared<store::Store>(s().store().database_ptr(), s().clock_ptr(),
                                                std::make_shared<core::SeededRandom>(5));
    ASSERT_TRUE(s().await(other->add(es256("cert-remote"))));
    ASSERT_TRUE(s().await(other->remove<model::Cert>("admin", "cert-local")));
    s().clock().advance(kJwksRecheck + std::chrono::milliseconds(1));
    auto after = kids();
    EXPECT_TRUE(has(after, "cert-remote"));
    EXPECT_FALSE(has(after, "cert-local"));
    EXPECT_TRUE(has(after, "cert-built-in"));
}

TEST_F(OidcFlow, LockoutAfterFiveWrongPasswordsAndOneMessageForUnknownUsers) {
    auto attempt = [&](std::string_view user, std::string_view password) {
        auto body = R"({"application":"shop","type":"login","username":")" + std::string(user) +
                    R"(","password":")" + std::string(password) + "\"}";
        return s().send("POST", "/api/login", body, "application/json");
    };
    const auto unknown = attempt("nobody", "whatever").str("msg");
    const auto wrong = attempt("alice", "whatever").str("msg");
    EXPECT_EQ(unknown, wrong);  // C8
    EXPECT_FALSE(unknown.empty());
    for (int i = 0; i < 4; ++i) attempt("alice", "wrong");
    auto locked = attempt("alice", kPassword);
    EXPECT_EQ(locked.str("status"), "error");
    EXPECT_NE(locked.str("msg").find("too many times"), std::string::npos) << locked.body;
    s().clock().set_unix_seconds(s().clock().unix_seconds() + 16 * 60);
    auto later = attempt("alice", kPassword);
    EXPECT_EQ(later.str("status"), "ok") << later.body;
    EXPECT_EQ(later.str("data"), "acme/alice");
}

TEST_F(OidcFlow, MfaNextStepThenPasscode) {
    auto body = R"({"application":"shop","type":"login","username":"mallory","password":")" +
                std::string(kPassword) + "\"}";
    auto first = s().send("POST", "/api/login", body, "application/json");
    ASSERT_EQ(first.str("status"), "ok") << first.body;
    EXPECT_EQ(first.str("data"), "NextMfa");
    auto cookie = std::string(first.headers.get_or("Set-Cookie", ""));
    ASSERT_FALSE(cookie.empty());
    cookie = cookie.substr(0, cookie.find(';'));
    http::Headers h;
    h.add("Cookie", cookie);
    auto wrong = s().send("POST", "/api/login",
                          R"({"application":"shop","type":"login","passcode":"000000"})",
                          "application/json", h);
    EXPECT_EQ(wrong.str("status"), "error");
    auto code = api::totp::code_at(kTotpSecret, s().clock().unix_seconds());
    ASSERT_TRUE(code.has_value());
    auto ok = s().send("POST", "/api/login",
                       R"({"application":"shop","type":"login","passcode":")" + *code + "\"}",
                       "application/json", h);
    EXPECT_EQ(ok.str("status"), "ok") << ok.body;
    EXPECT_EQ(ok.str("data"), "acme/mallory");
}

TEST_F(OidcFlow, MfaStepOnTheHtmlPage) {
    auto reply =
        s().post_form("/login/oauth/authorize",
                      authorize_query() + "&username=mallory&password=" + std::string(kPassword));
    ASSERT_EQ(reply.status, 200u);
    EXPECT_NE(reply.body.find("name=\"passcode\""), std::string::npos);
    auto cookie = std::string(reply.headers.get_or("Set-Cookie", ""));
    cookie = cookie.substr(0, cookie.find(';'));
    http::Headers h;
    h.add("Cookie", cookie);
    auto recovered = s().post_form("/login/oauth/authorize",
                                   authorize_query() + "&recoveryCode=aaaa-bbbb-cccc", h);
    ASSERT_EQ(recovered.status, 302u) << recovered.body;
    auto code = location_param(recovered.headers.get_or("Location", ""), "code");
    EXPECT_EQ(exchange(code).status, 200u);
}

}  // namespace ward::idp::oidc::test

#include "idp/oidc/token_request.hpp"

#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "core/json.hpp"

namespace ward::idp::oidc {
namespace {

http::Request make(std::string target, std::string body = {}, http::Headers headers = {}) {
    auto r = http::Request::make(http::Method::kPost, target, headers, std::move(body));
    EXPECT_TRUE(r.has_value());
    return std::move(r).value();
}

http::Headers form_headers() {
    http::Headers h;
    h.add("Content-Type", "application/x-www-form-urlencoded");
    return h;
}

TEST(IdpOidcTokenRequest, ReadsQueryThenFormParameters) {
    auto req = make("/t?grant_type=authorization_code&code=q",
                    "code=f&client_id=abc&client_secret=s%26t", form_headers());
    auto tr = parse_token_request(req);
    ASSERT_TRUE(tr.has_value());
    EXPECT_EQ(tr->get("grant_type"), "authorization_code");
    EXPECT_EQ(tr->get("code"), "q");  // the query wins, as Casdoor reads it first
    EXPECT_EQ(tr->client_id, "abc");
    EXPECT_EQ(tr->client_secret, "s&t");
    EXPECT_FALSE(tr->basic_auth);
    EXPECT_EQ(tr->get("missing"), "");
}

TEST(IdpOidcTokenRequest, FillsMissingKeysFromAJsonBody) {
    http::Headers h;
    h.add("Content-Type", "application/json");
    auto req = make("/t?grant_type=password", R"({"grant_type":"x","username":"bob","n":5})", h);
    auto tr = parse_token_request(req);
    ASSERT_TRUE(tr.has_value());
    EXPECT_EQ(tr->get("grant_type"), "password");
    EXPECT_EQ(tr->get("username"), "bob");
    EXPECT_EQ(tr->get("n"), "5");
}

TEST(IdpOidcTokenRequest, UsesBasicOnlyWhenNoClientParameterIsPresent) {
    http::Headers h = form_headers();
    h.add("Authorization", "Basic " + core::base64_encode("id1:se%3Acret"));
    auto basic = parse_token_request(make("/t", "grant_type=client_credentials", h));
    ASSERT_TRUE(basic.has_value());
    EXPECT_EQ(basic->client_id, "id1");
    EXPECT_EQ(basic->client_secret, "se:cret");
    EXPECT_TRUE(basic->basic_auth);

    auto params = parse_token_request(make("/t", "client_id=other", h));
    ASSERT_TRUE(params.has_value());
    EXPECT_EQ(params->client_id, "other");
    EXPECT_EQ(params->client_secret, "");
    EXPECT_FALSE(params->basic_auth);
}

TEST(IdpOidcTokenRequest, RefusesMalformedBodiesAndCredentials) {
    http::Headers json;
    json.add("Content-Type", "application/json");
    for (const char* body : {"[1,2]", "{", "\"x\""}) {
        auto r = parse_token_request(make("/t", body, json));
        ASSERT_FALSE(r.has_value()) << body;
        EXPECT_EQ(r.error().code(), "invalid_request");
    }
    auto bad_form = parse_token_request(make("/t", "code=%zz", form_headers()));
    ASSERT_FALSE(bad_form.has_value());
    EXPECT_EQ(bad_form.error().code(), "invalid_request");

    http::Headers basic;
    basic.add("Authorization", "Basic !!!notbase64");
    auto bad_basic = parse_token_request(make("/t", "", basic));
    ASSERT_FALSE(bad_basic.has_value());
    EXPECT_EQ(bad_basic.error().code(), "invalid_request");

    http::Headers bearer;
    bearer.add("Authorization", "Bearer abc");
    auto other_scheme = parse_token_request(make("/t", "", bearer));
    ASSERT_TRUE(other_scheme.has_value());
    EXPECT_EQ(other_scheme->client_id, "");
}

TEST(IdpOidcTokenRequest, InvalidClientIs401WithBasicChallenge) {
    auto r = oauth_error_response(oauth::OAuthError::kInvalidClient, "Invalid client");
    EXPECT_EQ(r.status(), 401u);
    EXPECT_EQ(r.header("WWW-Authenticate").value_or(""), "Basic realm=\"OAuth2\"");
    EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
    auto body = core::parse_json(r.body());
    ASSERT_TRUE(body.has_value());
    EXPECT_EQ(core::get_string(body->get_object(), "error").value_or(""), "invalid_client");
    EXPECT_EQ(core::get_string(body->get_object(), "error_description").value_or(""),
              "Invalid client");
}

TEST(IdpOidcTokenRequest, OtherOAuthErrorsAre400WithoutChallenge) {
    for (auto e : {oauth::OAuthError::kInvalidGrant, oauth::OAuthError::kInvalidRequest,
                   oauth::OAuthError::kUnsupportedGrantType, oauth::OAuthError::kInvalidScope}) {
        auto r = oauth_error_response(e);
        EXPECT_EQ(r.status(), 400u);
        EXPECT_FALSE(r.header("WWW-Authenticate").has_value());
    }
    // Internal errors never leak their message.
    auto internal = oauth_error_response(
        core::Error(core::ErrorKind::kInternal, "database-error", "secret dsn password=x"));
    EXPECT_EQ(internal.status(), 500u);
    EXPECT_EQ(internal.body().find("password=x"), std::string::npos);
}

TEST(IdpOidcTokenRequest, SuccessBodyHasCasdoorsKeys) {
    TokenResponse t;
    t.access_token = "a";
    t.id_token = "i";
    t.refresh_token = "r";
    t.expires_in = 3600;
    t.scope = "openid";
    auto r = token_response(t);
    EXPECT_EQ(r.status(), 200u);
    EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
    auto body = core::parse_json(r.body());
    ASSERT_TRUE(body.has_value());
    const auto& o = body->get_object();
    EXPECT_EQ(core::get_string(o, "access_token").value_or(""), "a");
    EXPECT_EQ(core::get_string(o, "id_token").value_or(""), "i");
    EXPECT_EQ(core::get_string(o, "refresh_token").value_or(""), "r");
    EXPECT_EQ(core::get_string(o, "token_type").value_or(""), "Bearer");
    EXPECT_EQ(core::get_int(o, "expires_in").value_or(0), 3600);
    EXPECT_EQ(core::get_string(o, "scope").value_or(""), "openid");
}

// openid-client refuses "refresh_token": "" and "id_token": "" (RFC 6749 §5.1 has no empty
// tokens); a client_credentials answer leaves both out.
TEST(IdpOidcTokenRequest, TokensNotIssuedAreLeftOut) {
    TokenResponse t;
    t.access_token = "a";
    t.expires_in = 60;
    auto body = core::parse_json(token_response(t).body());
    ASSERT_TRUE(body.has_value());
    const auto& o = body->get_object();
    EXPECT_EQ(core::get_string(o, "access_token").value_or(""), "a");
    EXPECT_FALSE(o.contains("refresh_token"));
    EXPECT_FALSE(o.contains("id_token"));
}

// RFC 6749 §5.2: the Basic challenge answers Authorization-header credentials only; a client
// that posted its secret reads the JSON error (openid-client reports the challenge otherwise).
TEST(IdpOidcTokenRequest, ChallengeOnlyForHeaderCredentials) {
    auto posted = oauth_error_response(oauth::OAuthError::kInvalidClient, "Invalid client");
    keep_challenge_only_for_header_auth(make("/t", "client_id=x&client_secret=y"), posted);
    EXPECT_EQ(posted.status(), 401u);
    EXPECT_FALSE(posted.header("WWW-Authenticate").has_value());

    http::Headers basic;
    basic.add("Authorization", "Basic eDp5");
    auto with_header = oauth_error_response(oauth::OAuthError::kInvalidClient, "Invalid client");
    keep_challenge_only_for_header_auth(make("/t", "", basic), with_header);
    EXPECT_EQ(with_header.header("WWW-Authenticate").value_or(""), "Basic realm=\"OAuth2\"");
}

}  // namespace
}  // namespace ward::idp::oidc

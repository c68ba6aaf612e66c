// The OAuth error table: RFC 6749 §5.2 codes and statuses, Casdoor's body shape (casdoor.md §2.3).
#include "idp/oauth/errors.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ward::idp::oauth {
namespace {

TEST(OAuthErrorsTest, Rfc6749CodesAndStatuses) {
    EXPECT_EQ(wire_code(OAuthError::kInvalidRequest), "invalid_request");
    EXPECT_EQ(http_status(OAuthError::kInvalidRequest), 400);
    EXPECT_EQ(wire_code(OAuthError::kInvalidClient), "invalid_client");
    EXPECT_EQ(http_status(OAuthError::kInvalidClient), 401);
    EXPECT_EQ(wire_code(OAuthError::kInvalidGrant), "invalid_grant");
    EXPECT_EQ(http_status(OAuthError::kInvalidGrant), 400);
    EXPECT_EQ(wire_code(OAuthError::kUnauthorizedClient), "unauthorized_client");
    EXPECT_EQ(wire_code(OAuthError::kUnsupportedGrantType), "unsupported_grant_type");
    EXPECT_EQ(wire_code(OAuthError::kInvalidScope), "invalid_scope");
    EXPECT_EQ(wire_code(OAuthError::kAccessDenied), "access_denied");
    EXPECT_EQ(wire_code(OAuthError::kUnsupportedResponseType), "unsupported_response_type");
    EXPECT_EQ(http_status(OAuthError::kServerError), 500);
    EXPECT_EQ(http_status(OAuthError::kTemporarilyUnavailable), 503);
    EXPECT_EQ(http_status(OAuthError::kInvalidToken), 401);
    EXPECT_EQ(http_status(OAuthError::kInsufficientScope), 403);
    EXPECT_EQ(wire_code(OAuthError::kAuthorizationPending), "authorization_pending");
    EXPECT_EQ(wire_code(OAuthError::kExpiredToken), "expired_token");
    EXPECT_EQ(wire_code(OAuthError::kInvalidDpopProof), "invalid_dpop_proof");
}

TEST(OAuthErrorsTest, CodesAreUniqueAndParseBack) {
    std::set<std::string_view> seen;
    for (int i = 0; i <= static_cast<int>(OAuthError::kInvalidClientMetadata); ++i) {
        auto e = static_cast<OAuthError>(i);
        EXPECT_TRUE(seen.insert(wire_code(e)).second) << wire_code(e);
        EXPECT_FALSE(default_description(e).empty());
        ASSERT_TRUE(parse_oauth_error(wire_code(e)).has_value());
        EXPECT_EQ(*parse_oauth_error(wire_code(e)), e);
    }
    EXPECT_FALSE(parse_oauth_error("Invalid_Grant"));
    EXPECT_FALSE(parse_oauth_error(""));
}

TEST(OAuthErrorsTest, BodyHasCasdoorShape) {
    auto body = error_body(OAuthError::kInvalidGrant, "authorization code has expired");
    EXPECT_EQ(body.size(), 2u);
    EXPECT_EQ(body.at("error"), "invalid_grant");
    EXPECT_EQ(body.at("error_description"), "authorization code has expired");
    auto dflt = error_body(OAuthError::kInvalidScope);
    EXPECT_EQ(dflt.at("error_description"), "Invalid scope");
}

TEST(OAuthErrorsTest, WwwAuthenticateForClientAndTokenErrors) {
    EXPECT_EQ(*www_authenticate(OAuthError::kInvalidClient), R"(Basic realm="OAuth2")");
    EXPECT_EQ(*www_authenticate(OAuthError::kInvalidToken), R"(Bearer error="invalid_token")");
    EXPECT_FALSE(www_authenticate(OAuthError::kInvalidGrant));
}

TEST(OAuthErrorsTest, CoreErrorsMapThroughTheTable) {
    auto e = make_error(OAuthError::kInvalidClient, "Invalid application or wrong clientSecret");
    EXPECT_EQ(e.code(), "invalid_client");
    EXPECT_TRUE(e.is(core::ErrorKind::kUnauthenticated));
    EXPECT_EQ(to_oauth_error(e), OAuthError::kInvalidClient);
    EXPECT_EQ(make_error(OAuthError::kInvalidGrant).message(),
              default_description(OAuthError::kInvalidGrant));

    EXPECT_EQ(to_oauth_error(core::Error::invalid_argument("x")), OAuthError::kInvalidRequest);
    EXPECT_EQ(to_oauth_error(core::Error::unauthenticated("x")), OAuthError::kInvalidClient);
    EXPECT_EQ(to_oauth_error(core::Error::permission_denied("x")), OAuthError::kAccessDenied);
    EXPECT_EQ(to_oauth_error(core::Error::unavailable("x")), OAuthError::kTemporarilyUnavailable);
    EXPECT_EQ(to_oauth_error(core::Error::internal("x")), OAuthError::kServerError);
}

// Internal details (SQL text, file paths) never reach the client.
TEST(OAuthErrorsTest, InternalErrorsHideTheirMessage) {
    auto body = error_body(core::Error::internal("sqlite: no such table token at /var/lib/x"));
    EXPECT_EQ(body.at("error"), "server_error");
    EXPECT_EQ(body.at("error_description").as_string(),
              default_description(OAuthError::kServerError));
    auto grant = error_body(make_error(OAuthError::kInvalidGrant, "refresh token is expired"));
    EXPECT_EQ(grant.at("error_description"), "refresh token is expired");
}

}  // namespace
}  // namespace ward::idp::oauth

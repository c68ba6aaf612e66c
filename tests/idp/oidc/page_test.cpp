#include "idp/oidc/page.hpp"

#include <gtest/gtest.h>

namespace ward::idp::oidc {
namespace {

TEST(IdpOidcPage, PasswordStepIsAnAccessibleFormWithHiddenOAuthParameters) {
    SigninPage page;
    page.application_name = "Console";
    page.logo_url = "https://cdn.example.com/logo.png";
    page.hidden = {{"client_id", "abc"}, {"state", "s1"}};
    page.username = "alice";
    const auto html = render_signin_page(page);
    EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(html.find("<main>"), std::string::npos);
    EXPECT_NE(html.find("<form method=\"post\" action=\"/login/oauth/authorize\""),
              std::string::npos);
    EXPECT_NE(html.find("<label for=\"username\">"), std::string::npos);
    EXPECT_NE(html.find("<label for=\"password\">"), std::string::npos);
    EXPECT_NE(html.find("name=\"client_id\" value=\"abc\""), std::string::npos);
    EXPECT_NE(html.find("name=\"state\" value=\"s1\""), std::string::npos);
    EXPECT_NE(html.find("value=\"alice\""), std::string::npos);
    EXPECT_NE(html.find("Sign in to Console"), std::string::npos);
    EXPECT_NE(html.find("src=\"https://cdn.example.com/logo.png\""), std::string::npos);
    EXPECT_EQ(html.find("role=\"alert\""), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(IdpOidcPage, HostileValuesAreEscapedEverywhere) {
    SigninPage page;
    page.application_name = "<script>alert(1)</script>";
    page.logo_url = "\" onerror=\"alert(1)";
    page.hidden = {{"state", "\"><script>x</script>"}};
    page.username = "'\"><img src=x>";
    page.error = "<b>bad</b>";
    const auto html = render_signin_page(page);
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_EQ(html.find("<img src=x>"), std::string::npos);
    EXPECT_EQ(html.find("<b>bad"), std::string::npos);
    EXPECT_EQ(html.find("\" onerror=\""), std::string::npos);
    EXPECT_NE(html.find("&lt;b&gt;bad&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(html.find("role=\"alert\""), std::string::npos);
}

TEST(IdpOidcPage, MfaStepAsksForPasscodeOrRecoveryCode) {
    SigninPage page;
    page.step = PageStep::kMfa;
    page.hidden = {{"client_id", "abc"}};
    const auto html = render_signin_page(page);
    EXPECT_NE(html.find("name=\"passcode\""), std::string::npos);
    EXPECT_NE(html.find("name=\"recoveryCode\""), std::string::npos);
    EXPECT_NE(html.find("<label for=\"passcode\">"), std::string::npos);
    EXPECT_EQ(html.find("name=\"password\""), std::string::npos);
    EXPECT_NE(html.find("name=\"client_id\" value=\"abc\""), std::string::npos);
}

TEST(IdpOidcPage, ErrorStepShowsTheMessageAndNoForm) {
    SigninPage page;
    page.step = PageStep::kError;
    page.error = "Invalid client_id";
    const auto html = render_signin_page(page);
    EXPECT_NE(html.find("Invalid client_id"), std::string::npos);
    EXPECT_EQ(html.find("<form"), std::string::npos);
    EXPECT_NE(html.find("Sign in to Sign in"), std::string::npos);
}

}  // namespace
}  // namespace ward::idp::oidc

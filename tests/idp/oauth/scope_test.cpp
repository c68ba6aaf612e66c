// RFC 6749 §3.3 scopes and the app scope check of casdoor.md §2.10.
#include "idp/oauth/scope.hpp"

#include <gtest/gtest.h>

namespace ward::idp::oauth {
namespace {

using Tokens = std::vector<std::string>;

TEST(OAuthScopeTest, ParsesSpaceSeparatedTokens) {
    EXPECT_EQ(*parse_scope("openid profile email"), (Tokens{"openid", "profile", "email"}));
    EXPECT_EQ(*parse_scope("  openid   profile "), (Tokens{"openid", "profile"}));
    EXPECT_EQ(*parse_scope("openid openid profile"), (Tokens{"openid", "profile"}));
    EXPECT_EQ(*parse_scope(""), Tokens{});
    EXPECT_EQ(*parse_scope("   "), Tokens{});
    EXPECT_EQ(*parse_scope("read:users api://x"), (Tokens{"read:users", "api://x"}));
    EXPECT_EQ(join_scope(Tokens{"openid", "profile"}), "openid profile");
}

TEST(OAuthScopeTest, RejectsCharactersOutsideNqchar) {
    for (std::string_view bad : {"open\"id", "a\\b", "openid\tprofile", "x\ny", "caf\xc3\xa9"}) {
        auto r = parse_scope(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code(), "invalid_scope");
    }
    EXPECT_FALSE(parse_scope(std::string(kMaxScopeLength + 1, 'a')));
}

TEST(OAuthScopeTest, ContainsIsAWholeTokenTest) {
    EXPECT_TRUE(scope_contains("openid profile", "profile"));
    EXPECT_TRUE(scope_contains("openid,email", "email"));
    EXPECT_TRUE(scope_contains("email", "email"));
    EXPECT_FALSE(scope_contains("noemail", "email"));
    EXPECT_FALSE(scope_contains("openid profiles", "profile"));
    EXPECT_FALSE(scope_contains("", "email"));
    EXPECT_FALSE(scope_contains("a b", ""));
}

TEST(OAuthScopeTest, AppScopesRestrictWhenDeclared) {
    std::vector<model::ScopeItem> declared = {{"read", "", "", {}}, {"^write:[a-z]+$", "", "", {}}};
    EXPECT_TRUE(check_scope_allowed(Tokens{"read"}, declared));
    EXPECT_TRUE(check_scope_allowed(Tokens{"read", "write:users"}, declared));
    EXPECT_TRUE(check_scope_allowed(Tokens{}, declared));
    auto bad = check_scope_allowed(Tokens{"read", "admin"}, declared);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code(), "invalid_scope");
    EXPECT_EQ(bad.error().message(), "Invalid scope");
    EXPECT_FALSE(check_scope_allowed(Tokens{"write:Users"}, declared));
    EXPECT_FALSE(check_scope_allowed(Tokens{"xwrite:users"}, declared));
    // No declared scopes: anything goes, as in Casdoor.
    EXPECT_TRUE(check_scope_allowed(Tokens{"anything", "at-all"}, {}));
}

}  // namespace
}  // namespace ward::idp::oauth

#include "idp/api/authorize.hpp"

#include <gtest/gtest.h>

namespace ward::idp::api {
namespace {

using server::Caller;
using server::CallerKind;

Caller user_caller(std::string org, std::string name, bool is_admin) {
    Caller c;
    c.kind = CallerKind::kUser;
    c.user = model::User{};
    c.user->owner = org;
    c.user->name = name;
    c.user->is_admin = is_admin;
    c.subject = org + "/" + name;
    c.is_global_admin = org == "built-in";
    c.is_org_admin = c.is_global_admin || is_admin;
    return c;
}

Caller app_caller() {
    Caller c;
    c.kind = CallerKind::kApplication;
    c.subject = "app/acme-app";
    c.is_global_admin = true;
    c.is_org_admin = true;
    return c;
}

TEST(ApiAuthorize, GlobalAdminsAdministerEverything) {
    for (const auto& c : {user_caller("built-in", "admin", false), app_caller()}) {
        EXPECT_TRUE(administers(c, "acme"));
        EXPECT_TRUE(administers(c, "admin"));
        EXPECT_EQ(*confine_to_organization(c, ""), "");
        EXPECT_EQ(*confine_to_organization(c, "globex"), "globex");
    }
}

TEST(ApiAuthorize, OrgAdminOnlyTheirOrganization) {
    auto alice = user_caller("acme", "alice", true);
    EXPECT_TRUE(administers(alice, "acme"));
    EXPECT_FALSE(administers(alice, "globex"));
    EXPECT_FALSE(administers(alice, "admin"));
    EXPECT_FALSE(administers(alice, ""));
    EXPECT_EQ(*confine_to_organization(alice, ""), "acme");
    EXPECT_EQ(*confine_to_organization(alice, "acme"), "acme");
    EXPECT_FALSE(confine_to_organization(alice, "globex").has_value());
}

TEST(ApiAuthorize, NormalUsersAndAnonymousAdministerNothing) {
    auto bob = user_caller("acme", "bob", false);
    Caller anonymous;
    for (const auto& c : {bob, anonymous}) {
        EXPECT_FALSE(administers(c, "acme"));
        EXPECT_FALSE(confine_to_organization(c, "").has_value());
        EXPECT_FALSE(confine_to_organization(c, "acme").has_value());
    }
    EXPECT_TRUE(is_self(bob, "acme", "bob"));
    EXPECT_FALSE(is_self(bob, "acme", "carol"));
    EXPECT_FALSE(is_self(bob, "globex", "bob"));
    EXPECT_FALSE(is_self(anonymous, "", ""));
}

TEST(ApiAuthorize, BuiltInObjects) {
    using model::ObjectKind;
    EXPECT_TRUE(is_builtin_object(ObjectKind::kOrganization, "admin", "built-in"));
    EXPECT_TRUE(is_builtin_object(ObjectKind::kApplication, "admin", "app-built-in"));
    EXPECT_TRUE(is_builtin_object(ObjectKind::kCert, "admin", "cert-built-in"));
    EXPECT_TRUE(is_builtin_object(ObjectKind::kUser, "built-in", "admin"));
    EXPECT_FALSE(is_builtin_object(ObjectKind::kUser, "acme", "admin"));
    EXPECT_FALSE(is_builtin_object(ObjectKind::kRole, "built-in", "admin"));
    EXPECT_FALSE(is_builtin_object(ObjectKind::kCert, "acme", "cert-built-in"));
}

TEST(ApiAuthorize, SelfUpdateAllowsProfileFieldsOnly) {
    model::User stored;
    stored.owner = "acme";
    stored.name = "bob";
    stored.score = 10;
    auto profile = stored;
    profile.display_name = "Bobby";
    profile.bio = "hi";
    profile.email = "b@x.com";
    EXPECT_TRUE(check_self_update(stored, profile).has_value());

    auto escalate = stored;
    escalate.is_admin = true;
    EXPECT_FALSE(check_self_update(stored, escalate).has_value());
    auto move = stored;
    move.owner = "built-in";
    EXPECT_FALSE(check_self_update(stored, move).has_value());
    auto score = stored;
    score.score = 9999;
    EXPECT_FALSE(check_self_update(stored, score).has_value());
    auto groups = stored;
    groups.groups = {"acme/admins"};
    EXPECT_FALSE(check_self_update(stored, groups).has_value());
    auto unforbid = stored;
    unforbid.is_forbidden = true;
    EXPECT_FALSE(check_self_update(stored, unforbid).has_value());
}

}  // namespace
}  // namespace ward::idp::api

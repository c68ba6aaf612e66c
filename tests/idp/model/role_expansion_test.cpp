// A user's roles and permissions as Casdoor computes them (casdoor.md §1.5, §1.6).
#include "idp/model/role_expansion.hpp"

#include <gtest/gtest.h>

namespace ward::idp::model {
namespace {

Role role(std::string name, std::vector<std::string> users, std::vector<std::string> sub_roles = {},
          std::vector<std::string> groups = {}) {
    Role r;
    r.owner = "acme";
    r.name = std::move(name);
    r.users = std::move(users);
    r.roles = std::move(sub_roles);
    r.groups = std::move(groups);
    return r;
}

std::vector<std::string> names_of(const std::vector<Role>& roles) { return role_names(roles); }

TEST(ModelRoleExpansionTest, DirectRolesByUserAndByGroup) {
    std::vector<Role> all = {
        role("viewer", {"acme/alice"}),
        role("editor", {"acme/bob"}),
        role("sales", {}, {}, {"acme/sales-team"}),
    };
    std::vector<std::string> groups = {"acme/sales-team"};
    auto roles = expand_user_roles("acme/alice", groups, all);
    EXPECT_EQ(names_of(roles), (std::vector<std::string>{"viewer", "sales"}));
    EXPECT_TRUE(expand_user_roles("acme/carol", {}, all).empty());
}

TEST(ModelRoleExpansionTest, AddsAncestorsTransitively) {
    // admin contains manager, manager contains staff: a staff member is all three.
    std::vector<Role> all = {
        role("admin", {}, {"acme/manager"}),
        role("staff", {"acme/alice"}),
        role("manager", {}, {"acme/staff"}),
        role("unrelated", {}, {"acme/other"}),
    };
    auto roles = expand_user_roles("acme/alice", {}, all);
    EXPECT_EQ(names_of(roles), (std::vector<std::string>{"staff", "manager", "admin"}));
}

TEST(ModelRoleExpansionTest, CyclesTerminateAndIncludeEachRoleOnce) {
    std::vector<Role> all = {
        role("a", {"acme/alice"}, {"acme/c"}),
        role("b", {}, {"acme/a"}),
        role("c", {}, {"acme/b"}),
        role("self", {"acme/alice"}, {"acme/self"}),
    };
    auto roles = expand_user_roles("acme/alice", {}, all);
    EXPECT_EQ(names_of(roles), (std::vector<std::string>{"a", "self", "b", "c"}));
}

TEST(ModelRoleExpansionTest, ClearsUsersAndMatchesExactIds) {
    std::vector<Role> all = {
        role("r1", {"acme/alice", "acme/bob"}),
        role("r2", {"acme/alice2"}),  // LIKE %alice% would match; the exact check does not
        role("r3", {"other/alice"}),  // another org's alice
        role("r4", {"acme/*"}),       // the whole organization
    };
    auto roles = expand_user_roles("acme/alice", {}, all);
    EXPECT_EQ(names_of(roles), (std::vector<std::string>{"r1", "r4"}));
    for (const auto& r : roles) EXPECT_TRUE(r.users.empty());
}

TEST(ModelRoleExpansionTest, PermissionsDirectByGroupAndByRole) {
    std::vector<Role> all = {role("staff", {"acme/alice"}), role("boss", {}, {"acme/staff"})};
    auto roles = expand_user_roles("acme/alice", {}, all);
    auto perm = [](std::string name, std::vector<std::string> users, std::vector<std::string> roles,
                   std::vector<std::string> groups) {
        Permission p;
        p.owner = "acme";
        p.name = std::move(name);
        p.users = std::move(users);
        p.roles = std::move(roles);
        p.groups = std::move(groups);
        return p;
    };
    std::vector<Permission> perms = {
        perm("direct", {"acme/alice"}, {}, {}),
        perm("via-group", {}, {}, {"acme/g1"}),
        perm("via-ancestor", {}, {"acme/boss"}, {}),
        perm("via-role", {}, {"acme/staff"}, {}),
        perm("other", {"acme/bob"}, {"acme/nobody"}, {"acme/g2"}),
        perm("org-wide", {"acme/*"}, {}, {}),
    };
    std::vector<std::string> groups = {"acme/g1"};
    auto got = expand_user_permissions("acme/alice", groups, roles, perms);
    EXPECT_EQ(
        permission_names(got),
        (std::vector<std::string>{"direct", "via-group", "via-ancestor", "via-role", "org-wide"}));
    for (const auto& p : got) EXPECT_TRUE(p.users.empty());
}

TEST(ModelRoleExpansionTest, MalformedUserIdMatchesNothingByWildcard) {
    std::vector<Role> all = {role("r4", {"acme/*"})};
    EXPECT_TRUE(expand_user_roles("alice", {}, all).empty());
    EXPECT_TRUE(expand_user_roles("", {}, all).empty());
}

}  // namespace
}  // namespace ward::idp::model

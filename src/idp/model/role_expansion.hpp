// A user's effective roles and permissions, computed as Casdoor does (casdoor.md §1.5, §1.6) from
// the roles, permissions and groups given: pure functions, no store access, terminate on cycles.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "idp/model/permission.hpp"
#include "idp/model/role.hpp"

namespace ward::idp::model {

// The roles of user `user_id` ("org/name") who belongs to `user_groups` ("org/group"):
//   1. every role whose `users` lists the user (or "org/*" for the user's org) or whose `groups`
//      intersects the user's groups;
//   2. every ancestor of those, i.e. every role listing an included role ("org/role") in its
//      `roles`, transitively. Cycles are harmless: each role is included at most once.
// Direct roles come first in `all_roles` order, then ancestors in breadth-first order. `users` is
// cleared on each returned role, as Casdoor nulls it.
std::vector<Role> expand_user_roles(std::string_view user_id,
                                    std::span<const std::string> user_groups,
                                    std::span<const Role> all_roles);

// The permissions granted to the user directly (`users`, with "org/*"), through one of their
// groups, or through one of `user_roles` (as returned by expand_user_roles). In `all_permissions`
// order, each once, with `users` cleared.
std::vector<Permission> expand_user_permissions(std::string_view user_id,
                                                std::span<const std::string> user_groups,
                                                std::span<const Role> user_roles,
                                                std::span<const Permission> all_permissions);

// Bare names, in order: what tokens carry under departure C1.
std::vector<std::string> role_names(std::span<const Role> roles);
std::vector<std::string> permission_names(std::span<const Permission> permissions);

}  // namespace ward::idp::model

#include "idp/model/role_expansion.hpp"

#include <algorithm>
#include <deque>

#include "idp/model/id.hpp"

namespace ward::idp::model {
namespace {

bool contains(std::span<const std::string> list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

// "org/name" listed exactly, or "org/*" for the user's organization.
bool lists_user(std::span<const std::string> members, std::string_view user_id) {
    if (contains(members, user_id)) return true;
    auto slash = user_id.find('/');
    if (slash == std::string_view::npos) return false;
    std::string wildcard(user_id.substr(0, slash));
    wildcard += "/*";
    return contains(members, wildcard);
}

bool intersects(std::span<const std::string> a, std::span<const std::string> b) {
    return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return contains(b, x); });
}

}  // namespace

std::vector<Role> expand_user_roles(std::string_view user_id,
                                    std::span<const std::string> user_groups,
                                    std::span<const Role> all_roles) {
    std::vector<Role> out;
    std::vector<bool> included(all_roles.size(), false);
    std::deque<std::string> frontier;  // ids of included roles whose parents are not yet searched

    // 1. Direct membership, by user or by group.
    for (std::size_t i = 0; i < all_roles.size(); ++i) {
        const Role& r = all_roles[i];
        if (lists_user(r.users, user_id) || intersects(r.groups, user_groups)) {
            included[i] = true;
            out.push_back(r);
            frontier.push_back(format_id(r.owner, r.name));
        }
    }
    // 2. Ancestors: roles that list an included role as a sub-role. `included` bounds the loop.
    while (!frontier.empty()) {
        std::string child = std::move(frontier.front());
        frontier.pop_front();
        for (std::size_t i = 0; i < all_roles.size(); ++i) {
            if (included[i] || !contains(all_roles[i].roles, child)) continue;
            included[i] = true;
            out.push_back(all_roles[i]);
            frontier.push_back(format_id(all_roles[i].owner, all_roles[i].name));
        }
    }
    for (auto& r : out) r.users.clear();
    return out;
}

std::vector<Permission> expand_user_permissions(std::string_view user_id,
                                                std::span<const std::string> user_groups,
                                                std::span<const Role> user_roles,
                                                std::span<const Permission> all_permissions) {
    std::vector<std::string> role_ids;
    role_ids.reserve(user_roles.size());
    for (const auto& r : user_roles) role_ids.push_back(format_id(r.owner, r.name));

    std::vector<Permission> out;
    for (const auto& p : all_permissions) {
        if (lists_user(p.users, user_id) || intersects(p.groups, user_groups) ||
            intersects(p.roles, role_ids)) {
            out.push_back(p);
            out.back().users.clear();
        }
    }
    return out;
}

std::vector<std::string> role_names(std::span<const Role> roles) {
    std::vector<std::string> out;
    out.reserve(roles.size());
    for (const auto& r : roles) out.push_back(r.name);
    return out;
}

std::vector<std::string> permission_names(std::span<const Permission> permissions) {
    std::vector<std::string> out;
    out.reserve(permissions.size());
    for (const auto& p : permissions) out.push_back(p.name);
    return out;
}

}  // namespace ward::idp::model

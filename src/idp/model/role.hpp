// model::Role: a Casdoor role (table `role`, id "<org>/<name>", casdoor.md §1.5). Members are
// "org/user" strings, groups "org/group" strings and sub-roles "org/role" strings.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "idp/model/detail/field_codec.hpp"

namespace ward::idp::model {

struct Role {
    std::string owner;
    std::string name;
    std::string created_time;
    std::string display_name;
    std::string description;
    std::vector<std::string> users;
    std::vector<std::string> groups;
    std::vector<std::string> roles;  // sub-roles
    std::vector<std::string> domains;
    bool is_enabled = true;
};

core::json::object to_json(const Role& role);
template <>
core::Result<Role> from_json<Role>(const core::json::value& v);
std::span<const detail::FieldDef<Role>> role_fields();

}  // namespace ward::idp::model

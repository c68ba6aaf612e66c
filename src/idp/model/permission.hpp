// model::Permission: a Casdoor permission (table `permission`, id "<org>/<name>", casdoor.md
// §1.6): who (users, groups, roles) may do which actions on which resources.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "idp/model/detail/field_codec.hpp"

namespace ward::idp::model {

struct Permission {
    std::string owner;
    std::string name;
    std::string created_time;
    std::string display_name;
    std::string description;
    std::vector<std::string> users;
    std::vector<std::string> groups;
    std::vector<std::string> roles;
    std::vector<std::string> domains;
    std::string model;
    std::string adapter;
    std::string resource_type = "Application";
    std::vector<std::string> resources;
    std::vector<std::string> actions;
    std::string effect = "Allow";
    bool is_enabled = true;
    std::string expire_time;
    std::string submitter;
    std::string approver;
    std::string approve_time;
    std::string state = "Approved";
};

core::json::object to_json(const Permission& permission);
template <>
core::Result<Permission> from_json<Permission>(const core::json::value& v);
std::span<const detail::FieldDef<Permission>> permission_fields();

}  // namespace ward::idp::model

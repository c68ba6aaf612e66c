// model::Group: a Casdoor group (table `group`, id "<org>/<name>", casdoor.md §1.7). Groups form a
// tree through parentId; `users`, `children` and `haveChildren` are computed at read time.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "idp/model/detail/field_codec.hpp"

namespace ward::idp::model {

struct Group {
    std::string owner;
    std::string name;
    std::string created_time;
    std::string updated_time;
    std::string display_name;
    std::string manager;
    std::string contact_email;
    std::string type;
    std::string parent_id;
    std::string parent_name;
    bool is_top_group = false;
    std::vector<std::string> users;  // computed
    std::string title;
    std::string key;
    bool have_children = false;  // computed
    core::json::value children;  // computed
    bool is_enabled = true;
    std::int64_t gid_number = 0;
    std::map<std::string, std::string> properties;
};

core::json::object to_json(const Group& group);
template <>
core::Result<Group> from_json<Group>(const core::json::value& v);
std::span<const detail::FieldDef<Group>> group_fields();

}  // namespace ward::idp::model

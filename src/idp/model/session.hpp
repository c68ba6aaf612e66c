// model::Session: one row per (organization, user, application) listing the browser session ids
// of that user in that app (table `session`, casdoor.md §1.10).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "idp/model/detail/field_codec.hpp"

namespace ward::idp::model {

struct Session {
    std::string owner;        // organization
    std::string name;         // username
    std::string application;  // app name
    std::string created_time;
    std::vector<std::string> session_id;
};

core::json::object to_json(const Session& session);
template <>
core::Result<Session> from_json<Session>(const core::json::value& v);
std::span<const detail::FieldDef<Session>> session_fields();

}  // namespace ward::idp::model

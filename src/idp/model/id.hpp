// Casdoor object ids: every object is keyed by (owner, name) and named on the wire as the string
// "owner/name" (casdoor.md §1.1). Parsing and formatting live here so that every caller splits ids
// the same way.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ward::idp::model {

// The owner of organizations, applications, global certs and tokens.
inline constexpr std::string_view kAdminOwner = "admin";
// Users of this organization are global administrators.
inline constexpr std::string_view kBuiltInOrganization = "built-in";

struct ObjectId {
    std::string owner;
    std::string name;

    friend bool operator==(const ObjectId&, const ObjectId&) = default;
};

// Splits "owner/name". The id must contain exactly one '/' and both parts must be non-empty.
// Failure: kInvalidArgument, code "invalid-id", with Casdoor's message
// "GetOwnerAndNameFromId() error, wrong token count for ID: <id>" for a wrong '/' count.
core::Result<ObjectId> parse_id(std::string_view id);

// "owner/name".
std::string format_id(std::string_view owner, std::string_view name);
inline std::string format_id(const ObjectId& id) { return format_id(id.owner, id.name); }

}  // namespace ward::idp::model

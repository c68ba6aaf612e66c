// The real field names of each model type, for validating the `field` and `sortField` query
// parameters of the list endpoints and mapping them to column names. Only names from these tables
// ever reach SQL text, which closes the CVE-2022-24124 / issue #4988 class of injections.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ward::idp::model {

enum class ObjectKind {
    kOrganization,
    kApplication,
    kUser,
    kRole,
    kPermission,
    kGroup,
    kCert,
    kToken,
    kSession,
};

std::string_view to_string(ObjectKind kind);

// Every JSON key of the type, in Casdoor's order (stored and computed).
std::span<const std::string_view> field_names(ObjectKind kind);

// xorm's column naming: lowerCamel JSON key -> snake_case ("createdTime" -> "created_time").
std::string to_column_name(std::string_view json_key);

// Maps a `field`/`sortField` parameter to its column. Accepts the JSON key ("createdTime") or the
// column name ("created_time"). Fails with kInvalidArgument / "invalid-field" when the name is not
// a stored field of the type (unknown, computed, empty, or anything else).
core::Result<std::string> column_for_field(ObjectKind kind, std::string_view field);

}  // namespace ward::idp::model

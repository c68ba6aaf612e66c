// A qualified table name as Hasura metadata writes it: "users" (schema public) or
// {"schema": "app", "name": "users"}. Used by metadata, boolean expressions (_exists) and commands.
#pragma once

#include <string>
#include <string_view>

#include "core/json.hpp"
#include "engine/metadata/errors.hpp"

namespace ward::engine::metadata {

inline constexpr std::string_view kDefaultSchema = "public";

struct TableName {
    std::string schema{kDefaultSchema};
    std::string name;

    // Hasura's display form: "users" for schema public, "app.users" otherwise.
    std::string display() const;
    // Always "schema.name" (used in inconsistency reports).
    std::string qualified() const { return schema + "." + name; }

    friend bool operator==(const TableName&, const TableName&) = default;
    friend auto operator<=>(const TableName&, const TableName&) = default;
};

// Parses a string or {schema?, name}. Errors: kParseFailed with the path of the bad part.
Result<TableName> parse_table_name(const core::json::value& v, std::string_view path);

// {"name": ..., "schema": ...}: the object form Hasura's export always uses.
core::json::value emit_table_name(const TableName& t);

}  // namespace ward::engine::metadata

// Private helpers for reading Hasura JSON with Aeson-like error texts and JSON paths
// ("$.args.permission.filter", "$.sources[0]"). Not part of the module's public API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "engine/metadata/errors.hpp"

namespace ward::engine::metadata::detail {

namespace json = core::json;

// "$.a" + "b" -> "$.a.b"; keys that are not plain identifiers are written as $.a['x y'].
std::string child_path(std::string_view path, std::string_view key);
std::string index_path(std::string_view path, std::size_t index);

// "Object", "Array", "String", "Number", "Boolean", "Null" (Aeson's names).
std::string_view kind_name(const json::value& v);

MetadataError parse_error(std::string_view path, std::string message);
// "expected Object, but encountered String"
MetadataError type_error(std::string_view path, std::string_view expected, const json::value& got);
// key "role" not found (reported at the object's path, as Aeson does)
MetadataError missing_key(std::string_view path, std::string_view key);

std::string_view as_view(const json::string& s);
// Object keys are json::string_view; this overload keeps as_view(kv.key()) from building a
// temporary json::string.
std::string_view as_view(json::string_view s);

Result<const json::object*> expect_object(const json::value& v, std::string_view path);
Result<const json::array*> expect_array(const json::value& v, std::string_view path);
Result<std::string> expect_string(const json::value& v, std::string_view path);
Result<bool> expect_bool(const json::value& v, std::string_view path);
Result<std::int64_t> expect_int(const json::value& v, std::string_view path);
Result<std::vector<std::string>> expect_string_list(const json::value& v, std::string_view path);

// Required member: missing -> missing_key error.
Result<const json::value*> required(const json::object& obj, std::string_view path,
                                    std::string_view key);
// Optional member: absent or null -> nullptr.
const json::value* optional(const json::object& obj, std::string_view key);

Result<std::optional<std::string>> optional_string(const json::object& obj, std::string_view path,
                                                   std::string_view key);
Result<std::optional<bool>> optional_bool(const json::object& obj, std::string_view path,
                                          std::string_view key);

// Copies every member of `obj` whose key is not in `known` (keeps order).
json::object unknown_members(const json::object& obj, const std::vector<std::string_view>& known);

// The GraphQL name grammar (GraphQL spec §2.1.9): /[_A-Za-z][_0-9A-Za-z]*/.
bool is_graphql_name(std::string_view s);

}  // namespace ward::engine::metadata::detail

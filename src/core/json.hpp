// JSON helpers over Boost.JSON: parsing with limits (size, depth) that returns an error instead of
// throwing, typed field access that never throws, and direct writing of JSON text for hot paths
// that should not build a DOM.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ward::core {

namespace json = boost::json;

struct JsonLimits {
    std::size_t max_bytes = 16 * 1024 * 1024;
    std::size_t max_depth = 64;
};

// Parses one JSON text. Errors: kInvalidArgument with code "invalid-json" (syntax, with the
// offset), kLimitExceeded with code "json-too-large" / "json-too-deep".
Result<json::value> parse_json(std::string_view text, const JsonLimits& limits = {});

// Field access on objects; all return nullopt/nullptr when the key is missing or has another type.
const json::value* find(const json::object& obj, std::string_view key);
std::optional<std::string_view> get_string(const json::object& obj, std::string_view key);
std::optional<std::int64_t> get_int(const json::object& obj, std::string_view key);
std::optional<bool> get_bool(const json::object& obj, std::string_view key);
const json::object* get_object(const json::object& obj, std::string_view key);
const json::array* get_array(const json::object& obj, std::string_view key);

// Compact serialization. The object and array overloads serialize in place: through the value
// overload, an object argument was first copied into a temporary json::value.
std::string to_json(const json::value& v);
std::string to_json(const json::object& o);
std::string to_json(const json::array& a);

// Appends `s` as a quoted JSON string (RFC 8259 escaping; control characters as \u00XX).
void append_json_string(std::string& out, std::string_view s);
std::string quote_json(std::string_view s);

}  // namespace ward::core

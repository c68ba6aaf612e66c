#include "engine/metadata/detail/json_reader.hpp"

#include <algorithm>

namespace ward::engine::metadata::detail {

namespace {
bool is_plain_key(std::string_view key) {
    if (key.empty()) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '$';
    });
}
}  // namespace

std::string child_path(std::string_view path, std::string_view key) {
    std::string out(path);
    if (is_plain_key(key)) {
        out += '.';
        out += key;
    } else {
        out += "['";
        out += key;
        out += "']";
    }
    return out;
}

std::string index_path(std::string_view path, std::size_t index) {
    return std::string(path) + "[" + std::to_string(index) + "]";
}

std::string_view kind_name(const json::value& v) {
    switch (v.kind()) {
        case json::kind::object:
            return "Object";
        case json::kind::array:
            return "Array";
        case json::kind::string:
            return "String";
        case json::kind::bool_:
            return "Boolean";
        case json::kind::null:
            return "Null";
        default:
            return "Number";
    }
}

MetadataError parse_error(std::string_view path, std::string message) {
    return MetadataError{ErrorCode::kParseFailed, std::string(path), std::move(message)};
}

MetadataError type_error(std::string_view path, std::string_view expected, const json::value& got) {
    return parse_error(path, "expected " + std::string(expected) + ", but encountered " +
                                 std::string(kind_name(got)));
}

MetadataError missing_key(std::string_view path, std::string_view key) {
    return parse_error(path, "key \"" + std::string(key) + "\" not found");
}

std::string_view as_view(const json::string& s) { return {s.data(), s.size()}; }

std::string_view as_view(json::string_view s) { return {s.data(), s.size()}; }

Result<const json::object*> expect_object(const json::value& v, std::string_view path) {
    if (!v.is_object()) return type_error(path, "Object", v);
    return &v.get_object();
}

Result<const json::array*> expect_array(const json::value& v, std::string_view path) {
    if (!v.is_array()) return type_error(path, "Array", v);
    return &v.get_array();
}

Result<std::string> expect_string(const json::value& v, std::string_view path) {
    if (!v.is_string()) return type_error(path, "String", v);
    return std::string(as_view(v.get_string()));
}

Result<bool> expect_bool(const json::value& v, std::string_view path) {
    if (!v.is_bool()) return type_error(path, "Boolean", v);
    return v.get_bool();
}

Result<std::int64_t> expect_int(const json::value& v, std::string_view path) {
    if (v.is_int64()) return v.get_int64();
    if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(v.get_uint64());
    }
    if (v.is_double()) {
        double d = v.get_double();
        if (d >= -9.2e18 && d <= 9.2e18 && static_cast<double>(static_cast<std::int64_t>(d)) == d) {
            return static_cast<std::int64_t>(d);
        }
        return parse_error(path, "expected Int, but encountered a non-integral Number");
    }
    return type_error(path, "Int", v);
}

Result<std::vector<std::string>> expect_string_list(const json::value& v, std::string_view path) {
    WARD_TRY(const json::array* arr, expect_array(v, path));
    std::vector<std::string> out;
    out.reserve(arr->size());
    for (std::size_t i = 0; i < arr->size(); ++i) {
        WARD_TRY(std::string s, expect_string((*arr)[i], index_path(path, i)));
        out.push_back(std::move(s));
    }
    return out;
}

Result<const json::value*> required(const json::object& obj, std::string_view path,
                                    std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end()) return missing_key(path, key);
    return &it->value();
}

const json::value* optional(const json::object& obj, std::string_view key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->value().is_null()) return nullptr;
    return &it->value();
}

Result<std::optional<std::string>> optional_string(const json::object& obj, std::string_view path,
                                                   std::string_view key) {
    const json::value* v = optional(obj, key);
    if (!v) return std::optional<std::string>();
    WARD_TRY(std::string s, expect_string(*v, child_path(path, key)));
    return std::optional<std::string>(std::move(s));
}

Result<std::optional<bool>> optional_bool(const json::object& obj, std::string_view path,
                                          std::string_view key) {
    const json::value* v = optional(obj, key);
    if (!v) return std::optional<bool>();
    WARD_TRY(bool b, expect_bool(*v, child_path(path, key)));
    return std::optional<bool>(b);
}

json::object unknown_members(const json::object& obj, const std::vector<std::string_view>& known) {
    json::object out;
    for (const auto& kv : obj) {
        std::string_view key(kv.key().data(), kv.key().size());
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            out[kv.key()] = kv.value();
        }
    }
    return out;
}

bool is_graphql_name(std::string_view s) {
    if (s.empty()) return false;
    auto alpha = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    if (!alpha(s[0])) return false;
    return std::all_of(s.begin() + 1, s.end(),
                       [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

}  // namespace ward::engine::metadata::detail

// Table-driven JSON codec shared by the model types: each type lists its fields once (JSON key,
// member, whether it is stored), and that one table drives to_json, from_json, the field-name list
// used to validate `field`/`sortField` query parameters, and the column-name mapping.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"

namespace ward::idp::model {

// Every model type (and nested type) specializes this; defined in the type's .cpp.
// Fails with kInvalidArgument / "invalid-field" naming the offending key and the expected type.
template <typename T>
core::Result<T> from_json(const core::json::value& v);

namespace detail {

namespace json = core::json;

enum class Storage {
    kStored,    // a real column: may be filtered and sorted on
    kComputed,  // filled at read time (e.g. a user's roles): JSON only
};

template <typename T>
struct FieldDef {
    std::string_view key;
    Storage storage;
    void (*encode)(const T& obj, json::object& out, std::string_view key);
    // Returns an empty string on success, else "expected <type>" (with a nested path if any).
    std::string (*decode)(T& obj, const json::value& v);
};

// ---- encoders (one overload per member type) ----

inline json::value encode_value(const std::string& v) { return json::string(v); }
inline json::value encode_value(bool v) { return json::value(v); }
inline json::value encode_value(std::int64_t v) { return json::value(v); }
inline json::value encode_value(double v) { return json::value(v); }
inline json::value encode_value(const json::value& v) { return v; }
inline json::value encode_value(const std::vector<std::string>& v) {
    json::array a;
    a.reserve(v.size());
    for (const auto& s : v) a.emplace_back(json::string(s));
    return a;
}
inline json::value encode_value(const std::map<std::string, std::string>& v) {
    json::object o;
    for (const auto& [k, s] : v) o[k] = json::string(s);
    return o;
}
// Nested model types: found by ADL (to_json overloads in ward::idp::model).
template <typename N>
json::value encode_value(const std::vector<N>& v) {
    json::array a;
    a.reserve(v.size());
    for (const auto& n : v) a.emplace_back(to_json(n));
    return a;
}

// ---- decoders: null keeps the default, as Go's encoding/json does ----

inline std::string decode_value(const json::value& v, std::string& out) {
    if (v.is_null()) return {};
    if (!v.is_string()) return "expected a string";
    out.assign(v.get_string().data(), v.get_string().size());
    return {};
}
inline std::string decode_value(const json::value& v, bool& out) {
    if (v.is_null()) return {};
    if (!v.is_bool()) return "expected a boolean";
    out = v.get_bool();
    return {};
}
inline std::string decode_value(const json::value& v, std::int64_t& out) {
    if (v.is_null()) return {};
    if (v.is_int64()) {
        out = v.get_int64();
        return {};
    }
    if (v.is_uint64() &&
        v.get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        out = static_cast<std::int64_t>(v.get_uint64());
        return {};
    }
    return "expected an integer";
}
inline std::string decode_value(const json::value& v, double& out) {
    if (v.is_null()) return {};
    if (v.is_double()) {
        out = v.get_double();
        return {};
    }
    if (v.is_int64()) {
        out = static_cast<double>(v.get_int64());
        return {};
    }
    if (v.is_uint64()) {
        out = static_cast<double>(v.get_uint64());
        return {};
    }
    return "expected a number";
}
inline std::string decode_value(const json::value& v, json::value& out) {
    out = v;
    return {};
}
inline std::string decode_value(const json::value& v, std::vector<std::string>& out) {
    if (v.is_null()) {
        out.clear();
        return {};
    }
    if (!v.is_array()) return "expected an array of strings";
    std::vector<std::string> items;
    items.reserve(v.get_array().size());
    for (const auto& e : v.get_array()) {
        if (!e.is_string()) return "expected an array of strings";
        items.emplace_back(e.get_string().data(), e.get_string().size());
    }
    out = std::move(items);
    return {};
}
inline std::string decode_value(const json::value& v, std::map<std::string, std::string>& out) {
    if (v.is_null()) {
        out.clear();
        return {};
    }
    if (!v.is_object()) return "expected an object of strings";
    std::map<std::string, std::string> items;
    for (const auto& [k, e] : v.get_object()) {
        if (!e.is_string()) return "expected an object of strings";
        items.emplace(std::string(k), std::string(e.get_string()));
    }
    out = std::move(items);
    return {};
}
template <typename N>
std::string decode_value(const json::value& v, std::vector<N>& out) {
    if (v.is_null()) {
        out.clear();
        return {};
    }
    if (!v.is_array()) return "expected an array of objects";
    std::vector<N> items;
    items.reserve(v.get_array().size());
    std::size_t i = 0;
    for (const auto& e : v.get_array()) {
        auto r = from_json<N>(e);
        if (!r) return "[" + std::to_string(i) + "]: " + r.error().message();
        items.push_back(std::move(r).value());
        ++i;
    }
    out = std::move(items);
    return {};
}

template <auto P>
struct MemberCodec;

template <typename T, typename M, M T::*P>
struct MemberCodec<P> {
    using Owner = T;
    static void encode(const T& obj, json::object& out, std::string_view key) {
        out[key] = encode_value(obj.*P);
    }
    static std::string decode(T& obj, const json::value& v) { return decode_value(v, obj.*P); }
};

template <auto P>
constexpr FieldDef<typename MemberCodec<P>::Owner> field(std::string_view key,
                                                         Storage storage = Storage::kStored) {
    return {key, storage, &MemberCodec<P>::encode, &MemberCodec<P>::decode};
}

template <typename T>
json::object encode_object(const T& obj, std::span<const FieldDef<T>> fields) {
    json::object out;
    out.reserve(fields.size());
    for (const auto& f : fields) f.encode(obj, out, f.key);
    return out;
}

// Starts from T{} (the documented defaults) and overwrites the keys present; unknown keys are
// ignored, as Casdoor ignores them.
template <typename T>
core::Result<T> decode_object(const json::value& v, std::span<const FieldDef<T>> fields,
                              std::string_view type_name) {
    if (!v.is_object()) {
        return core::Error::invalid_argument(std::string(type_name) + ": expected a JSON object",
                                             "invalid-field");
    }
    T obj{};
    const auto& o = v.get_object();
    for (const auto& f : fields) {
        auto it = o.find(f.key);
        if (it == o.end()) continue;
        if (auto err = f.decode(obj, it->value()); !err.empty()) {
            std::string msg(type_name);
            msg += '.';
            msg += f.key;
            msg += err.front() == '[' ? "" : ": ";
            msg += err;
            return core::Error::invalid_argument(std::move(msg), "invalid-field");
        }
    }
    return obj;
}

}  // namespace detail
}  // namespace ward::idp::model

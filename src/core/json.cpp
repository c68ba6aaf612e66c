#include "core/json.hpp"

namespace ward::core {

Result<json::value> parse_json(std::string_view text, const JsonLimits& limits) {
    if (text.size() > limits.max_bytes) {
        return Error::limit_exceeded(
            "JSON document larger than " + std::to_string(limits.max_bytes) + " bytes",
            "json-too-large");
    }
    json::parse_options opts;
    opts.max_depth = limits.max_depth;
    boost::system::error_code ec;
    json::stream_parser p(json::storage_ptr(), opts);
    std::size_t n = p.write_some(text.data(), text.size(), ec);
    if (!ec && n < text.size()) {
        ec = json::error::extra_data;
    }
    if (!ec) p.finish(ec);
    if (ec) {
        if (ec == json::error::too_deep) {
            return Error::limit_exceeded(
                "JSON nested deeper than " + std::to_string(limits.max_depth), "json-too-deep");
        }
        return Error::invalid_argument(
            "invalid JSON: " + ec.message() + " at offset " + std::to_string(n), "invalid-json");
    }
    return p.release();
}

const json::value* find(const json::object& obj, std::string_view key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &it->value();
}

std::optional<std::string_view> get_string(const json::object& obj, std::string_view key) {
    const json::value* v = find(obj, key);
    if (!v || !v->is_string()) return std::nullopt;
    const json::string& s = v->get_string();
    return std::string_view(s.data(), s.size());
}

std::optional<std::int64_t> get_int(const json::object& obj, std::string_view key) {
    const json::value* v = find(obj, key);
    if (!v) return std::nullopt;
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(v->get_uint64());
    }
    if (v->is_double()) {
        double d = v->get_double();
        if (d >= -9.2e18 && d <= 9.2e18 && static_cast<double>(static_cast<std::int64_t>(d)) == d) {
            return static_cast<std::int64_t>(d);
        }
    }
    return std::nullopt;
}

std::optional<bool> get_bool(const json::object& obj, std::string_view key) {
    const json::value* v = find(obj, key);
    if (!v || !v->is_bool()) return std::nullopt;
    return v->get_bool();
}

const json::object* get_object(const json::object& obj, std::string_view key) {
    const json::value* v = find(obj, key);
    return v && v->is_object() ? &v->get_object() : nullptr;
}

const json::array* get_array(const json::object& obj, std::string_view key) {
    const json::value* v = find(obj, key);
    return v && v->is_array() ? &v->get_array() : nullptr;
}

std::string to_json(const json::value& v) { return json::serialize(v); }
std::string to_json(const json::object& o) { return json::serialize(o); }
std::string to_json(const json::array& a) { return json::serialize(a); }

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out.push_back(kHex[c >> 4]);
                    out.push_back(kHex[c & 15]);
                } else {
                    out.push_back(ch);
                }
        }
    }
    out.push_back('"');
}

std::string quote_json(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    append_json_string(out, s);
    return out;
}

}  // namespace ward::core

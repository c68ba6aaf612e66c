#include "sql/value.hpp"

#include <charconv>
#include <cmath>

#include "core/encoding.hpp"

namespace ward::sql {

std::string format_double(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
    return std::string(buf, ec == std::errc() ? end : buf);
}

std::optional<std::string> Value::to_text() const {
    struct Visitor {
        std::optional<std::string> operator()(std::monostate) const { return std::nullopt; }
        std::optional<std::string> operator()(bool v) const { return v ? "true" : "false"; }
        std::optional<std::string> operator()(std::int64_t v) const { return std::to_string(v); }
        std::optional<std::string> operator()(double v) const { return format_double(v); }
        std::optional<std::string> operator()(const std::string& v) const { return v; }
        std::optional<std::string> operator()(const Blob& v) const {
            return "\\x" + core::hex_encode(
                               std::string_view(reinterpret_cast<const char*>(v.data()), v.size()));
        }
    };
    return std::visit(Visitor{}, data_);
}

std::string_view to_string(ValueType type) {
    switch (type) {
        case ValueType::kNull:
            return "null";
        case ValueType::kBool:
            return "bool";
        case ValueType::kInt64:
            return "int64";
        case ValueType::kDouble:
            return "double";
        case ValueType::kText:
            return "text";
        case ValueType::kBlob:
            return "blob";
    }
    return "unknown";
}

}  // namespace ward::sql

#include "engine/exec/bind.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace ward::engine::exec {
namespace {

using catalog::ScalarType;
using Out = core::Result<sql::Value, ExecError>;

std::string display(const core::json::value& v) {
    if (const auto* s = v.if_string()) return std::string(*s);
    return core::to_json(v);
}

ExecError out_of_range(ScalarType scalar) {
    return ExecError{.code = "data-exception",
                     .message = "value out of range for type " + std::string(type_name(scalar))};
}

std::optional<std::int64_t> parse_int(std::string_view s) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    std::int64_t out = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
    return out;
}

std::optional<double> parse_double(std::string_view s) {
    if (s == "Infinity" || s == "infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity" || s == "-infinity") return -std::numeric_limits<double>::infinity();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    double out = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
    return out;
}

Out integer(const core::json::value& v, ScalarType scalar) {
    std::optional<std::int64_t> n;
    if (const auto* i = v.if_int64()) {
        n = *i;
    } else if (const auto* u = v.if_uint64()) {
        if (*u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return out_of_range(scalar);
        }
        n = static_cast<std::int64_t>(*u);
    } else if (const auto* d = v.if_double()) {
        if (std::trunc(*d) != *d || std::abs(*d) > 9.2e18) {
            return invalid_input(type_name(scalar), display(v));
        }
        n = static_cast<std::int64_t>(*d);
    } else if (const auto* s = v.if_string()) {
        n = parse_int(*s);
    }
    if (!n) return invalid_input(type_name(scalar), display(v));
    const std::int64_t lo = scalar == ScalarType::kSmallint ? -32768
                            : scalar == ScalarType::kInt ? std::numeric_limits<std::int32_t>::min()
                                                         : std::numeric_limits<std::int64_t>::min();
    const std::int64_t hi = scalar == ScalarType::kSmallint ? 32767
                            : scalar == ScalarType::kInt ? std::numeric_limits<std::int32_t>::max()
                                                         : std::numeric_limits<std::int64_t>::max();
    if (*n < lo || *n > hi) return out_of_range(scalar);
    return sql::Value(*n);
}

Out floating(const core::json::value& v, ScalarType scalar) {
    if (v.is_number()) return sql::Value(v.to_number<double>());
    if (const auto* s = v.if_string()) {
        if (auto d = parse_double(*s)) return sql::Value(*d);
    }
    return invalid_input(type_name(scalar), display(v));
}

// Integers stay exact; other numbers are doubles.
Out numeric(const core::json::value& v) {
    if (const auto* i = v.if_int64()) return sql::Value(*i);
    if (const auto* s = v.if_string()) {
        if (auto n = parse_int(*s)) return sql::Value(*n);
        if (auto d = parse_double(*s); d && std::isfinite(*d)) return sql::Value(*d);
        return invalid_input("numeric", *s);
    }
    if (v.is_number()) return sql::Value(v.to_number<double>());
    return invalid_input("numeric", display(v));
}

Out boolean(const core::json::value& v) {
    if (const auto* b = v.if_bool()) return sql::Value(*b);
    if (const auto* s = v.if_string()) {
        if (*s == "true" || *s == "t") return sql::Value(true);
        if (*s == "false" || *s == "f") return sql::Value(false);
    }
    return invalid_input("boolean", display(v));
}

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// PostgreSQL's canonical 8-4-4-4-12 form (it also accepts braces and no hyphens; Ward accepts
// the canonical form and the unhyphenated one).
bool valid_uuid(std::string_view s) {
    if (s.size() == 32) {
        for (char c : s) {
            if (!is_hex(c)) return false;
        }
        return true;
    }
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s[i])) return false;
    }
    return true;
}

Out text(const core::json::value& v, ScalarType scalar) {
    if (const auto* s = v.if_string()) {
        if (scalar == ScalarType::kUuid && !valid_uuid(*s)) return invalid_input("uuid", *s);
        return sql::Value(std::string_view(*s));
    }
    // Numbers and booleans given for a text column (e.g. an Int session variable compared
    // with a text column) are compared by their text, as PostgreSQL's casts do.
    if (v.is_number() || v.is_bool()) {
        if (scalar == ScalarType::kUuid) return invalid_input("uuid", display(v));
        return sql::Value(core::to_json(v));
    }
    return invalid_input(type_name(scalar), display(v));
}

core::json::value sql_to_json(const sql::Value& v) {
    if (const auto* b = v.if_bool()) return *b;
    if (const auto* i = v.if_int64()) return *i;
    if (const auto* d = v.if_double()) return *d;
    if (const auto* s = v.if_text()) return core::json::string(*s);
    return nullptr;
}

}  // namespace

std::string_view type_name(ScalarType scalar) {
    switch (scalar) {
        case ScalarType::kInt:
            return "integer";
        case ScalarType::kBigint:
            return "bigint";
        case ScalarType::kSmallint:
            return "smallint";
        case ScalarType::kFloat:
            return "double precision";
        case ScalarType::kFloat4:
            return "real";
        case ScalarType::kNumeric:
            return "numeric";
        case ScalarType::kString:
            return "text";
        case ScalarType::kVarchar:
            return "character varying";
        case ScalarType::kBpchar:
            return "character";
        case ScalarType::kBoolean:
            return "boolean";
        case ScalarType::kJson:
            return "json";
        case ScalarType::kJsonb:
            return "jsonb";
        case ScalarType::kUuid:
            return "uuid";
        case ScalarType::kDate:
            return "date";
        case ScalarType::kTime:
            return "time without time zone";
        case ScalarType::kTimetz:
            return "time with time zone";
        case ScalarType::kTimestamp:
            return "timestamp without time zone";
        case ScalarType::kTimestamptz:
            return "timestamp with time zone";
        case ScalarType::kBytea:
            return "bytea";
        case ScalarType::kOther:
            return "text";
    }
    return "text";
}

core::Result<sql::Value, ExecError> to_sql_value(const core::json::value& v, ScalarType scalar) {
    if (v.is_null()) return sql::Value();
    switch (scalar) {
        case ScalarType::kInt:
        case ScalarType::kBigint:
        case ScalarType::kSmallint:
            return integer(v, scalar);
        case ScalarType::kFloat:
        case ScalarType::kFloat4:
            return floating(v, scalar);
        case ScalarType::kNumeric:
            return numeric(v);
        case ScalarType::kBoolean:
            return boolean(v);
        // JSON columns take any JSON value, as its text.
        case ScalarType::kJson:
        case ScalarType::kJsonb:
            return sql::Value(core::to_json(v));
        default:
            return text(v, scalar);
    }
}

core::Result<sql::Params, ExecError> bind_step(const sqlgen::SqlStep& step,
                                               const std::vector<core::json::value>& slots) {
    sql::Params params;
    params.reserve(step.params.size());
    for (const auto& ref : step.params) {
        // Filled in by execute() from what earlier steps captured or from the session.
        if (ref.capture || ref.session) {
            params.emplace_back();
            continue;
        }
        if (ref.slot >= slots.size()) {
            return ExecError{
                .code = "internal-error",
                .message = "parameter slot " + std::to_string(ref.slot) + " has no value"};
        }
        const auto& value = slots[ref.slot];
        if (!ref.array) {
            auto v = to_sql_value(value, ref.scalar);
            if (!v) return std::move(v).error();
            params.push_back(std::move(*v));
            continue;
        }
        // A list goes to the database as JSON text of the checked items.
        const auto* items = value.if_array();
        if (items == nullptr) return invalid_input(type_name(ref.scalar), core::to_json(value));
        core::json::array checked;
        for (const auto& item : *items) {
            auto v = to_sql_value(item, ref.scalar);
            if (!v) return std::move(v).error();
            checked.push_back(sql_to_json(*v));
        }
        params.emplace_back(core::to_json(core::json::value(std::move(checked))));
    }
    return params;
}

}  // namespace ward::engine::exec

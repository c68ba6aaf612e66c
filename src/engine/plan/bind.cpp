#include "engine/plan/bind.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "engine/metadata/session.hpp"
#include "engine/schema/role_schema.hpp"

namespace ward::engine::plan {

namespace {

using catalog::ScalarType;
using BindResult = core::Result<core::json::value, PlanError>;

// PostgreSQL's name for the type in its cast errors, so the message matches a database-side cast.
std::string pg_type_name(ScalarType t, std::string_view db_type) {
    switch (t) {
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
        case ScalarType::kBoolean:
            return "boolean";
        case ScalarType::kJson:
        case ScalarType::kJsonb:
            return "json";
        case ScalarType::kUuid:
            return "uuid";
        default:
            return db_type.empty() ? "text" : std::string(db_type);
    }
}

PlanError bad_input(const Param& p, std::string_view text) {
    return PlanError{"data-exception",
                     "invalid input syntax for type " + pg_type_name(p.type, p.db_type) + ": " +
                         core::quote_json(text),
                     "$"};
}

bool is_integer_type(ScalarType t) {
    return t == ScalarType::kInt || t == ScalarType::kBigint || t == ScalarType::kSmallint;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool in_range(ScalarType t, std::int64_t v) {
    if (t == ScalarType::kInt) return v >= INT32_MIN && v <= INT32_MAX;
    if (t == ScalarType::kSmallint) return v >= INT16_MIN && v <= INT16_MAX;
    return true;
}

bool is_uuid(std::string_view s) {
    auto hex = [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    };
    if (s.size() == 32) return std::all_of(s.begin(), s.end(), hex);
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !hex(s[i])) return false;
    }
    return true;
}

bool is_decimal(std::string_view s) {
    s = trim(s);
    if (s == "NaN" || s == "Infinity" || s == "-Infinity") return true;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    bool digits = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, digits = true;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, digits = true;
    }
    if (!digits) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        bool exp = false;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, exp = true;
        if (!exp) return false;
    }
    return i == s.size();
}

// One scalar value as the slot's type. `text` marks a session value (always text, read as a
// database cast would read it).
BindResult convert(const Param& p, const core::json::value& v) {
    const ScalarType t = p.type;
    if (v.is_null()) return core::json::value();
    if (is_integer_type(t)) {
        std::int64_t n = 0;
        if (v.is_int64()) {
            n = v.as_int64();
        } else if (v.is_uint64()) {
            if (v.as_uint64() > static_cast<std::uint64_t>(INT64_MAX)) {
                return bad_input(p, core::to_json(v));
            }
            n = static_cast<std::int64_t>(v.as_uint64());
        } else if (v.is_double()) {
            double d = v.as_double();
            if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > 9.2e18) {
                return bad_input(p, core::to_json(v));
            }
            n = static_cast<std::int64_t>(d);
        } else if (v.is_string()) {
            std::string_view s = trim(v.as_string());
            if (!s.empty() && s.front() == '+') s.remove_prefix(1);
            auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
            if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
                return bad_input(p, v.as_string());
            }
        } else {
            return bad_input(p, core::to_json(v));
        }
        if (!in_range(t, n)) {
            return PlanError{"data-exception",
                             "value \"" + std::to_string(n) + "\" is out of range for type " +
                                 pg_type_name(t, p.db_type),
                             "$"};
        }
        return core::json::value(n);
    }
    if (t == ScalarType::kFloat || t == ScalarType::kFloat4) {
        if (v.is_number()) return core::json::value(v.to_number<double>());
        if (v.is_string()) {
            std::string s(trim(v.as_string()));
            if (!is_decimal(s)) return bad_input(p, v.as_string());
            return core::json::value(std::strtod(s.c_str(), nullptr));
        }
        return bad_input(p, core::to_json(v));
    }
    if (t == ScalarType::kNumeric) {
        if (v.is_number()) return v;
        if (v.is_string() && is_decimal(v.as_string())) {
            return core::json::value(std::string(trim(v.as_string())));
        }
        return bad_input(p, v.is_string() ? std::string(v.as_string()) : core::to_json(v));
    }
    if (t == ScalarType::kBoolean) {
        if (v.is_bool()) return v;
        if (v.is_string()) {
            std::string s = metadata::to_lower_ascii(trim(v.as_string()));
            if (s == "t" || s == "true" || s == "yes" || s == "on" || s == "1" || s == "y") {
                return core::json::value(true);
            }
            if (s == "f" || s == "false" || s == "no" || s == "off" || s == "0" || s == "n") {
                return core::json::value(false);
            }
            return bad_input(p, v.as_string());
        }
        return bad_input(p, core::to_json(v));
    }
    if (t == ScalarType::kJson || t == ScalarType::kJsonb) return v;
    if (t == ScalarType::kUuid) {
        if (v.is_string() && is_uuid(v.as_string())) return v;
        return bad_input(p, v.is_string() ? std::string(v.as_string()) : core::to_json(v));
    }
    // Text-like and database-specific types: the database parses the text.
    if (v.is_string()) return v;
    if (v.is_number() || v.is_bool()) return core::json::value(core::to_json(v));
    return bad_input(p, core::to_json(v));
}

// A session value is text: json/jsonb read it as JSON, everything else as the type's text.
BindResult convert_text(const Param& p, std::string_view text) {
    if (p.type == ScalarType::kJson || p.type == ScalarType::kJsonb) {
        auto parsed = core::parse_json(text);
        if (!parsed) return bad_input(p, text);
        return std::move(*parsed);
    }
    return convert(p, core::json::value(text));
}

// A session value for an array slot: a PostgreSQL array literal ("{1,2,3}", items optionally
// double-quoted with backslash escapes) or a JSON array.
core::Result<std::vector<std::string>, PlanError> split_array_literal(std::string_view text) {
    std::string_view s = trim(text);
    auto malformed = [&] {
        return PlanError{"data-exception", "malformed array literal: " + core::quote_json(text),
                         "$"};
    };
    if (s.size() < 2 || s.front() != '{' || s.back() != '}') return malformed();
    s = s.substr(1, s.size() - 2);
    std::vector<std::string> out;
    if (trim(s).empty()) return out;
    std::size_t i = 0;
    while (i <= s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        std::string item;
        if (i < s.size() && s[i] == '"') {
            ++i;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '\\' && i + 1 < s.size()) {
                    item += s[i + 1];
                    i += 2;
                } else if (s[i] == '"') {
                    closed = true;
                    ++i;
                    break;
                } else {
                    item += s[i++];
                }
            }
            if (!closed) return malformed();
            while (i < s.size() && s[i] == ' ') ++i;
        } else {
            std::size_t start = i;
            while (i < s.size() && s[i] != ',') ++i;
            item = std::string(trim(s.substr(start, i - start)));
            if (item.empty() || item.find_first_of("{}\"") != std::string::npos) return malformed();
        }
        out.push_back(std::move(item));
        if (i >= s.size()) break;
        if (s[i] != ',') return malformed();
        ++i;
    }
    return out;
}

struct Binder {
    const core::json::object& variables;
    const metadata::SessionVariables& session;
    std::vector<std::string> missing;

    // Resolves a source to JSON (before type conversion); session values come back as
    // strings with `from_session` set.
    core::json::value resolve(const ParamSource& src, bool& from_session) {
        from_session = false;
        if (const auto* lit = std::get_if<LiteralSource>(&src.kind)) return lit->value;
        if (const auto* var = std::get_if<VariableSource>(&src.kind)) {
            const core::json::value* cur = core::find(variables, var->name);
            for (const auto& step : var->path) {
                if (cur == nullptr) break;
                if (const auto* key = std::get_if<std::string>(&step)) {
                    cur = cur->is_object() ? cur->as_object().if_contains(*key) : nullptr;
                } else {
                    std::size_t idx = std::get<std::size_t>(step);
                    cur = cur->is_array() && idx < cur->as_array().size() ? &cur->as_array()[idx]
                                                                          : nullptr;
                }
            }
            return cur != nullptr ? *cur : core::json::value();
        }
        if (const auto* ses = std::get_if<SessionSource>(&src.kind)) {
            auto v = session.get(ses->name);
            if (!v) {
                if (std::find(missing.begin(), missing.end(), ses->name) == missing.end()) {
                    missing.push_back(ses->name);
                }
                return core::json::value();
            }
            from_session = true;
            return core::json::value(*v);
        }
        return core::json::value();  // ListSource is handled by the caller
    }

    BindResult scalar(const Param& p, const ParamSource& src) {
        bool text = false;
        core::json::value v = resolve(src, text);
        if (text) return convert_text(p, v.as_string());
        return convert(p, v);
    }

    BindResult list(const Param& p) {
        core::json::array out;
        if (const auto* items = std::get_if<ListSource>(&p.source.kind)) {
            for (const auto& item : items->items) {
                WARD_TRY(auto v, scalar(p, item));
                out.push_back(std::move(v));
            }
            return core::json::value(std::move(out));
        }
        bool text = false;
        core::json::value v = resolve(p.source, text);
        if (text) {
            std::string_view s = trim(v.as_string());
            if (!s.empty() && s.front() == '[') {
                auto parsed = core::parse_json(s);
                if (!parsed || !parsed->is_array()) {
                    return PlanError{"data-exception",
                                     "malformed array literal: " + core::quote_json(s), "$"};
                }
                v = std::move(*parsed);
            } else {
                WARD_TRY(auto parts, split_array_literal(s));
                for (const auto& part : parts) {
                    WARD_TRY(auto item, convert_text(p, part));
                    out.push_back(std::move(item));
                }
                return core::json::value(std::move(out));
            }
        }
        if (v.is_null()) return v;
        if (!v.is_array()) v = core::json::array{v};  // input coercion: one value is a list of one
        for (const auto& item : v.as_array()) {
            WARD_TRY(auto x, convert(p, item));
            out.push_back(std::move(x));
        }
        return core::json::value(std::move(out));
    }
};

}  // namespace

core::Result<std::vector<BoundValue>, PlanError> bind(const QueryPlan& plan,
                                                      const core::json::object& variables,
                                                      const metadata::SessionVariables& session) {
    Binder b{variables, session, {}};
    std::vector<BoundValue> out;
    out.reserve(plan.params.size());
    std::optional<PlanError> first_error;
    for (const auto& p : plan.params) {
        auto v = p.array ? b.list(p) : b.scalar(p, p.source);
        if (!v) {
            if (!first_error) first_error = std::move(v).error();
            out.push_back(BoundValue{p.type, p.db_type, p.array, core::json::value()});
            continue;
        }
        core::json::value value = std::move(*v);
        if (value.is_null() && !p.nullable && !first_error) {
            first_error = PlanError{
                "validation-failed",
                "unexpected null value for type \"" + schema::scalar_name(p.type, p.db_type) + "\"",
                "$"};
        }
        if (p.non_negative && value.is_int64() && value.as_int64() < 0 && !first_error) {
            first_error = PlanError{"validation-failed", "unexpected negative value", "$"};
        }
        if (p.max_value && value.is_int64()) value = std::min(value.as_int64(), *p.max_value);
        if (p.max_value && value.is_null()) value = *p.max_value;  // null limit: the cap
        out.push_back(BoundValue{p.type, p.db_type, p.array, std::move(value)});
    }
    // Missing session variables are reported first and all together, as Hasura does.
    if (!b.missing.empty()) {
        std::string names;
        for (const auto& n : b.missing) {
            if (!names.empty()) names += ", ";
            names += core::quote_json(n);
        }
        return PlanError{"not-found", "missing session variables: " + names, "$"};
    }
    if (first_error) return std::move(*first_error);
    return out;
}

}  // namespace ward::engine::plan

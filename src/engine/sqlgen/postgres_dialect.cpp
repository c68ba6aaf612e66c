// PostgreSQL: json_build_object/json_agg, typed parameter casts, ILIKE and the regex family.
#include <string>

#include "engine/sqlgen/dialect.hpp"

namespace ward::engine::sqlgen {
namespace {

using catalog::ScalarType;

// A catalog type name is spliced into a cast only when it is a plain (possibly spaced or
// qualified) type name, so a strange catalog entry can never inject SQL.
bool plain_type_name(std::string_view t) {
    if (t.empty() || t.size() > 63) return false;
    for (char c : t) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == ' ' || c == '.';
        if (!ok) return false;
    }
    return true;
}

std::string_view pg_type(ScalarType s) {
    switch (s) {
        case ScalarType::kInt:
            return "int4";
        case ScalarType::kBigint:
            return "int8";
        case ScalarType::kSmallint:
            return "int2";
        case ScalarType::kFloat:
            return "float8";
        case ScalarType::kFloat4:
            return "float4";
        case ScalarType::kNumeric:
            return "numeric";
        case ScalarType::kString:
            return "text";
        case ScalarType::kVarchar:
            return "varchar";
        case ScalarType::kBpchar:
            return "bpchar";
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
            return "time";
        case ScalarType::kTimetz:
            return "timetz";
        case ScalarType::kTimestamp:
            return "timestamp";
        case ScalarType::kTimestamptz:
            return "timestamptz";
        case ScalarType::kBytea:
            return "bytea";
        case ScalarType::kOther:
            return {};
    }
    return {};
}

class PostgresDialect final : public Dialect {
  public:
    DialectKind kind() const override { return DialectKind::kPostgres; }
    std::string_view name() const override { return "postgres"; }

    std::string table_name(const metadata::TableName& table) const override {
        return quote_identifier(table.schema) + "." + quote_identifier(table.name);
    }

    std::string cast_param(std::size_t n, ScalarType scalar,
                           std::string_view db_type) const override {
        std::string_view type = pg_type(scalar);
        if (type.empty()) type = plain_type_name(db_type) ? db_type : std::string_view("text");
        return "(" + placeholder(n) + ")::" + std::string(type);
    }

    std::string list_param(std::size_t n, ScalarType scalar,
                           std::string_view db_type) const override {
        std::string_view type = pg_type(scalar);
        if (type.empty()) type = plain_type_name(db_type) ? db_type : std::string_view("text");
        return "(SELECT (x)::" + std::string(type) + " FROM json_array_elements_text((" +
               placeholder(n) + ")::json) AS x)";
    }

    std::string json_object(const std::vector<JsonField>& fields) const override {
        std::string out = "json_build_object(";
        bool first = true;
        for (const auto& [key, expr] : fields) {
            if (!first) out += ", ";
            first = false;
            out += string_literal(key);
            out += ", ";
            out += expr;
        }
        out += ")";
        return out;
    }

    std::string json_array_agg(std::string_view expr, std::string_view order_by) const override {
        std::string out = "json_agg(";
        out += expr;
        if (!order_by.empty()) {
            out += " ORDER BY ";
            out += order_by;
        }
        out += ")";
        return out;
    }

    std::string empty_json_array() const override { return "'[]'::json"; }

    std::string nested_json(std::string_view subquery_expr) const override {
        return "(" + std::string(subquery_expr) + ")";
    }

    std::string column_json(std::string_view column_expr, ScalarType scalar,
                            bool stringify_numeric) const override {
        if (stringify_numeric &&
            (scalar == ScalarType::kBigint || scalar == ScalarType::kNumeric)) {
            return "(" + std::string(column_expr) + ")::text";
        }
        return std::string(column_expr);
    }

    std::string json_as_text(std::string_view json_expr) const override {
        return "(" + std::string(json_expr) + ")::text";
    }

    core::Result<std::string> text_match(TextMatch op, std::string_view lhs,
                                         std::string_view rhs) const override {
        std::string_view sql_op;
        switch (op) {
            case TextMatch::kLike:
                sql_op = "LIKE";
                break;
            case TextMatch::kNlike:
                sql_op = "NOT LIKE";
                break;
            case TextMatch::kIlike:
                sql_op = "ILIKE";
                break;
            case TextMatch::kNilike:
                sql_op = "NOT ILIKE";
                break;
            case TextMatch::kSimilar:
                sql_op = "SIMILAR TO";
                break;
            case TextMatch::kNsimilar:
                sql_op = "NOT SIMILAR TO";
                break;
            case TextMatch::kRegex:
                sql_op = "~";
                break;
            case TextMatch::kNregex:
                sql_op = "!~";
                break;
            case TextMatch::kIregex:
                sql_op = "~*";
                break;
            case TextMatch::kNiregex:
                sql_op = "!~*";
                break;
        }
        return "(" + std::string(lhs) + " " + std::string(sql_op) + " " + std::string(rhs) + ")";
    }

    std::string order_term(std::string_view expr, bool descending,
                           NullsOrder nulls) const override {
        std::string out(expr);
        out += descending ? " DESC" : " ASC";
        const bool first =
            nulls == NullsOrder::kFirst || (nulls == NullsOrder::kDefault && descending);
        out += first ? " NULLS FIRST" : " NULLS LAST";
        return out;
    }

    std::string limit_offset(std::optional<std::string> limit,
                             std::optional<std::string> offset) const override {
        std::string out;
        if (limit) out += " LIMIT " + *limit;
        if (offset) out += " OFFSET " + *offset;
        return out;
    }

    bool supports_distinct_on() const override { return true; }
    std::string true_literal() const override { return "('true')"; }
};

}  // namespace

const Dialect& postgres_dialect() {
    static const PostgresDialect kDialect;
    return kDialect;
}

}  // namespace ward::engine::sqlgen

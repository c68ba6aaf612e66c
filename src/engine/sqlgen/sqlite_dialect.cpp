// SQLite: json_object/json_group_array, CAST parameters, case-sensitive LIKE through GLOB, and
// normalised JSON output so SQLite prints exactly what PostgreSQL prints for the same data
// (booleans stored as 0/1, integral REALs, embedded JSON text).
#include <string>

#include "engine/sqlgen/dialect.hpp"

namespace ward::engine::sqlgen {
namespace {

using catalog::ScalarType;

// The SQLite storage class a parameter of `scalar` is cast to; empty for none.
std::string_view sqlite_cast(ScalarType s) {
    switch (s) {
        case ScalarType::kInt:
        case ScalarType::kBigint:
        case ScalarType::kSmallint:
        case ScalarType::kBoolean:
            return "INTEGER";
        case ScalarType::kFloat:
        case ScalarType::kFloat4:
            return "REAL";
        case ScalarType::kNumeric:
            return "NUMERIC";
        case ScalarType::kBytea:
            return "BLOB";
        default:
            return "TEXT";
    }
}

class SqliteDialect final : public Dialect {
  public:
    DialectKind kind() const override { return DialectKind::kSqlite; }
    std::string_view name() const override { return "sqlite"; }

    // Tables of schema "public" live in the main database; other schemas are attached
    // databases of that name.
    std::string table_name(const metadata::TableName& table) const override {
        if (table.schema == metadata::kDefaultSchema) return quote_identifier(table.name);
        return quote_identifier(table.schema) + "." + quote_identifier(table.name);
    }

    std::string cast_param(std::size_t n, ScalarType scalar, std::string_view) const override {
        return "CAST(" + placeholder(n) + " AS " + std::string(sqlite_cast(scalar)) + ")";
    }

    std::string list_param(std::size_t n, ScalarType, std::string_view) const override {
        return "(SELECT value FROM json_each(" + placeholder(n) + "))";
    }

    std::string json_object(const std::vector<JsonField>& fields) const override {
        std::string out = "json_object(";
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

    // json_group_array has no ORDER BY of its own: the caller orders the rows in the
    // subquery it aggregates over, which SQLite keeps for a plain aggregate.
    std::string json_array_agg(std::string_view expr, std::string_view) const override {
        return "json_group_array(json(" + std::string(expr) + "))";
    }

    std::string empty_json_array() const override { return "json('[]')"; }

    // A subquery's result loses SQLite's JSON subtype; json() restores it (NULL stays NULL).
    std::string nested_json(std::string_view subquery_expr) const override {
        return "json((" + std::string(subquery_expr) + "))";
    }

    std::string column_json(std::string_view column_expr, ScalarType scalar,
                            bool stringify_numeric) const override {
        const std::string c(column_expr);
        switch (scalar) {
            case ScalarType::kBoolean:
                return "(CASE WHEN " + c + " IS NULL THEN NULL WHEN " + c +
                       " THEN json('true') ELSE json('false') END)";
            case ScalarType::kJson:
            case ScalarType::kJsonb:
                return "json(" + c + ")";
            case ScalarType::kBigint:
                return stringify_numeric ? "CAST(" + c + " AS TEXT)" : c;
            case ScalarType::kNumeric:
                if (stringify_numeric) return "CAST(" + c + " AS TEXT)";
                [[fallthrough]];
            case ScalarType::kFloat:
            case ScalarType::kFloat4:
                // PostgreSQL prints an integral float8 as 1, SQLite as 1.0.
                return "(CASE WHEN typeof(" + c + ") = 'real' AND " + c + " = CAST(" + c +
                       " AS INTEGER) AND abs(" + c + ") < 1e15 THEN CAST(" + c +
                       " AS INTEGER) ELSE " + c + " END)";
            default:
                return c;
        }
    }

    std::string json_as_text(std::string_view json_expr) const override {
        return std::string(json_expr);
    }

    core::Result<std::string> text_match(TextMatch op, std::string_view lhs,
                                         std::string_view rhs) const override {
        const std::string l(lhs);
        const std::string r(rhs);
        switch (op) {
            case TextMatch::kLike:
            case TextMatch::kNlike: {
                // SQLite's LIKE ignores ASCII case; GLOB does not. Translate the LIKE pattern
                // into a GLOB pattern in SQL: escape GLOB's own metacharacters first.
                const std::string glob = "replace(replace(replace(replace(replace(" + r +
                                         ", '[', '[[]'), '*', '[*]'), '?', '[?]'), '%', '*'), "
                                         "'_', '?')";
                const std::string not_kw = op == TextMatch::kNlike ? " NOT" : "";
                return "(" + l + not_kw + " GLOB " + glob + ")";
            }
            case TextMatch::kIlike:
                return "(lower(" + l + ") LIKE lower(" + r + "))";
            case TextMatch::kNilike:
                return "(lower(" + l + ") NOT LIKE lower(" + r + "))";
            case TextMatch::kSimilar:
            case TextMatch::kNsimilar:
            case TextMatch::kRegex:
            case TextMatch::kNregex:
            case TextMatch::kIregex:
            case TextMatch::kNiregex:
                break;
        }
        return core::Error::invalid_argument(
            "regular expression and SIMILAR TO operators are not supported on SQLite sources",
            "not-supported");
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
        if (limit) {
            out += " LIMIT " + *limit;
        } else if (offset) {
            out += " LIMIT -1";
        }
        if (offset) out += " OFFSET " + *offset;
        return out;
    }

    bool supports_distinct_on() const override { return false; }
    std::string true_literal() const override { return "1"; }
};

}  // namespace

const Dialect& sqlite_dialect() {
    static const SqliteDialect kDialect;
    return kDialect;
}

}  // namespace ward::engine::sqlgen

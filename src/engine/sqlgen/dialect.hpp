// sqlgen::Dialect: the pieces of SQL text that differ between PostgreSQL and SQLite (quoting,
// qualified names, parameter casts, JSON builders, case-insensitive LIKE, regex, NULL ordering,
// LIMIT/OFFSET). One SQL writer walks the IR and asks the Dialect; values never become SQL text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "engine/catalog/catalog.hpp"
#include "engine/metadata/table_name.hpp"

namespace ward::engine::sqlgen {

enum class DialectKind { kPostgres, kSqlite };

enum class NullsOrder { kDefault, kFirst, kLast };

// _like family and the regex family of Hasura's text operators.
enum class TextMatch {
    kLike,
    kNlike,
    kIlike,
    kNilike,
    kSimilar,
    kNsimilar,
    kRegex,
    kNregex,
    kIregex,
    kNiregex
};

// One key of a JSON object: the key (a GraphQL alias, emitted as a string literal) and the SQL
// expression that yields its JSON value.
using JsonField = std::pair<std::string, std::string>;

class Dialect {
  public:
    virtual ~Dialect() = default;

    virtual DialectKind kind() const = 0;
    virtual std::string_view name() const = 0;

    // "x" with embedded quotes doubled; the same in both dialects.
    std::string quote_identifier(std::string_view ident) const;
    // 'x' with embedded single quotes doubled. Only for keys that come from the schema or
    // the query's aliases (GraphQL names), never for request values.
    std::string string_literal(std::string_view text) const;
    // "$n" (1-based): the sql module binds $N on both databases.
    std::string placeholder(std::size_t n) const;

    // "public"."users" on PostgreSQL; "users" on SQLite for schema public.
    virtual std::string table_name(const metadata::TableName& table) const = 0;

    // Parameter $n typed as a column of `scalar` (db_type is the catalog's type name, used for
    // kOther on PostgreSQL when it is a plain type name).
    virtual std::string cast_param(std::size_t n, catalog::ScalarType scalar,
                                   std::string_view db_type = {}) const = 0;

    // A subquery yielding the items of the JSON array bound to $n as `scalar` values.
    virtual std::string list_param(std::size_t n, catalog::ScalarType scalar,
                                   std::string_view db_type = {}) const = 0;

    // A JSON object built from the fields, in order.
    virtual std::string json_object(const std::vector<JsonField>& fields) const = 0;
    // Aggregates the JSON values of `expr` over the group into an array, ordered by
    // `order_by` (SQL after ORDER BY; empty for none). NULL when the group is empty.
    virtual std::string json_array_agg(std::string_view expr, std::string_view order_by) const = 0;
    // The empty JSON array as a JSON value.
    virtual std::string empty_json_array() const = 0;
    // coalesce(agg, '[]'): an array aggregate that yields [] for no rows.
    std::string coalesce_json_array(std::string_view agg) const;
    // A JSON value produced by a scalar subquery (or NULL): keeps it JSON when nested.
    virtual std::string nested_json(std::string_view subquery_expr) const = 0;
    // The JSON value of a column expression of type `scalar`: normalises what the database
    // stores so both dialects print the same JSON (SQLite booleans as true/false, json columns
    // embedded, bigint/numeric as strings when `stringify_numeric`).
    virtual std::string column_json(std::string_view column_expr, catalog::ScalarType scalar,
                                    bool stringify_numeric) const = 0;
    // The final projection as text (one text column for sql::Database::query_text).
    virtual std::string json_as_text(std::string_view json_expr) const = 0;

    // lhs <op> rhs for the _like/_ilike/_similar/_regex families. Errors: not-supported when the
    // dialect lacks the operator (SQLite: _similar and the regex family).
    virtual core::Result<std::string> text_match(TextMatch op, std::string_view lhs,
                                                 std::string_view rhs) const = 0;

    // One ORDER BY term with an explicit NULL placement (Hasura's default: NULLS LAST for asc,
    // NULLS FIRST for desc, as PostgreSQL does).
    virtual std::string order_term(std::string_view expr, bool descending,
                                   NullsOrder nulls) const = 0;
    // " LIMIT x OFFSET y" (leading space), or "" when neither; SQLite needs LIMIT -1 before an
    // OFFSET alone.
    virtual std::string limit_offset(std::optional<std::string> limit,
                                     std::optional<std::string> offset) const = 0;
    // PostgreSQL DISTINCT ON; SQLite emulates it with row_number() over a window.
    virtual bool supports_distinct_on() const = 0;
    // A boolean SQL expression that is always true (join conditions, empty filters).
    virtual std::string true_literal() const = 0;
};

const Dialect& postgres_dialect();
const Dialect& sqlite_dialect();
// The dialect that matches a database.
const Dialect& dialect_for(DialectKind kind);

}  // namespace ward::engine::sqlgen

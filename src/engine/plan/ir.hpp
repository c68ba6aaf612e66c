// engine::plan IR: what one GraphQL operation asks of the database, with the role's permissions
// already merged in (row filters, column sets, limits, presets, checks). sqlgen walks it to write
// ONE SQL statement; every value it may need is a Param slot (QueryPlan::params), so the plan
// and its SQL depend only on the query's shape, never on variable or session values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/json.hpp"
#include "engine/catalog/catalog.hpp"
#include "engine/metadata/bool_exp.hpp"
#include "engine/metadata/table_name.hpp"

namespace ward::engine::plan {

template <typename T>
using Box = metadata::Box<T>;  // copyable owning pointer for recursive nodes

// ---- Param slots ----

// Index into QueryPlan::params. sqlgen emits one placeholder per use and records the order.
struct ParamRef {
    std::uint32_t index = 0;
    friend bool operator==(const ParamRef&, const ParamRef&) = default;
};

// A value written in the query text (coerced by the GraphQL layer).
struct LiteralSource {
    core::json::value value;
};
// A step into a variable's value: an object key or an array index.
using PathStep = std::variant<std::string, std::size_t>;
// The value of `$name`, optionally a part of it (e.g. objects[2].title).
struct VariableSource {
    std::string name;
    std::vector<PathStep> path;
};
// A session variable (lower-cased name, "x-hasura-user-id"); its text is cast to the slot type.
struct SessionSource {
    std::string name;
};
struct ParamSource;
// A list whose items come from several places: `_in: [1, $b, "X-Hasura-Org-Id"]`.
struct ListSource {
    std::vector<ParamSource> items;
};
struct ParamSource {
    std::variant<LiteralSource, VariableSource, SessionSource, ListSource> kind;
};

struct Param {
    catalog::ScalarType type = catalog::ScalarType::kOther;
    std::string db_type;   // the column's database type ("int4", "INTEGER"), for casts
    bool array = false;    // a list of `type` (_in, _nin, _has_keys_any, ...)
    bool nullable = true;  // false: a null value is an error at bind time
    ParamSource source;
    // limit: bind() clamps the value to this maximum (the permission's limit).
    std::optional<std::int64_t> max_value;
    // limit / offset: bind() rejects a negative value.
    bool non_negative = false;
};

// ---- references into the catalog ----

struct TableRef {
    std::string source;  // metadata source name ("default")
    metadata::TableName name;
};

struct ColumnRef {
    std::string name;  // database column name (unquoted; sqlgen quotes)
    catalog::ScalarType type = catalog::ScalarType::kOther;
    std::string db_type;
};

// Outer (current) table column = inner (related) table column.
struct JoinColumn {
    std::string outer;
    std::string inner;
};

// ---- Filter ----

struct Filter;

struct BoolConst {
    bool value = true;
};
struct AndFilter {
    std::vector<Filter> items;  // empty = true
};
struct OrFilter {
    std::vector<Filter> items;  // empty = false
};
struct NotFilter {
    Box<Filter> item;
};
// There is a row of `table` (joined by `join`, which is empty for permissions' _exists on an
// unrelated table) matching `where`. Relationship paths in where / permissions become Exists, with
// the remote table's select permission filter already inside `where`.
struct ExistsFilter {
    TableRef table;
    std::vector<JoinColumn> join;
    Box<Filter> where;
};

// Operand of a column comparison ($ceq ...): a column of the current table, or of the root table
// of the permission/where expression (["$", "col"]).
struct ColumnOperand {
    ColumnRef column;
    bool root_table = false;
};

using CompareOp = metadata::CompareOp;  // _eq, _in, _ilike, _ceq, _contains, ...

struct CompareFilter {
    ColumnRef column;
    CompareOp op = CompareOp::kEq;
    // Param for value operators (an array Param for _in/_nin/_has_keys_*), a column for _c*
    // operators, a bool for _is_null (true: IS NULL).
    std::variant<ParamRef, ColumnOperand, bool> operand;
};

// Aggregation predicate: (SELECT count(...) FROM table WHERE join AND filter) <predicate>.
struct AggregatePredicateFilter {
    TableRef table;
    std::vector<JoinColumn> join;
    Box<Filter> filter;    // remote permission filter AND the user's `filter`
    std::string function;  // "count", "bool_and", "bool_or"
    std::vector<ColumnRef> arguments;
    bool distinct = false;
    // Comparisons of the aggregate value, ANDed; the column of each is unused (empty name) and
    // its type is the aggregate's result type.
    std::vector<CompareFilter> predicate;
};

struct Filter {
    std::variant<BoolConst, AndFilter, OrFilter, NotFilter, ExistsFilter, CompareFilter,
                 AggregatePredicateFilter>
        node = BoolConst{true};
};

// ---- order by ----

enum class AggregateFunction : std::uint8_t {
    kCount,
    kSum,
    kAvg,
    kMax,
    kMin,
    kStddev,
    kStddevPop,
    kStddevSamp,
    kVarPop,
    kVarSamp,
    kVariance,
};
std::string_view to_string(AggregateFunction f);  // "count", "sum", "stddev_pop", ...

// One object-relationship hop of an order_by path: join to `table`, whose rows the role can see
// only through `filter` (its select permission).
struct OrderByHop {
    TableRef table;
    std::vector<JoinColumn> join;
    Filter filter;
};
// Ordering by an aggregate of an array relationship (the last hop): count(*) or fn(column).
struct OrderByAggregate {
    TableRef table;
    std::vector<JoinColumn> join;
    Filter filter;
    AggregateFunction function = AggregateFunction::kCount;
    std::optional<ColumnRef> column;  // nullopt for count
};
struct OrderBy {
    std::vector<OrderByHop> path;  // object relationships from the current table, in order
    std::variant<ColumnRef, OrderByAggregate> target;
    bool descending = false;
    bool nulls_first = false;  // Hasura: asc = nulls last, desc = nulls first
};

// ---- selections ----

struct TableSelect;
struct AggregateSelect;

struct ColumnField {
    ColumnRef column;
};
// A constant string in the output (__typename).
struct TypenameField {
    std::string name;
};
// A related row (JSON object or null).
struct ObjectRelationshipField {
    Box<TableSelect> select;  // select->single is true
    std::vector<JoinColumn> join;
};
// Related rows (JSON array, [] when none).
struct ArrayRelationshipField {
    Box<TableSelect> select;
    std::vector<JoinColumn> join;
};
// <rel>_aggregate: a JSON object over the related rows.
struct ArrayAggregateField {
    Box<AggregateSelect> select;
    std::vector<JoinColumn> join;
};

struct OutputField {
    std::string key;  // response key (alias or name)
    std::variant<ColumnField, TypenameField, ObjectRelationshipField, ArrayRelationshipField,
                 ArrayAggregateField>
        value;
};

// The rows clause shared by selections: FROM table WHERE where ORDER BY ... LIMIT ... OFFSET.
struct Rows {
    TableRef table;
    Filter where;  // the select permission filter AND the user's where (AND by_pk columns)
    std::vector<OrderBy> order_by;
    std::vector<ColumnRef> distinct_on;  // DISTINCT ON: PostgreSQL; emulated on SQLite
    std::optional<ParamRef> limit;       // an Int Param, already clamped by the permission
    std::optional<ParamRef> offset;
};

struct TableSelect {
    Rows rows;
    std::vector<OutputField> fields;  // in response order
    // One JSON object or null (by_pk, object relationships, *_one/by_pk returning) instead of
    // an array.
    bool single = false;
};

// Fields of `aggregate { ... }`.
struct AggregateColumn {
    std::string key;
    std::variant<ColumnRef, TypenameField> value;
};
struct CountAggregate {
    std::vector<ColumnRef> columns;  // empty: count(*)
    bool distinct = false;
};
struct FunctionAggregate {
    AggregateFunction function = AggregateFunction::kSum;
    std::vector<AggregateColumn> columns;  // a JSON object of fn(column) per key
};
struct AggregateOp {
    std::string key;
    std::variant<CountAggregate, FunctionAggregate, TypenameField> value;
};
struct AggregateBlock {
    std::vector<AggregateOp> ops;
};
struct NodesBlock {
    std::vector<OutputField> fields;  // per row, in rows' order
};
struct AggregateOutput {
    std::string key;
    std::variant<AggregateBlock, NodesBlock, TypenameField> value;
};
// <table>_aggregate: {aggregate: {...}, nodes: [...]} over the same rows.
struct AggregateSelect {
    Rows rows;
    std::vector<AggregateOutput> fields;
};

// ---- mutations ----

// What a mutation answers: <table>_mutation_response {affected_rows, returning} or, for *_one /
// *_by_pk, the row itself (`single`: object or null).
struct AffectedRows {};
struct Returning {
    std::vector<OutputField> fields;  // per affected row, read back under the select permission
};
struct MutationOutputField {
    std::string key;
    std::variant<AffectedRows, Returning, TypenameField> value;
};
struct MutationOutput {
    bool single = false;
    std::vector<MutationOutputField> fields;  // when !single
    std::vector<OutputField> row_fields;      // when single
    // The select permission filter of the returned rows (rows the role cannot select come back
    // as null / are left out of `returning`); true when the role may select everything.
    Filter returning_filter;
};

struct OnConflict {
    std::string constraint;  // a primary key or unique constraint name
    // The constraint's columns: SQLite names a conflict target by its columns, not its name.
    std::vector<std::string> constraint_columns;
    std::vector<ColumnRef> update_columns;  // empty: DO NOTHING
    Filter where;  // the update permission filter AND the user's where (DO UPDATE ... WHERE)
    // The update permission's check (true when none): rows the upsert updated must pass it
    // instead of the insert check, as in Hasura.
    Filter check;
};

struct Insert {
    TableRef table;
    std::vector<ColumnRef> columns;  // every column any row sets, presets included
    // One entry per row and column; nullopt: DEFAULT (the row did not set the column).
    std::vector<std::vector<std::optional<ParamRef>>> rows;
    std::optional<OnConflict> on_conflict;
    Filter check;  // insert permission check, evaluated on every inserted row
    MutationOutput output;
};

enum class UpdateOp : std::uint8_t {
    kSet,
    kInc,
    kAppend,
    kPrepend,
    kDeleteKey,
    kDeleteElem,
    kDeleteAtPath,
};
struct ColumnUpdate {
    ColumnRef column;
    UpdateOp op = UpdateOp::kSet;
    ParamRef value;
};
struct Update {
    TableRef table;
    Filter where;                       // update permission filter AND user where / pk columns
    std::vector<ColumnUpdate> updates;  // presets last (they win)
    Filter check;                       // post-update check (true when none)
    MutationOutput output;
};
// update_<table>_many: each entry runs in order; the answer is a list of mutation responses.
struct UpdateMany {
    std::vector<Update> updates;
};
struct Delete {
    TableRef table;
    Filter where;  // delete permission filter AND user where / pk columns
    MutationOutput output;
};

// ---- the operation ----

// __schema / __type: answered by the server from the GraphQL schema, not the database.
struct Introspection {
    std::string field_name;
};

struct RootFieldPlan {
    std::string key;  // response key
    std::variant<TableSelect, AggregateSelect, Insert, Update, UpdateMany, Delete, TypenameField,
                 Introspection>
        node;
};

enum class OperationKind : std::uint8_t { kQuery, kMutation, kSubscription };

struct QueryPlan {
    OperationKind kind = OperationKind::kQuery;
    std::vector<RootFieldPlan> fields;  // in response order
    std::vector<Param> params;          // indexed by ParamRef
    // Variables whose VALUES shaped the plan (a whole `where: $w`, `objects: $rows`,
    // `order_by: $o`): a cached plan may be reused only for the same values of these (plus the
    // @skip/@include variables, graphql::shape_variables). Empty for most queries.
    std::vector<std::string> value_variables;
};

}  // namespace ward::engine::plan

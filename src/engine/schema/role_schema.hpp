// engine::schema: the GraphQL schema one role sees (Hasura's generated schema, spec/hasura.md §3),
// built from metadata + catalog, plus what each database-backed field means and the merged
// permissions the planner applies. A Snapshot holds every role's schema; it is immutable and is
// swapped as a whole when metadata or the catalog change.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "engine/catalog/catalog.hpp"
#include "engine/graphql/schema.hpp"
#include "engine/metadata/bool_exp.hpp"
#include "engine/metadata/metadata.hpp"

namespace ward::engine::schema {

inline constexpr std::string_view kAdminRole = "admin";

// ---- permissions, merged for one (role, table) ----

// Column lists hold database column names, in the table's column order.
struct SelectPermission {
    metadata::BoolExp filter;  // is_true() for admin
    std::vector<std::string> columns;
    std::optional<std::int64_t> limit;
    bool allow_aggregations = false;
    // Inherited roles only (hasura.md §2.4): a column granted by some parents but not all is
    // visible when this expression (the OR of the granting parents' filters) holds, else null.
    // Columns not listed here are visible whenever the row is.
    std::map<std::string, metadata::BoolExp, std::less<>> column_filters;
    // Root fields the role may use on query_root / subscription_root ("select", "select_by_pk",
    // "select_aggregate", "select_stream"); all when the permission does not restrict them.
    bool query_select = true, query_select_by_pk = true, query_select_aggregate = true;
    bool subscription_select = true, subscription_select_by_pk = true,
         subscription_select_aggregate = true;
};

struct InsertPermission {
    metadata::BoolExp check;
    metadata::Presets set;             // column presets, applied over user input
    std::vector<std::string> columns;  // settable columns (preset columns excluded)
    bool backend_only = false;
};

struct UpdatePermission {
    metadata::BoolExp filter;
    std::optional<metadata::BoolExp> check;  // post-update check; none = true
    metadata::Presets set;
    std::vector<std::string> columns;  // updatable columns (preset columns excluded)
    bool backend_only = false;
};

struct DeletePermission {
    metadata::BoolExp filter;
    bool backend_only = false;
};

// ---- tables ----

struct ColumnInfo {
    std::string name;          // database name
    std::string graphql_name;  // custom name or `name`
    catalog::ScalarType scalar = catalog::ScalarType::kOther;
    std::string scalar_name;  // GraphQL scalar name ("Int", "uuid", "timestamptz", ...)
    bool nullable = true;
    bool has_default = false;
    bool is_generated = false;
};

struct TableInfo;

struct RelationshipInfo {
    std::string name;  // also its GraphQL field name
    metadata::RelationshipKind kind = metadata::RelationshipKind::kObject;
    const TableInfo* remote = nullptr;  // in the same RoleSchema; never null
    // local column -> remote column (database names), in order.
    std::vector<std::pair<std::string, std::string>> column_mapping;
    // An object relationship whose local columns may be null (Hasura then types it nullable).
    bool nullable = true;
};

// One tracked table as one role sees it. Permissions that the role lacks are nullopt.
struct TableInfo {
    std::string source;  // metadata source name ("default")
    metadata::SourceKind source_kind = metadata::SourceKind::kPostgres;
    metadata::TableName name;
    const catalog::Table* catalog = nullptr;      // never null; kept alive by the RoleSchema
    std::string graphql_name;                     // custom_name, or Hasura's default name
    std::vector<ColumnInfo> columns;              // every column of the table, in table order
    std::vector<std::string> primary_key;         // database names; empty: no *_by_pk fields
    std::vector<RelationshipInfo> relationships;  // only those to tables the role may select
    // Root field names after custom_root_fields; empty when the role lacks the field.
    std::map<std::string, std::string, std::less<>> root_field_names;  // key "select", ...
    std::optional<SelectPermission> select;
    std::optional<InsertPermission> insert;
    std::optional<UpdatePermission> update;
    std::optional<DeletePermission> del;

    const ColumnInfo* column(std::string_view db_name) const;
    const ColumnInfo* column_by_graphql_name(std::string_view graphql_name) const;
    const RelationshipInfo* relationship(std::string_view name) const;
};

// ---- what a GraphQL field means ----

enum class RootFieldKind : std::uint8_t {
    kSelect,
    kSelectByPk,
    kSelectAggregate,
    kSelectStream,
    kInsert,
    kInsertOne,
    kUpdate,
    kUpdateByPk,
    kUpdateMany,
    kDelete,
    kDeleteByPk,
};
std::string_view to_string(RootFieldKind kind);  // "select", "select_by_pk", ...

enum class RootKind : std::uint8_t { kQuery, kMutation, kSubscription };

// A field of query_root / mutation_root / subscription_root.
struct RootField {
    const TableInfo* table = nullptr;
    RootFieldKind kind = RootFieldKind::kSelect;
    RootKind root = RootKind::kQuery;
};

// A column field of `<table>` (and of `<table>_mutation_response.returning`'s element type).
struct ColumnField {
    const TableInfo* table = nullptr;
    const ColumnInfo* column = nullptr;
};

// A relationship field of `<table>`; `aggregate` for `<rel>_aggregate` on array relationships.
struct RelationshipField {
    const TableInfo* table = nullptr;
    const RelationshipInfo* relationship = nullptr;
    bool aggregate = false;
};

// A field of `<table>_aggregate`: `aggregate` or `nodes`.
struct AggregateRootField {
    const TableInfo* table = nullptr;
    enum class Kind : std::uint8_t { kAggregate, kNodes } kind = Kind::kAggregate;
};

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

// A field of `<table>_aggregate_fields`: `count(columns, distinct)` or `sum`/`avg`/...
struct AggregateField {
    const TableInfo* table = nullptr;
    AggregateFunction function = AggregateFunction::kCount;
};

// A column field of `<table>_sum_fields`, `<table>_max_fields`, ...
struct AggregateColumnField {
    const TableInfo* table = nullptr;
    AggregateFunction function = AggregateFunction::kSum;
    const ColumnInfo* column = nullptr;
};

// A field of `<table>_mutation_response`.
struct MutationResponseField {
    const TableInfo* table = nullptr;
    enum class Kind : std::uint8_t { kAffectedRows, kReturning } kind = Kind::kAffectedRows;
};

using FieldInfo = std::variant<RootField, ColumnField, RelationshipField, AggregateRootField,
                               AggregateField, AggregateColumnField, MutationResponseField>;

// What a generated input type is for, so the planner can read argument values.
enum class InputKind : std::uint8_t {
    kBoolExp,            // <table>_bool_exp
    kOrderBy,            // <table>_order_by
    kAggregateOrderBy,   // <table>_aggregate_order_by
    kPkColumns,          // <table>_pk_columns_input
    kInsertInput,        // <table>_insert_input
    kObjRelInsertInput,  // <table>_obj_rel_insert_input
    kArrRelInsertInput,  // <table>_arr_rel_insert_input
    kOnConflict,         // <table>_on_conflict
    kSetInput,           // <table>_set_input
    kIncInput,           // <table>_inc_input
    kUpdates,            // <table>_updates
    kStreamCursorInput,  // <table>_stream_cursor_input
    kStreamCursorValue,  // <table>_stream_cursor_value_input
    // jsonb update operators: <table>_append_input, _prepend_input, _delete_key_input,
    // _delete_elem_input, _delete_at_path_input.
    kAppendInput,
    kPrependInput,
    kDeleteKeyInput,
    kDeleteElemInput,
    kDeleteAtPathInput,
};
struct InputInfo {
    const TableInfo* table = nullptr;
    InputKind kind = InputKind::kBoolExp;
};

// ---- one role ----

// Immutable once built; safe to share between threads.
class RoleSchema {
  public:
    RoleSchema(const RoleSchema&) = delete;
    RoleSchema& operator=(const RoleSchema&) = delete;

    const std::string& role() const { return role_; }
    bool is_admin() const { return role_ == kAdminRole; }
    const graphql::Schema& graphql() const { return *graphql_; }
    const std::shared_ptr<const graphql::Schema>& graphql_ptr() const { return graphql_; }

    // What `parent_type.field_name` means, e.g. ("query_root", "users") -> RootField. Null for
    // fields that need no database (__typename, introspection) or are unknown.
    const FieldInfo* field(std::string_view parent_type, std::string_view field_name) const;
    // The table behind an object type `<table>` (also `<table>_aggregate`, ...); null if none.
    const TableInfo* table_of_type(std::string_view object_type) const;
    // What a generated input object type is for; null for other types.
    const InputInfo* input(std::string_view input_type) const;
    // The table as this role sees it; null when the role has no permission on it.
    const TableInfo* table(std::string_view source, const metadata::TableName& name) const;
    const std::vector<std::unique_ptr<TableInfo>>& tables() const { return tables_; }
    // Any tracked table as the admin sees it (every column, every relationship), for reading
    // permission filters only: the admin wrote them, and Hasura evaluates their `_exists` tables
    // and relationship paths without the role's own permissions there. Nothing of these tables
    // reaches the role's GraphQL schema. Null when the table is not tracked or not in the
    // catalog.
    const TableInfo* tracked_table(std::string_view source, const metadata::TableName& name) const;

  private:
    friend class RoleSchemaBuilder;
    RoleSchema() = default;

    struct Key {
        std::string_view a, b;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const {
            return std::hash<std::string_view>()(k.a) * 31u ^ std::hash<std::string_view>()(k.b);
        }
    };

    std::string role_;
    std::shared_ptr<const graphql::Schema> graphql_;
    catalog::Catalogs catalogs_;  // keeps TableInfo::catalog alive
    std::vector<std::unique_ptr<TableInfo>> tables_;
    std::vector<std::unique_ptr<std::string>> names_;  // storage for map keys
    std::unordered_map<Key, FieldInfo, KeyHash> fields_;
    std::unordered_map<std::string_view, const TableInfo*> types_;
    std::unordered_map<std::string_view, InputInfo> inputs_;
    std::map<std::pair<std::string, metadata::TableName>, const TableInfo*, std::less<>> by_name_;
    // The admin's view of every tracked table (tables and relationships only, no GraphQL
    // schema); null for the admin itself, whose own tables are that view.
    std::shared_ptr<const RoleSchema> tracked_;
};

// ---- every role ----

class Snapshot {
  public:
    // The role's schema; the admin role always has one. Null for a role with no permission at
    // all (the caller answers as Hasura does for an unknown role).
    // With `backend_only` (admin secret + x-hasura-use-backend-only-permissions: true), the
    // schema that also exposes backend_only mutations.
    std::shared_ptr<const RoleSchema> for_role(std::string_view role,
                                               bool backend_only = false) const;
    // for_role, or else the schema Hasura shows a role without permissions (a query_root holding
    // only `no_queries_available`, no mutation or subscription root). Never null.
    std::shared_ptr<const RoleSchema> for_role_or_empty(std::string_view role,
                                                        bool backend_only = false) const;
    const std::map<std::string, std::shared_ptr<const RoleSchema>, std::less<>>& roles() const {
        return roles_;
    }

  private:
    friend core::Result<std::shared_ptr<const Snapshot>> build_snapshot(const metadata::Metadata&,
                                                                        const catalog::Catalogs&);
    std::map<std::string, std::shared_ptr<const RoleSchema>, std::less<>> roles_;
    // Only for roles with a backend_only mutation permission somewhere.
    std::map<std::string, std::shared_ptr<const RoleSchema>, std::less<>> backend_roles_;
    std::shared_ptr<const RoleSchema> empty_;
};

// Builds every role's schema: admin, each role named in a permission, each inherited role.
// Tracked objects the catalog lacks (table, column, relationship target) are skipped, never
// fatal. Errors: kInternal only if a generated schema breaks a GraphQL rule (a bug), with the
// rule in the message.
core::Result<std::shared_ptr<const Snapshot>> build_snapshot(const metadata::Metadata& metadata,
                                                             const catalog::Catalogs& catalogs);

// One role's schema (build_snapshot calls it per role). Errors as build_snapshot.
// `backend_only` also exposes backend_only mutation permissions.
core::Result<std::shared_ptr<const RoleSchema>> build_role_schema(
    const metadata::Metadata& metadata, const catalog::Catalogs& catalogs, std::string_view role,
    bool backend_only = false);

// The GraphQL scalar name Hasura gives a column type: "Int", "String", "uuid", "timestamptz",
// ...; kOther uses the database type name.
std::string scalar_name(catalog::ScalarType type, std::string_view db_type = {});

}  // namespace ward::engine::schema

// The Hasura metadata model (export format version 3, spec/hasura.md §5.4): sources, tracked
// tables, their customization, relationships and per-role permissions, plus inherited roles.
// Everything Ward does not interpret (actions, remote schemas, event triggers, ...) is kept as
// opaque JSON, so emit_metadata(parse_metadata(x)) keeps it. Pure values: no SQL, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/json.hpp"
#include "engine/metadata/bool_exp.hpp"
#include "engine/metadata/errors.hpp"
#include "engine/metadata/table_name.hpp"

namespace ward::engine::metadata {

// `kind` of a source: Hasura's postgres, or Ward's embedded SQLite.
enum class SourceKind { kPostgres, kSqlite };
std::string_view to_string(SourceKind kind);

// A root-field name given as "name" or {"name": ..., "comment": ...}.
struct CustomRootField {
    std::optional<std::string> name;  // nullopt when written as {"comment": ...} or null
    std::optional<std::string> comment;
    bool object_form = false;
};

struct ColumnConfig {
    std::optional<std::string> custom_name;
    std::optional<std::string> comment;
};

// Root-field keys allowed in custom_root_fields.
inline constexpr std::string_view kRootFieldKeys[] = {
    "select", "select_by_pk", "select_aggregate", "select_stream", "insert",      "insert_one",
    "update", "update_by_pk", "update_many",      "delete",        "delete_by_pk"};

// A table's `configuration` (pg_track_table / pg_set_table_customization args).
struct TableConfiguration {
    std::optional<std::string> custom_name;
    std::optional<std::vector<std::pair<std::string, CustomRootField>>> custom_root_fields;
    std::optional<std::vector<std::pair<std::string, ColumnConfig>>> column_config;
    // Deprecated {column: graphql_name}; Hasura still reads and writes it.
    std::optional<std::vector<std::pair<std::string, std::string>>> custom_column_names;
    std::optional<std::string> comment;
    core::json::object extra;  // unknown keys, kept

    // The GraphQL name of a column: column_config first, then custom_column_names, else nullopt.
    std::optional<std::string> column_custom_name(std::string_view column) const;
    // The custom name of a root field ("select", "insert_one", ...), if any.
    std::optional<std::string> root_field_name(std::string_view key) const;
};

// using.foreign_key_constraint_on, in the form it was written.
struct ForeignKeyUsing {
    enum class Form {
        kColumn,        // "author_id"
        kColumns,       // ["a", "b"]
        kTableColumn,   // {"table": ..., "column": "author_id"} (deprecated)
        kTableColumns,  // {"table": ..., "columns": [...]}
    };
    Form form = Form::kColumn;
    std::optional<TableName> table;  // set for the table forms: the table holding the columns
    std::vector<std::string> columns;
};

// using.manual_configuration.
struct ManualConfiguration {
    TableName remote_table;
    std::vector<std::pair<std::string, std::string>> column_mapping;  // local -> remote, in order
    std::optional<std::string> insertion_order;  // "before_parent" | "after_parent"
    core::json::object extra;
};

enum class RelationshipKind { kObject, kArray };
std::string_view to_string(RelationshipKind kind);

struct Relationship {
    std::string name;
    std::variant<ForeignKeyUsing, ManualConfiguration> using_;
    std::optional<std::string> comment;
    core::json::object extra;

    const ForeignKeyUsing* foreign_key() const { return std::get_if<ForeignKeyUsing>(&using_); }
    const ManualConfiguration* manual() const { return std::get_if<ManualConfiguration>(&using_); }
    // The table this relationship points at when the metadata alone says so (manual
    // configuration or an fk given with {table}); nullopt for an fk on local columns, whose
    // target only the catalog knows.
    std::optional<TableName> remote_table() const;
};

// `columns`: a list, or "*" for every column.
struct ColumnSet {
    bool all = false;
    std::vector<std::string> names;

    bool contains(std::string_view column) const;
};

// Column presets (`set`): column -> literal or session variable, in written order.
using Presets = std::vector<std::pair<std::string, Value>>;

struct SelectPermission {
    ColumnSet columns;
    BoolExp filter;
    std::optional<std::int64_t> limit;
    std::optional<bool> allow_aggregations;  // absent = false
    std::optional<std::vector<std::string>> computed_fields;
    std::optional<std::vector<std::string>> query_root_fields;         // absent = all
    std::optional<std::vector<std::string>> subscription_root_fields;  // absent = all
    core::json::object extra;

    bool aggregations_allowed() const { return allow_aggregations.value_or(false); }
};

struct InsertPermission {
    BoolExp check;
    std::optional<Presets> set;
    std::optional<ColumnSet> columns;  // absent = every column
    std::optional<bool> backend_only;
    core::json::object extra;  // validate_input, ...

    bool is_backend_only() const { return backend_only.value_or(false); }
};

struct UpdatePermission {
    ColumnSet columns;
    BoolExp filter;
    std::optional<BoolExp> check;
    std::optional<Presets> set;
    std::optional<bool> backend_only;
    core::json::object extra;

    bool is_backend_only() const { return backend_only.value_or(false); }
};

struct DeletePermission {
    BoolExp filter;
    std::optional<bool> backend_only;
    core::json::object extra;

    bool is_backend_only() const { return backend_only.value_or(false); }
};

enum class PermissionKind { kInsert, kSelect, kUpdate, kDelete };
std::string_view to_string(PermissionKind kind);  // "insert", "select", ...

template <typename P>
struct PermissionEntry {
    std::string role;
    P permission;
    std::optional<std::string> comment;
};

struct TableMetadata {
    TableName table;
    std::optional<bool> is_enum;
    std::optional<TableConfiguration> configuration;
    std::vector<Relationship> object_relationships;
    std::vector<Relationship> array_relationships;
    std::vector<PermissionEntry<InsertPermission>> insert_permissions;
    std::vector<PermissionEntry<SelectPermission>> select_permissions;
    std::vector<PermissionEntry<UpdatePermission>> update_permissions;
    std::vector<PermissionEntry<DeletePermission>> delete_permissions;
    // computed_fields, remote_relationships, event_triggers, apollo_federation_config, ...
    core::json::object extra;

    // Look-ups by name / role; nullptr when absent.
    const Relationship* find_relationship(std::string_view name) const;
    std::optional<RelationshipKind> relationship_kind(std::string_view name) const;
    const SelectPermission* select_permission(std::string_view role) const;
    const InsertPermission* insert_permission(std::string_view role) const;
    const UpdatePermission* update_permission(std::string_view role) const;
    const DeletePermission* delete_permission(std::string_view role) const;
    bool has_permission(PermissionKind kind, std::string_view role) const;
};

struct Source {
    std::string name;
    SourceKind kind = SourceKind::kPostgres;
    std::vector<TableMetadata> tables;
    core::json::value configuration;  // connection_info etc., kept as written
    std::optional<core::json::value> customization;
    core::json::object extra;  // functions, native queries, ...

    const TableMetadata* find_table(const TableName& t) const;
    TableMetadata* find_table(const TableName& t);
};

struct InheritedRole {
    std::string role_name;
    std::vector<std::string> role_set;
};

struct Metadata {
    std::vector<Source> sources;
    std::vector<InheritedRole> inherited_roles;
    core::json::object extra;  // remote_schemas, actions, custom_types, allowlist, ...

    const Source* find_source(std::string_view name) const;
    Source* find_source(std::string_view name);
    const InheritedRole* find_inherited_role(std::string_view name) const;
};

// Parses an exported metadata object. Accepts version 3 ({"version": 3, "sources": [...]}) and
// the pre-2.0 version 1/2 shape (top-level "tables"), which becomes one postgres source named
// "default". Errors (with the JSON path, e.g. "$.sources[0].tables[1].select_permissions[0]"):
// kParseFailed for shape errors (`key "role" not found`, `expected Array, but encountered
// String`), kUnexpectedPayload for unknown boolean operators, kNotSupported for a source kind
// other than postgres/sqlite, kAlreadyExists for duplicate sources, tables, relationships or
// permissions ("multiple declarations exist for ...").
Result<Metadata> parse_metadata(const core::json::value& v, std::string_view path = "$");

// The version 3 export, keys in Hasura's order; defaults and empty lists omitted as Hasura does,
// values that were written explicitly kept.
core::json::object emit_metadata(const Metadata& m);

// Component parsers/emitters, shared with the command parser.
Result<TableConfiguration> parse_table_configuration(const core::json::value& v,
                                                     std::string_view path);
core::json::object emit_table_configuration(const TableConfiguration& c);
Result<Relationship> parse_relationship(const core::json::value& v, std::string_view path,
                                        RelationshipKind kind);
core::json::object emit_relationship(const Relationship& r);
Result<SelectPermission> parse_select_permission(const core::json::value& v, std::string_view path);
Result<InsertPermission> parse_insert_permission(const core::json::value& v, std::string_view path);
Result<UpdatePermission> parse_update_permission(const core::json::value& v, std::string_view path);
Result<DeletePermission> parse_delete_permission(const core::json::value& v, std::string_view path);
core::json::object emit_permission(const SelectPermission& p);
core::json::object emit_permission(const InsertPermission& p);
core::json::object emit_permission(const UpdatePermission& p);
core::json::object emit_permission(const DeletePermission& p);
Result<TableMetadata> parse_table_metadata(const core::json::value& v, std::string_view path);
core::json::object emit_table_metadata(const TableMetadata& t);

}  // namespace ward::engine::metadata

// The /v1/metadata commands (spec/hasura.md §5.1-5.2) as typed values, parsed from the request
// body {type, args, version?, resource_version?}. Table commands exist with the `pg_` prefix and
// with Ward's `sqlite_` prefix; `source` defaults to "default".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/json.hpp"
#include "engine/metadata/errors.hpp"
#include "engine/metadata/metadata.hpp"

namespace ward::engine::metadata {

inline constexpr std::string_view kDefaultSource = "default";

// Which prefix a table command used; the source it names must be of the matching kind.
enum class Backend { kPostgres, kSqlite };

struct TrackTable {
    Backend backend = Backend::kPostgres;
    std::string source{kDefaultSource};
    TableName table;
    std::optional<TableConfiguration> configuration;
    std::optional<bool> is_enum;
    core::json::object extra;  // apollo_federation_config, ... (kept on the table)
};

struct UntrackTable {
    Backend backend = Backend::kPostgres;
    std::string source{kDefaultSource};
    TableName table;
    bool cascade = false;
};

struct CreatePermission {
    Backend backend = Backend::kPostgres;
    std::string source{kDefaultSource};
    TableName table;
    std::string role;
    std::variant<InsertPermission, SelectPermission, UpdatePermission, DeletePermission> permission;
    std::optional<std::string> comment;

    PermissionKind kind() const { return static_cast<PermissionKind>(permission.index()); }
};

struct DropPermission {
    Backend backend = Backend::kPostgres;
    std::string source{kDefaultSource};
    TableName table;
    std::string role;
    PermissionKind kind = PermissionKind::kSelect;
};

struct CreateRelationship {
    Backend backend = Backend::kPostgres;
    std::string source{kDefaultSource};
    TableName table;
    RelationshipKind kind = RelationshipKind::kObject;
    Relationship relationship;
};

struct DropRelationship {
    Backend backend = Backend::kPostgres;
    std::string source{kDefaultSource};
    TableName table;
    std::string relationship;
    bool cascade = false;
};

struct SetTableCustomization {
    Backend backend = Backend::kPostgres;
    std::string source{kDefaultSource};
    TableName table;
    TableConfiguration configuration;
};

struct AddInheritedRole {
    InheritedRole role;
};

struct DropInheritedRole {
    std::string role_name;
};

struct ExportMetadata {};

struct ReplaceMetadata {
    Metadata metadata;
    bool allow_inconsistent_metadata = false;
    bool wrapped = false;  // args were {allow_inconsistent_metadata?, metadata} (version 2 form)
};

struct ReloadMetadata {
    core::json::object args;  // reload_sources, reload_remote_schemas, ... (nothing to do here)
};

struct ClearMetadata {};
struct GetInconsistentMetadata {};
struct DropInconsistentMetadata {};

struct Command;

struct Bulk {
    std::vector<Command> commands;
};

using CommandArgs =
    std::variant<TrackTable, UntrackTable, CreatePermission, DropPermission, CreateRelationship,
                 DropRelationship, SetTableCustomization, AddInheritedRole, DropInheritedRole,
                 ExportMetadata, ReplaceMetadata, ReloadMetadata, ClearMetadata,
                 GetInconsistentMetadata, DropInconsistentMetadata, Bulk>;

struct Command {
    std::string type;  // as sent, e.g. "pg_track_table"
    CommandArgs args;
    std::optional<std::int64_t> version;           // 1 or 2 (export/replace response shapes)
    std::optional<std::int64_t> resource_version;  // optimistic concurrency (checked by the engine)

    // True for commands that never change metadata (export, get_inconsistent, reload).
    bool is_read_only() const;
};

// Parses a request body. Errors (path in Hasura's form, "$.args.table"): kParseFailed for shape
// errors and for an unknown `type` (`unknown metadata command "x"` at "$.type"), and whatever
// the component parsers return (bad boolean operator: kUnexpectedPayload).
Result<Command> parse_command(const core::json::value& body);

}  // namespace ward::engine::metadata

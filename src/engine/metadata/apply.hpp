// Applying a /v1/metadata command to a Metadata value: a pure function from (metadata, command)
// to new metadata plus the response body, with Hasura's error codes and messages. Checks that
// need the database (does the table / column / foreign key exist?) go through CatalogView, which
// the engine implements over its catalog; without a catalog those checks are skipped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "engine/metadata/commands.hpp"
#include "engine/metadata/errors.hpp"
#include "engine/metadata/metadata.hpp"

namespace ward::engine::metadata {

struct ForeignKey {
    std::string constraint_name;
    TableName table;                                                  // the referencing table
    TableName ref_table;                                              // the referenced table
    std::vector<std::pair<std::string, std::string>> column_mapping;  // table col -> ref col
};

// What metadata needs to know about the database. Implementations must be safe to call from the
// thread that applies the command; they are not retained past the call.
class CatalogView {
  public:
    virtual ~CatalogView() = default;
    virtual bool has_table(std::string_view source, const TableName& table) const = 0;
    // Column names of a table; nullopt when the table does not exist.
    virtual std::optional<std::vector<std::string>> columns_of(std::string_view source,
                                                               const TableName& table) const = 0;
    // Foreign keys declared on `table` (the referencing side).
    virtual std::vector<ForeignKey> foreign_keys_of(std::string_view source,
                                                    const TableName& table) const = 0;
};

// One entry of get_inconsistent_metadata's "inconsistent_objects".
struct InconsistentObject {
    std::string type;  // "table", "object_relation", "array_relation", "select_permission", ...
    std::string name;  // "table public.article in source default"
    core::json::value definition;
    std::string reason;  // "Inconsistent object: no such table/view exists in source: ..."
    // Where it is in the metadata (for drop_inconsistent_metadata; not part of the report).
    std::string source;
    TableName table;
    std::string member;  // the relationship's name or the permission's role; "" for a table

    core::json::object to_json() const;
};

// Every metadata object the catalog does not back (tables that do not exist, relationships
// whose remote table or columns are gone, permissions on missing columns). Empty without a
// catalog.
std::vector<InconsistentObject> find_inconsistencies(const Metadata& metadata,
                                                     const CatalogView* catalog);

// drop_inconsistent_metadata: removes every object find_inconsistencies reports, then again
// for the objects that only depended on removed ones (a relationship to a dropped table), until
// the metadata is consistent. Returns how many objects were removed; never fails.
std::size_t drop_inconsistencies(Metadata& metadata, const CatalogView* catalog);

struct Applied {
    Metadata metadata;
    core::json::value response;  // {"message":"success"}, the export, a bulk array, ...
};

// Applies one command. `catalog` may be null (checks that need it are skipped). Never partial:
// on error the input is untouched and nothing is returned but the error; a bulk either applies
// every command or none. Errors (path relative to the request, e.g. "$.args" or
// "$.args[2].args"):
//   not-exists         source with name "x" does not exist; table "t" does not exist in source:
//                      default; no such table/view exists in source: "t"; <kind> permission on
//                      "t" for role "r" does not exist; relationship "r" of table "t" does not
//                      exist; inherited role "r" does not exist
//   already-tracked    view/table already tracked: "t"
//   already-untracked  view/table already untracked: "t"
//   already-exists     <kind> permission already defined on table "t" with role "r";
//                      column/relationship "r" of table "t" already exists; inherited role...
//   constraint-error   no foreign constraint exists on the given column(s)
//   dependency-error   cannot drop due to the following dependent objects: ...
//   invalid-configuration  duplicate custom names; unknown columns in columns, presets,
//                      column_config and permission expressions (followed through relationships);
//                      unknown relationships in expressions;
//                      sqlite_ commands on a postgres source (pg_ commands work on both)
//   cyclic-dependency  an inherited role that would contain itself
//   unexpected         replace_metadata with inconsistencies and allow_inconsistent_metadata off
Result<Applied> apply_command(const Metadata& metadata, const Command& command,
                              const CatalogView* catalog = nullptr);

// {"message":"success"}
core::json::object success_response();

// The body of export_metadata: the metadata object for version 1 (or no version), and
// {"resource_version": N, "metadata": {...}} for version 2 (spec/hasura.md §5.2).
core::json::value export_response(const Metadata& metadata, std::optional<std::int64_t> version,
                                  std::int64_t resource_version);

// Optimistic concurrency (spec/hasura.md §5.1): a command that names a resource_version other
// than `current` fails with kConflict (HTTP 409) at path "$": metadata resource version referenced
// (2) did not match current version. Commands without resource_version always pass.
core::Result<void, MetadataError> check_resource_version(const Command& command,
                                                         std::int64_t current);

}  // namespace ward::engine::metadata

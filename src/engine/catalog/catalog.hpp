// engine::catalog: what the data source holds (tables, columns and their types, primary keys,
// unique constraints, foreign keys), read from PostgreSQL's catalogs or SQLite's pragmas. The
// schema stage consults it to build each role's GraphQL schema; metadata consults it (through
// metadata::CatalogView) to check that tracked objects exist. Values of these types are immutable
// snapshots, rebuilt on reload_metadata / run_sql that changes the schema.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/metadata/table_name.hpp"

namespace ward::engine::catalog {

// The GraphQL scalar a column maps to (Hasura's names: hasura.md §3.2). SQLite's declared types
// are mapped by affinity rules onto the same set, so one schema builder serves both dialects.
enum class ScalarType {
    kInt,          // int4 / integer / INTEGER
    kBigint,       // int8 / bigint
    kSmallint,     // int2
    kFloat,        // float8 / double precision / REAL
    kFloat4,       // float4 / real
    kNumeric,      // numeric / decimal
    kString,       // text
    kVarchar,      // varchar / character varying
    kBpchar,       // char(n)
    kBoolean,      // bool
    kJson,         // json
    kJsonb,        // jsonb
    kUuid,         // uuid
    kDate,         // date
    kTime,         // time
    kTimetz,       // timetz
    kTimestamp,    // timestamp
    kTimestamptz,  // timestamptz
    kBytea,        // bytea / BLOB
    kOther,        // anything else: exposed by its type name, compared as text
};

struct Column {
    std::string name;
    std::string db_type;  // the database's own type name ("int4", "text", "INTEGER" …)
    ScalarType scalar = ScalarType::kOther;
    bool nullable = true;
    bool has_default = false;  // a DEFAULT, identity or serial: optional in insert inputs
    bool is_generated = false;
    int position = 0;  // 1-based ordinal, the order of the table definition
};

struct ForeignKey {
    std::string constraint_name;
    std::vector<std::string> columns;  // on this table
    metadata::TableName ref_table;
    std::vector<std::string> ref_columns;  // same order as `columns`
};

struct UniqueConstraint {
    std::string name;
    std::vector<std::string> columns;
};

struct Table {
    metadata::TableName name;
    bool is_view = false;
    std::vector<Column> columns;  // ordered by position
    std::vector<std::string> primary_key;
    std::string primary_key_constraint;  // e.g. "users_pkey" (Hasura's <table>_constraint enum)
    std::vector<UniqueConstraint> unique_constraints;
    std::vector<ForeignKey> foreign_keys;

    const Column* column(std::string_view name) const;
};

// All tables of one data source.
class Catalog {
  public:
    Catalog() = default;
    explicit Catalog(std::vector<Table> tables);

    const Table* table(const metadata::TableName& name) const;
    const std::vector<Table>& tables() const { return tables_; }

  private:
    std::vector<Table> tables_;
    std::map<std::pair<std::string, std::string>, std::size_t> index_;
};

// Every source's catalog, by source name ("default").
using Catalogs = std::map<std::string, std::shared_ptr<const Catalog>, std::less<>>;

}  // namespace ward::engine::catalog

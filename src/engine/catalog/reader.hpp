// Reading a data source's catalog: tables and views with their columns, types, keys and foreign
// keys, from PostgreSQL's pg_catalog or SQLite's sqlite_master and pragmas. SQLite tables are
// reported in schema "public" so that the same metadata serves both dialects.
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "engine/catalog/catalog.hpp"
#include "sql/database.hpp"

namespace ward::engine::catalog {

// Reads every user table and view of `db` (PostgreSQL: all schemas except pg_*,
// information_schema and hdb_catalog; SQLite: the main database except sqlite_* and Ward's own
// ward_* tables). Errors: the database's error (sql::DbError sliced to core::Error).
sql::Task<core::Result<Catalog>> read_catalog(sql::Database& db);

// The ScalarType of a PostgreSQL type name as pg_type.typname spells it ("int4", "timestamptz").
ScalarType scalar_from_postgres(std::string_view type_name);

// The ScalarType of an SQLite declared type ("INTEGER", "varchar(20)", "DOUBLE PRECISION"):
// common type names first, then SQLite's affinity rules (sqlite.org/datatype3.html §3.1).
ScalarType scalar_from_sqlite(std::string_view declared_type);

}  // namespace ward::engine::catalog

// Schema migrations: each component (e.g. "idp", "engine_metadata") keeps its version in
// ward_schema_version(component, version); pending migrations run in order, each in its own
// transaction, so a failed one leaves the previous version in place. Safe when several processes
// start at once: PostgreSQL serializes them with an advisory lock, SQLite with BEGIN IMMEDIATE.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sql/database.hpp"

namespace ward::sql {

struct Migration {
    std::int64_t version;  // > 0, strictly increasing within a list
    std::string sqlite;    // script for SQLite (may hold several statements; empty = no-op)
    std::string postgres;  // script for PostgreSQL
};

// Applies the migrations above the component's current version and returns the version reached.
// Errors: kInvalidParameter (versions not increasing, empty component), or the failing
// migration's DbError with its version in the message (that migration is rolled back).
Task<DbResult<std::int64_t>> migrate(Database& db, std::string_view component,
                                     std::span<const Migration> migrations);

// The component's version; 0 when it has none yet.
Task<DbResult<std::int64_t>> schema_version(Database& db, std::string_view component);

}  // namespace ward::sql

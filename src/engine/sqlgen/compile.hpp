// sqlgen::compile: turns a plan::QueryPlan into SQL for one dialect. A query becomes ONE
// statement returning one row with one text column: the whole `data` object, with nested
// relationships as correlated subqueries, so the server passes the database's JSON through.
// A mutation becomes steps that exec runs in one transaction (see emit_mutation.cpp): one
// statement per root field on PostgreSQL (data-modifying CTEs), change-then-read on SQLite.
#pragma once

#include "core/result.hpp"
#include "engine/plan/ir.hpp"
#include "engine/sqlgen/dialect.hpp"
#include "engine/sqlgen/sql_statement.hpp"

namespace ward::engine::sqlgen {

struct CompileOptions {
    // HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES: bigint and numeric come out as JSON strings.
    bool stringify_numeric = false;
};

// Errors (code): not-supported for what the dialect cannot express (regex/SIMILAR TO and JSON
// operators on SQLite, stddev/variance on SQLite, PostGIS operators, _cast, jsonb update
// operators on SQLite) and for plan nodes not answered with SQL (introspection: the server answers
// it); internal-error for a malformed plan (a ParamRef outside QueryPlan::params, an insert row
// that does not match its columns).
core::Result<SqlStatement> compile(const plan::QueryPlan& plan, const Dialect& dialect,
                                   const CompileOptions& options = {});

}  // namespace ward::engine::sqlgen

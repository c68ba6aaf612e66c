// exec binding: turns the request's values for a statement's Param slots (GraphQL variables,
// literals and session variables, as JSON) into sql::Params typed by each column's ScalarType.
// Values are checked here, the same way on both databases, so SQLite never silently coerces
// what PostgreSQL would refuse.
#pragma once

#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "engine/exec/exec_error.hpp"
#include "engine/sqlgen/sql_statement.hpp"
#include "sql/value.hpp"

namespace ward::engine::exec {

// The value of one slot as `scalar`. JSON null is SQL NULL. Session variables arrive as
// strings, so every scalar also accepts its text form ("42", "true"). Errors: data-exception
// with PostgreSQL's wording ("invalid input syntax for type integer: \"x\"", "… out of range").
core::Result<sql::Value, ExecError> to_sql_value(const core::json::value& v,
                                                 catalog::ScalarType scalar);

// The Params for one step: params[n-1] from slots[step.params[n-1].slot]; a capture param
// (ParamRef::capture) or session param (ParamRef::session) is left NULL for execute() to fill in.
// Errors: as to_sql_value; internal-error when a slot index is out of range (a planner/sqlgen
// mismatch).
core::Result<sql::Params, ExecError> bind_step(const sqlgen::SqlStep& step,
                                               const std::vector<core::json::value>& slots);

// PostgreSQL's name of the type (for messages): "integer", "bigint", "boolean", "uuid" …
std::string_view type_name(catalog::ScalarType scalar);

}  // namespace ward::engine::exec

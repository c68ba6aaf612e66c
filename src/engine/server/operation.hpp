// engine::server operations: one GraphQL operation planned and compiled for the data source
// (what the plan cache keeps), the binding of its Param slots for one request, the mapping of
// the later stages' errors to Hasura's wire shapes, and the assembly of the `data` object from
// the database's JSON text and the introspection fields the server answers itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "engine/auth/session.hpp"
#include "engine/exec/exec_error.hpp"
#include "engine/graphql/execution.hpp"
#include "engine/graphql/schema.hpp"
#include "engine/metadata/session.hpp"
#include "engine/plan/ir.hpp"
#include "engine/plan/plan.hpp"
#include "engine/schema/role_schema.hpp"
#include "engine/server/errors.hpp"
#include "engine/sqlgen/compile.hpp"
#include "engine/sqlgen/sql_statement.hpp"

namespace ward::engine::server {

// One root field of the response, in response order: answered by the database (its key is a
// member of the statement's JSON object) or by the server from the GraphQL schema (__schema,
// __type).
struct RootSlot {
    std::string key;
    bool introspection = false;
};

// What the plan cache holds for (role, query, operation name, schema generation, shaping
// variable values). Independent of variable and session values.
struct CompiledOperation {
    plan::OperationKind kind = plan::OperationKind::kQuery;
    // The plan without its introspection root fields (the database never sees those).
    plan::QueryPlan plan;
    // Null when no root field needs the database.
    std::optional<sqlgen::SqlStatement> statement;
    std::vector<RootSlot> layout;
    bool has_introspection = false;
    // The values of plan.value_variables it was planned for (the plan cache's extra key).
    std::string value_key;
};

// Plans `op` (prepared against `schema.graphql()`) and compiles it for `dialect`. Errors: the
// planner's (validation-failed, permission-error, not-supported, …) with its path; the
// compiler's not-supported as not-supported; anything else from the compiler as unexpected.
core::Result<CompiledOperation, EngineError> compile_operation(
    const schema::RoleSchema& schema, const graphql::PreparedOperation& op,
    sqlgen::DialectKind dialect, const sqlgen::CompileOptions& options);

// The request's session as the planner's SessionVariables (array values, extension H2, as
// PostgreSQL array literals).
metadata::SessionVariables session_variables(const auth::Session& session);

// The value of every Param slot of `plan` for one request. `variables` are the COERCED
// variables. Errors (EngineError): not-found "missing session variables: …", data-exception for
// a session value that does not fit its column, validation-failed for a null or negative value
// where the plan needs one.
core::Result<std::vector<core::json::value>, EngineError> bind_slots(
    const plan::QueryPlan& plan, const core::json::object& variables,
    const metadata::SessionVariables& session);

// An execution error in Hasura's shape. When the database raised it, `internal` carries the
// statement, its arguments and the database's error (shown to admins / in dev mode only).
EngineError from_exec_error(const exec::ExecError& error, const sqlgen::SqlStatement* statement,
                            const std::vector<core::json::value>& slots);

// The top-level members of a JSON object's text, each as (key as written between its quotes,
// value text), without building a DOM. Nullopt when `text` is not a well-formed object.
std::optional<std::vector<std::pair<std::string_view, std::string_view>>> object_members(
    std::string_view text);

// Removes the insignificant whitespace of a JSON text in place (PostgreSQL's json_build_object
// writes `{"a" : 1}`, json_agg `[1, 2]`), so both databases answer byte for byte alike. Strings
// are left untouched; one pass, no DOM.
void compact_json(std::string& text);

// {"data": …} for a compiled operation: the database's object passed through when no root field
// is introspection, else the members interleaved with the introspection fields of `op` in
// response order. `db_data` is the statement's result ("" when there is no statement).
// Errors: unexpected when the database's JSON is not an object holding every key.
core::Result<std::string, EngineError> response_body(const CompiledOperation& compiled,
                                                     std::string_view db_data,
                                                     const graphql::Schema& schema,
                                                     const graphql::PreparedOperation* op);

}  // namespace ward::engine::server

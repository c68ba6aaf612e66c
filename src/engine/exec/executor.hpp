// exec::execute: runs one compiled SqlStatement with the request's bound values and returns the
// `data` object as JSON text, passed through from the database untouched. Queries are a single
// prepared statement (query_text); so is a PostgreSQL mutation compiled as one unchecked
// statement (SqlStatement::single_statement: atomic by itself, it sets hasura.user itself).
// Other mutations run every step in one transaction and roll back on any error or failed
// permission check. A mutation's `data` object is assembled from its
// steps' JSON values by response key (sqlgen::SqlStep::key), again without re-parsing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "engine/exec/exec_error.hpp"
#include "engine/sqlgen/sql_statement.hpp"
#include "sql/database.hpp"

namespace ward::engine::exec {

struct ExecOptions {
    // Session variables as a JSON object's text. PostgreSQL mutations set the transaction-local
    // GUC hasura.user to it (as Hasura does) so triggers can read current_setting('hasura.user').
    std::optional<std::string> session_json;
};

// `statement` and `slots` must outlive the returned task. slots[i] is the value of plan Param
// slot i. Errors (ExecError): data-exception for a value that does not fit its column,
// permission-error when a mutation's check fails (rolled back), the database's error through
// map_db_error, internal-error when the statement is malformed (no steps, a dialect mismatch).
sql::Task<core::Result<std::string, ExecError>> execute(sql::Database& db,
                                                        const sqlgen::SqlStatement& statement,
                                                        const std::vector<core::json::value>& slots,
                                                        const ExecOptions& options = {});

}  // namespace ward::engine::exec

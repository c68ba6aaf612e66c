// exec::ExecError: a failed execution in Hasura's wire vocabulary (code, message, JSONPath),
// mapped from sql::DbError (constraint-violation, data-exception, postgres-error …) or raised
// by exec itself (a parameter that does not fit its column type, a failed permission check).
#pragma once

#include <string>

#include "engine/sqlgen/sql_statement.hpp"
#include "sql/db_error.hpp"

namespace ward::engine::exec {

struct ExecError {
    std::string code;     // Hasura's extensions.code: "constraint-violation", …
    std::string message;  // Hasura's message
    std::string path = "$";
    // The database's own error, for extensions.internal (admins only); empty when exec
    // raised the error itself.
    std::string sqlstate;
    std::string internal_message;

    friend bool operator==(const ExecError&, const ExecError&) = default;
};

// Hasura's mapping of a database error: unique/foreign key/not-null/check violations ->
// constraint-violation with Hasura's message prefixes; 22xxx -> data-exception; connection
// loss -> postgres-error "connection error"; pool exhausted -> postgres-max-connections-error;
// everything else -> postgres-error "database query error".
ExecError map_db_error(const sql::DbError& error);

// permission-error "check constraint of an insert|update permission has failed".
ExecError check_failed(sqlgen::CheckKind kind);

// data-exception with PostgreSQL's wording for a parameter that does not fit its type.
ExecError invalid_input(std::string_view type_name, std::string_view text);

}  // namespace ward::engine::exec

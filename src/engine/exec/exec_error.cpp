#include "engine/exec/exec_error.hpp"

namespace ward::engine::exec {
namespace {

ExecError with_db(std::string code, std::string message, const sql::DbError& e) {
    return ExecError{.code = std::move(code),
                     .message = std::move(message),
                     .sqlstate = e.sqlstate(),
                     .internal_message = e.message()};
}

// SQLite reports "UNIQUE constraint failed: users.email" without a constraint name; PostgreSQL
// reports the name. Both end up in PostgreSQL's sentence so clients see one shape.
std::string unique_message(const sql::DbError& e) {
    if (e.message().starts_with("duplicate key value")) return e.message();
    std::string what = e.constraint();
    if (what.empty()) {
        const auto colon = e.message().find("failed: ");
        what = colon == std::string::npos ? e.message() : e.message().substr(colon + 8);
    }
    return "duplicate key value violates unique constraint \"" + what + "\"";
}

}  // namespace

ExecError map_db_error(const sql::DbError& e) {
    using K = sql::DbErrorKind;
    switch (e.reason()) {
        case K::kUniqueViolation:
            return with_db("constraint-violation", "Uniqueness violation. " + unique_message(e), e);
        case K::kForeignKeyViolation:
            return with_db("constraint-violation", "Foreign key violation. " + e.message(), e);
        case K::kNotNullViolation:
            return with_db("constraint-violation", "Not-NULL violation. " + e.message(), e);
        case K::kCheckViolation:
            return with_db("constraint-violation", "Check constraint violation. " + e.message(), e);
        case K::kConstraintViolation:
            return with_db("constraint-violation", "Integrity constraint violation. " + e.message(),
                           e);
        case K::kDataException:
        case K::kTypeMismatch:
        case K::kNullValue:
            return with_db("data-exception", e.message(), e);
        case K::kUnavailable:
            return with_db("postgres-error", "connection error", e);
        case K::kPoolTimeout:
            return with_db("postgres-max-connections-error", "max connections reached on postgres",
                           e);
        default:
            return with_db("postgres-error", "database query error", e);
    }
}

ExecError check_failed(sqlgen::CheckKind kind) {
    const std::string what = kind == sqlgen::CheckKind::kUpdate ? "update" : "insert";
    return ExecError{.code = "permission-error",
                     .message = "check constraint of an " + what + " permission has failed"};
}

ExecError invalid_input(std::string_view type_name, std::string_view text) {
    return ExecError{.code = "data-exception",
                     .message = "invalid input syntax for type " + std::string(type_name) + ": \"" +
                                std::string(text) + "\""};
}

}  // namespace ward::engine::exec

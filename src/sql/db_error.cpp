#include "sql/db_error.hpp"

#include <sqlite3.h>

#include <utility>

namespace ward::sql {
namespace {

core::ErrorKind core_kind(DbErrorKind k) {
    switch (k) {
        case DbErrorKind::kUniqueViolation:
        case DbErrorKind::kDuplicateObject:
            return core::ErrorKind::kAlreadyExists;
        case DbErrorKind::kForeignKeyViolation:
        case DbErrorKind::kNotNullViolation:
        case DbErrorKind::kCheckViolation:
        case DbErrorKind::kConstraintViolation:
        case DbErrorKind::kSerializationFailure:
        case DbErrorKind::kDeadlock:
        case DbErrorKind::kTransactionAborted:
        case DbErrorKind::kInvalidState:
            return core::ErrorKind::kConflict;
        case DbErrorKind::kDataException:
        case DbErrorKind::kSyntaxError:
        case DbErrorKind::kSchemaError:
        case DbErrorKind::kCardinality:
        case DbErrorKind::kNullValue:
        case DbErrorKind::kTypeMismatch:
        case DbErrorKind::kInvalidParameter:
        case DbErrorKind::kInvalidConnectionString:
            return core::ErrorKind::kInvalidArgument;
        case DbErrorKind::kUndefinedTable:
        case DbErrorKind::kUndefinedColumn:
        case DbErrorKind::kUndefinedFunction:
            return core::ErrorKind::kNotFound;
        case DbErrorKind::kPermissionDenied:
        case DbErrorKind::kReadOnly:
            return core::ErrorKind::kPermissionDenied;
        case DbErrorKind::kBusy:
        case DbErrorKind::kQueryCanceled:
        case DbErrorKind::kPoolTimeout:
            return core::ErrorKind::kTimeout;
        case DbErrorKind::kUnavailable:
            return core::ErrorKind::kUnavailable;
        case DbErrorKind::kInternal:
        case DbErrorKind::kOther:
            return core::ErrorKind::kInternal;
    }
    return core::ErrorKind::kInternal;
}

DbErrorKind classify(std::string_view s) {
    if (s == "23505") return DbErrorKind::kUniqueViolation;
    if (s == "23503") return DbErrorKind::kForeignKeyViolation;
    if (s == "23502") return DbErrorKind::kNotNullViolation;
    if (s == "23514") return DbErrorKind::kCheckViolation;
    if (s == "42601") return DbErrorKind::kSyntaxError;
    if (s == "42P01") return DbErrorKind::kUndefinedTable;
    if (s == "42703") return DbErrorKind::kUndefinedColumn;
    if (s == "42883") return DbErrorKind::kUndefinedFunction;
    if (s == "42P07" || s == "42710" || s == "42701") return DbErrorKind::kDuplicateObject;
    if (s == "42501") return DbErrorKind::kPermissionDenied;
    if (s == "42P02") return DbErrorKind::kInvalidParameter;
    if (s == "40001") return DbErrorKind::kSerializationFailure;
    if (s == "40P01") return DbErrorKind::kDeadlock;
    if (s == "55P03") return DbErrorKind::kBusy;
    if (s == "25006") return DbErrorKind::kReadOnly;
    if (s == "25P02") return DbErrorKind::kTransactionAborted;
    if (s == "57014") return DbErrorKind::kQueryCanceled;
    if (s == "21000") return DbErrorKind::kCardinality;
    if (s == "22004") return DbErrorKind::kNullValue;
    if (s == "22P02") return DbErrorKind::kTypeMismatch;
    if (s == "08P01") return DbErrorKind::kInvalidParameter;
    if (s == "57P01" || s == "57P02" || s == "57P03") return DbErrorKind::kUnavailable;
    if (s.size() != 5) return DbErrorKind::kOther;
    std::string_view cls = s.substr(0, 2);
    if (cls == "23") return DbErrorKind::kConstraintViolation;
    if (cls == "22") return DbErrorKind::kDataException;
    if (cls == "42") return DbErrorKind::kSchemaError;
    if (cls == "25") return DbErrorKind::kInvalidState;
    if (cls == "08") return DbErrorKind::kUnavailable;
    if (cls == "XX" || cls == "53" || cls == "58") return DbErrorKind::kInternal;
    return DbErrorKind::kOther;
}

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

std::string_view to_string(DbErrorKind kind) {
    switch (kind) {
        case DbErrorKind::kUniqueViolation:
            return "unique-violation";
        case DbErrorKind::kForeignKeyViolation:
            return "foreign-key-violation";
        case DbErrorKind::kNotNullViolation:
            return "not-null-violation";
        case DbErrorKind::kCheckViolation:
            return "check-violation";
        case DbErrorKind::kConstraintViolation:
            return "constraint-violation";
        case DbErrorKind::kDataException:
            return "data-exception";
        case DbErrorKind::kSyntaxError:
            return "syntax-error";
        case DbErrorKind::kUndefinedTable:
            return "undefined-table";
        case DbErrorKind::kUndefinedColumn:
            return "undefined-column";
        case DbErrorKind::kUndefinedFunction:
            return "undefined-function";
        case DbErrorKind::kDuplicateObject:
            return "duplicate-object";
        case DbErrorKind::kSchemaError:
            return "schema-error";
        case DbErrorKind::kPermissionDenied:
            return "permission-denied";
        case DbErrorKind::kSerializationFailure:
            return "serialization-failure";
        case DbErrorKind::kDeadlock:
            return "deadlock";
        case DbErrorKind::kBusy:
            return "busy";
        case DbErrorKind::kReadOnly:
            return "read-only";
        case DbErrorKind::kTransactionAborted:
            return "transaction-aborted";
        case DbErrorKind::kInvalidState:
            return "invalid-state";
        case DbErrorKind::kQueryCanceled:
            return "query-canceled";
        case DbErrorKind::kCardinality:
            return "cardinality";
        case DbErrorKind::kNullValue:
            return "null-value";
        case DbErrorKind::kTypeMismatch:
            return "type-mismatch";
        case DbErrorKind::kInvalidParameter:
            return "invalid-parameter";
        case DbErrorKind::kInvalidConnectionString:
            return "invalid-connection-string";
        case DbErrorKind::kUnavailable:
            return "database-unavailable";
        case DbErrorKind::kPoolTimeout:
            return "pool-timeout";
        case DbErrorKind::kInternal:
            return "database-internal";
        case DbErrorKind::kOther:
            return "database-error";
    }
    return "database-error";
}

DbError::DbError(DbErrorKind reason, std::string sqlstate, std::string message,
                 std::string constraint, std::string detail)
    : core::Error(core_kind(reason), std::string(sql::to_string(reason)), std::move(message)),
      reason_(reason),
      sqlstate_(std::move(sqlstate)),
      constraint_(std::move(constraint)),
      detail_(std::move(detail)) {}

DbError DbError::from_sqlstate(std::string_view sqlstate, std::string message,
                               std::string constraint, std::string detail) {
    return DbError(classify(sqlstate), std::string(sqlstate), std::move(message),
                   std::move(constraint), std::move(detail));
}

DbError sqlite_error(int extended_code, std::string message) {
    auto make = [&](std::string_view state) {
        return DbError::from_sqlstate(state, std::move(message));
    };
    switch (extended_code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
        case SQLITE_CONSTRAINT_ROWID:
            return make("23505");
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return make("23503");
        case SQLITE_CONSTRAINT_NOTNULL:
            return make("23502");
        case SQLITE_CONSTRAINT_CHECK:
            return make("23514");
        case SQLITE_CONSTRAINT_DATATYPE:
            return make("22P02");
        default:
            break;
    }
    switch (extended_code & 0xff) {
        case SQLITE_CONSTRAINT:
            return make("23000");
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return make("55P03");
        case SQLITE_READONLY:
            return make("25006");
        case SQLITE_INTERRUPT:
            return make("57014");
        case SQLITE_MISMATCH:
        case SQLITE_TOOBIG:
        case SQLITE_RANGE:
            return make("22023");
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return make("42501");
        case SQLITE_CANTOPEN:
        case SQLITE_NOTADB:
            return make("08006");
        case SQLITE_FULL:
            return make("53100");
        case SQLITE_NOMEM:
            return make("53200");
        case SQLITE_IOERR:
        case SQLITE_CORRUPT:
        case SQLITE_PROTOCOL:
            return make("58030");
        case SQLITE_MISUSE:
            return make("XX000");
        case SQLITE_ERROR:
            break;
        default:
            return make("XX000");
    }
    // SQLITE_ERROR carries no finer code; its messages are stable across releases.
    std::string_view m = message;
    if (contains(m, "syntax error") || contains(m, "incomplete input") ||
        contains(m, "unrecognized token"))
        return make("42601");
    if (contains(m, "no such table")) return make("42P01");
    if (contains(m, "no such column")) return make("42703");
    if (contains(m, "no such function") || contains(m, "wrong number of arguments"))
        return make("42883");
    if (contains(m, "already exists")) return make("42P07");
    if (contains(m, "duplicate column")) return make("42701");
    if (contains(m, "ambiguous column")) return make("42702");
    if (contains(m, "within a transaction") || contains(m, "no transaction is active"))
        return make("25000");
    if (contains(m, "integer overflow")) return make("22003");
    return make("42000");
}

}  // namespace ward::sql

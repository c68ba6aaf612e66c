// sql::DbError: why a database call failed, classified from the SQLSTATE (PostgreSQL) or the
// extended result code (SQLite, mapped to the same SQLSTATEs), with the database's own message,
// so the engine can answer Hasura's `constraint-violation` / `postgres-error` and the IdP can
// turn a unique violation into "already exists".
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/result.hpp"

namespace ward::sql {

enum class DbErrorKind {
    kUniqueViolation,       // 23505
    kForeignKeyViolation,   // 23503
    kNotNullViolation,      // 23502
    kCheckViolation,        // 23514
    kConstraintViolation,   // other 23xxx (exclusion, restrict)
    kDataException,         // 22xxx: bad value for the type, overflow, division by zero
    kSyntaxError,           // 42601
    kUndefinedTable,        // 42P01
    kUndefinedColumn,       // 42703
    kUndefinedFunction,     // 42883
    kDuplicateObject,       // 42P07, 42710, 42701 (table/object/column exists)
    kSchemaError,           // other 42xxx (type mismatch in the statement, ambiguous column)
    kPermissionDenied,      // 42501
    kSerializationFailure,  // 40001
    kDeadlock,              // 40P01
    kBusy,                  // 55P03 lock not available; SQLITE_BUSY after busy_timeout
    kReadOnly,              // 25006
    kTransactionAborted,    // 25P02: an earlier statement of the transaction failed
    kInvalidState,          // 25000 and misuse: a finished transaction, a second statement
    kQueryCanceled,         // 57014
    kCardinality,           // 21000: query_text() got other than one row of one column
    kNullValue,             // 22004: a typed getter met NULL
    kTypeMismatch,          // 22P02: a typed getter met a value of another type
    kInvalidParameter,      // 08P01/42P02: placeholders and parameters do not match
    kInvalidConnectionString,
    kUnavailable,  // 08xxx, 57P01..57P03, connection lost: the pool reconnects
    kPoolTimeout,  // no connection became free within Options::acquire_timeout
    kInternal,     // XX000, corrupt file, out of memory, unexpected protocol state
    kOther,        // any other SQLSTATE; look at sqlstate()
};

std::string_view to_string(DbErrorKind kind);

// A core::Error (so it converts to Result<T> by slicing) plus the database details. code() is
// the stable kebab-case name of reason() ("unique-violation"); sqlstate() the 5-character code.
class DbError : public core::Error {
  public:
    DbError(DbErrorKind reason, std::string sqlstate, std::string message,
            std::string constraint = {}, std::string detail = {});

    // Classifies a PostgreSQL SQLSTATE (empty or unknown -> kOther, "08xxx" -> kUnavailable).
    static DbError from_sqlstate(std::string_view sqlstate, std::string message,
                                 std::string constraint = {}, std::string detail = {});

    DbErrorKind reason() const { return reason_; }
    const std::string& sqlstate() const { return sqlstate_; }
    // The violated constraint's name when the database reports it (PostgreSQL), else empty.
    const std::string& constraint() const { return constraint_; }
    // PostgreSQL's DETAIL line ("Key (email)=(a@b) already exists."), else empty.
    const std::string& detail() const { return detail_; }

    bool is_constraint_violation() const { return sqlstate_.starts_with("23"); }
    bool is_unavailable() const { return reason_ == DbErrorKind::kUnavailable; }

  private:
    DbErrorKind reason_;
    std::string sqlstate_;
    std::string constraint_;
    std::string detail_;
};

template <typename T>
using DbResult = core::Result<T, DbError>;

// Maps an SQLite extended result code and message to the PostgreSQL SQLSTATE taxonomy.
DbError sqlite_error(int extended_code, std::string message);

}  // namespace ward::sql

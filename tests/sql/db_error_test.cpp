#include "sql/db_error.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace ward::sql {
namespace {

TEST(SqlDbErrorTest, ClassifiesSqlstates) {
    struct Case {
        const char* state;
        DbErrorKind reason;
        core::ErrorKind core;
    };
    const Case cases[] = {
        {"23505", DbErrorKind::kUniqueViolation, core::ErrorKind::kAlreadyExists},
        {"23503", DbErrorKind::kForeignKeyViolation, core::ErrorKind::kConflict},
        {"23502", DbErrorKind::kNotNullViolation, core::ErrorKind::kConflict},
        {"23514", DbErrorKind::kCheckViolation, core::ErrorKind::kConflict},
        {"23P01", DbErrorKind::kConstraintViolation, core::ErrorKind::kConflict},
        {"42601", DbErrorKind::kSyntaxError, core::ErrorKind::kInvalidArgument},
        {"42P01", DbErrorKind::kUndefinedTable, core::ErrorKind::kNotFound},
        {"42703", DbErrorKind::kUndefinedColumn, core::ErrorKind::kNotFound},
        {"42804", DbErrorKind::kSchemaError, core::ErrorKind::kInvalidArgument},
        {"22012", DbErrorKind::kDataException, core::ErrorKind::kInvalidArgument},
        {"40001", DbErrorKind::kSerializationFailure, core::ErrorKind::kConflict},
        {"40P01", DbErrorKind::kDeadlock, core::ErrorKind::kConflict},
        {"08006", DbErrorKind::kUnavailable, core::ErrorKind::kUnavailable},
        {"08001", DbErrorKind::kUnavailable, core::ErrorKind::kUnavailable},
        {"57P01", DbErrorKind::kUnavailable, core::ErrorKind::kUnavailable},
        {"57014", DbErrorKind::kQueryCanceled, core::ErrorKind::kTimeout},
        {"42501", DbErrorKind::kPermissionDenied, core::ErrorKind::kPermissionDenied},
        {"P0001", DbErrorKind::kOther, core::ErrorKind::kInternal},
        {"", DbErrorKind::kOther, core::ErrorKind::kInternal},
        {"garbage-long", DbErrorKind::kOther, core::ErrorKind::kInternal},
    };
    for (const Case& c : cases) {
        DbError e = DbError::from_sqlstate(c.state, "msg", "c_name", "detail");
        EXPECT_EQ(e.reason(), c.reason) << c.state;
        EXPECT_EQ(e.kind(), c.core) << c.state;
        EXPECT_EQ(e.sqlstate(), c.state);
        EXPECT_EQ(e.code(), to_string(c.reason));
        EXPECT_EQ(e.message(), "msg");
        EXPECT_EQ(e.constraint(), "c_name");
        EXPECT_EQ(e.detail(), "detail");
    }
}

TEST(SqlDbErrorTest, MapsSqliteCodesToTheSameKinds) {
    EXPECT_EQ(sqlite_error(SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed: t.a").sqlstate(),
              "23505");
    EXPECT_EQ(sqlite_error(SQLITE_CONSTRAINT_PRIMARYKEY, "x").reason(),
              DbErrorKind::kUniqueViolation);
    EXPECT_EQ(sqlite_error(SQLITE_CONSTRAINT_FOREIGNKEY, "x").reason(),
              DbErrorKind::kForeignKeyViolation);
    EXPECT_EQ(sqlite_error(SQLITE_CONSTRAINT_NOTNULL, "x").reason(),
              DbErrorKind::kNotNullViolation);
    EXPECT_EQ(sqlite_error(SQLITE_CONSTRAINT_CHECK, "x").reason(), DbErrorKind::kCheckViolation);
    EXPECT_EQ(sqlite_error(SQLITE_CONSTRAINT_TRIGGER, "x").reason(),
              DbErrorKind::kConstraintViolation);
    EXPECT_EQ(sqlite_error(SQLITE_BUSY, "database is locked").reason(), DbErrorKind::kBusy);
    EXPECT_EQ(sqlite_error(SQLITE_ERROR, "near \"SELEC\": syntax error").reason(),
              DbErrorKind::kSyntaxError);
    EXPECT_EQ(sqlite_error(SQLITE_ERROR, "no such table: x").reason(),
              DbErrorKind::kUndefinedTable);
    EXPECT_EQ(sqlite_error(SQLITE_ERROR, "no such column: y").reason(),
              DbErrorKind::kUndefinedColumn);
    EXPECT_EQ(sqlite_error(SQLITE_ERROR, "no such function: f").reason(),
              DbErrorKind::kUndefinedFunction);
    EXPECT_EQ(sqlite_error(SQLITE_ERROR, "table t already exists").reason(),
              DbErrorKind::kDuplicateObject);
    EXPECT_EQ(sqlite_error(SQLITE_CANTOPEN, "unable to open").reason(), DbErrorKind::kUnavailable);
    EXPECT_EQ(sqlite_error(SQLITE_CORRUPT, "malformed").reason(), DbErrorKind::kInternal);
    EXPECT_EQ(sqlite_error(SQLITE_READONLY, "readonly").reason(), DbErrorKind::kReadOnly);
    EXPECT_EQ(sqlite_error(SQLITE_ERROR, "something new").reason(), DbErrorKind::kSchemaError);
}

TEST(SqlDbErrorTest, SlicesIntoCoreResult) {
    core::Result<int> r = DbError::from_sqlstate("23505", "duplicate key");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), "unique-violation");
    EXPECT_TRUE(r.error().is(core::ErrorKind::kAlreadyExists));
}

}  // namespace
}  // namespace ward::sql

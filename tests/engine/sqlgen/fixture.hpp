// Shared by the sqlgen and exec tests: the seed data set (users/posts/comments) in SQL that both
// SQLite and PostgreSQL accept, and helpers to build plans by hand and run them.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "engine/exec/executor.hpp"
#include "engine/plan/ir.hpp"
#include "engine/sqlgen/compile.hpp"
#include "sql/database.hpp"

namespace ward::engine::testing {

inline constexpr const char* kSeedSql = R"sql(
CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, email text UNIQUE,
                    active boolean NOT NULL, score double precision, age integer);
CREATE TABLE posts (id integer PRIMARY KEY, author_id integer NOT NULL REFERENCES users(id),
                    title text NOT NULL, likes integer);
CREATE TABLE comments (id integer PRIMARY KEY, post_id integer NOT NULL REFERENCES posts(id),
                       user_id integer NOT NULL REFERENCES users(id), body text NOT NULL);
INSERT INTO users VALUES (1, 'Alice', 'alice@example.com', true, 9.5, 30);
INSERT INTO users VALUES (2, 'Bob', 'bob@example.com', false, 7, NULL);
INSERT INTO users VALUES (3, 'Carol', NULL, true, NULL, 41);
INSERT INTO users VALUES (4, 'Dave''s', 'dave@example.com', true, 3.25, 30);
INSERT INTO posts VALUES (10, 1, 'Hello', 5);
INSERT INTO posts VALUES (11, 1, 'Second', NULL);
INSERT INTO posts VALUES (12, 2, 'Bob post', 2);
INSERT INTO posts VALUES (13, 3, 'hello again', 9);
INSERT INTO comments VALUES (100, 10, 2, 'nice');
INSERT INTO comments VALUES (101, 10, 3, 'great');
INSERT INTO comments VALUES (102, 13, 1, 'ok');
)sql";

using catalog::ScalarType;

inline plan::ColumnRef col(std::string name, ScalarType type = ScalarType::kInt) {
    return plan::ColumnRef{.name = std::move(name), .type = type};
}

inline plan::TableRef table(std::string name) {
    return plan::TableRef{.source = "default", .name = {.name = std::move(name)}};
}

// Adds a literal Param to the plan; its value is resolved by slots().
inline plan::ParamRef lit(plan::QueryPlan& p, core::json::value v, ScalarType type,
                          bool array = false) {
    plan::Param param;
    param.type = type;
    param.array = array;
    param.source.kind = plan::LiteralSource{std::move(v)};
    p.params.push_back(std::move(param));
    return plan::ParamRef{static_cast<std::uint32_t>(p.params.size() - 1)};
}

inline plan::Filter cmp(plan::ColumnRef c, plan::CompareOp op, plan::ParamRef ref) {
    return plan::Filter{plan::CompareFilter{.column = std::move(c), .op = op, .operand = ref}};
}

inline plan::OutputField field(std::string key, plan::ColumnRef c) {
    return plan::OutputField{.key = std::move(key), .value = plan::ColumnField{std::move(c)}};
}

// The values of literal params (the tests' stand-in for plan::bind).
inline std::vector<core::json::value> slots(const plan::QueryPlan& p) {
    std::vector<core::json::value> out;
    for (const auto& param : p.params) {
        const auto* l = std::get_if<plan::LiteralSource>(&param.source.kind);
        out.push_back(l ? l->value : core::json::value(nullptr));
    }
    return out;
}

class SeededDb {
  public:
    // url: "sqlite::memory:" or a PostgreSQL DSN (the tables are created in a fresh schema).
    explicit SeededDb(const std::string& url) {
        db_ = sql::Database::open(url, io_.get_executor()).value();
        if (db_->dialect() == sql::Dialect::kPostgres) {
            auto r = sql::run_sync(
                io_, db_->execute_script("DROP TABLE IF EXISTS comments, posts, users CASCADE"));
            WARD_INVARIANT(r.has_value(), "could not reset the seed tables");
        }
        auto r = sql::run_sync(io_, db_->execute_script(kSeedSql));
        WARD_INVARIANT(r.has_value(), "could not create the seed data");
    }

    sql::Database& db() { return *db_; }
    boost::asio::io_context& io() { return io_; }
    const sqlgen::Dialect& dialect() const {
        return db_->dialect() == sql::Dialect::kPostgres ? sqlgen::postgres_dialect()
                                                         : sqlgen::sqlite_dialect();
    }

    core::Result<std::string, exec::ExecError> run(const sqlgen::SqlStatement& st,
                                                   const std::vector<core::json::value>& values) {
        return sql::run_sync(io_, exec::execute(*db_, st, values));
    }

    // Compiles and runs; a compile error comes back as an ExecError with its code.
    core::Result<std::string, exec::ExecError> run(const plan::QueryPlan& p) {
        auto st = sqlgen::compile(p, dialect());
        if (!st) return exec::ExecError{.code = st.error().code(), .message = st.error().message()};
        return run(*st, slots(p));
    }

  private:
    boost::asio::io_context io_;
    std::shared_ptr<sql::Database> db_;
};

}  // namespace ward::engine::testing

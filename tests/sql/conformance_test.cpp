// Behaviour every backend must share: compiled into ward_sql_test (SQLite in memory and in a
// file) and into ward_sql_pgtest (PostgreSQL, built with WARD_SQL_PG).

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "sql/migrate.hpp"
#include "sql/test_support.hpp"

namespace ward::sql::testing {

class SqlConformance : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override { db_.open(GetParam(), io_); }

    bool pg() const { return db_->dialect() == Dialect::kPostgres; }
    // Picks the dialect's spelling where SQL differs.
    std::string pick(std::string sqlite, std::string postgres) const {
        return pg() ? postgres : sqlite;
    }
    DbResult<ResultSet> q(std::string_view sql, const Params& params = {}) {
        return run(io_, db_->query(sql, params));
    }
    DbResult<ResultSet> script(std::string_view sql) { return run(io_, db_->execute_script(sql)); }
    std::int64_t count(std::string_view table) {
        auto rs = q("SELECT count(*) FROM " + std::string(table));
        EXPECT_TRUE(rs) << rs.error().to_string();
        return rs ? rs->row(0).get<std::int64_t>(0).value() : -1;
    }
    void make_people() {
        auto r =
            script(pick("CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                        "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE,"
                        " age INTEGER CHECK (age >= 0), team_id INTEGER REFERENCES teams(id));",
                        "CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                        "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE,"
                        " age INTEGER CHECK (age >= 0), team_id INTEGER REFERENCES teams(id));"));
        ASSERT_TRUE(r) << r.error().to_string();
        ASSERT_TRUE(q("INSERT INTO teams (id, name) VALUES (1, 'core')"));
    }

    boost::asio::io_context io_;
    TestDatabase db_;
};

// Every Value type goes in as a parameter and comes back unchanged, including text that looks
// like SQL, quotes, placeholders and non-ASCII characters: values are never spliced into SQL.
TEST_P(SqlConformance, TypedParamsRoundTrip) {
    ASSERT_TRUE(
        script(pick("CREATE TABLE vals (id INTEGER PRIMARY KEY, b INTEGER, i INTEGER,"
                    " d REAL, t TEXT, bl BLOB, n TEXT)",
                    "CREATE TABLE vals (id INTEGER PRIMARY KEY, b BOOLEAN, i BIGINT,"
                    " d DOUBLE PRECISION, t TEXT, bl BYTEA, n TEXT)")));
    const std::vector<std::string> texts = {
        "plain",
        "héllo wörld ☃ 𝄞 日本語",
        "it's a \"quoted\" value",
        "'); DROP TABLE vals; --",
        "$1 $2 ? :name @x",
        "back\\slash\ttab\nnewline",
        "",
    };
    const Blob blob = {0x00, 0x01, 0x27, 0x5c, 0xff, 0x00};
    std::int64_t id = 0;
    for (const std::string& t : texts) {
        ++id;
        auto ins =
            q("INSERT INTO vals (id, b, i, d, t, bl, n) VALUES ($1, $2, $3, $4, $5, $6, $7)",
              {id, id % 2 == 0, std::int64_t{-9'007'199'254'740'993}, 3.25, t, blob, nullptr});
        ASSERT_TRUE(ins) << ins.error().to_string();
        EXPECT_EQ(ins->affected_rows(), 1);
    }
    EXPECT_EQ(count("vals"), static_cast<std::int64_t>(texts.size()));
    auto rs = q("SELECT id, b, i, d, t, bl, n FROM vals ORDER BY id");
    ASSERT_TRUE(rs) << rs.error().to_string();
    ASSERT_EQ(rs->size(), texts.size());
    EXPECT_TRUE(rs->returns_rows());
    EXPECT_EQ(rs->columns(), (std::vector<std::string>{"id", "b", "i", "d", "t", "bl", "n"}));
    for (std::size_t k = 0; k < texts.size(); ++k) {
        Row row = rs->row(k);
        EXPECT_EQ(row.get<std::int64_t>("id").value(), static_cast<std::int64_t>(k + 1));
        EXPECT_EQ(row.get<bool>("b").value(), (k + 1) % 2 == 0);
        EXPECT_EQ(row.get<std::int64_t>("i").value(), -9'007'199'254'740'993);
        EXPECT_DOUBLE_EQ(row.get<double>("d").value(), 3.25);
        EXPECT_EQ(row.get<std::string>("t").value(), texts[k]);
        EXPECT_EQ(row.get<Blob>("bl").value(), blob);
        EXPECT_TRUE(row.is_null(6));
        EXPECT_EQ(row.get<std::string>("n").error().reason(), DbErrorKind::kNullValue);
        EXPECT_FALSE(row.get_optional<std::string>("n").value().has_value());
    }
    // A placeholder-looking value used in a WHERE clause matches only itself.
    auto hit = q("SELECT count(*) FROM vals WHERE t = $1", {"'); DROP TABLE vals; --"});
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->row(0).get<std::int64_t>(0).value(), 1);
    auto none = q("SELECT count(*) FROM vals WHERE t = $1", {"' OR '1'='1"});
    ASSERT_TRUE(none);
    EXPECT_EQ(none->row(0).get<std::int64_t>(0).value(), 0);
}

// The same placeholder used twice binds the same value; parameters may be NULL.
TEST_P(SqlConformance, RepeatedAndNullPlaceholders) {
    auto rs = q(pick("SELECT $1 || '-' || $1 AS twice, $2 IS NULL AS missing",
                     "SELECT $1::text || '-' || $1::text AS twice, $2::text IS NULL AS missing"),
                {"ab", nullptr});
    ASSERT_TRUE(rs) << rs.error().to_string();
    EXPECT_EQ(rs->row(0).get<std::string>("twice").value(), "ab-ab");
    EXPECT_TRUE(rs->row(0).get<bool>("missing").value());
}

// One SQL text runs many times with different parameters on the cached prepared statement.
TEST_P(SqlConformance, PreparedStatementReuse) {
    make_people();
    for (int i = 1; i <= 40; ++i) {
        auto r = q("INSERT INTO people (id, email, age, team_id) VALUES ($1, $2, $3, $4)",
                   {i, "p" + std::to_string(i) + "@example.com", i % 90, 1});
        ASSERT_TRUE(r) << r.error().to_string();
    }
    for (int i = 1; i <= 40; ++i) {
        auto r = q("SELECT email FROM people WHERE id = $1", {i});
        ASSERT_TRUE(r) << r.error().to_string();
        ASSERT_EQ(r->size(), 1u);
        EXPECT_EQ(r->row(0).get<std::string>(0).value(), "p" + std::to_string(i) + "@example.com");
    }
    // A failing execution does not spoil the cached statement.
    auto dup = q("INSERT INTO people (id, email, age, team_id) VALUES ($1, $2, $3, $4)",
                 {41, "p1@example.com", 1, 1});
    ASSERT_FALSE(dup);
    auto ok = q("INSERT INTO people (id, email, age, team_id) VALUES ($1, $2, $3, $4)",
                {41, "p41@example.com", 1, 1});
    EXPECT_TRUE(ok) << ok.error().to_string();
    EXPECT_EQ(count("people"), 41);
}

TEST_P(SqlConformance, AffectedRowsForDml) {
    make_people();
    for (int i = 1; i <= 5; ++i)
        ASSERT_TRUE(q("INSERT INTO people (id, email, age) VALUES ($1, $2, $3)",
                      {i, "e" + std::to_string(i), 10 * i}));
    auto up = q("UPDATE people SET age = age + 1 WHERE age >= $1", {30});
    ASSERT_TRUE(up);
    EXPECT_EQ(up->affected_rows(), 3);
    EXPECT_FALSE(up->returns_rows());
    auto del = q("DELETE FROM people WHERE id = $1", {999});
    ASSERT_TRUE(del);
    EXPECT_EQ(del->affected_rows(), 0);
    auto ret = q("DELETE FROM people WHERE id <= $1 RETURNING id", {2});
    ASSERT_TRUE(ret) << ret.error().to_string();
    EXPECT_TRUE(ret->returns_rows());
    EXPECT_EQ(ret->size(), 2u);
    EXPECT_EQ(ret->affected_rows(), 2);
}

TEST_P(SqlConformance, TransactionCommitIsVisible) {
    make_people();
    auto tx = run(io_, db_->begin());
    ASSERT_TRUE(tx) << tx.error().to_string();
    ASSERT_TRUE(run(io_, tx->query("INSERT INTO people (id, email) VALUES ($1, $2)", {1, "a"})));
    auto inside = run(io_, tx->query("SELECT count(*) FROM people"));
    ASSERT_TRUE(inside);
    EXPECT_EQ(inside->row(0).get<std::int64_t>(0).value(), 1);
    auto committed = run(io_, tx->commit());
    ASSERT_TRUE(committed) << committed.error().to_string();
    EXPECT_EQ(count("people"), 1);
    // A finished transaction refuses further work with a clear reason.
    auto after = run(io_, tx->query("SELECT 1"));
    ASSERT_FALSE(after);
    EXPECT_EQ(after.error().reason(), DbErrorKind::kInvalidState);
    EXPECT_EQ(run(io_, tx->commit()).error().reason(), DbErrorKind::kInvalidState);
}

TEST_P(SqlConformance, TransactionRollbackDiscards) {
    make_people();
    auto tx = run(io_, db_->begin());
    ASSERT_TRUE(tx);
    ASSERT_TRUE(run(io_, tx->query("INSERT INTO people (id, email) VALUES ($1, $2)", {1, "a"})));
    ASSERT_TRUE(run(io_, tx->rollback()));
    EXPECT_EQ(count("people"), 0);
}

// A transaction dropped without commit rolls back, and its connection comes back usable: the
// next transactions (on SQLite, the same single writer connection) work normally.
TEST_P(SqlConformance, DroppedTransactionRollsBackAndFreesItsConnection) {
    make_people();
    for (int round = 0; round < 3; ++round) {
        auto tx = run(io_, db_->begin());
        ASSERT_TRUE(tx) << tx.error().to_string();
        ASSERT_TRUE(run(io_, tx->query("INSERT INTO people (id, email) VALUES ($1, $2)",
                                       {round + 1, "x" + std::to_string(round)})));
    }  // dropped here each round
    // The asynchronous rollback runs on the io_context; run() drives it before the check.
    auto tx = run(io_, db_->begin());
    ASSERT_TRUE(tx) << tx.error().to_string();
    auto rs = run(io_, tx->query("SELECT count(*) FROM people"));
    ASSERT_TRUE(rs);
    EXPECT_EQ(rs->row(0).get<std::int64_t>(0).value(), 0);
    ASSERT_TRUE(run(io_, tx->commit()));
    EXPECT_EQ(count("people"), 0);
}

// After a failed statement the transaction is aborted in both dialects, and commit rolls back.
TEST_P(SqlConformance, FailedStatementAbortsTransaction) {
    make_people();
    auto tx = run(io_, db_->begin());
    ASSERT_TRUE(tx);
    ASSERT_TRUE(run(io_, tx->query("INSERT INTO people (id, email) VALUES ($1, $2)", {1, "a"})));
    auto dup = run(io_, tx->query("INSERT INTO people (id, email) VALUES ($1, $2)", {2, "a"}));
    ASSERT_FALSE(dup);
    EXPECT_EQ(dup.error().reason(), DbErrorKind::kUniqueViolation);
    auto next = run(io_, tx->query("SELECT 1"));
    ASSERT_FALSE(next);
    EXPECT_EQ(next.error().reason(), DbErrorKind::kTransactionAborted);
    EXPECT_EQ(next.error().sqlstate(), "25P02");
    auto commit = run(io_, tx->commit());
    ASSERT_FALSE(commit);
    EXPECT_EQ(commit.error().reason(), DbErrorKind::kTransactionAborted);
    EXPECT_EQ(count("people"), 0);
}

TEST_P(SqlConformance, TransactionHelperCommitsOrRollsBack) {
    make_people();
    auto ok = run(io_, db_->transaction([](Transaction& tx) -> Task<DbResult<std::int64_t>> {
        Params a{1, "a"};
        auto r = co_await tx.query("INSERT INTO people (id, email) VALUES ($1, $2)", a);
        if (!r) co_return std::move(r).error();
        Params b{2, "b"};
        r = co_await tx.query("INSERT INTO people (id, email) VALUES ($1, $2)", b);
        if (!r) co_return std::move(r).error();
        co_return std::int64_t{2};
    }));
    ASSERT_TRUE(ok) << ok.error().to_string();
    EXPECT_EQ(*ok, 2);
    EXPECT_EQ(count("people"), 2);

    // A core::Error from the callback rolls everything back and is returned as is.
    auto failed = run(io_, db_->transaction([](Transaction& tx) -> Task<core::Result<int>> {
        Params a{3, "c"};
        auto r = co_await tx.query("INSERT INTO people (id, email) VALUES ($1, $2)", a);
        if (!r) co_return std::move(r).error();
        co_return core::Error::conflict("changed my mind", "test-abort");
    }));
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code(), "test-abort");
    EXPECT_EQ(count("people"), 2);
}

TEST_P(SqlConformance, ConstraintViolationsAreClassified) {
    make_people();
    ASSERT_TRUE(q("INSERT INTO people (id, email, age, team_id) VALUES (1, 'a', 1, 1)"));
    struct Case {
        const char* sql;
        DbErrorKind reason;
        const char* sqlstate;
    };
    const Case cases[] = {
        {"INSERT INTO people (id, email) VALUES (2, 'a')", DbErrorKind::kUniqueViolation, "23505"},
        {"INSERT INTO people (id, email) VALUES (1, 'b')", DbErrorKind::kUniqueViolation, "23505"},
        {"INSERT INTO people (id, email, team_id) VALUES (3, 'c', 42)",
         DbErrorKind::kForeignKeyViolation, "23503"},
        {"INSERT INTO people (id, email) VALUES (4, NULL)", DbErrorKind::kNotNullViolation,
         "23502"},
        {"INSERT INTO people (id, email, age) VALUES (5, 'e', -1)", DbErrorKind::kCheckViolation,
         "23514"},
    };
    for (const Case& c : cases) {
        auto r = q(c.sql);
        ASSERT_FALSE(r) << c.sql;
        EXPECT_EQ(r.error().reason(), c.reason) << c.sql << ": " << r.error().to_string();
        EXPECT_EQ(r.error().sqlstate(), c.sqlstate) << c.sql;
        EXPECT_TRUE(r.error().is_constraint_violation());
        EXPECT_FALSE(r.error().message().empty());
    }
    // The unique violation reads as "already exists" to callers that only know core::Error.
    core::Result<int> sliced = q(cases[0].sql).error();
    EXPECT_TRUE(sliced.error().is(core::ErrorKind::kAlreadyExists));
    EXPECT_EQ(sliced.error().code(), "unique-violation");
    EXPECT_EQ(count("people"), 1);
}

TEST_P(SqlConformance, SyntaxAndSchemaErrorsAreClassified) {
    make_people();
    struct Case {
        const char* sql;
        DbErrorKind reason;
        const char* sqlstate;
    };
    const Case cases[] = {
        {"SELEC 1", DbErrorKind::kSyntaxError, "42601"},
        {"SELECT * FROM people WHERE", DbErrorKind::kSyntaxError, "42601"},
        {"SELECT * FROM no_such_table", DbErrorKind::kUndefinedTable, "42P01"},
        {"SELECT no_such_column FROM people", DbErrorKind::kUndefinedColumn, "42703"},
        {"SELECT 1; SELECT 2", DbErrorKind::kSyntaxError, "42601"},
    };
    for (const Case& c : cases) {
        auto r = q(c.sql);
        ASSERT_FALSE(r) << c.sql;
        EXPECT_EQ(r.error().reason(), c.reason) << c.sql << ": " << r.error().to_string();
        EXPECT_EQ(r.error().sqlstate(), c.sqlstate) << c.sql;
    }
    // Errors leave the database usable.
    EXPECT_EQ(count("people"), 0);
}

TEST_P(SqlConformance, ParameterCountMismatchIsAnError) {
    auto r = q(pick("SELECT $2", "SELECT $2::text"), {1});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().reason(), DbErrorKind::kInvalidParameter) << r.error().to_string();
    auto fine = q(pick("SELECT $1", "SELECT $1::text"), {"x"});
    ASSERT_TRUE(fine) << fine.error().to_string();
    EXPECT_EQ(fine->row(0).get<std::string>(0).value(), "x");
}

// run_sql: several statements, the last one's result, all or nothing.
TEST_P(SqlConformance, MultiStatementScripts) {
    auto r = script(
        "CREATE TABLE s (id INTEGER PRIMARY KEY, v TEXT);"
        "INSERT INTO s VALUES (1, 'a'), (2, 'b');"
        "-- a comment between statements\n"
        "SELECT id, v FROM s ORDER BY id;");
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_TRUE(r->returns_rows());
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ(r->row(1).get<std::string>("v").value(), "b");

    auto cmd = script("UPDATE s SET v = 'c' WHERE id = 1; UPDATE s SET v = 'd'");
    ASSERT_TRUE(cmd) << cmd.error().to_string();
    EXPECT_FALSE(cmd->returns_rows());
    EXPECT_EQ(cmd->affected_rows(), 2);

    // A failure anywhere undoes the whole script.
    auto bad = script("CREATE TABLE t2 (id INTEGER); INSERT INTO s VALUES (1, 'dup');");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().reason(), DbErrorKind::kUniqueViolation);
    auto gone = q("SELECT * FROM t2");
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().reason(), DbErrorKind::kUndefinedTable);

    auto empty = script("  ");
    ASSERT_TRUE(empty) << empty.error().to_string();
    EXPECT_FALSE(empty->returns_rows());
}

// A script may manage its own transaction; a NUL byte in SQL text is refused, not truncated.
TEST_P(SqlConformance, ScriptsWithTheirOwnTransactionAndBadText) {
    auto own = script(
        "BEGIN; CREATE TABLE o (id INTEGER); INSERT INTO o VALUES (1); COMMIT;"
        "SELECT count(*) AS n FROM o");
    ASSERT_TRUE(own) << own.error().to_string();
    EXPECT_EQ(own->row(0).get<std::int64_t>("n").value(), 1);
    auto undone = script("BEGIN; INSERT INTO o VALUES (2); ROLLBACK");
    ASSERT_TRUE(undone) << undone.error().to_string();
    EXPECT_EQ(count("o"), 1);

    const std::string with_nul("SELECT 1\0; DROP TABLE o", 23);
    auto q1 = q(with_nul);
    ASSERT_FALSE(q1);
    EXPECT_EQ(q1.error().reason(), DbErrorKind::kSyntaxError);
    auto s1 = script(with_nul);
    ASSERT_FALSE(s1);
    EXPECT_EQ(s1.error().reason(), DbErrorKind::kSyntaxError);
    EXPECT_EQ(count("o"), 1);
}

// The engine's hot path: one row, one text column.
TEST_P(SqlConformance, QueryTextReturnsTheSingleCell) {
    auto one = run(io_, db_->query_text(pick("SELECT json_object('a', $1)",
                                             "SELECT json_build_object('a', $1::text)::text"),
                                        {"x\"y"}));
    ASSERT_TRUE(one) << one.error().to_string();
    ASSERT_TRUE(one->has_value());
    EXPECT_EQ(one->value(), pg() ? "{\"a\" : \"x\\\"y\"}" : "{\"a\":\"x\\\"y\"}");

    auto null = run(io_, db_->query_text("SELECT NULL"));
    ASSERT_TRUE(null) << null.error().to_string();
    EXPECT_FALSE(null->has_value());

    auto two_rows = run(io_, db_->query_text("SELECT 1 UNION ALL SELECT 2"));
    ASSERT_FALSE(two_rows);
    EXPECT_EQ(two_rows.error().reason(), DbErrorKind::kCardinality);
    auto two_cols = run(io_, db_->query_text("SELECT 1, 2"));
    ASSERT_FALSE(two_cols);
    EXPECT_EQ(two_cols.error().reason(), DbErrorKind::kCardinality);
    auto bad = run(io_, db_->query_text("SELECT FROM WHERE"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().reason(), DbErrorKind::kSyntaxError);

    auto rs = q("SELECT 'whole'");
    ASSERT_TRUE(rs);
    auto taken = std::move(*rs).take_single_text();
    ASSERT_TRUE(taken);
    EXPECT_EQ(*taken, "whole");
}

// Many coroutines on a multi-threaded io_context share the pool; nothing is lost or mixed up.
TEST_P(SqlConformance, ConcurrentQueriesFromManyCoroutines) {
    ASSERT_TRUE(script("CREATE TABLE hits (id INTEGER PRIMARY KEY, worker INTEGER NOT NULL)"));
    constexpr int kWorkers = 40;
    constexpr int kPerWorker = 10;
    std::atomic<int> failures{0};
    std::atomic<int> mismatches{0};
    auto db = db_.shared();
    for (int w = 0; w < kWorkers; ++w) {
        boost::asio::co_spawn(
            io_,
            [db, w, &failures, &mismatches]() -> Task<void> {
                for (int k = 0; k < kPerWorker; ++k) {
                    Params ins{w * 1000 + k, w};
                    auto r =
                        co_await db->query("INSERT INTO hits (id, worker) VALUES ($1, $2)", ins);
                    if (!r) ++failures;
                    Params sel{w};
                    auto c = co_await db->query("SELECT count(*) FROM hits WHERE worker = $1", sel);
                    if (!c || c->row(0).get<std::int64_t>(0).value() != k + 1) ++mismatches;
                }
            },
            [](std::exception_ptr e) {
                if (e) std::rethrow_exception(e);
            });
    }
    io_.restart();  // an earlier run() left the context stopped
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) threads.emplace_back([this] { io_.run(); });
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(mismatches.load(), 0);
    EXPECT_EQ(count("hits"), kWorkers * kPerWorker);
}

// With every connection taken, the next caller waits for one instead of failing.
TEST_P(SqlConformance, PoolExhaustionWaits) {
    Options options;
    options.max_connections = 1;
    options.sqlite_readers = 1;
    auto db = db_.open_another(options);
    ASSERT_TRUE(db);
    ASSERT_TRUE(
        run(io_, db->execute_script("CREATE TABLE IF NOT EXISTS w (id INTEGER PRIMARY KEY)")));
    std::vector<std::string> order;
    boost::asio::co_spawn(
        io_,
        [db, &order]() -> Task<void> {
            auto tx = co_await db->begin();
            EXPECT_TRUE(tx);
            if (!tx) co_return;
            Params p{1};
            EXPECT_TRUE(co_await tx->query("INSERT INTO w (id) VALUES ($1)", p));
            boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor,
                                            std::chrono::milliseconds(150));
            co_await timer.async_wait(boost::asio::use_awaitable);
            order.push_back("holder commits");
            EXPECT_TRUE(co_await tx->commit());
        },
        [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
        });
    boost::asio::co_spawn(
        io_,
        [db, &order]() -> Task<void> {
            // Waits for the holder's connection (PostgreSQL) or the writer (SQLite).
            Params p{2};
            auto r = co_await db->query("INSERT INTO w (id) VALUES ($1)", p);
            EXPECT_TRUE(r) << r.error().to_string();
            order.push_back("waiter inserted");
        },
        [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
        });
    io_.restart();  // an earlier run() left the context stopped
    io_.run();
    EXPECT_EQ(order, (std::vector<std::string>{"holder commits", "waiter inserted"}));
    auto n = run(io_, db->query("SELECT count(*) FROM w"));
    ASSERT_TRUE(n);
    EXPECT_EQ(n->row(0).get<std::int64_t>(0).value(), 2);
}

TEST_P(SqlConformance, PoolTimeoutWhenHeldTooLong) {
    Options options;
    options.max_connections = 1;
    options.acquire_timeout = std::chrono::milliseconds(50);
    auto db = db_.open_another(options);
    ASSERT_TRUE(db);
    auto tx = run(io_, db->begin());
    ASSERT_TRUE(tx);
    auto second = run(io_, db->begin());
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().reason(), DbErrorKind::kPoolTimeout);
    ASSERT_TRUE(run(io_, tx->commit()));
    auto third = run(io_, db->begin());
    EXPECT_TRUE(third) << third.error().to_string();
}

static std::vector<Migration> people_migrations() {
    return {
        {1, "CREATE TABLE m_users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
         "CREATE TABLE m_users (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL)"},
        {2,
         "ALTER TABLE m_users ADD COLUMN email TEXT; CREATE INDEX m_users_email ON m_users (email)",
         "ALTER TABLE m_users ADD COLUMN email TEXT; CREATE INDEX m_users_email ON m_users "
         "(email)"},
    };
}

TEST_P(SqlConformance, MigrationsApplyOnceAndAreIdempotent) {
    auto ms = people_migrations();
    auto first = run(io_, migrate(*db_, "idp", ms));
    ASSERT_TRUE(first) << first.error().to_string();
    EXPECT_EQ(*first, 2);
    auto again = run(io_, migrate(*db_, "idp", ms));
    ASSERT_TRUE(again) << again.error().to_string();
    EXPECT_EQ(*again, 2);
    EXPECT_TRUE(q("INSERT INTO m_users (name, email) VALUES ('a', 'a@x')"));
    // Components are independent.
    EXPECT_EQ(run(io_, schema_version(*db_, "engine")).value(), 0);
    EXPECT_EQ(run(io_, schema_version(*db_, "idp")).value(), 2);
    // Adding a migration later applies only the new one.
    ms.push_back({3, "ALTER TABLE m_users ADD COLUMN note TEXT",
                  "ALTER TABLE m_users ADD COLUMN note TEXT"});
    auto third = run(io_, migrate(*db_, "idp", ms));
    ASSERT_TRUE(third) << third.error().to_string();
    EXPECT_EQ(*third, 3);
    EXPECT_TRUE(q("SELECT note FROM m_users"));
}

TEST_P(SqlConformance, FailingMigrationLeavesVersionUnchanged) {
    auto ms = people_migrations();
    ms.push_back({3, "CREATE TABLE m_half (id INTEGER); INSERT INTO no_such_table VALUES (1)",
                  "CREATE TABLE m_half (id INTEGER); INSERT INTO no_such_table VALUES (1)"});
    auto r = run(io_, migrate(*db_, "idp", ms));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().reason(), DbErrorKind::kUndefinedTable);
    EXPECT_NE(r.error().message().find("idp v3"), std::string::npos) << r.error().message();
    EXPECT_EQ(run(io_, schema_version(*db_, "idp")).value(), 2);
    auto half = q("SELECT * FROM m_half");
    ASSERT_FALSE(half);
    EXPECT_EQ(half.error().reason(), DbErrorKind::kUndefinedTable);
}

TEST_P(SqlConformance, MigrationListsMustIncrease) {
    std::vector<Migration> ms = {{2, "SELECT 1", "SELECT 1"}, {2, "SELECT 1", "SELECT 1"}};
    auto r = run(io_, migrate(*db_, "x", ms));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().reason(), DbErrorKind::kInvalidParameter);
    std::vector<Migration> zero = {{0, "SELECT 1", "SELECT 1"}};
    EXPECT_FALSE(run(io_, migrate(*db_, "x", zero)));
    EXPECT_FALSE(run(io_, migrate(*db_, "", people_migrations())));
}

#ifdef WARD_SQL_PG
INSTANTIATE_TEST_SUITE_P(Sql, SqlConformance, ::testing::Values(Backend::kPostgres), backend_name);
#else
INSTANTIATE_TEST_SUITE_P(Sql, SqlConformance,
                         ::testing::Values(Backend::kSqliteMemory, Backend::kSqliteFile),
                         backend_name);
#endif

}  // namespace ward::sql::testing

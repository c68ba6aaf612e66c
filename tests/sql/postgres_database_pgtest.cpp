// PostgreSQL backend: the shared conformance suite plus what only a server has: prepared
// statements visible in pg_prepared_statements, reconnection after pg_terminate_backend, and
// two migrators racing. Needs WARD_TEST_PG_DSN (scripts/start-postgres); skips visibly without.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "sql/migrate.hpp"
#include "sql/test_support.hpp"

namespace ward::sql::testing {

class SqlPgTest : public ::testing::Test {
  protected:
    void SetUp() override {
        Options options;
        options.max_connections = 1;
        db_.open(Backend::kPostgres, io_, options);
    }
    DbResult<ResultSet> q(std::string_view sql, const Params& params = {}) {
        return run(io_, db_->query(sql, params));
    }
    std::int64_t backend_pid() {
        auto r = q("SELECT pg_backend_pid()");
        EXPECT_TRUE(r) << r.error().to_string();
        return r ? r->row(0).get<std::int64_t>(0).value() : 0;
    }
    // Terminates `pid` from another connection and waits until the backend is gone.
    void terminate(std::int64_t pid) {
        auto admin = db_.open_another();
        ASSERT_TRUE(admin);
        auto killed = run(io_, admin->query("SELECT pg_terminate_backend($1::int)", {pid}));
        ASSERT_TRUE(killed) << killed.error().to_string();
        for (int i = 0; i < 100; ++i) {
            auto left = run(
                io_,
                admin->query("SELECT count(*) FROM pg_stat_activity WHERE pid = $1::int", {pid}));
            ASSERT_TRUE(left);
            if (left->row(0).get<std::int64_t>(0).value() == 0) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        FAIL() << "backend " << pid << " did not exit";
    }

    boost::asio::io_context io_;
    TestDatabase db_;
};

TEST_F(SqlPgTest, PreparedStatementsAreCachedPerConnection) {
    const std::string sql = "SELECT $1::int + 1";
    for (int i = 0; i < 10; ++i) {
        auto r = q(sql, {i});
        ASSERT_TRUE(r) << r.error().to_string();
        EXPECT_EQ(r->row(0).get<std::int64_t>(0).value(), i + 1);
    }
    auto seen = q("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", {sql});
    ASSERT_TRUE(seen) << seen.error().to_string();
    EXPECT_EQ(seen->row(0).get<std::int64_t>(0).value(), 1);
}

TEST_F(SqlPgTest, StatementCacheSurvivesSchemaChanges) {
    ASSERT_TRUE(q("CREATE TABLE c (id INTEGER)"));
    ASSERT_TRUE(q("INSERT INTO c VALUES (1)"));
    auto before = q("SELECT * FROM c");
    ASSERT_TRUE(before);
    EXPECT_EQ(before->columns().size(), 1u);
    ASSERT_TRUE(run(io_, db_->execute_script("ALTER TABLE c ADD COLUMN name TEXT DEFAULT 'x'")));
    auto after = q("SELECT * FROM c");
    ASSERT_TRUE(after) << after.error().to_string();
    EXPECT_EQ(after->columns().size(), 2u);
}

TEST_F(SqlPgTest, ReconnectsAfterTheServerDropsTheConnection) {
    std::int64_t pid = backend_pid();
    ASSERT_NE(pid, 0);
    terminate(pid);
    if (HasFatalFailure()) return;
    // The idle connection is found dead before use and replaced.
    std::int64_t fresh = backend_pid();
    EXPECT_NE(fresh, 0);
    EXPECT_NE(fresh, pid);
}

TEST_F(SqlPgTest, ConnectionLostInTransactionIsUnavailableThenRecovers) {
    auto tx = run(io_, db_->begin());
    ASSERT_TRUE(tx);
    auto pid_rs = run(io_, tx->query("SELECT pg_backend_pid()"));
    ASSERT_TRUE(pid_rs);
    terminate(pid_rs->row(0).get<std::int64_t>(0).value());
    if (HasFatalFailure()) return;
    auto lost = run(io_, tx->query("SELECT 1"));
    ASSERT_FALSE(lost);
    EXPECT_EQ(lost.error().reason(), DbErrorKind::kUnavailable) << lost.error().to_string();
    EXPECT_FALSE(run(io_, tx->commit()));
    // The broken connection was dropped; the pool (size 1) opens a new one.
    auto again = q("SELECT 1");
    EXPECT_TRUE(again) << again.error().to_string();
}

TEST_F(SqlPgTest, ErrorsCarryConstraintNameAndDetail) {
    ASSERT_TRUE(q("CREATE TABLE u (email TEXT CONSTRAINT u_email_key UNIQUE)"));
    ASSERT_TRUE(q("INSERT INTO u VALUES ($1)", {"a@x"}));
    auto dup = q("INSERT INTO u VALUES ($1)", {"a@x"});
    ASSERT_FALSE(dup);
    EXPECT_EQ(dup.error().reason(), DbErrorKind::kUniqueViolation);
    EXPECT_EQ(dup.error().constraint(), "u_email_key");
    EXPECT_NE(dup.error().detail().find("already exists"), std::string::npos);
    auto div = q("SELECT 1 / $1::int", {0});
    ASSERT_FALSE(div);
    EXPECT_EQ(div.error().reason(), DbErrorKind::kDataException);
    EXPECT_EQ(div.error().sqlstate(), "22012");
}

// Text parameters are typed by the server, so they feed jsonb, uuid and timestamptz columns.
TEST_F(SqlPgTest, TextParametersTakeTheServersType) {
    auto r = q("SELECT ($1::jsonb ->> 'a') AS a, $2::uuid AS u, $3 = ANY($4::text[]) AS found",
               {"{\"a\": \"b\"}", "0b7d8a2e-8c1f-4f0e-9d2a-6a1b2c3d4e5f", "y", "{x,y}"});
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(r->row(0).get<std::string>("a").value(), "b");
    EXPECT_EQ(r->row(0).get<std::string>("u").value(), "0b7d8a2e-8c1f-4f0e-9d2a-6a1b2c3d4e5f");
    EXPECT_TRUE(r->row(0).get<bool>("found").value());
    auto bad = q("SELECT $1::uuid", {"not-a-uuid"});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().reason(), DbErrorKind::kTypeMismatch);
}

TEST_F(SqlPgTest, TwoConcurrentMigratorsApplyEachMigrationOnce) {
    std::vector<Migration> ms = {
        {1, "", "CREATE TABLE m_log (step TEXT); INSERT INTO m_log VALUES ('v1')"},
        {2, "", "SELECT pg_sleep(0.2); INSERT INTO m_log VALUES ('v2')"},
        {3, "", "INSERT INTO m_log VALUES ('v3')"},
    };
    Options options;
    auto a = db_.open_another(options);
    auto b = db_.open_another(options);
    ASSERT_TRUE(a && b);
    std::vector<DbResult<std::int64_t>> results;
    std::mutex mu;
    for (auto db : {a, b}) {
        boost::asio::co_spawn(
            io_,
            [db, &ms, &results, &mu]() -> Task<void> {
                auto r = co_await migrate(*db, "race", ms);
                std::lock_guard lock(mu);
                results.push_back(std::move(r));
            },
            boost::asio::detached);
    }
    io_.restart();  // an earlier run() left the context stopped
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t) threads.emplace_back([this] { io_.run(); });
    for (auto& t : threads) t.join();
    ASSERT_EQ(results.size(), 2u);
    for (auto& r : results) {
        ASSERT_TRUE(r) << r.error().to_string();
        EXPECT_EQ(*r, 3);
    }
    auto log = q("SELECT step FROM m_log ORDER BY step");
    ASSERT_TRUE(log) << log.error().to_string();
    ASSERT_EQ(log->size(), 3u);
    EXPECT_EQ(log->row(0).get<std::string>(0).value(), "v1");
    EXPECT_EQ(log->row(2).get<std::string>(0).value(), "v3");
}

// Statements outside transactions (query_text) share pipelined connections: many requests'
// statements travel on one connection, each with its own Sync.
class SqlPgPipelineTest : public SqlPgTest {
  protected:
    using Text = DbResult<std::optional<std::string>>;

    void SetUp() override {
        Options options;
        options.max_connections = max_connections_;
        options.pipeline_connections = 2;
        options.statement_cache_size = cache_size_;
        db_.open(Backend::kPostgres, io_, options);
        // The pipelined connections open on first use (statements meanwhile take the leased
        // one): open both before the test proper.
        std::vector<std::pair<std::string, Params>> warm(8, {"SELECT 'warm'", {}});
        for (const auto& r : all_at_once(warm)) ASSERT_TRUE(r) << r.error().to_string();
    }

    static Task<void> text_into(std::shared_ptr<Database> db, std::string sql, Params params,
                                std::optional<Text>* out) {
        *out = co_await db->query_text(sql, params);
    }

    // Runs every statement at once on two threads; the results in the same order.
    std::vector<Text> all_at_once(const std::vector<std::pair<std::string, Params>>& statements) {
        std::vector<std::optional<Text>> out(statements.size());
        for (std::size_t i = 0; i < statements.size(); ++i)
            boost::asio::co_spawn(
                io_, text_into(db_.shared(), statements[i].first, statements[i].second, &out[i]),
                boost::asio::detached);
        io_.restart();
        std::thread second([this] { io_.run(); });
        io_.run();
        second.join();
        std::vector<Text> results;
        for (auto& r : out) {
            EXPECT_TRUE(r.has_value());
            results.push_back(r ? std::move(*r) : Text(DbError(DbErrorKind::kInternal, "", "")));
        }
        return results;
    }

    Text text(std::string_view sql, const Params& params = {}) {
        return run(io_, db_->query_text(sql, params));
    }

    std::size_t cache_size_ = 512;
    std::size_t max_connections_ = 3;  // two pipelined connections and one for leases
};

TEST_F(SqlPgPipelineTest, EveryStatementGetsItsOwnResult) {
    std::vector<std::pair<std::string, Params>> statements;
    for (int i = 0; i < 400; ++i) statements.push_back({"SELECT ($1::int * 2)::text", {i}});
    auto results = all_at_once(statements);
    for (int i = 0; i < 400; ++i) {
        const auto& r = results[static_cast<std::size_t>(i)];
        ASSERT_TRUE(r) << r.error().to_string();
        EXPECT_EQ(r->value_or("null"), std::to_string(i * 2));
    }
    // At most the three configured connections carried them.
    auto backends =
        q("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
          "backend_type = 'client backend' AND query LIKE 'SELECT ($1::int * 2)%'");
    ASSERT_TRUE(backends) << backends.error().to_string();
    EXPECT_LE(backends->row(0).get<std::int64_t>(0).value(), 3);
}

TEST_F(SqlPgPipelineTest, AFailingStatementLeavesTheOthersAlone) {
    std::vector<std::pair<std::string, Params>> statements;
    for (int i = 0; i < 60; ++i) {
        if (i % 5 == 0) {
            statements.push_back({"SELECT (1 / ($1::int - $1::int))::text", {i}});
        } else {
            statements.push_back({"SELECT ($1::int + 1)::text", {i}});
        }
    }
    auto results = all_at_once(statements);
    for (int i = 0; i < 60; ++i) {
        const auto& r = results[static_cast<std::size_t>(i)];
        if (i % 5 == 0) {
            ASSERT_FALSE(r);
            EXPECT_EQ(r.error().sqlstate(), "22012") << r.error().to_string();
        } else {
            ASSERT_TRUE(r) << r.error().to_string();
            EXPECT_EQ(r->value_or("null"), std::to_string(i + 1));
        }
    }
}

TEST_F(SqlPgPipelineTest, AStatementThatDoesNotParseFailsForEveryCallerAndNothingElse) {
    std::vector<std::pair<std::string, Params>> statements;
    for (int i = 0; i < 20; ++i) {
        statements.push_back({"SELEC $1::text", {i}});
        statements.push_back({"SELECT $1::text", {i}});
    }
    auto results = all_at_once(statements);
    for (int i = 0; i < 20; ++i) {
        const auto& bad = results[static_cast<std::size_t>(2 * i)];
        ASSERT_FALSE(bad);
        EXPECT_EQ(bad.error().sqlstate(), "42601") << bad.error().to_string();
        const auto& good = results[static_cast<std::size_t>(2 * i + 1)];
        ASSERT_TRUE(good) << good.error().to_string();
        EXPECT_EQ(good->value_or("null"), std::to_string(i));
    }
}

TEST_F(SqlPgPipelineTest, NullAndCardinalityAreReportedAsOnALeasedConnection) {
    auto null = text("SELECT NULL::text");
    ASSERT_TRUE(null) << null.error().to_string();
    EXPECT_FALSE(null->has_value());
    auto two = text("SELECT 1, 2");
    ASSERT_FALSE(two);
    EXPECT_EQ(two.error().reason(), DbErrorKind::kCardinality);
    auto nul = text(std::string_view("SELECT 1\0", 9));
    ASSERT_FALSE(nul);
    EXPECT_EQ(nul.error().sqlstate(), "42601");
}

class SqlPgPipelineWideTest : public SqlPgPipelineTest {
  protected:
    void SetUp() override {
        max_connections_ = 6;  // two pipelined connections and four for leases
        SqlPgPipelineTest::SetUp();
    }
};

// A statement that keeps the server busy (here 10 ms) is measured while queued on a pipelined
// connection, and is then given connections of its own: four at once run on four backends,
// not queued on the two pipelined ones.
TEST_F(SqlPgPipelineWideTest, AnExpensiveStatementIsNotQueuedBehindOthers) {
    const std::string sql = "SELECT pg_backend_pid()::text || ':' || pg_sleep($1)::text";
    std::vector<std::pair<std::string, Params>> many(16, {sql, {0.01}});
    for (int round = 0; round < 3; ++round)
        for (const auto& r : all_at_once(many)) ASSERT_TRUE(r) << r.error().to_string();
    std::vector<std::pair<std::string, Params>> four(4, {sql, {0.05}});
    std::set<std::string> backends;
    for (const auto& r : all_at_once(four)) {
        ASSERT_TRUE(r) << r.error().to_string();
        backends.insert(r->value_or("").substr(0, r->value_or("").find(':')));
    }
    EXPECT_EQ(backends.size(), 4u);
}

class SqlPgPipelineSmallCacheTest : public SqlPgPipelineTest {
  protected:
    void SetUp() override {
        cache_size_ = 3;
        SqlPgPipelineTest::SetUp();
    }
};

TEST_F(SqlPgPipelineSmallCacheTest, StatementsBeyondTheCacheAreStillAnswered) {
    std::vector<std::pair<std::string, Params>> statements;
    for (int i = 0; i < 200; ++i)
        statements.push_back({"SELECT ($1::int + " + std::to_string(i % 17) + ")::text", {i}});
    auto results = all_at_once(statements);
    for (int i = 0; i < 200; ++i) {
        const auto& r = results[static_cast<std::size_t>(i)];
        ASSERT_TRUE(r) << r.error().to_string();
        EXPECT_EQ(r->value_or("null"), std::to_string(i + i % 17));
    }
    // Each connection keeps at most the cache's worth of statements.
    auto prepared = text("SELECT count(*)::text FROM pg_prepared_statements");
    ASSERT_TRUE(prepared) << prepared.error().to_string();
    EXPECT_LE(std::stoi(prepared->value_or("0")), 3);
}

TEST_F(SqlPgPipelineTest, AStatementWhoseResultTypeChangedIsPreparedAgain) {
    ASSERT_TRUE(q("CREATE TABLE p (id INTEGER)"));
    ASSERT_TRUE(q("INSERT INTO p VALUES (7)"));
    auto before = text("SELECT * FROM p");
    ASSERT_TRUE(before) << before.error().to_string();
    EXPECT_EQ(before->value_or("null"), "7");
    ASSERT_TRUE(run(io_, db_->execute_script("ALTER TABLE p ADD COLUMN name TEXT")));
    // Prepared again (not "cached plan must not change result type"): two columns now.
    auto after = text("SELECT * FROM p");
    ASSERT_FALSE(after);
    EXPECT_EQ(after.error().reason(), DbErrorKind::kCardinality) << after.error().to_string();
}

TEST_F(SqlPgPipelineTest, AConnectionTheServerDroppedIsReplaced) {
    auto pid = text("SELECT pg_backend_pid()::text");
    ASSERT_TRUE(pid) << pid.error().to_string();
    terminate(std::stoll(pid->value_or("0")));
    if (HasFatalFailure()) return;
    // Found dead while idle, before a statement is sent on it.
    for (int i = 0; i < 3; ++i) {
        auto again = text("SELECT pg_backend_pid()::text");
        ASSERT_TRUE(again) << again.error().to_string();
        EXPECT_NE(again->value_or("null"), *pid);
    }
}

}  // namespace ward::sql::testing

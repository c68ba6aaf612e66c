// SQLite backend: the shared conformance suite (in-memory and file databases) plus what only
// SQLite has: WAL mode, reader/writer routing, locking between two processes' connections.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <fstream>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <filesystem>
#include <mutex>
#include <thread>

#include "sql/migrate.hpp"
#include "sql/test_support.hpp"

namespace ward::sql::testing {

class SqlSqliteTest : public ::testing::Test {
  protected:
    void SetUp() override { db_.open(Backend::kSqliteFile, io_); }
    DbResult<ResultSet> q(std::string_view sql, const Params& params = {}) {
        return run(io_, db_->query(sql, params));
    }
    boost::asio::io_context io_;
    TestDatabase db_;
};

TEST_F(SqlSqliteTest, FileDatabasesUseWalAndForeignKeys) {
    auto mode = q("PRAGMA journal_mode");
    ASSERT_TRUE(mode) << mode.error().to_string();
    EXPECT_EQ(mode->row(0).get<std::string>(0).value(), "wal");
    auto fk = q("PRAGMA foreign_keys");
    ASSERT_TRUE(fk);
    EXPECT_EQ(fk->row(0).get<std::int64_t>(0).value(), 1);
    EXPECT_EQ(db_->dialect(), Dialect::kSqlite);
}

// Writes sent through query() reach the writer even though reads go to reader connections,
// and readers see what the writer committed.
TEST_F(SqlSqliteTest, WritesAreRoutedToTheWriterAndVisibleToReaders) {
    ASSERT_TRUE(q("CREATE TABLE r (id INTEGER PRIMARY KEY, v TEXT)"));
    for (int i = 0; i < 20; ++i) {
        auto ins = q("INSERT INTO r (id, v) VALUES ($1, $2)", {i, "v"});
        ASSERT_TRUE(ins) << ins.error().to_string();
        auto n = q("SELECT count(*) FROM r");
        ASSERT_TRUE(n);
        EXPECT_EQ(n->row(0).get<std::int64_t>(0).value(), i + 1);
    }
    auto ret = q("UPDATE r SET v = $1 WHERE id < 3 RETURNING id", {"w"});
    ASSERT_TRUE(ret) << ret.error().to_string();
    EXPECT_EQ(ret->size(), 3u);
}

// The log is copied back into the database file once it passes 5,000 pages, by a thread of its
// own (the writer's automatic checkpoint is off): the file grows, the log does not grow forever.
TEST_F(SqlSqliteTest, TheLogIsCheckpointedIntoTheDatabaseFile) {
    namespace fs = std::filesystem;
    const fs::path file = db_.url().substr(std::string("sqlite:").size());
    ASSERT_TRUE(q("CREATE TABLE big (id INTEGER PRIMARY KEY, b BLOB)"));
    const auto before = fs::file_size(file);
    // 48 commits of 1 MB: about 6,000 pages of 8 KiB in the log.
    for (int i = 0; i < 48; ++i) {
        auto ins = q("INSERT INTO big (b) VALUES (randomblob(1000000))");
        ASSERT_TRUE(ins) << ins.error().to_string();
    }
    std::uintmax_t size = before;
    for (int i = 0; i < 500 && size < 40'000'000; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        size = fs::file_size(file);
    }
    EXPECT_GE(size, 40'000'000u) << "the database file still holds " << size << " bytes";
    // Later commits reuse the log from its start instead of growing it.
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(q("UPDATE big SET b = randomblob(1000) WHERE id = 1"));
    const fs::path wal = file.string() + "-wal";
    EXPECT_LT(fs::file_size(wal), 4u * 5000u * 8192u);
    auto n = q("SELECT count(*) FROM big");
    ASSERT_TRUE(n);
    EXPECT_EQ(n->row(0).get<std::int64_t>(0).value(), 48);
}

// A second process holding the write lock makes BEGIN wait busy_timeout, then fail with kBusy.
TEST_F(SqlSqliteTest, LockedByAnotherConnectionReportsBusy) {
    ASSERT_TRUE(q("CREATE TABLE b (id INTEGER)"));
    Options options;
    options.sqlite_busy_timeout = std::chrono::milliseconds(50);
    auto other = db_.open_another(options);
    ASSERT_TRUE(other);
    auto holder = run(io_, db_->begin());
    ASSERT_TRUE(holder);
    auto blocked = run(io_, other->begin());
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.error().reason(), DbErrorKind::kBusy) << blocked.error().to_string();
    // Readers of the other process still read (WAL).
    auto read = run(io_, other->query("SELECT count(*) FROM b"));
    EXPECT_TRUE(read) << read.error().to_string();
    ASSERT_TRUE(run(io_, holder->commit()));
    auto now = run(io_, other->begin());
    EXPECT_TRUE(now) << now.error().to_string();
}

TEST_F(SqlSqliteTest, OnlyDollarNumberPlaceholders) {
    for (const char* sql :
         {"SELECT ?", "SELECT :name", "SELECT @x", "SELECT ?1", "SELECT $0", "SELECT $x"}) {
        auto r = q(sql, {1});
        ASSERT_FALSE(r) << sql;
        EXPECT_EQ(r.error().reason(), DbErrorKind::kInvalidParameter) << sql;
    }
}

class SqlOpenTest : public ::testing::Test {
  protected:
    boost::asio::io_context io_;
};

TEST_F(SqlOpenTest, BadConnectionStringsHaveClearErrors) {
    struct Case {
        const char* url;
        DbErrorKind reason;
        const char* mentions;
    };
    const Case cases[] = {
        {"", DbErrorKind::kInvalidConnectionString, "scheme"},
        {"mysql://user:secret@host/db", DbErrorKind::kInvalidConnectionString, "\"mysql\""},
        {"/var/lib/x.db", DbErrorKind::kInvalidConnectionString, "expected"},
        {"sqlite:", DbErrorKind::kInvalidConnectionString, "empty SQLite path"},
        {"sqlite:/nonexistent-dir-ward/sub/x.db", DbErrorKind::kUnavailable, "cannot open"},
        {"postgres://[::1/db", DbErrorKind::kInvalidConnectionString, "]"},
        {"postgresql://host/db?no_such_option=1", DbErrorKind::kInvalidConnectionString,
         "no_such_option"},
    };
    for (const Case& c : cases) {
        auto db = Database::open(c.url, io_.get_executor());
        ASSERT_FALSE(db) << c.url;
        EXPECT_EQ(db.error().reason(), c.reason) << c.url << ": " << db.error().to_string();
        EXPECT_NE(db.error().message().find(c.mentions), std::string::npos)
            << c.url << ": " << db.error().message();
        // A password in the URL never shows up in the error.
        EXPECT_EQ(db.error().message().find("secret"), std::string::npos);
    }
}

TEST_F(SqlOpenTest, FileThatIsNotADatabaseIsRefused) {
    auto path = std::filesystem::temp_directory_path() / unique_name("ward_not_a_db");
    {
        std::ofstream out(path);
        out << "this is not an SQLite database, just text that is long enough to have a header";
    }
    auto db = Database::open("sqlite:" + path.string(), io_.get_executor());
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().reason(), DbErrorKind::kUnavailable) << db.error().to_string();
    std::filesystem::remove(path);
}

TEST_F(SqlOpenTest, SqliteUrlForms) {
    auto dir = std::filesystem::temp_directory_path() / unique_name("ward_url");
    std::filesystem::create_directories(dir);
    auto triple = Database::open("sqlite://" + (dir / "a.db").string(), io_.get_executor());
    ASSERT_TRUE(triple) << triple.error().to_string();
    EXPECT_TRUE(std::filesystem::exists(dir / "a.db"));
    auto memory = Database::open("sqlite::memory:", io_.get_executor());
    ASSERT_TRUE(memory);
    EXPECT_EQ((*memory)->dialect(), Dialect::kSqlite);
    triple->reset();
    std::filesystem::remove_all(dir);
}

// An unreachable server is reported by the first query, not at open (connections are lazy).
TEST_F(SqlOpenTest, UnreachablePostgresIsUnavailable) {
    auto db = Database::open("postgres://nobody@127.0.0.1:1/none", io_.get_executor());
    ASSERT_TRUE(db) << db.error().to_string();
    EXPECT_EQ((*db)->dialect(), Dialect::kPostgres);
    auto r = run(io_, (*db)->query("SELECT 1"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().reason(), DbErrorKind::kUnavailable) << r.error().to_string();
    EXPECT_TRUE(r.error().is(core::ErrorKind::kUnavailable));
}

// A server that accepts TCP but never answers must not hang a connect forever.
TEST_F(SqlOpenTest, PostgresConnectTimesOut) {
    boost::asio::ip::tcp::acceptor silent(
        io_, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    const auto port = silent.local_endpoint().port();
    Options options;
    options.connect_timeout = std::chrono::milliseconds(200);
    auto db = Database::open("postgres://nobody@127.0.0.1:" + std::to_string(port) + "/none",
                             io_.get_executor(), options);
    ASSERT_TRUE(db) << db.error().to_string();
    const auto start = std::chrono::steady_clock::now();
    auto r = run(io_, (*db)->query("SELECT 1"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().reason(), DbErrorKind::kUnavailable);
    EXPECT_NE(r.error().message().find("timed out"), std::string::npos) << r.error().message();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace ward::sql::testing

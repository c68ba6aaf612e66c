// Shared helpers for the sql tests: a backend description, running coroutines to completion,
// and per-test databases (a temporary SQLite file, or a private PostgreSQL schema).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "core/random.hpp"
#include "sql/database.hpp"

namespace ward::sql::testing {

enum class Backend { kSqliteMemory, kSqliteFile, kPostgres };

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
    switch (info.param) {
        case Backend::kSqliteMemory:
            return "SqliteMemory";
        case Backend::kSqliteFile:
            return "SqliteFile";
        case Backend::kPostgres:
            return "Postgres";
    }
    return "Unknown";
}

inline const char* pg_dsn() { return std::getenv("WARD_TEST_PG_DSN"); }

// A unique name per test run: the tests of several binaries may share one server.
inline std::string unique_name(std::string_view prefix) {
    return std::string(prefix) + "_" + core::SystemRandom().alphanumeric(10);
}

template <typename T>
T run(boost::asio::io_context& io, Task<T> task) {
    return run_sync(io, std::move(task));
}

// Owns the database of one test and cleans it up afterwards.
class TestDatabase {
  public:
    // Skips the test (visibly) when PostgreSQL is wanted but WARD_TEST_PG_DSN is unset.
    void open(Backend backend, boost::asio::io_context& io, Options options = {}) {
        backend_ = backend;
        switch (backend) {
            case Backend::kSqliteMemory:
                url_ = "sqlite::memory:";
                break;
            case Backend::kSqliteFile: {
                dir_ = std::filesystem::temp_directory_path() / unique_name("ward_sql_test");
                std::filesystem::create_directories(dir_);
                url_ = "sqlite:" + (dir_ / "test.db").string();
                break;
            }
            case Backend::kPostgres: {
                const char* dsn = pg_dsn();
                if (!dsn) GTEST_SKIP() << "WARD_TEST_PG_DSN is unset: run scripts/start-postgres";
                schema_ = unique_name("ward_test");
                std::transform(schema_.begin(), schema_.end(), schema_.begin(),
                               [](unsigned char c) { return std::tolower(c); });
                auto admin = Database::open(dsn, io.get_executor());
                ASSERT_TRUE(admin) << admin.error().to_string();
                auto created = run(io, (*admin)->execute_script("CREATE SCHEMA " + schema_));
                ASSERT_TRUE(created) << created.error().to_string();
                admin_ = *admin;
                std::string base = dsn;
                url_ = base + (base.find('?') == std::string::npos ? "?" : "&") +
                       "options=-csearch_path%3D" + schema_;
                break;
            }
        }
        auto db = Database::open(url_, io.get_executor(), options);
        ASSERT_TRUE(db) << db.error().to_string();
        db_ = *db;
        io_ = &io;
    }

    // Another Database on the same data (a second process, in effect). Not for :memory:.
    std::shared_ptr<Database> open_another(Options options = {}) {
        auto db = Database::open(url_, io_->get_executor(), options);
        EXPECT_TRUE(db) << db.error().to_string();
        return db ? *db : nullptr;
    }

    ~TestDatabase() {
        db_.reset();
        if (admin_ && io_) {
            (void)run(*io_, admin_->execute_script("DROP SCHEMA " + schema_ + " CASCADE"));
        }
        admin_.reset();
        if (!dir_.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(dir_, ec);
        }
    }

    Database& operator*() const { return *db_; }
    Database* operator->() const { return db_.get(); }
    std::shared_ptr<Database> shared() const { return db_; }
    Backend backend() const { return backend_; }
    const std::string& url() const { return url_; }
    const std::string& schema() const { return schema_; }

  private:
    Backend backend_ = Backend::kSqliteMemory;
    boost::asio::io_context* io_ = nullptr;
    std::shared_ptr<Database> db_;
    std::shared_ptr<Database> admin_;
    std::filesystem::path dir_;
    std::string url_;
    std::string schema_;
};

}  // namespace ward::sql::testing

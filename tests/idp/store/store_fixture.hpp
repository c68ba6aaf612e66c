// A Store over a fresh database for each test: SQLite in memory, or (WARD_IDP_STORE_PG) a
// fresh schema on the PostgreSQL named by WARD_TEST_PG_DSN.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "idp/store/store.hpp"
#include "sql/database.hpp"

namespace ward::idp::store::testing {

class StoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        clock_ = std::make_shared<core::ManualClock>(1'700'000'000);
        random_ = std::make_shared<core::SeededRandom>(7);
#ifdef WARD_IDP_STORE_PG
        const char* dsn = std::getenv("WARD_TEST_PG_DSN");
        if (dsn == nullptr || *dsn == '\0') GTEST_FAIL() << "WARD_TEST_PG_DSN is not set";
        auto admin = sql::Database::open(dsn, io_.get_executor());
        ASSERT_TRUE(admin) << admin.error().to_string();
        schema_ =
            "idp_store_t" + std::to_string(std::random_device{}()) + std::to_string(counter()++);
        auto made = run((*admin)->execute_script("CREATE SCHEMA " + schema_));
        ASSERT_TRUE(made) << made.error().to_string();
        admin_ = *admin;
        std::string url = dsn;
        url += (url.find('?') == std::string::npos ? "?" : "&");
        url += "options=-csearch_path%3D" + schema_;
        auto db = sql::Database::open(url, io_.get_executor());
#else
        auto db = sql::Database::open("sqlite::memory:", io_.get_executor());
#endif
        ASSERT_TRUE(db) << db.error().to_string();
        db_ = *db;
        store_ = std::make_shared<Store>(db_, clock_, random_);
        auto migrated = run(store_->migrate());
        ASSERT_TRUE(migrated) << migrated.error().to_string();
    }

    void TearDown() override {
#ifdef WARD_IDP_STORE_PG
        store_.reset();
        db_.reset();
        if (admin_) (void)run(admin_->execute_script("DROP SCHEMA " + schema_ + " CASCADE"));
#endif
    }

    template <typename T>
    T run(sql::Task<T> task) {
        return sql::run_sync(io_, std::move(task));
    }

    static int& counter() {
        static int n = 0;
        return n;
    }

    boost::asio::io_context io_;
    std::shared_ptr<core::ManualClock> clock_;
    std::shared_ptr<core::SeededRandom> random_;
    std::shared_ptr<sql::Database> db_;
    std::shared_ptr<sql::Database> admin_;
    std::string schema_;
    std::shared_ptr<Store> store_;
};

}  // namespace ward::idp::store::testing

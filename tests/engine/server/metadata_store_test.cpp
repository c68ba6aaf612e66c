// MetadataStore on SQLite: first write, compare-and-swap on resource_version, two stores on one
// file (two processes) seeing each other's writes.
#include "engine/server/metadata_store.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "core/random.hpp"

namespace ward::engine::server {
namespace {

class EngineMetadataStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("ward_mdstore_" + core::SystemRandom().alphanumeric(8));
        std::filesystem::create_directories(dir_);
        url_ = "sqlite:" + (dir_ / "metadata.db").string();
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::shared_ptr<MetadataStore> open() {
        auto db = sql::Database::open(url_, io_.get_executor());
        EXPECT_TRUE(db);
        auto store = sql::run_sync(io_, MetadataStore::open(*db));
        EXPECT_TRUE(store) << store.error().to_string();
        return *store;
    }

    boost::asio::io_context io_;
    std::filesystem::path dir_;
    std::string url_;
};

TEST_F(EngineMetadataStoreTest, EmptyThenCompareAndSwap) {
    auto store = open();
    auto empty = sql::run_sync(io_, store->load());
    ASSERT_TRUE(empty);
    EXPECT_FALSE(empty->has_value());
    EXPECT_EQ(sql::run_sync(io_, store->current_version()).value(), 0);

    EXPECT_EQ(sql::run_sync(io_, store->save("{\"a\":1}", 0)).value(), 1);
    // A second first-write loses.
    auto again = sql::run_sync(io_, store->save("{\"a\":2}", 0));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code(), "conflict");

    EXPECT_EQ(sql::run_sync(io_, store->save("{\"a\":3}", 1)).value(), 2);
    auto stale = sql::run_sync(io_, store->save("{\"a\":4}", 1));
    ASSERT_FALSE(stale);
    EXPECT_TRUE(stale.error().is(core::ErrorKind::kConflict));

    auto loaded = sql::run_sync(io_, store->load()).value();
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->resource_version, 2);
    EXPECT_EQ(loaded->metadata, "{\"a\":3}");
}

TEST_F(EngineMetadataStoreTest, TwoStoresOnOneDatabase) {
    auto a = open();
    auto b = open();  // migrations already applied: a no-op
    EXPECT_EQ(sql::run_sync(io_, a->save("{}", 0)).value(), 1);
    EXPECT_EQ(sql::run_sync(io_, b->current_version()).value(), 1);
    EXPECT_EQ(sql::run_sync(io_, b->save("{\"b\":true}", 1)).value(), 2);
    EXPECT_FALSE(sql::run_sync(io_, a->save("{\"a\":true}", 1)));
    EXPECT_EQ(sql::run_sync(io_, a->load()).value()->metadata, "{\"b\":true}");
}

}  // namespace
}  // namespace ward::engine::server

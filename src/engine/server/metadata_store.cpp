#include "engine/server/metadata_store.hpp"

#include <array>

#include "sql/migrate.hpp"

namespace ward::engine::server {
namespace {

const std::array<sql::Migration, 1> kMigrations = {sql::Migration{
    .version = 1,
    .sqlite = "CREATE TABLE ward_engine_metadata (id INTEGER PRIMARY KEY CHECK (id = 1), "
              "resource_version INTEGER NOT NULL, metadata TEXT NOT NULL)",
    .postgres = "CREATE TABLE ward_engine_metadata (id integer PRIMARY KEY CHECK (id = 1), "
                "resource_version bigint NOT NULL, metadata text NOT NULL)",
}};

core::Error as_error(const sql::DbError& e) { return static_cast<const core::Error&>(e); }

}  // namespace

sql::Task<core::Result<std::shared_ptr<MetadataStore>>> MetadataStore::open(
    std::shared_ptr<sql::Database> db) {
    auto migrated = co_await sql::migrate(*db, "engine_metadata", kMigrations);
    if (!migrated) co_return as_error(migrated.error());
    co_return std::shared_ptr<MetadataStore>(new MetadataStore(std::move(db)));
}

sql::Task<core::Result<std::optional<StoredMetadata>>> MetadataStore::load() {
    auto rs = co_await db_->query(
        "SELECT resource_version, metadata FROM ward_engine_metadata WHERE id = 1");
    if (!rs) co_return as_error(rs.error());
    if (rs->empty()) co_return std::optional<StoredMetadata>();
    auto version = rs->row(0).get<std::int64_t>(0);
    auto text = rs->row(0).get<std::string>(1);
    if (!version) co_return as_error(version.error());
    if (!text) co_return as_error(text.error());
    co_return std::optional<StoredMetadata>(
        StoredMetadata{.resource_version = *version, .metadata = std::move(*text)});
}

sql::Task<core::Result<std::int64_t>> MetadataStore::current_version() {
    auto rs = co_await db_->query("SELECT resource_version FROM ward_engine_metadata WHERE id = 1");
    if (!rs) co_return as_error(rs.error());
    if (rs->empty()) co_return std::int64_t{0};
    auto version = rs->row(0).get<std::int64_t>(0);
    if (!version) co_return as_error(version.error());
    co_return *version;
}

sql::Task<core::Result<std::int64_t>> MetadataStore::save(std::string metadata,
                                                          std::int64_t expected_version) {
    const std::int64_t next = expected_version + 1;
    std::int64_t changed = 0;
    if (expected_version == 0) {
        sql::Params p{next, metadata};
        auto rs = co_await db_->query(
            "INSERT INTO ward_engine_metadata (id, resource_version, metadata) VALUES (1, $1, $2) "
            "ON CONFLICT (id) DO NOTHING",
            p);
        if (!rs) co_return as_error(rs.error());
        changed = rs->affected_rows();
    } else {
        sql::Params p{next, metadata, expected_version};
        auto rs = co_await db_->query(
            "UPDATE ward_engine_metadata SET resource_version = $1, metadata = $2 WHERE id = 1 "
            "AND resource_version = $3",
            p);
        if (!rs) co_return as_error(rs.error());
        changed = rs->affected_rows();
    }
    if (changed != 1) {
        co_return core::Error::conflict("metadata was changed by another writer", "conflict");
    }
    co_return next;
}

}  // namespace ward::engine::server

// The engine's metadata persistence (Hasura's hdb_catalog.hdb_metadata): one row holding the
// metadata JSON and its resource_version in the metadata database (SQLite or PostgreSQL).
// Writes are compare-and-swap on resource_version, so several ward processes sharing one
// database never lose each other's changes; they notice them by polling current_version().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "sql/database.hpp"

namespace ward::engine::server {

struct StoredMetadata {
    std::int64_t resource_version = 0;
    std::string metadata;  // JSON text, export format v3
};

class MetadataStore {
  public:
    // Runs the store's migrations (component "engine_metadata") on `db`. Errors: the database's.
    static sql::Task<core::Result<std::shared_ptr<MetadataStore>>> open(
        std::shared_ptr<sql::Database> db);

    // The stored row, or nullopt before the first write. Errors: the database's.
    sql::Task<core::Result<std::optional<StoredMetadata>>> load();

    // The stored resource_version; 0 before the first write. Cheap: for polling.
    sql::Task<core::Result<std::int64_t>> current_version();

    // Stores `metadata` if the row's version is still `expected_version` (0: no row yet) and
    // returns the new version (expected + 1). Errors: kConflict "conflict" when another writer
    // got there first; the database's error otherwise.
    sql::Task<core::Result<std::int64_t>> save(std::string metadata, std::int64_t expected_version);

    sql::Database& database() { return *db_; }

  private:
    explicit MetadataStore(std::shared_ptr<sql::Database> db) : db_(std::move(db)) {}

    std::shared_ptr<sql::Database> db_;
};

}  // namespace ward::engine::server

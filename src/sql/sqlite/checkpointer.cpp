#include "sql/sqlite/checkpointer.hpp"

#include "core/log.hpp"

namespace ward::sql::sqlite {

Checkpointer::Checkpointer(std::string path) : path_(std::move(path)) {
    thread_ = std::thread([this] { run(); });
}

Checkpointer::~Checkpointer() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
}

void Checkpointer::watch(sqlite3* writer) {
    sqlite3_wal_hook(writer, &Checkpointer::on_commit, this);
}

int Checkpointer::on_commit(void* self, sqlite3* db, const char* schema, int pages) {
    auto* c = static_cast<Checkpointer*>(self);
    if (pages >= 4 * kThresholdPages) {
        // Not caught up: checkpoint here, as SQLite's automatic checkpoint would.
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (pages >= kThresholdPages) {
        {
            std::lock_guard lock(c->mu_);
            c->wanted_ = true;
        }
        c->cv_.notify_one();
    }
    return SQLITE_OK;
}

void Checkpointer::run() {
    sqlite3* db = nullptr;
    for (;;) {
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [this] { return wanted_ || stop_; });
            if (stop_) break;
            wanted_ = false;
        }
        if (!db) {
            if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                nullptr) != SQLITE_OK) {
                core::log().warn("sqlite-checkpoint",
                                 {{"error", "cannot open the database to checkpoint it"},
                                  {"detail", db ? sqlite3_errmsg(db) : "out of memory"}});
                sqlite3_close_v2(db);
                db = nullptr;
                continue;
            }
            sqlite3_busy_timeout(db, 1000);
            // A new connection learns that the file is in WAL mode when it first reads it; until
            // then a checkpoint does nothing.
            sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
        }
        // PASSIVE: copies what no reader still needs, without waiting for anyone; the writer
        // restarts the log from its beginning once everything has been copied.
        const int rc =
            sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            core::log().warn("sqlite-checkpoint",
                             {{"error", "checkpoint failed"}, {"detail", sqlite3_errmsg(db)}});
    }
    sqlite3_close_v2(db);
}

}  // namespace ward::sql::sqlite

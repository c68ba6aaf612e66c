// One SQLite connection. The *_now functions block and run on the SQLite thread pool; the
// Connection overrides hop there and back. Private to src/sql.
#pragma once

#include <sqlite3.h>

#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "sql/database.hpp"
#include "sql/detail/connection.hpp"
#include "sql/sqlite/checkpointer.hpp"

namespace ward::sql::sqlite {

// Whether `sql`, after leading white space, starts with `keyword` (upper case) as a whole word.
bool starts_with_keyword(std::string_view sql, std::string_view keyword);

class SqliteConnection final : public detail::Connection {
  public:
    using PoolExecutor = boost::asio::thread_pool::executor_type;

    // Blocking. Errors: kUnavailable with SQLite's message. A writer given a checkpointer
    // leaves checkpoints to it.
    static DbResult<std::unique_ptr<SqliteConnection>> open(
        const std::string& path, bool writer, const Options& options, PoolExecutor pool,
        std::shared_ptr<Checkpointer> checkpointer = nullptr);
    SqliteConnection(sqlite3* db, PoolExecutor pool, std::size_t cache_size);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    // With `readonly_only`, a statement that would write is not run and `needs_writer` is set.
    DbResult<ResultSet> query_now(std::string_view sql, const Params& params, bool readonly_only,
                                  bool& needs_writer);
    DbResult<std::optional<std::string>> query_text_now(std::string_view sql, const Params& params,
                                                        bool readonly_only, bool& needs_writer);
    DbResult<ResultSet> execute_script_now(std::string_view sql);

    detail::Task<DbResult<ResultSet>> query(std::string_view sql, const Params& params) override;
    detail::Task<DbResult<std::optional<std::string>>> query_text(std::string_view sql,
                                                                  const Params& params) override;
    detail::Task<DbResult<ResultSet>> execute_script(std::string_view sql) override;
    bool usable() const override { return db_ != nullptr; }
    bool in_transaction() const override;
    detail::Task<bool> reset() override;

    PoolExecutor pool() const { return pool_; }

  private:
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };

    DbError last_error() const;
    // A cached statement for `sql`, or nullptr for an empty statement.
    DbResult<sqlite3_stmt*> prepare(std::string_view sql);
    DbResult<void> bind(sqlite3_stmt* stmt, const Params& params);
    DbResult<ResultSet> run(sqlite3_stmt* stmt);

    sqlite3* db_;
    PoolExecutor pool_;
    std::shared_ptr<Checkpointer> checkpointer_;  // the writer's, when it has one
    std::size_t cache_size_;
    std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> cache_;
    // Per cached statement, the $N each bind slot takes (0: not of the form $N). SQLite finds a
    // slot's name by a linear scan, so naming every slot on every bind is quadratic in the slots.
    std::unordered_map<sqlite3_stmt*, std::vector<std::size_t>> slots_;
};

}  // namespace ward::sql::sqlite

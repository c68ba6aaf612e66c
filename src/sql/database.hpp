// sql::Database: one asynchronous interface over SQLite (embedded default, WAL) and PostgreSQL
// (libpq in non-blocking mode on Asio), with a connection pool, per-connection prepared
// statement caches, transactions and typed $N parameters. Every call is a coroutine that never
// blocks an I/O thread: PostgreSQL waits on the socket, SQLite runs on a small thread pool.
//
// Usage:
//   auto db = sql::Database::open("sqlite:/var/lib/ward/idp.db", io.get_executor()).value();
//   auto rs = co_await db->query("SELECT id FROM users WHERE name = $1", {name});
//   auto r = co_await db->transaction([&](sql::Transaction& tx) -> sql::Task<DbResult<int>> {
//       auto a = co_await tx.query("UPDATE ...", {x});  ...  co_return 1;
//   });
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "sql/db_error.hpp"
#include "sql/detail/pool.hpp"
#include "sql/result_set.hpp"
#include "sql/value.hpp"

namespace ward::sql {

template <typename T>
using Task = boost::asio::awaitable<T>;

enum class Dialect { kSqlite, kPostgres };

std::string_view to_string(Dialect d);

struct Options {
    // PostgreSQL: connections opened on demand, at most this many.
    std::size_t max_connections = 10;
    // PostgreSQL: how many of those carry single statements outside transactions (query_text)
    // for many callers at once, in libpq's pipeline mode; the rest are leased one caller at a
    // time. 0 turns pipelining off. Below 2 max_connections, there is none.
    std::size_t pipeline_connections = 4;
    // How long acquire waits for a free connection; zero waits forever.
    std::chrono::milliseconds acquire_timeout{30'000};
    // SQLite: reader connections besides the one writer (file databases only; an in-memory
    // database has just the writer) and threads in the blocking pool.
    std::size_t sqlite_readers = 4;
    std::size_t sqlite_threads = 2;
    // SQLite: how long a statement waits for another process's lock before kBusy.
    std::chrono::milliseconds sqlite_busy_timeout{5'000};
    // PostgreSQL: how long opening one connection may take (libpq's own connect_timeout does
    // not apply to non-blocking connects).
    std::chrono::milliseconds connect_timeout{10'000};
    // Per-connection prepared statement cache size; the cache is emptied when full.
    std::size_t statement_cache_size = 512;
};

// A transaction on one leased connection. Move-only. Destroying it without commit() rolls back
// (asynchronously) before the connection goes back to the pool. After a failed statement the
// transaction is aborted in both dialects: further statements and commit() return
// kTransactionAborted and the work is rolled back.
class Transaction {
  public:
    Transaction(Dialect dialect, detail::Lease lease)
        : dialect_(dialect), lease_(std::move(lease)) {}
    Transaction(Transaction&&) noexcept = default;
    Transaction& operator=(Transaction&&) noexcept = default;
    ~Transaction() = default;

    Dialect dialect() const { return dialect_; }

    Task<DbResult<ResultSet>> query(std::string_view sql, const Params& params = {});
    Task<DbResult<std::optional<std::string>>> query_text(std::string_view sql,
                                                          const Params& params = {});
    Task<DbResult<ResultSet>> execute_script(std::string_view sql);
    // Errors: kTransactionAborted (rolled back instead), kInvalidState after commit/rollback,
    // the database's error (the transaction is then rolled back).
    Task<DbResult<void>> commit();
    Task<DbResult<void>> rollback();

  private:
    std::optional<DbError> check_open() const;
    template <typename T>
    DbResult<T> note(DbResult<T> r);

    Dialect dialect_;
    detail::Lease lease_;
    // The first error inside the transaction; set means aborted.
    std::optional<DbError> failure_;
};

class Database : public std::enable_shared_from_this<Database> {
  public:
    virtual ~Database() = default;

    // Opens `url`: "postgres://…" / "postgresql://…" (a libpq URI; connections are opened on
    // first use, so an unreachable server shows up as kUnavailable from the first query), or
    // "sqlite:<path>" / "sqlite::memory:" (opened now, WAL mode, foreign keys on). `executor`
    // runs PostgreSQL socket waits and background rollbacks. Errors: kInvalidConnectionString,
    // kUnavailable (SQLite file cannot be opened).
    static DbResult<std::shared_ptr<Database>> open(std::string_view url,
                                                    boost::asio::any_io_executor executor,
                                                    Options options = {});

    virtual Dialect dialect() const = 0;

    // One statement with $1, $2 … placeholders bound to `params` (never spliced into the text).
    // Prepared and cached per connection. Errors: DbError classified from the database.
    virtual Task<DbResult<ResultSet>> query(std::string_view sql, const Params& params = {}) = 0;

    // The engine's hot path: one statement returning one row of one column (NULL -> nullopt);
    // the text is copied once from the driver. Errors: as query(), kCardinality.
    virtual Task<DbResult<std::optional<std::string>>> query_text(std::string_view sql,
                                                                  const Params& params = {}) = 0;

    // Admin SQL with several statements and no parameters (Hasura's run_sql). Runs as one
    // transaction unless the script manages its own; returns the last statement's result.
    virtual Task<DbResult<ResultSet>> execute_script(std::string_view sql) = 0;

    // Starts a transaction (PostgreSQL BEGIN; SQLite BEGIN IMMEDIATE on the writer).
    virtual Task<DbResult<Transaction>> begin() = 0;

    // Runs fn(Transaction&) -> Task<Result<T, E>> in a transaction: commits on success, rolls
    // back and returns fn's error on failure. E must be constructible from DbError.
    template <typename F>
    auto transaction(F fn) -> std::invoke_result_t<F&, Transaction&> {
        auto tx = co_await begin();
        if (!tx) co_return std::move(tx).error();
        auto result = co_await fn(*tx);
        if (!result) {
            (void)co_await tx->rollback();
            co_return result;
        }
        auto committed = co_await tx->commit();
        if (!committed) co_return std::move(committed).error();
        co_return result;
    }
};

// Runs `task` to completion on `ctx` (which must not be running elsewhere) and returns its
// result: for start-up code and tests. Servers use the coroutines directly.
template <typename T>
T run_sync(boost::asio::io_context& ctx, Task<T> task) {
    std::optional<T> out;
    std::exception_ptr failure;
    boost::asio::co_spawn(
        ctx, [&]() -> Task<void> { out.emplace(co_await std::move(task)); },
        [&](std::exception_ptr e) { failure = e; });
    ctx.restart();
    ctx.run();
    if (failure) std::rethrow_exception(failure);
    WARD_INVARIANT(out.has_value(), "run_sync: the task did not finish");
    return std::move(*out);
}

}  // namespace ward::sql

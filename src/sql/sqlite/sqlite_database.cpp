#include "sql/sqlite/sqlite_database.hpp"

#include <boost/asio/thread_pool.hpp>
#include <thread>

#include "sql/detail/blocking.hpp"
#include "sql/sqlite/sqlite_connection.hpp"

namespace ward::sql::sqlite {
namespace {

namespace asio = boost::asio;

class SqliteDatabase final : public Database {
  public:
    SqliteDatabase(asio::any_io_executor executor, std::string path, bool memory,
                   const Options& options)
        : threads_(options.sqlite_threads == 0 ? 1 : options.sqlite_threads),
          path_(std::move(path)),
          options_(options),
          checkpointer_(memory ? nullptr : std::make_shared<Checkpointer>(path_)) {
        auto pool = threads_.get_executor();
        auto factory = [this, pool](bool writer) {
            return [this, pool, writer]() -> Task<DbResult<std::unique_ptr<detail::Connection>>> {
                auto open = [this, pool, writer] {
                    return SqliteConnection::open(path_, writer, options_, pool,
                                                  writer ? checkpointer_ : nullptr);
                };
                auto opened = co_await detail::run_blocking(pool, std::move(open));
                if (!opened) co_return std::move(opened).error();
                co_return std::unique_ptr<detail::Connection>(std::move(opened).value());
            };
        };
        writer_ =
            std::make_shared<detail::Pool>(executor, 1, factory(true), options.acquire_timeout);
        // Every connection to ":memory:" is a separate database: the writer does everything.
        if (!memory && options.sqlite_readers > 0)
            readers_ = std::make_shared<detail::Pool>(executor, options.sqlite_readers,
                                                      factory(false), options.acquire_timeout);
    }

    ~SqliteDatabase() override {
        // Let queued SQLite work finish before the connections close.
        threads_.join();
    }

    // Opens the writer (which creates the file and switches it to WAL) and then the readers.
    DbResult<void> open_connections() {
        auto writer =
            SqliteConnection::open(path_, true, options_, threads_.get_executor(), checkpointer_);
        if (!writer) return std::move(writer).error();
        writer_->add(std::move(writer).value());
        if (readers_) {
            for (std::size_t i = 0; i < options_.sqlite_readers; ++i) {
                auto reader =
                    SqliteConnection::open(path_, false, options_, threads_.get_executor());
                if (!reader) return std::move(reader).error();
                readers_->add(std::move(reader).value());
            }
        }
        return DbResult<void>{};
    }

    Dialect dialect() const override { return Dialect::kSqlite; }

    Task<DbResult<ResultSet>> query(std::string_view sql, const Params& params) override {
        if (readers_ && !surely_writes(sql)) {
            // A reader runs the statement when it is read-only; writes go to the one writer.
            auto lease = co_await readers_->acquire();
            if (!lease) co_return std::move(lease).error();
            auto* conn = static_cast<SqliteConnection*>(&**lease);
            bool needs_writer = false;
            auto r = co_await detail::run_blocking(
                conn->pool(), [&] { return conn->query_now(sql, params, true, needs_writer); });
            if (!needs_writer) co_return r;
        }
        auto lease = co_await writer_->acquire();
        if (!lease) co_return std::move(lease).error();
        co_return co_await (*lease)->query(sql, params);
    }

    Task<DbResult<std::optional<std::string>>> query_text(std::string_view sql,
                                                          const Params& params) override {
        if (readers_ && !surely_writes(sql)) {
            auto lease = co_await readers_->acquire();
            if (!lease) co_return std::move(lease).error();
            auto* conn = static_cast<SqliteConnection*>(&**lease);
            bool needs_writer = false;
            auto r = co_await detail::run_blocking(conn->pool(), [&] {
                return conn->query_text_now(sql, params, true, needs_writer);
            });
            if (!needs_writer) co_return r;
        }
        auto lease = co_await writer_->acquire();
        if (!lease) co_return std::move(lease).error();
        co_return co_await (*lease)->query_text(sql, params);
    }

    Task<DbResult<ResultSet>> execute_script(std::string_view sql) override {
        auto lease = co_await writer_->acquire();
        if (!lease) co_return std::move(lease).error();
        co_return co_await (*lease)->execute_script(sql);
    }

    Task<DbResult<Transaction>> begin() override {
        // IMMEDIATE takes the write lock now, so a transaction never fails later with
        // SQLITE_BUSY when it first writes (busy_timeout covers the wait for the lock).
        auto lease = co_await writer_->acquire();
        if (!lease) co_return std::move(lease).error();
        auto r = co_await (*lease)->execute_script("BEGIN IMMEDIATE");
        if (!r) co_return std::move(r).error();
        co_return Transaction(Dialect::kSqlite, std::move(lease).value());
    }

  private:
    // A statement that starts by writing goes straight to the writer: trying a reader first
    // costs a hop to the SQLite threads and back, and a reader's parse of the statement
    // (issue #7: a token batch's INSERT has up to 1,472 placeholders).
    static bool surely_writes(std::string_view sql) {
        return starts_with_keyword(sql, "INSERT") || starts_with_keyword(sql, "UPDATE") ||
               starts_with_keyword(sql, "DELETE") || starts_with_keyword(sql, "REPLACE");
    }

    asio::thread_pool threads_;
    std::string path_;
    Options options_;
    std::shared_ptr<Checkpointer> checkpointer_;  // file databases only
    std::shared_ptr<detail::Pool> writer_;
    std::shared_ptr<detail::Pool> readers_;
};

}  // namespace

DbResult<std::shared_ptr<Database>> open_database(std::string_view path,
                                                  boost::asio::any_io_executor executor,
                                                  const Options& options) {
    if (path.empty())
        return DbError(DbErrorKind::kInvalidConnectionString, "",
                       "empty SQLite path: use sqlite:<file path> or sqlite::memory:");
    if (path.find('\0') != std::string_view::npos)
        return DbError(DbErrorKind::kInvalidConnectionString, "",
                       "the SQLite path contains a NUL byte");
    const bool memory = path == ":memory:";
    auto db =
        std::make_shared<SqliteDatabase>(std::move(executor), std::string(path), memory, options);
    auto opened = db->open_connections();
    if (!opened) return std::move(opened).error();
    return std::shared_ptr<Database>(std::move(db));
}

}  // namespace ward::sql::sqlite

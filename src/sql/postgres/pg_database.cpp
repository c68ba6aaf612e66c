#include "sql/postgres/pg_database.hpp"

#include <libpq-fe.h>

#include "sql/postgres/pg_connection.hpp"

namespace ward::sql::postgres {
namespace {

class PgDatabase final : public Database {
  public:
    PgDatabase(boost::asio::any_io_executor executor, std::string conninfo, const Options& options)
        : pool_(std::make_shared<detail::Pool>(
              executor, options.max_connections,
              [executor, conninfo = std::move(conninfo), cache = options.statement_cache_size,
               timeout = options.connect_timeout] {
                  return PgConnection::connect(executor, conninfo, cache, timeout);
              },
              options.acquire_timeout)) {}

    Dialect dialect() const override { return Dialect::kPostgres; }

    Task<DbResult<ResultSet>> query(std::string_view sql, const Params& params) override {
        auto lease = co_await pool_->acquire();
        if (!lease) co_return std::move(lease).error();
        co_return co_await (*lease)->query(sql, params);
    }

    Task<DbResult<std::optional<std::string>>> query_text(std::string_view sql,
                                                          const Params& params) override {
        auto lease = co_await pool_->acquire();
        if (!lease) co_return std::move(lease).error();
        co_return co_await (*lease)->query_text(sql, params);
    }

    Task<DbResult<ResultSet>> execute_script(std::string_view sql) override {
        // The simple query protocol runs a multi-statement string as one implicit transaction.
        auto lease = co_await pool_->acquire();
        if (!lease) co_return std::move(lease).error();
        co_return co_await (*lease)->execute_script(sql);
    }

    Task<DbResult<Transaction>> begin() override {
        auto lease = co_await pool_->acquire();
        if (!lease) co_return std::move(lease).error();
        auto r = co_await (*lease)->execute_script("BEGIN");
        if (!r) co_return std::move(r).error();
        co_return Transaction(Dialect::kPostgres, std::move(lease).value());
    }

  private:
    std::shared_ptr<detail::Pool> pool_;
};

}  // namespace

DbResult<std::shared_ptr<Database>> open_database(std::string_view url,
                                                  boost::asio::any_io_executor executor,
                                                  const Options& options) {
    std::string conninfo(url);
    char* error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &error);
    if (!parsed) {
        std::string message = error ? error : "out of memory";
        PQfreemem(error);
        while (!message.empty() && message.back() == '\n') message.pop_back();
        return DbError(DbErrorKind::kInvalidConnectionString, "",
                       "invalid PostgreSQL connection string: " + message);
    }
    PQconninfoFree(parsed);
    return std::shared_ptr<Database>(
        std::make_shared<PgDatabase>(std::move(executor), std::move(conninfo), options));
}

}  // namespace ward::sql::postgres

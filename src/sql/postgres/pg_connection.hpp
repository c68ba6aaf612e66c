// One libpq connection driven by Asio: every wait is an async_wait on the connection's socket,
// so a slow query never blocks an I/O thread. Private to src/sql.
#pragma once

#include <libpq-fe.h>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sql/detail/connection.hpp"

namespace ward::sql::postgres {

class PgConnection final : public detail::Connection {
  public:
    // Connects without blocking. Errors: kUnavailable with libpq's message.
    // Errors: kUnavailable with libpq's message, or when `timeout` passes first.
    static detail::Task<DbResult<std::unique_ptr<detail::Connection>>> connect(
        boost::asio::any_io_executor executor, std::string conninfo, std::size_t cache_size,
        std::chrono::milliseconds timeout);

    PgConnection(boost::asio::any_io_executor executor, PGconn* conn, std::size_t cache_size);
    ~PgConnection() override;
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    detail::Task<DbResult<ResultSet>> query(std::string_view sql, const Params& params) override;
    detail::Task<DbResult<std::optional<std::string>>> query_text(std::string_view sql,
                                                                  const Params& params) override;
    detail::Task<DbResult<ResultSet>> execute_script(std::string_view sql) override;
    bool usable() const override;
    bool alive() override;
    bool in_transaction() const override;
    detail::Task<bool> reset() override;

  private:
    friend class PgPipeline;

    struct ResultDeleter {
        void operator()(PGresult* r) const { PQclear(r); }
    };
    using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

    // Encoded parameters: text for scalars, binary for blobs.
    struct Bound {
        std::vector<std::string> storage;
        std::vector<const char*> values;
        std::vector<int> lengths;
        std::vector<int> formats;
        std::vector<Oid> types;
    };
    static Bound bind(const Params& params);
    // The prepared-statement cache key: the text and the parameter types (the server fixes the
    // types at prepare time).
    static std::string statement_key(std::string_view sql, const Bound& b);

    DbError lost(std::string what);
    detail::Task<DbResult<void>> wait(bool for_write);
    // As wait(), but gives up at `deadline` (kUnavailable, "timed out").
    detail::Task<DbResult<void>> wait_until(bool for_write,
                                            std::chrono::steady_clock::time_point deadline);
    detail::Task<DbResult<void>> flush();
    // Collects every result of the command in flight; the error of the first failing one.
    detail::Task<DbResult<std::vector<ResultPtr>>> collect();
    // Prepares (once per SQL text and parameter types) and runs; the statement's result.
    detail::Task<DbResult<ResultPtr>> run_prepared(std::string_view sql, const Params& params);
    DbError error_from(const PGresult* r) const;

    boost::asio::posix::stream_descriptor socket_;
    PGconn* conn_;
    std::size_t cache_size_;
    std::unordered_map<std::string, std::string> prepared_;  // key -> statement name
    std::uint64_t next_statement_ = 0;
    bool lost_ = false;
};

// Turns a PGresult into a ResultSet (cells as text, or NULL).
ResultSet to_result_set(const PGresult* r);
// The one cell of a one-row, one-column result (query_text). Errors: kCardinality.
DbResult<std::optional<std::string>> single_text(const PGresult* r);

}  // namespace ward::sql::postgres

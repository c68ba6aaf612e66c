// The driver seam: one open connection of either dialect. Used by one coroutine at a time (the
// pool hands out exclusive leases). Private to src/sql.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sql/db_error.hpp"
#include "sql/result_set.hpp"
#include "sql/value.hpp"

namespace ward::sql::detail {

template <typename T>
using Task = boost::asio::awaitable<T>;

class Connection {
  public:
    virtual ~Connection() = default;

    // One statement with $N placeholders, prepared and cached by SQL text.
    virtual Task<DbResult<ResultSet>> query(std::string_view sql, const Params& params) = 0;
    // One statement whose result is one row of one column; the cell is copied once.
    virtual Task<DbResult<std::optional<std::string>>> query_text(std::string_view sql,
                                                                  const Params& params) = 0;
    // Several statements without parameters; the last statement's result.
    virtual Task<DbResult<ResultSet>> execute_script(std::string_view sql) = 0;

    // False when the connection must not be reused (lost, mid-statement).
    virtual bool usable() const = 0;
    // A cheap, non-blocking check before a lease: notices a server that hung up meanwhile.
    virtual bool alive() { return usable(); }
    virtual bool in_transaction() const = 0;
    // Rolls back an open transaction; false when the connection is no longer usable.
    virtual Task<bool> reset() = 0;
};

}  // namespace ward::sql::detail

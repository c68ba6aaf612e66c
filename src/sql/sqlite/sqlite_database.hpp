// The SQLite driver: one writer connection and several readers on a WAL database, their blocking
// calls run on a small thread pool beside the I/O threads. Private to src/sql.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <string_view>

#include "sql/database.hpp"

namespace ward::sql::sqlite {

// Opens (creating if needed) the file at `path`, or a private in-memory database for
// ":memory:". Errors: kInvalidConnectionString (empty path), kUnavailable (cannot open, not a
// database).
DbResult<std::shared_ptr<Database>> open_database(std::string_view path,
                                                  boost::asio::any_io_executor executor,
                                                  const Options& options);

}  // namespace ward::sql::sqlite

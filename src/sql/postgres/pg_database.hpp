// The PostgreSQL driver: libpq in non-blocking mode, its socket watched by an Asio
// stream_descriptor, a pool of connections opened on demand. Private to src/sql.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <string_view>

#include "sql/database.hpp"

namespace ward::sql::postgres {

// Validates the URI with libpq (no connection yet). Errors: kInvalidConnectionString.
DbResult<std::shared_ptr<Database>> open_database(std::string_view url,
                                                  boost::asio::any_io_executor executor,
                                                  const Options& options);

}  // namespace ward::sql::postgres

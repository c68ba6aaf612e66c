#include "sql/database.hpp"

#include "sql/postgres/pg_database.hpp"
#include "sql/sqlite/sqlite_database.hpp"

namespace ward::sql {

std::string_view to_string(Dialect d) { return d == Dialect::kPostgres ? "postgres" : "sqlite"; }

DbResult<std::shared_ptr<Database>> Database::open(std::string_view url,
                                                   boost::asio::any_io_executor executor,
                                                   Options options) {
    if (url.starts_with("postgres://") || url.starts_with("postgresql://"))
        return postgres::open_database(url, std::move(executor), options);
    if (url.starts_with("sqlite:")) {
        std::string_view path = url.substr(7);
        // Also accept the URL form sqlite:///abs/path.db.
        if (path.starts_with("//")) path.remove_prefix(2);
        return sqlite::open_database(path, std::move(executor), options);
    }
    // The URL is not echoed back: it may hold a password.
    auto colon = url.find(':');
    std::string scheme =
        colon == std::string_view::npos ? std::string("none") : std::string(url.substr(0, colon));
    if (scheme.size() > 20) scheme = scheme.substr(0, 20) + "…";
    return DbError(DbErrorKind::kInvalidConnectionString, "",
                   "unsupported database URL scheme \"" + scheme +
                       "\": expected postgres://, postgresql:// or sqlite:<path>");
}

std::optional<DbError> Transaction::check_open() const {
    if (!lease_)
        return DbError(DbErrorKind::kInvalidState, "25000", "the transaction is already finished");
    if (failure_)
        return DbError(DbErrorKind::kTransactionAborted, "25P02",
                       "current transaction is aborted, commands ignored until end of "
                       "transaction block (first error: " +
                           failure_->message() + ")");
    return std::nullopt;
}

template <typename T>
DbResult<T> Transaction::note(DbResult<T> r) {
    if (!r && !failure_) failure_ = r.error();
    return r;
}

Task<DbResult<ResultSet>> Transaction::query(std::string_view sql, const Params& params) {
    if (auto e = check_open()) co_return *e;
    co_return note(co_await lease_->query(sql, params));
}

Task<DbResult<std::optional<std::string>>> Transaction::query_text(std::string_view sql,
                                                                   const Params& params) {
    if (auto e = check_open()) co_return *e;
    co_return note(co_await lease_->query_text(sql, params));
}

Task<DbResult<ResultSet>> Transaction::execute_script(std::string_view sql) {
    if (auto e = check_open()) co_return *e;
    co_return note(co_await lease_->execute_script(sql));
}

Task<DbResult<void>> Transaction::commit() {
    if (!lease_)
        co_return DbError(DbErrorKind::kInvalidState, "25000",
                          "the transaction is already finished");
    if (auto e = check_open()) {
        (void)co_await rollback();
        co_return *e;
    }
    auto r = co_await lease_->execute_script("COMMIT");
    // On failure the pool rolls back whatever is left before reusing the connection.
    lease_.release();
    if (!r) co_return std::move(r).error();
    co_return DbResult<void>{};
}

Task<DbResult<void>> Transaction::rollback() {
    if (!lease_)
        co_return DbError(DbErrorKind::kInvalidState, "25000",
                          "the transaction is already finished");
    // SQLite may already have rolled back by itself (SQLITE_FULL, SQLITE_BUSY in a commit).
    if (!lease_->in_transaction()) {
        lease_.release();
        co_return DbResult<void>{};
    }
    auto r = co_await lease_->execute_script("ROLLBACK");
    lease_.release();
    if (!r) co_return std::move(r).error();
    co_return DbResult<void>{};
}

}  // namespace ward::sql

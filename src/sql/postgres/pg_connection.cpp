#include "sql/postgres/pg_connection.hpp"

#include <poll.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdlib>

namespace ward::sql::postgres {

namespace asio = boost::asio;

namespace {

// libpq's messages end with a newline; the wire wants one line.
std::string trim(const char* text) {
    std::string s = text ? text : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

std::int64_t command_rows(const PGresult* r) {
    const char* n = PQcmdTuples(const_cast<PGresult*>(r));
    return (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
}

DbError nul_in_sql() {
    return DbError(DbErrorKind::kSyntaxError, "42601", "the SQL text contains a NUL byte");
}

// PostgreSQL type OIDs (pg_type.dat) for the parameter types Ward binds.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kFloat8Oid = 701;

}  // namespace

ResultSet to_result_set(const PGresult* r) {
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        ResultSet rs({}, false);
        rs.set_affected_rows(command_rows(r));
        return rs;
    }
    const int ncols = PQnfields(r);
    const int nrows = PQntuples(r);
    std::vector<std::string> columns;
    columns.reserve(ncols);
    for (int c = 0; c < ncols; ++c) columns.emplace_back(PQfname(r, c));
    ResultSet rs(std::move(columns), true);
    rs.reserve_rows(static_cast<std::size_t>(nrows));
    for (int i = 0; i < nrows; ++i) {
        for (int c = 0; c < ncols; ++c) {
            if (PQgetisnull(r, i, c)) {
                rs.push_cell(Value());
            } else {
                rs.push_cell(Value(std::string(PQgetvalue(r, i, c),
                                               static_cast<std::size_t>(PQgetlength(r, i, c)))));
            }
        }
    }
    rs.set_affected_rows(nrows);
    return rs;
}

DbResult<std::optional<std::string>> single_text(const PGresult* r) {
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQnfields(r) != 1 || PQntuples(r) != 1)
        return DbError(DbErrorKind::kCardinality, "21000",
                       "expected one row with one column, got " + std::to_string(PQntuples(r)) +
                           " rows with " + std::to_string(PQnfields(r)) + " columns");
    if (PQgetisnull(r, 0, 0)) return std::optional<std::string>();
    return std::optional<std::string>(
        std::string(PQgetvalue(r, 0, 0), static_cast<std::size_t>(PQgetlength(r, 0, 0))));
}

detail::Task<DbResult<std::unique_ptr<detail::Connection>>> PgConnection::connect(
    asio::any_io_executor executor, std::string conninfo, std::size_t cache_size,
    std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    PGconn* raw = PQconnectStart(conninfo.c_str());
    if (!raw) co_return DbError(DbErrorKind::kUnavailable, "08001", "libpq: out of memory");
    auto conn = std::make_unique<PgConnection>(executor, raw, cache_size);
    if (PQstatus(raw) == CONNECTION_BAD)
        co_return DbError(DbErrorKind::kUnavailable, "08001", trim(PQerrorMessage(raw)));
    if (PQsetnonblocking(raw, 1) != 0)
        co_return DbError(DbErrorKind::kUnavailable, "08001", trim(PQerrorMessage(raw)));
    // Notices (e.g. "relation already exists, skipping") would go to stderr by default.
    PQsetNoticeProcessor(
        raw, [](void*, const char*) {}, nullptr);

    // libpq: after PQconnectStart, act as if PQconnectPoll had returned PGRES_POLLING_WRITING.
    PostgresPollingStatusType status = PGRES_POLLING_WRITING;
    while (status != PGRES_POLLING_OK) {
        if (status == PGRES_POLLING_FAILED)
            co_return DbError(DbErrorKind::kUnavailable, "08001",
                              "cannot connect to PostgreSQL: " + trim(PQerrorMessage(raw)));
        // libpq may switch sockets while connecting (several hosts, SSL retry): re-watch.
        boost::system::error_code ec;
        if (conn->socket_.is_open()) conn->socket_.release();
        conn->socket_.assign(PQsocket(raw), ec);
        if (ec)
            co_return DbError(DbErrorKind::kUnavailable, "08001",
                              "cannot watch the PostgreSQL socket: " + ec.message());
        auto waited = co_await conn->wait_until(status == PGRES_POLLING_WRITING, deadline);
        if (!waited) co_return std::move(waited).error();
        status = PQconnectPoll(raw);
    }
    boost::system::error_code ec;
    if (conn->socket_.is_open()) conn->socket_.release();
    conn->socket_.assign(PQsocket(raw), ec);
    if (ec)
        co_return DbError(DbErrorKind::kUnavailable, "08001",
                          "cannot watch the PostgreSQL socket: " + ec.message());
    co_return std::unique_ptr<detail::Connection>(std::move(conn));
}

PgConnection::PgConnection(asio::any_io_executor executor, PGconn* conn, std::size_t cache_size)
    : socket_(executor), conn_(conn), cache_size_(cache_size == 0 ? 1 : cache_size) {}

PgConnection::~PgConnection() {
    // libpq owns the file descriptor; the stream_descriptor must not close it.
    if (socket_.is_open()) socket_.release();
    PQfinish(conn_);
}

DbError PgConnection::lost(std::string what) {
    lost_ = true;
    std::string libpq = trim(PQerrorMessage(conn_));
    if (!libpq.empty()) what += ": " + libpq;
    return DbError(DbErrorKind::kUnavailable, "08006", std::move(what));
}

detail::Task<DbResult<void>> PgConnection::wait(bool for_write) {
    boost::system::error_code ec;
    co_await socket_.async_wait(for_write ? asio::posix::stream_descriptor::wait_write
                                          : asio::posix::stream_descriptor::wait_read,
                                asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return lost("waiting for PostgreSQL failed (" + ec.message() + ")");
    co_return DbResult<void>{};
}

detail::Task<DbResult<void>> PgConnection::wait_until(
    bool for_write, std::chrono::steady_clock::time_point deadline) {
    using namespace asio::experimental::awaitable_operators;
    asio::steady_timer timer(socket_.get_executor(), deadline);
    auto on_socket = [](asio::posix::stream_descriptor& socket, bool write) -> detail::Task<bool> {
        boost::system::error_code ec;
        co_await socket.async_wait(write ? asio::posix::stream_descriptor::wait_write
                                         : asio::posix::stream_descriptor::wait_read,
                                   asio::redirect_error(asio::use_awaitable, ec));
        co_return !ec;
    };
    auto on_timer = [](asio::steady_timer& t) -> detail::Task<void> {
        boost::system::error_code ec;
        co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    };
    // Named, not temporaries in the co_await operand (g++ 12 coroutine bugs).
    auto race = on_socket(socket_, for_write) || on_timer(timer);
    auto winner = co_await std::move(race);
    if (winner.index() == 1) {
        lost_ = true;
        co_return DbError(DbErrorKind::kUnavailable, "08001", "timed out connecting to PostgreSQL");
    }
    if (!std::get<0>(winner)) co_return lost("waiting for PostgreSQL failed");
    co_return DbResult<void>{};
}

detail::Task<DbResult<void>> PgConnection::flush() {
    for (;;) {
        int r = PQflush(conn_);
        if (r == 0) co_return DbResult<void>{};
        if (r < 0) co_return lost("sending to PostgreSQL failed");
        auto waited = co_await wait(true);
        if (!waited) co_return std::move(waited).error();
        // Read whatever the server sent meanwhile, so neither side blocks on a full buffer.
        if (!PQconsumeInput(conn_)) co_return lost("connection to PostgreSQL lost");
    }
}

DbError PgConnection::error_from(const PGresult* r) const {
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    const char* constraint = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME);
    const char* detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
    std::string message = primary ? std::string(primary) : trim(PQresultErrorMessage(r));
    if (!state) {
        // Errors raised inside libpq (connection lost) carry no SQLSTATE.
        if (PQstatus(conn_) == CONNECTION_BAD)
            return DbError(DbErrorKind::kUnavailable, "08006", std::move(message));
        return DbError(DbErrorKind::kInternal, "XX000", std::move(message));
    }
    return DbError::from_sqlstate(state, std::move(message), constraint ? constraint : "",
                                  detail ? detail : "");
}

detail::Task<DbResult<std::vector<PgConnection::ResultPtr>>> PgConnection::collect() {
    std::vector<ResultPtr> results;
    std::optional<DbError> error;
    for (;;) {
        while (PQisBusy(conn_)) {
            auto waited = co_await wait(false);
            if (!waited) co_return std::move(waited).error();
            if (!PQconsumeInput(conn_)) co_return lost("connection to PostgreSQL lost");
        }
        ResultPtr r(PQgetResult(conn_));
        if (!r) break;
        ExecStatusType status = PQresultStatus(r.get());
        if (status == PGRES_FATAL_ERROR) {
            if (!error) error = error_from(r.get());
        } else if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT ||
                   status == PGRES_COPY_BOTH) {
            // COPY needs a data stream this interface does not offer; the connection is
            // left mid-protocol, so it is dropped.
            lost_ = true;
            co_return DbError(DbErrorKind::kInvalidState, "0A000",
                              "COPY is not supported through this interface");
        }
        results.push_back(std::move(r));
    }
    if (PQstatus(conn_) == CONNECTION_BAD) {
        lost_ = true;
        if (!error)
            error = DbError(DbErrorKind::kUnavailable, "08006",
                            "connection to PostgreSQL lost: " + trim(PQerrorMessage(conn_)));
    }
    if (error) co_return std::move(*error);
    co_return results;
}

PgConnection::Bound PgConnection::bind(const Params& params) {
    Bound b;
    const std::size_t n = params.size();
    b.storage.reserve(n);
    b.values.assign(n, nullptr);
    b.lengths.assign(n, 0);
    b.formats.assign(n, 0);
    b.types.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const Value& v = params[i];
        switch (v.type()) {
            case ValueType::kNull:
                break;
            case ValueType::kBool:
                b.types[i] = kBoolOid;
                b.values[i] = *v.if_bool() ? "true" : "false";
                break;
            case ValueType::kInt64:
                b.types[i] = kInt8Oid;
                b.storage.push_back(std::to_string(*v.if_int64()));
                b.values[i] = b.storage.back().c_str();
                break;
            case ValueType::kDouble:
                b.types[i] = kFloat8Oid;
                b.storage.push_back(format_double(*v.if_double()));
                b.values[i] = b.storage.back().c_str();
                break;
            case ValueType::kText:
                // Type left to the server (OID 0) so text can feed uuid, jsonb, timestamptz …
                b.values[i] = v.if_text()->c_str();
                b.lengths[i] = static_cast<int>(v.if_text()->size());
                break;
            case ValueType::kBlob:
                b.types[i] = kByteaOid;
                b.formats[i] = 1;
                b.values[i] = reinterpret_cast<const char*>(v.if_blob()->data());
                b.lengths[i] = static_cast<int>(v.if_blob()->size());
                break;
        }
    }
    return b;
}

std::string PgConnection::statement_key(std::string_view sql, const Bound& b) {
    std::string key(sql);
    key.push_back('\0');
    for (Oid t : b.types) key.append(std::to_string(t)).push_back(',');
    return key;
}

detail::Task<DbResult<PgConnection::ResultPtr>> PgConnection::run_prepared(std::string_view sql,
                                                                           const Params& params) {
    if (sql.find('\0') != std::string_view::npos) co_return nul_in_sql();
    Bound b = bind(params);
    const int n = static_cast<int>(params.size());
    const std::string key = statement_key(sql, b);

    for (int attempt = 0;; ++attempt) {
        auto it = prepared_.find(key);
        if (it == prepared_.end()) {
            if (prepared_.size() >= cache_size_) {
                if (!PQsendQuery(conn_, "DEALLOCATE ALL")) co_return lost("sending failed");
                auto f = co_await flush();
                if (!f) co_return std::move(f).error();
                auto done = co_await collect();
                if (!done) co_return std::move(done).error();
                prepared_.clear();
            }
            std::string name = "ward_" + std::to_string(next_statement_++);
            std::string text(sql);
            if (!PQsendPrepare(conn_, name.c_str(), text.c_str(), n, b.types.data()))
                co_return lost("sending a statement to PostgreSQL failed");
            auto f = co_await flush();
            if (!f) co_return std::move(f).error();
            auto prepared = co_await collect();
            if (!prepared) co_return std::move(prepared).error();
            it = prepared_.emplace(key, std::move(name)).first;
        }
        if (!PQsendQueryPrepared(conn_, it->second.c_str(), n, b.values.data(), b.lengths.data(),
                                 b.formats.data(), 0))
            co_return lost("sending a statement to PostgreSQL failed");
        auto f = co_await flush();
        if (!f) co_return std::move(f).error();
        auto results = co_await collect();
        if (!results) {
            // "cached plan must not change result type" after DDL: prepare it again, once.
            if (attempt == 0 && results.error().sqlstate() == "0A000" && !in_transaction() &&
                usable()) {
                prepared_.erase(it);
                continue;
            }
            co_return std::move(results).error();
        }
        if (results->empty())
            co_return DbError(DbErrorKind::kInternal, "XX000", "PostgreSQL returned no result");
        co_return std::move(results->back());
    }
}

detail::Task<DbResult<ResultSet>> PgConnection::query(std::string_view sql, const Params& params) {
    auto r = co_await run_prepared(sql, params);
    if (!r) co_return std::move(r).error();
    co_return to_result_set(r->get());
}

detail::Task<DbResult<std::optional<std::string>>> PgConnection::query_text(std::string_view sql,
                                                                            const Params& params) {
    auto r = co_await run_prepared(sql, params);
    if (!r) co_return std::move(r).error();
    co_return single_text(r->get());
}

detail::Task<DbResult<ResultSet>> PgConnection::execute_script(std::string_view sql) {
    if (sql.find('\0') != std::string_view::npos) co_return nul_in_sql();
    std::string text(sql);
    if (!PQsendQuery(conn_, text.c_str()))
        co_return lost("sending a statement to PostgreSQL failed");
    auto f = co_await flush();
    if (!f) co_return std::move(f).error();
    auto results = co_await collect();
    if (!results) co_return std::move(results).error();
    if (results->empty()) co_return ResultSet();
    co_return to_result_set(results->back().get());
}

bool PgConnection::usable() const {
    if (lost_ || PQstatus(conn_) != CONNECTION_OK) return false;
    PGTransactionStatusType t = PQtransactionStatus(conn_);
    // ACTIVE: a statement is still in flight (its coroutine was abandoned).
    return t != PQTRANS_ACTIVE && t != PQTRANS_UNKNOWN;
}

bool PgConnection::alive() {
    if (!usable()) return false;
    // An idle connection has nothing to read; readable means the server hung up (e.g.
    // pg_terminate_backend sends its FATAL then closes). Checked without blocking.
    pollfd p{PQsocket(conn_), POLLIN, 0};
    int n = ::poll(&p, 1, 0);
    if (n != 0) {
        lost_ = true;
        return false;
    }
    return true;
}

bool PgConnection::in_transaction() const {
    PGTransactionStatusType t = PQtransactionStatus(conn_);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
}

detail::Task<bool> PgConnection::reset() {
    auto r = co_await execute_script("ROLLBACK");
    co_return r.has_value() && usable() && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

}  // namespace ward::sql::postgres

#include "sql/sqlite/sqlite_connection.hpp"

#include <cctype>
#include <charconv>

#include "sql/detail/blocking.hpp"

namespace ward::sql::sqlite {
namespace {

bool blank(std::string_view s) {
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c)) && c != ';') return false;
    return true;
}

struct Finalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, Finalizer>;

}  // namespace

bool starts_with_keyword(std::string_view sql, std::string_view keyword) {
    std::size_t i = 0;
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    if (sql.size() - i < keyword.size()) return false;
    for (std::size_t k = 0; k < keyword.size(); ++k)
        if (std::toupper(static_cast<unsigned char>(sql[i + k])) != keyword[k]) return false;
    std::size_t after = i + keyword.size();
    return after == sql.size() || !std::isalnum(static_cast<unsigned char>(sql[after]));
}

DbResult<std::unique_ptr<SqliteConnection>> SqliteConnection::open(
    const std::string& path, bool writer, const Options& options, PoolExecutor pool,
    std::shared_ptr<Checkpointer> checkpointer) {
    sqlite3* db = nullptr;
    // NOMUTEX: a connection is only ever used by the one coroutine holding its lease.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close_v2(db);
        return DbError(DbErrorKind::kUnavailable, "08006",
                       "cannot open SQLite database \"" + path + "\": " + message);
    }
    auto conn = std::make_unique<SqliteConnection>(db, pool, options.statement_cache_size);
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, static_cast<int>(options.sqlite_busy_timeout.count()));
    // The writer keeps up to 16 MiB of pages (SQLite's default is 2 MiB): inserts into an index
    // with random keys otherwise read its pages from the file on every batch. A new database
    // gets 8 KiB pages: a token row (about 2.2 KB, most of it the signed token) left half of
    // every 4 KiB page empty, and each page is written twice (WAL, then checkpoint); with 8 KiB
    // pages three rows share one (issue #7: 10.6 -> 9.3 KB written and 15% more tokens per
    // second; 16 KiB was no better). An existing database keeps its page size. The WAL is
    // checkpointed every 5,000 pages (40 MiB) instead of SQLite's 1,000: a page written several
    // times between checkpoints is copied into the database once, and the checkpoint's fsync
    // comes rarely (about 12% more client_credentials tokens per second); a file database's
    // Checkpointer runs it off the writer's path. No memory map: its pages count in the process's
    // RSS (270 MB after a token benchmark) and it was no faster.
    std::string pragmas = "PRAGMA foreign_keys = ON;";
    if (writer) {
        pragmas +=
            "PRAGMA page_size = 8192; PRAGMA cache_size = -16384; PRAGMA journal_mode = WAL; "
            "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 5000;";
    } else {
        pragmas += "PRAGMA query_only = ON;";
    }
    char* error = nullptr;
    rc = sqlite3_exec(db, pragmas.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        return DbError(DbErrorKind::kUnavailable, "08006",
                       "cannot use SQLite database \"" + path + "\": " + message);
    }
    if (writer && checkpointer) {
        checkpointer->watch(db);
        conn->checkpointer_ = std::move(checkpointer);
    }
    return conn;
}

SqliteConnection::SqliteConnection(sqlite3* db, PoolExecutor pool, std::size_t cache_size)
    : db_(db), pool_(pool), cache_size_(cache_size == 0 ? 1 : cache_size) {}

SqliteConnection::~SqliteConnection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
}

DbError SqliteConnection::last_error() const {
    return sqlite_error(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_));
}

bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

static DbError nul_in_sql() {
    return DbError(DbErrorKind::kSyntaxError, "42601", "the SQL text contains a NUL byte");
}

DbResult<sqlite3_stmt*> SqliteConnection::prepare(std::string_view sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) return it->second;
    // SQLite would stop reading at the NUL and silently ignore the rest.
    if (sql.find('\0') != std::string_view::npos) return nul_in_sql();
    if (cache_.size() >= cache_size_) {
        for (auto& [text, stmt] : cache_) sqlite3_finalize(stmt);
        cache_.clear();
        slots_.clear();
    }
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &raw, &tail);
    if (rc != SQLITE_OK) return last_error();
    StmtPtr stmt(raw);
    std::string_view rest = sql.substr(static_cast<std::size_t>(tail - sql.data()));
    if (!blank(rest)) {
        // Only a second statement is an error; trailing comments are fine.
        sqlite3_stmt* second = nullptr;
        rc = sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &second, nullptr);
        StmtPtr guard(second);
        if (rc != SQLITE_OK) return last_error();
        if (second)
            return DbError(DbErrorKind::kSyntaxError, "42601",
                           "cannot insert multiple commands into a prepared statement");
    }
    if (!stmt) return static_cast<sqlite3_stmt*>(nullptr);
    sqlite3_stmt* out = stmt.release();
    cache_.emplace(std::string(sql), out);
    return out;
}

// The N of a placeholder named "$N", or 0 when the name is of another form.
static std::size_t placeholder_number(const char* name) {
    std::string_view n = name ? name : "?";
    std::size_t index = 0;
    auto [p, ec] = std::from_chars(n.data() + 1, n.data() + n.size(), index);
    if (n.size() < 2 || n[0] != '$' || ec != std::errc() || p != n.data() + n.size()) return 0;
    return index;
}

DbResult<void> SqliteConnection::bind(sqlite3_stmt* stmt, const Params& params) {
    auto found = slots_.find(stmt);
    if (found == slots_.end()) {
        const int count = sqlite3_bind_parameter_count(stmt);
        std::vector<std::size_t> numbers;
        numbers.reserve(static_cast<std::size_t>(count));
        for (int i = 1; i <= count; ++i)
            numbers.push_back(placeholder_number(sqlite3_bind_parameter_name(stmt, i)));
        found = slots_.emplace(stmt, std::move(numbers)).first;
    }
    const std::vector<std::size_t>& numbers = found->second;
    for (int i = 1; i <= static_cast<int>(numbers.size()); ++i) {
        const std::size_t index = numbers[static_cast<std::size_t>(i - 1)];
        if (index == 0) {
            const char* name = sqlite3_bind_parameter_name(stmt, i);
            return DbError(DbErrorKind::kInvalidParameter, "42P02",
                           "placeholder \"" + std::string(name ? name : "?") +
                               "\" is not of the form $1, $2, …");
        }
        if (index > params.size())
            return DbError(DbErrorKind::kInvalidParameter, "08P01",
                           "the statement uses $" + std::to_string(index) + " but " +
                               std::to_string(params.size()) + " parameters were given");
        const Value& v = params[index - 1];
        int rc = SQLITE_OK;
        switch (v.type()) {
            case ValueType::kNull:
                rc = sqlite3_bind_null(stmt, i);
                break;
            case ValueType::kBool:
                rc = sqlite3_bind_int64(stmt, i, *v.if_bool() ? 1 : 0);
                break;
            case ValueType::kInt64:
                rc = sqlite3_bind_int64(stmt, i, *v.if_int64());
                break;
            case ValueType::kDouble:
                rc = sqlite3_bind_double(stmt, i, *v.if_double());
                break;
            case ValueType::kText:
                // STATIC: params outlive the statement's use; bindings are cleared after it.
                rc = sqlite3_bind_text64(stmt, i, v.if_text()->data(), v.if_text()->size(),
                                         SQLITE_STATIC, SQLITE_UTF8);
                break;
            case ValueType::kBlob:
                rc = sqlite3_bind_blob64(stmt, i, v.if_blob()->data(), v.if_blob()->size(),
                                         SQLITE_STATIC);
                break;
        }
        if (rc != SQLITE_OK) return last_error();
    }
    return DbResult<void>{};
}

DbResult<ResultSet> SqliteConnection::run(sqlite3_stmt* stmt) {
    const int ncols = sqlite3_column_count(stmt);
    std::vector<std::string> columns;
    columns.reserve(static_cast<std::size_t>(ncols));
    for (int c = 0; c < ncols; ++c) {
        const char* name = sqlite3_column_name(stmt, c);
        columns.emplace_back(name ? name : "?column?");
    }
    ResultSet rs(std::move(columns), ncols > 0);
    const sqlite3_int64 before = sqlite3_total_changes64(db_);
    std::int64_t rows = 0;
    std::optional<DbError> error;
    for (;;) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) {
            error = last_error();
            break;
        }
        ++rows;
        for (int c = 0; c < ncols; ++c) {
            switch (sqlite3_column_type(stmt, c)) {
                case SQLITE_INTEGER:
                    rs.push_cell(Value(std::int64_t{sqlite3_column_int64(stmt, c)}));
                    break;
                case SQLITE_FLOAT:
                    rs.push_cell(Value(sqlite3_column_double(stmt, c)));
                    break;
                case SQLITE_TEXT: {
                    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                    auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                    rs.push_cell(Value(std::string(p ? p : "", p ? n : 0)));
                    break;
                }
                case SQLITE_BLOB: {
                    auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, c));
                    auto n = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                    rs.push_cell(Value(p ? Blob(p, p + n) : Blob()));
                    break;
                }
                default:
                    rs.push_cell(Value());
                    break;
            }
        }
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (error) return std::move(*error);
    if (ncols > 0 && sqlite3_stmt_readonly(stmt)) {
        rs.set_affected_rows(rows);
    } else if (sqlite3_total_changes64(db_) != before) {
        rs.set_affected_rows(sqlite3_changes64(db_));
    }
    return rs;
}

DbResult<ResultSet> SqliteConnection::query_now(std::string_view sql, const Params& params,
                                                bool readonly_only, bool& needs_writer) {
    auto stmt = prepare(sql);
    if (!stmt) return std::move(stmt).error();
    if (!*stmt) return ResultSet();
    if (readonly_only && !sqlite3_stmt_readonly(*stmt)) {
        needs_writer = true;
        return ResultSet();
    }
    auto bound = bind(*stmt, params);
    if (!bound) {
        sqlite3_clear_bindings(*stmt);
        return std::move(bound).error();
    }
    return run(*stmt);
}

DbResult<std::optional<std::string>> SqliteConnection::query_text_now(std::string_view sql,
                                                                      const Params& params,
                                                                      bool readonly_only,
                                                                      bool& needs_writer) {
    auto prepared = prepare(sql);
    if (!prepared) return std::move(prepared).error();
    sqlite3_stmt* stmt = *prepared;
    auto shape_error = [](std::string got) {
        return DbError(DbErrorKind::kCardinality, "21000",
                       "expected one row with one column, got " + std::move(got));
    };
    if (!stmt) return shape_error("an empty statement");
    if (readonly_only && !sqlite3_stmt_readonly(stmt)) {
        needs_writer = true;
        return std::optional<std::string>();
    }
    auto bound = bind(stmt, params);
    if (!bound) {
        sqlite3_clear_bindings(stmt);
        return std::move(bound).error();
    }
    auto finish = [&](DbResult<std::optional<std::string>> r) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        return r;
    };
    if (sqlite3_column_count(stmt) != 1)
        return finish(shape_error(std::to_string(sqlite3_column_count(stmt)) + " columns"));
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) return finish(shape_error("no rows"));
    if (rc != SQLITE_ROW) return finish(last_error());
    std::optional<std::string> out;
    if (sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        out.emplace(p ? p : "", p ? static_cast<std::size_t>(sqlite3_column_bytes(stmt, 0)) : 0);
    }
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) return finish(shape_error("more than one row"));
    if (rc != SQLITE_DONE) return finish(last_error());
    return finish(std::move(out));
}

DbResult<ResultSet> SqliteConnection::execute_script_now(std::string_view sql) {
    if (sql.find('\0') != std::string_view::npos) return nul_in_sql();
    // PostgreSQL runs a multi-statement string as one implicit transaction; do the same unless
    // the script (or an open transaction) manages it.
    const bool wrap = !in_transaction() && !starts_with_keyword(sql, "BEGIN");
    auto exec = [&](const char* text) {
        return sqlite3_exec(db_, text, nullptr, nullptr, nullptr);
    };
    if (wrap && exec("SAVEPOINT ward_script") != SQLITE_OK) return last_error();

    ResultSet last;
    std::optional<DbError> error;
    const char* p = sql.data();
    const char* end = sql.data() + sql.size();
    while (p < end) {
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        int rc = sqlite3_prepare_v2(db_, p, static_cast<int>(end - p), &raw, &tail);
        if (rc != SQLITE_OK) {
            error = last_error();
            break;
        }
        StmtPtr stmt(raw);
        p = tail;
        if (!stmt) continue;
        auto r = run(stmt.get());
        if (!r) {
            error = std::move(r).error();
            break;
        }
        last = std::move(r).value();
    }
    if (wrap && in_transaction()) {
        if (error) {
            exec("ROLLBACK TO ward_script");
            exec("RELEASE ward_script");
        } else if (exec("RELEASE ward_script") != SQLITE_OK) {
            error = last_error();
            exec("ROLLBACK TO ward_script");
            exec("RELEASE ward_script");
        }
    }
    if (error) return std::move(*error);
    return last;
}

detail::Task<DbResult<ResultSet>> SqliteConnection::query(std::string_view sql,
                                                          const Params& params) {
    co_return co_await detail::run_blocking(pool_, [this, sql, &params] {
        bool needs_writer = false;
        return query_now(sql, params, false, needs_writer);
    });
}

detail::Task<DbResult<std::optional<std::string>>> SqliteConnection::query_text(
    std::string_view sql, const Params& params) {
    co_return co_await detail::run_blocking(pool_, [this, sql, &params] {
        bool needs_writer = false;
        return query_text_now(sql, params, false, needs_writer);
    });
}

detail::Task<DbResult<ResultSet>> SqliteConnection::execute_script(std::string_view sql) {
    co_return co_await detail::run_blocking(pool_, [this, sql] { return execute_script_now(sql); });
}

detail::Task<bool> SqliteConnection::reset() {
    co_return co_await detail::run_blocking(pool_, [this] {
        if (in_transaction()) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return !in_transaction();
    });
}

}  // namespace ward::sql::sqlite

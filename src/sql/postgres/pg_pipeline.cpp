#include "sql/postgres/pg_pipeline.hpp"

#include <algorithm>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ward::sql::postgres {

namespace asio = boost::asio;

namespace {

DbError lost_error(PGconn* conn, std::string what) {
    std::string libpq = conn ? PQerrorMessage(conn) : "";
    while (!libpq.empty() && (libpq.back() == '\n' || libpq.back() == ' ')) libpq.pop_back();
    if (!libpq.empty()) what += ": " + libpq;
    return DbError(DbErrorKind::kUnavailable, "08006", std::move(what));
}

// A statement whose prepared form the server no longer has (26000) or whose cached plan no
// longer fits after DDL (0A000): prepared again and run once more.
bool prepare_again(const DbError& e) { return e.sqlstate() == "26000" || e.sqlstate() == "0A000"; }

}  // namespace

detail::Task<DbResult<std::shared_ptr<PgPipeline>>> PgPipeline::open(
    asio::any_io_executor executor, std::string conninfo, std::size_t cache_size,
    std::chrono::milliseconds timeout) {
    auto opened = co_await PgConnection::connect(std::move(executor), std::move(conninfo),
                                                 cache_size, timeout);
    if (!opened) co_return std::move(opened).error();
    std::unique_ptr<PgConnection> conn(static_cast<PgConnection*>(opened->release()));
    if (PQenterPipelineMode(conn->conn_) != 1)
        co_return lost_error(conn->conn_, "cannot enter pipeline mode");
    co_return std::make_shared<PgPipeline>(std::move(conn));
}

PgPipeline::PgPipeline(std::unique_ptr<PgConnection> conn) : conn_(std::move(conn)) {}

PgPipeline::~PgPipeline() = default;

std::size_t PgPipeline::in_flight() const { return depth_.load(std::memory_order_relaxed); }

bool PgPipeline::usable() const { return usable_.load(std::memory_order_relaxed); }

bool PgPipeline::congested(Clock::time_point now, Clock::duration patience) const {
    if (depth_.load(std::memory_order_relaxed) == 0) return false;
    const Clock::time_point head{Clock::duration{head_sent_.load(std::memory_order_relaxed)}};
    return now - head > patience;
}

bool PgPipeline::alive_when_idle() {
    std::lock_guard lock(mu_);
    if (lost_) return false;
    if (sent_.empty() && !conn_->alive()) {
        lost_ = true;
        publish_locked();
        return false;
    }
    return true;
}

void PgPipeline::publish_locked() {
    depth_.store(sent_.size(), std::memory_order_relaxed);
    if (!sent_.empty())
        head_sent_.store(sent_.front()->sent.time_since_epoch().count(), std::memory_order_relaxed);
    usable_.store(!lost_, std::memory_order_relaxed);
}

detail::Task<DbResult<std::optional<std::string>>> PgPipeline::query_text(
    std::string_view sql, const Params& params, Clock::duration* service) {
    if (sql.find('\0') != std::string_view::npos)
        co_return DbError(DbErrorKind::kSyntaxError, "42601", "the SQL text contains a NUL byte");
    auto self = shared_from_this();
    for (int attempt = 0;; ++attempt) {
        // A named initiation, not a temporary (g++ 12 coroutine bugs; see Pool::wait_turn).
        auto initiation = [self, sql, &params, service](auto handler) {
            using Handler = decltype(handler);
            auto ex = asio::get_associated_executor(handler);
            auto tracked = asio::prefer(ex, asio::execution::outstanding_work.tracked);
            auto h = std::make_shared<Handler>(std::move(handler));
            self->submit(
                sql, params,
                [h, tracked, service](DbResult<Result> r, bool last, Clock::duration took) {
                    // Written before the caller resumes (post and dispatch order the two).
                    *service = took;
                    auto resume = [h, r = std::move(r)]() mutable { (*h)(std::move(r)); };
                    if (last) {
                        asio::dispatch(tracked, std::move(resume));
                    } else {
                        asio::post(tracked, std::move(resume));
                    }
                });
        };
        DbResult<Result> r =
            co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(DbResult<Result>)>(
                std::move(initiation), asio::use_awaitable);
        if (!r) {
            if (attempt == 0 && prepare_again(r.error())) continue;
            co_return std::move(r).error();
        }
        co_return single_text(r->get());
    }
}

void PgPipeline::submit(std::string_view sql, const Params& params, Done done) {
    std::vector<Finished> out;
    bool start = false;
    {
        std::lock_guard lock(mu_);
        if (lost_) {
            out.push_back(Finished{std::move(done), DbError(DbErrorKind::kUnavailable, "08006",
                                                            "connection to PostgreSQL lost")});
        } else {
            auto item = std::make_unique<Item>();
            item->done = std::move(done);
            item->sent = Clock::now();
            const bool ok = send_locked(sql, params, *item);
            sent_.push_back(std::move(item));
            if (!ok) {
                fail_all_locked(
                    lost_error(conn_->conn_, "sending a statement to PostgreSQL failed"), out);
            } else if (!driving_) {
                driving_ = start = true;
            }
            publish_locked();
        }
    }
    finish(out);
    if (start)
        asio::co_spawn(conn_->socket_.get_executor(), drive(shared_from_this()), asio::detached);
}

bool PgPipeline::send_locked(std::string_view sql, const Params& params, Item& item) {
    PgConnection& c = *conn_;
    PgConnection::Bound b = PgConnection::bind(params);
    const int n = static_cast<int>(params.size());
    item.key = PgConnection::statement_key(sql, b);
    auto it = c.prepared_.find(item.key);
    if (it == c.prepared_.end()) {
        if (c.prepared_.size() >= c.cache_size_) {
            // Statements already sent still run under their names: the server reads in order.
            auto clear = std::make_unique<Item>();
            clear->sent = item.sent;
            if (!PQsendQueryParams(c.conn_, "DEALLOCATE ALL", 0, nullptr, nullptr, nullptr, nullptr,
                                   0) ||
                !PQpipelineSync(c.conn_))
                return false;
            sent_.push_back(std::move(clear));
            c.prepared_.clear();
        }
        std::string name = "ward_" + std::to_string(c.next_statement_++);
        std::string text(sql);
        if (!PQsendPrepare(c.conn_, name.c_str(), text.c_str(), n, b.types.data())) return false;
        it = c.prepared_.emplace(item.key, std::move(name)).first;
        item.prepares = true;
    }
    item.name = it->second;
    return PQsendQueryPrepared(c.conn_, item.name.c_str(), n, b.values.data(), b.lengths.data(),
                               b.formats.data(), 0) == 1 &&
           PQpipelineSync(c.conn_) == 1;
}

detail::Task<void> PgPipeline::drive(std::shared_ptr<PgPipeline> self) {
    PgConnection& c = *self->conn_;
    for (;;) {
        std::vector<Finished> out;
        int flushed = 0;
        {
            std::lock_guard lock(self->mu_);
            if (self->sent_.empty() || self->lost_) {
                self->driving_ = false;
                co_return;
            }
            // Whatever submit() could not hand to the socket yet.
            flushed = PQflush(c.conn_);
            if (flushed < 0) {
                self->fail_all_locked(lost_error(c.conn_, "sending to PostgreSQL failed"), out);
                self->driving_ = false;
            }
        }
        if (flushed < 0) {
            finish(out);
            co_return;
        }
        const bool for_write = flushed == 1;
        boost::system::error_code ec;
        co_await c.socket_.async_wait(for_write ? asio::posix::stream_descriptor::wait_write
                                                : asio::posix::stream_descriptor::wait_read,
                                      asio::redirect_error(asio::use_awaitable, ec));
        {
            std::lock_guard lock(self->mu_);
            if (ec) {
                self->fail_all_locked(
                    DbError(DbErrorKind::kUnavailable, "08006",
                            "waiting for PostgreSQL failed (" + ec.message() + ")"),
                    out);
            } else if (!PQconsumeInput(c.conn_)) {
                self->fail_all_locked(lost_error(c.conn_, "connection to PostgreSQL lost"), out);
            } else {
                self->collect_locked(out);
            }
            if (self->lost_) self->driving_ = false;
        }
        finish(out);
        if (ec) co_return;
    }
}

void PgPipeline::collect_locked(std::vector<Finished>& out) {
    PgConnection& c = *conn_;
    int nulls = 0;
    while (!sent_.empty() && !lost_) {
        if (PQisBusy(c.conn_)) break;
        PGresult* raw = PQgetResult(c.conn_);
        if (!raw) {
            // The end of one command's results; two in a row means nothing more is here yet.
            if (++nulls > 1) break;
            continue;
        }
        nulls = 0;
        Result r(raw);
        Item& item = *sent_.front();
        switch (PQresultStatus(raw)) {
            case PGRES_PIPELINE_SYNC: {
                std::unique_ptr<Item> done = std::move(sent_.front());
                sent_.pop_front();
                // The server's time on this statement shows when it was queued behind
                // another: it started when that one's result came. Sent to an idle connection,
                // the time from sending also holds the round trip and the backend's wake-up;
                // it is reported negated, as an upper bound.
                const auto now = Clock::now();
                const auto took =
                    last_result_ > done->sent ? now - last_result_ : -(now - done->sent);
                last_result_ = now;
                if (done->error && done->prepares) {
                    failed_parses_.insert_or_assign(done->name, *done->error);
                } else if (done->error && done->error->sqlstate() == "26000") {
                    // Sent under the name of a Parse that failed just before it: the caller
                    // gets that statement's error, not "prepared statement does not exist".
                    auto parse = failed_parses_.find(done->name);
                    if (parse != failed_parses_.end()) done->error = parse->second;
                }
                if (sent_.empty()) failed_parses_.clear();
                if (done->error && (done->prepares || prepare_again(*done->error))) {
                    // The server has no (usable) statement under this name: prepare it anew.
                    auto it = c.prepared_.find(done->key);
                    if (it != c.prepared_.end() && it->second == done->name) c.prepared_.erase(it);
                }
                if (!done->done) break;
                if (done->error) {
                    out.push_back(Finished{std::move(done->done), std::move(*done->error), took});
                } else if (!done->result) {
                    out.push_back(Finished{
                        std::move(done->done),
                        DbError(DbErrorKind::kInternal, "XX000", "PostgreSQL returned no result"),
                        took});
                } else {
                    out.push_back(Finished{std::move(done->done), std::move(done->result), took});
                }
                break;
            }
            case PGRES_FATAL_ERROR:
                if (!item.error) item.error = c.error_from(raw);
                break;
            case PGRES_PIPELINE_ABORTED:
                // A later message of a statement whose earlier one (its Parse) failed.
                break;
            case PGRES_COPY_IN:
            case PGRES_COPY_OUT:
            case PGRES_COPY_BOTH:
                fail_all_locked(DbError(DbErrorKind::kInvalidState, "0A000",
                                        "COPY is not supported through this interface"),
                                out);
                return;
            default:
                // The Parse's result, then the Execute's: the last one is the statement's.
                item.result = std::move(r);
                break;
        }
    }
    if (!lost_ && PQstatus(c.conn_) == CONNECTION_BAD)
        fail_all_locked(lost_error(c.conn_, "connection to PostgreSQL lost"), out);
    publish_locked();
}

void PgPipeline::fail_all_locked(const DbError& error, std::vector<Finished>& out) {
    lost_ = true;
    conn_->lost_ = true;
    for (auto& item : sent_)
        if (item->done) out.push_back(Finished{std::move(item->done), error});
    sent_.clear();
    publish_locked();
}

void PgPipeline::finish(std::vector<Finished>& out) {
    // The callers of all results but the last go to the I/O threads' queue, where an idle
    // thread takes them up; the last one resumes right here, on the reader's thread, when its
    // strand is free (no thread is woken for it).
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].done(std::move(out[i].outcome), i + 1 == out.size(), out[i].service);
    out.clear();
}

}  // namespace ward::sql::postgres

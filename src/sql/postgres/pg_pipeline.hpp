// One PostgreSQL connection in libpq's pipeline mode, shared by many coroutines at once: each
// statement goes out as Parse (first use only), Bind/Execute and its own Sync, so it runs in its
// own implicit transaction exactly as on a leased connection, while statements of several
// requests travel in one stream and their results come back in order. The server then reads
// several statements per wake-up and Ward reads several results per wake-up (issue #7: the
// per-statement round trip was half of a small query's cost). A statement waits behind the ones
// sent before it on the same connection; PgDatabase sends no more to a connection whose oldest
// statement has been running for a while (see congested()). Private to src/sql.
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sql/postgres/pg_connection.hpp"

namespace ward::sql::postgres {

class PgPipeline : public std::enable_shared_from_this<PgPipeline> {
  public:
    using Clock = std::chrono::steady_clock;

    // Opens the connection and switches it to pipeline mode. Errors: as PgConnection::connect.
    static detail::Task<DbResult<std::shared_ptr<PgPipeline>>> open(
        boost::asio::any_io_executor executor, std::string conninfo, std::size_t cache_size,
        std::chrono::milliseconds timeout);

    explicit PgPipeline(std::unique_ptr<PgConnection> conn);
    ~PgPipeline();
    PgPipeline(const PgPipeline&) = delete;
    PgPipeline& operator=(const PgPipeline&) = delete;

    // As Connection::query_text. Safe to call from any thread, many at a time. `service` gets
    // the server's time on the statement when it was queued behind another (from that one's
    // result to its own); sent to an idle connection, the time from sending to its result
    // (round trip and wake-up included), negated.
    detail::Task<DbResult<std::optional<std::string>>> query_text(std::string_view sql,
                                                                  const Params& params,
                                                                  Clock::duration* service);

    // Statements sent and not yet answered.
    std::size_t in_flight() const;
    // False once the connection is lost; every statement in flight then failed with kUnavailable.
    bool usable() const;
    // With nothing in flight, checks (without blocking) that the server is still there; when it
    // hung up meanwhile, the pipeline becomes unusable and this returns false.
    bool alive_when_idle();
    // True when the oldest statement in flight was sent more than `patience` before `now`.
    bool congested(Clock::time_point now, Clock::duration patience) const;

  private:
    using Result = PgConnection::ResultPtr;
    using Done = std::function<void(DbResult<Result>, bool last, Clock::duration service)>;
    struct Item {
        Done done;               // null for statements Ward sends for itself (DEALLOCATE ALL)
        Clock::time_point sent;  // when it was handed to libpq
        std::string key;         // prepared-statement cache key, when this item prepared it
        std::string name;        // the prepared statement's name
        bool prepares = false;   // this item carries the Parse
        std::optional<DbError> error;
        Result result;
    };
    struct Finished {
        Done done;
        DbResult<Result> outcome;
        Clock::duration service{};
    };

    // One statement, sent; `done` runs (on no particular thread) with its result.
    void submit(std::string_view sql, const Params& params, Done done);
    // Under mu_: sends one item's messages; false when libpq refused (connection broken).
    bool send_locked(std::string_view sql, const Params& params, Item& item);
    // Reads results while statements are in flight; at most one runs at a time.
    static detail::Task<void> drive(std::shared_ptr<PgPipeline> self);
    // Under mu_: hands every complete result to its item; finished ones go to `out`.
    void collect_locked(std::vector<Finished>& out);
    // Under mu_: marks the connection lost and fails everything in flight.
    void fail_all_locked(const DbError& error, std::vector<Finished>& out);
    static void finish(std::vector<Finished>& out);

    // Under mu_: republishes the figures that in_flight(), usable() and congested() read
    // without the lock (PgDatabase looks at every pipeline for every statement).
    void publish_locked();

    std::unique_ptr<PgConnection> conn_;
    mutable std::mutex mu_;
    std::deque<std::unique_ptr<Item>> sent_;  // guarded by mu_, in the order sent
    bool driving_ = false;                    // guarded by mu_
    bool lost_ = false;                       // guarded by mu_
    Clock::time_point last_result_{};         // guarded by mu_
    // Errors of Parse messages that failed, by statement name, until nothing is in flight.
    std::unordered_map<std::string, DbError> failed_parses_;  // guarded by mu_
    std::atomic<std::size_t> depth_{0};                       // sent_.size()
    std::atomic<Clock::rep> head_sent_{0};                    // sent_.front()->sent, when any
    std::atomic<bool> usable_{true};                          // !lost_
};

}  // namespace ward::sql::postgres

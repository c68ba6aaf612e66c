#include "sql/postgres/pg_database.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "sql/postgres/pg_connection.hpp"
#include "sql/postgres/pg_pipeline.hpp"

namespace ward::sql::postgres {
namespace {

class PgDatabase final : public Database {
  public:
    PgDatabase(boost::asio::any_io_executor executor, std::string conninfo, const Options& options)
        : executor_(executor),
          conninfo_(conninfo),
          cache_size_(options.statement_cache_size),
          connect_timeout_(options.connect_timeout),
          max_pipelines_(pipelines(options)),
          pool_(std::make_shared<detail::Pool>(
              executor, options.max_connections - max_pipelines_,
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
        if (max_pipelines_ > 0 && cheap(sql)) {
            auto pipeline = co_await pick_pipeline();
            if (!pipeline) co_return std::move(pipeline).error();
            if (*pipeline) {
                PgPipeline::Clock::duration service{};
                auto r = co_await (*pipeline)->query_text(sql, params, &service);
                if (r) record(sql, service);
                co_return r;
            }
        }
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
    // Of max_connections, the shared pipelined ones (at least one stays for the pool).
    static std::size_t pipelines(const Options& o) {
        if (o.max_connections < 2) return 0;
        return std::min(o.pipeline_connections, o.max_connections - 1);
    }

    // Whether a statement goes to a pipelined connection: yes until its server time is known
    // (16 runs after 16 of warming up: the first run on each connection also prepares and
    // plans), then only while that average stays under kCheapService. A statement that keeps
    // the server busy longer holds up everything queued behind it on its connection: Q3 (ten
    // users with ten posts each, 0.3-0.6 ms of server time each under load) pipelined measured
    // p99 40-70 ms instead of 15-20 ms and no more requests/s, while Q1 and Q2 (under 0.05 ms)
    // gain 20-40%. An expensive statement takes a leased connection; one run in 64 is pipelined
    // again, to notice when it got cheap.
    bool cheap(std::string_view sql) {
        std::lock_guard lock(cost_mu_);
        auto it = costs_.find(sql);
        if (it == costs_.end() || it->second.runs < 2 * kWarmRuns ||
            it->second.average_us < kCheapService)
            return true;
        return ++it->second.skipped % 64 == 0;
    }

    // `service` as PgPipeline::query_text reports it: queued (positive) times are the server's;
    // a negated round trip counts only when it is short enough to prove the statement cheap.
    void record(std::string_view sql, PgPipeline::Clock::duration service) {
        double us = std::chrono::duration<double, std::micro>(service).count();
        if (us < 0) {
            if (-us >= kCheapService) return;
            us = -us;
        }
        std::lock_guard lock(cost_mu_);
        auto it = costs_.find(sql);
        if (it == costs_.end()) {
            if (costs_.size() >= kMaxCosts) costs_.clear();
            it = costs_.emplace(std::string(sql), Cost{0, 0, 0}).first;
        }
        Cost& c = it->second;
        if (c.runs < 2 * kWarmRuns) ++c.runs;
        if (c.runs <= kWarmRuns) return;
        c.average_us = c.runs == kWarmRuns + 1 ? us : c.average_us + (us - c.average_us) / 8;
    }

    // The pipelined connection for the next statement: an idle one, else a new one while under
    // the limit, else the one with the fewest statements in flight. None (null) when every one
    // is congested (a slow statement at its head, or kMaxDepth in flight): the statement then
    // waits for a leased connection of its own, as it would without pipelines.
    Task<DbResult<std::shared_ptr<PgPipeline>>> pick_pipeline() {
        constexpr std::size_t kMaxDepth = 32;
        constexpr auto kPatience = std::chrono::milliseconds(20);
        std::shared_ptr<PgPipeline> best;
        std::size_t best_depth = 0;
        {
            std::lock_guard lock(mu_);
            const auto now = PgPipeline::Clock::now();
            for (;;) {
                std::erase_if(pipelines_, [](const auto& p) { return !p->usable(); });
                best.reset();
                for (const auto& p : pipelines_) {
                    const std::size_t depth = p->in_flight();
                    if (depth >= kMaxDepth || p->congested(now, kPatience)) continue;
                    if (!best || depth < best_depth) {
                        best = p;
                        best_depth = depth;
                    }
                }
                // An idle one may have been dropped by the server meanwhile (restart,
                // pg_terminate_backend): found before use, it is replaced.
                if (!best || best_depth > 0 || best->alive_when_idle()) break;
            }
            if (best && best_depth == 0) co_return best;
            if (pipelines_.size() + opening_ >= max_pipelines_) co_return best;
            ++opening_;
        }
        auto opened =
            co_await PgPipeline::open(executor_, conninfo_, cache_size_, connect_timeout_);
        std::lock_guard lock(mu_);
        --opening_;
        if (!opened) {
            if (best) co_return best;
            co_return std::move(opened).error();
        }
        pipelines_.push_back(*opened);
        co_return std::move(opened).value();
    }

    boost::asio::any_io_executor executor_;
    std::string conninfo_;
    std::size_t cache_size_;
    std::chrono::milliseconds connect_timeout_;
    std::size_t max_pipelines_;
    std::shared_ptr<detail::Pool> pool_;

    std::mutex mu_;
    std::vector<std::shared_ptr<PgPipeline>> pipelines_;  // guarded by mu_
    std::size_t opening_ = 0;                             // guarded by mu_

    // Average server time of each statement text run on a pipelined connection.
    static constexpr double kCheapService = 250;  // µs
    static constexpr std::size_t kMaxCosts = 4096;
    static constexpr std::uint32_t kWarmRuns = 16;
    struct Cost {
        double average_us;
        std::uint32_t runs;     // measured runs, counted up to 2 * kWarmRuns
        std::uint32_t skipped;  // runs sent to a leased connection since it was last measured
    };
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    std::mutex cost_mu_;
    std::unordered_map<std::string, Cost, TextHash, std::equal_to<>> costs_;  // by cost_mu_
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

// A bounded pool of connections. acquire() waits (without blocking a thread) when every
// connection is leased; a lease returned in a transaction is rolled back first, and a broken
// one is dropped so that the next acquire opens a fresh connection.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "sql/db_error.hpp"
#include "sql/detail/connection.hpp"

namespace ward::sql::detail {

class Pool;

// Exclusive use of one connection; returns it to the pool when destroyed.
class Lease {
  public:
    Lease() = default;
    Lease(std::shared_ptr<Pool> pool, std::unique_ptr<Connection> conn)
        : pool_(std::move(pool)), conn_(std::move(conn)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&& other) noexcept;
    ~Lease();

    Connection* operator->() const { return conn_.get(); }
    Connection& operator*() const { return *conn_; }
    explicit operator bool() const { return conn_ != nullptr; }
    void release();

  private:
    std::shared_ptr<Pool> pool_;
    std::unique_ptr<Connection> conn_;
};

class Pool : public std::enable_shared_from_this<Pool> {
  public:
    using Factory = std::function<Task<DbResult<std::unique_ptr<Connection>>>()>;

    // `acquire_timeout` zero means wait forever.
    Pool(boost::asio::any_io_executor executor, std::size_t max_size, Factory factory,
         std::chrono::milliseconds acquire_timeout);

    // A connection: an idle one, a new one while under max_size, or the next one released.
    // Errors: the factory's error (kUnavailable …), kPoolTimeout.
    Task<DbResult<Lease>> acquire();

    // Adds an already open connection (counted against max_size).
    void add(std::unique_ptr<Connection> conn);

    // Called by Lease. A null or unusable connection frees its slot.
    void release(std::unique_ptr<Connection> conn);

    std::size_t open_count_for_test() const;
    std::size_t idle_count_for_test() const;

  private:
    struct Grant {
        std::unique_ptr<Connection> conn;  // null with `slot`: open a new one
        bool slot = false;
        bool timed_out = false;
    };
    struct Waiter {
        std::uint64_t id;
        std::function<void(Grant)> wake;
        std::shared_ptr<boost::asio::steady_timer> timer;
    };

    // Under mu_: an alive idle connection, or a reserved slot. Dead idle ones are dropped.
    Grant try_take_locked();
    void grant_locked(Grant g);
    Task<Grant> wait_turn();
    static Task<void> reset_then_release(std::shared_ptr<Pool> self,
                                         std::unique_ptr<Connection> conn);

    boost::asio::any_io_executor executor_;
    const std::size_t max_size_;
    Factory factory_;
    const std::chrono::milliseconds acquire_timeout_;

    mutable std::mutex mu_;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::size_t open_ = 0;  // idle + leased + being opened
    std::deque<Waiter> waiters_;
    std::uint64_t next_waiter_id_ = 0;
};

}  // namespace ward::sql::detail

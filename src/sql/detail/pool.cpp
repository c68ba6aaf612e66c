#include "sql/detail/pool.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ward::sql::detail {

namespace asio = boost::asio;

Lease& Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        release();
        pool_ = std::move(other.pool_);
        conn_ = std::move(other.conn_);
    }
    return *this;
}

Lease::~Lease() { release(); }

void Lease::release() {
    if (pool_) {
        auto pool = std::move(pool_);
        pool->release(std::move(conn_));
    }
    pool_.reset();
    conn_.reset();
}

Pool::Pool(asio::any_io_executor executor, std::size_t max_size, Factory factory,
           std::chrono::milliseconds acquire_timeout)
    : executor_(std::move(executor)),
      max_size_(max_size == 0 ? 1 : max_size),
      factory_(std::move(factory)),
      acquire_timeout_(acquire_timeout) {}

void Pool::add(std::unique_ptr<Connection> conn) {
    std::lock_guard lock(mu_);
    ++open_;
    idle_.push_back(std::move(conn));
}

Pool::Grant Pool::try_take_locked() {
    while (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        if (conn->alive()) return Grant{std::move(conn), false, false};
        --open_;
    }
    if (open_ < max_size_) {
        ++open_;
        return Grant{nullptr, true, false};
    }
    return Grant{};
}

void Pool::grant_locked(Grant g) {
    Waiter w = std::move(waiters_.front());
    waiters_.pop_front();
    if (w.timer) {
        // The timer lives on the waiter's executor; cancel it there.
        asio::post(w.timer->get_executor(), [t = w.timer] { t->cancel(); });
    }
    w.wake(std::move(g));
}

Task<Pool::Grant> Pool::wait_turn() {
    auto self = shared_from_this();
    // A named initiation, not a temporary: g++ 12 destroys temporaries of a co_await operand
    // twice (its coroutine bugs around PR 100611), which here released `self` twice.
    auto initiation = [self](auto handler) {
        using Handler = decltype(handler);
        auto ex = asio::get_associated_executor(handler);
        auto tracked = asio::prefer(ex, asio::execution::outstanding_work.tracked);
        auto h = std::make_shared<Handler>(std::move(handler));
        auto wake = [h, tracked](Grant g) {
            asio::post(tracked, [h, g = std::move(g)]() mutable { (*h)(std::move(g)); });
        };
        std::unique_lock lock(self->mu_);
        // A connection may have come back since acquire() looked.
        Grant now = self->try_take_locked();
        if (now.conn || now.slot) {
            lock.unlock();
            wake(std::move(now));
            return;
        }
        Waiter w{self->next_waiter_id_++, wake, nullptr};
        if (self->acquire_timeout_.count() > 0) {
            w.timer = std::make_shared<asio::steady_timer>(ex, self->acquire_timeout_);
            std::weak_ptr<Pool> weak = self;
            w.timer->async_wait([weak, id = w.id](boost::system::error_code ec) {
                if (ec) return;
                auto pool = weak.lock();
                if (!pool) return;
                std::unique_lock lock(pool->mu_);
                for (auto it = pool->waiters_.begin(); it != pool->waiters_.end(); ++it) {
                    if (it->id != id) continue;
                    auto wake = std::move(it->wake);
                    pool->waiters_.erase(it);
                    lock.unlock();
                    wake(Grant{nullptr, false, true});
                    return;
                }
            });
        }
        self->waiters_.push_back(std::move(w));
    };
    co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(Grant)>(
        std::move(initiation), asio::use_awaitable);
}

Task<DbResult<Lease>> Pool::acquire() {
    Grant g;
    {
        std::lock_guard lock(mu_);
        g = try_take_locked();
    }
    if (!g.conn && !g.slot) {
        g = co_await wait_turn();
        if (g.timed_out)
            co_return DbError(DbErrorKind::kPoolTimeout, "08004",
                              "no database connection became free within " +
                                  std::to_string(acquire_timeout_.count()) + " ms");
    }
    if (g.conn) co_return Lease(shared_from_this(), std::move(g.conn));
    auto opened = co_await factory_();
    if (!opened) {
        release(nullptr);  // give the slot back (and to a waiter)
        co_return std::move(opened).error();
    }
    co_return Lease(shared_from_this(), std::move(opened).value());
}

Task<void> Pool::reset_then_release(std::shared_ptr<Pool> self, std::unique_ptr<Connection> conn) {
    // `self` keeps the pool alive even when its Database is gone before the rollback ends.
    bool ok = co_await conn->reset();
    if (!ok) conn.reset();
    self->release(std::move(conn));
}

void Pool::release(std::unique_ptr<Connection> conn) {
    if (conn && conn->usable() && conn->in_transaction()) {
        asio::co_spawn(executor_, reset_then_release(shared_from_this(), std::move(conn)),
                       asio::detached);
        return;
    }
    std::unique_ptr<Connection> dropped;
    std::unique_lock lock(mu_);
    if (!conn || !conn->usable()) {
        dropped = std::move(conn);
        --open_;
        if (!waiters_.empty() && open_ < max_size_) {
            ++open_;
            grant_locked(Grant{nullptr, true, false});
        }
    } else if (!waiters_.empty()) {
        grant_locked(Grant{std::move(conn), false, false});
    } else {
        idle_.push_back(std::move(conn));
    }
    lock.unlock();
    // `dropped` closes here, outside the lock.
}

std::size_t Pool::open_count_for_test() const {
    std::lock_guard lock(mu_);
    return open_;
}

std::size_t Pool::idle_count_for_test() const {
    std::lock_guard lock(mu_);
    return idle_.size();
}

}  // namespace ward::sql::detail

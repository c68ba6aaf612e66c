// The in-process IdP the api and oidc tests share: a Store over SQLite (or PostgreSQL), a
// server::Context, and an http::Server on a free port with the routes the test registers. Time is
// a ManualClock and randomness a SeededRandom. Subclasses seed their own objects.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <cstdint>
#include <future>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "http/client.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "idp/server/context.hpp"
#include "idp/store/store.hpp"
#include "sql/test_support.hpp"

namespace ward::idp::test {

class IdpServer {
  public:
    using RegisterRoutes = void (*)(http::Router&, std::shared_ptr<server::Context>);

    // Opens the database and starts the server; a failure is reported to GoogleTest and leaves
    // started() false (a PostgreSQL test without WARD_TEST_PG_DSN is skipped).
    IdpServer(sql::testing::Backend backend, std::uint64_t random_seed, RegisterRoutes routes)
        : runtime_(2) {
        database_.open(backend, admin_io_);
        if (::testing::Test::IsSkipped() || ::testing::Test::HasFatalFailure()) return;
        std::string url = backend == sql::testing::Backend::kPostgres
                              ? database_.url()
                              : std::string("sqlite::memory:");
        auto db = sql::Database::open(url, runtime_.context().get_executor());
        if (!db) {
            ADD_FAILURE() << db.error().to_string();
            return;
        }
        clock_ = std::make_shared<core::ManualClock>(1'700'000'000);
        random_ = std::make_shared<core::SeededRandom>(random_seed);
        store_ = std::make_shared<store::Store>(*db, clock_, random_);
        ctx_ = std::make_shared<server::Context>(store_, clock_, random_, server::Settings{});
        http::Router router;
        routes(router, ctx_);
        http::ServerConfig config;
        config.host = "127.0.0.1";
        config.port = 0;
        server_ = std::make_unique<http::Server>(runtime_, config, std::move(router));
        auto started = server_->start();
        if (!started) {
            ADD_FAILURE() << started.error().to_string();
            return;
        }
        runtime_.start();
        started_ = true;
    }

    ~IdpServer() {
        if (server_) {
            server_->stop(std::chrono::milliseconds(200));
            server_->wait_stopped(std::chrono::seconds(5));
        }
        runtime_.stop();
        runtime_.join();
    }

    IdpServer(const IdpServer&) = delete;
    IdpServer& operator=(const IdpServer&) = delete;

    store::Store& store() { return *store_; }
    core::ManualClock& clock() { return *clock_; }
    std::string origin() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

    // Runs a store coroutine on the server's runtime and waits for it.
    template <typename T>
    T await(sql::Task<T> task) {
        std::promise<T> promise;
        auto future = promise.get_future();
        boost::asio::co_spawn(
            runtime_.context(),
            [&]() -> sql::Task<void> { promise.set_value(co_await std::move(task)); },
            boost::asio::detached);
        return future.get();
    }

  protected:
    bool started() const { return started_; }

    // Declared in destruction order: the store's connections and the server go before the
    // runtime whose io_context they use, the runtime before the test database.
  private:
    boost::asio::io_context admin_io_;
    sql::testing::TestDatabase database_;
    http::Runtime runtime_;

  protected:
    std::shared_ptr<core::ManualClock> clock_;
    std::shared_ptr<core::SeededRandom> random_;
    std::shared_ptr<store::Store> store_;
    std::shared_ptr<server::Context> ctx_;

  private:
    std::unique_ptr<http::Server> server_;
    bool started_ = false;

  protected:
    http::Client client_;
};

}  // namespace ward::idp::test

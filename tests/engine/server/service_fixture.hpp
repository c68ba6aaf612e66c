// A Service behind a real in-process http::Server, driven with http::Client: the shared fixture
// of the SQLite and PostgreSQL suites.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <optional>
#include <thread>

#include "core/random.hpp"
#include "engine/server/service.hpp"
#include "http/client.hpp"
#include "http/server.hpp"

namespace ward::engine::server::testing {

inline constexpr std::string_view kAdminSecret = "test-admin-secret";
inline constexpr std::string_view kJwtKey = "an-hs256-test-key-of-at-least-32-chars!!";

struct Reply {
    unsigned status = 0;
    std::string body;
    std::string content_type;
    core::json::value json;
};

// One running engine: a Service, a router and a server on a free port. `client` (for jwk_url
// and the auth webhook) must outlive the engine.
class Engine {
  public:
    Engine(http::Runtime& runtime, Settings settings, http::Client* client = nullptr)
        : runtime_(runtime) {
        auto fut = boost::asio::co_spawn(
            runtime.context(),
            [settings, &runtime,
             client]() -> sql::Task<std::optional<core::Result<std::shared_ptr<Service>>>> {
                ServiceOptions options;
                options.client = client;
                auto r = co_await Service::create(settings, runtime.context().get_executor(),
                                                  std::move(options));
                co_return std::optional<core::Result<std::shared_ptr<Service>>>(std::move(r));
            },
            boost::asio::use_future);
        auto created = fut.get();
        if (!created || !*created) {
            ADD_FAILURE() << "Service::create failed: " << created->error().to_string();
            return;
        }
        service_ = std::move(**created);
        http::Router router;
        service_->register_routes(router);
        server_ = std::make_unique<http::Server>(runtime, http::ServerConfig{.host = "127.0.0.1"},
                                                 std::move(router));
        auto started = server_->start();
        EXPECT_TRUE(started) << started.error().to_string();
    }
    ~Engine() {
        if (service_) service_->stop();
        if (server_) {
            server_->stop(std::chrono::milliseconds(100));
            server_->wait_stopped(std::chrono::seconds(10));
        }
    }
    bool ok() const { return service_ && server_; }
    Service& service() { return *service_; }
    std::string url(std::string_view path) const {
        return "http://127.0.0.1:" + std::to_string(server_->port()) + std::string(path);
    }
    // Runs a coroutine of the service on the runtime and waits for it.
    core::Status run(std::function<sql::Task<core::Status>()> fn) {
        auto fut = boost::asio::co_spawn(
            runtime_.context(),
            [fn]() -> sql::Task<std::optional<core::Status>> {
                auto r = co_await fn();
                co_return std::optional<core::Status>(std::move(r));
            },
            boost::asio::use_future);
        return *fut.get();
    }

  private:
    http::Runtime& runtime_;
    std::shared_ptr<Service> service_;
    std::unique_ptr<http::Server> server_;
};

class ServiceFixture : public ::testing::Test {
  protected:
    ServiceFixture() : runtime_(2) { runtime_.start(); }
    ~ServiceFixture() override {
        engines_.clear();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    Settings base_settings() {
        if (dir_.empty()) {
            dir_ = std::filesystem::temp_directory_path() /
                   ("ward_engine_" + core::SystemRandom().alphanumeric(8));
        }
        Settings s;
        s.data_dir = dir_.string();
        s.auth.admin_secret = std::string(kAdminSecret);
        s.schema_sync_poll_interval = std::chrono::milliseconds(50);
        return s;
    }
    Engine& start(Settings s) {
        engines_.push_back(std::make_unique<Engine>(runtime_, std::move(s), &client_));
        return *engines_.back();
    }

    // A request whose body, when there is one, is sent as application/json.
    Reply send(Engine& e, std::string method, std::string_view path, std::string body,
               http::Headers headers) {
        std::optional<std::string> type;
        if (!body.empty()) type = "application/json";
        return send_as(e, std::move(method), path, std::move(body), std::move(headers),
                       std::move(type));
    }
    // A request with exactly this Content-Type (none when nullopt; an empty value is how libcurl
    // is told not to send its default application/x-www-form-urlencoded).
    Reply send_as(Engine& e, std::string method, std::string_view path, std::string body,
                  http::Headers headers, std::optional<std::string> content_type) {
        http::ClientRequest req;
        req.method = std::move(method);
        req.url = e.url(path);
        req.body = std::move(body);
        req.headers = std::move(headers);
        req.headers.add("Content-Type", content_type.value_or(""));
        auto r = client_.perform(req);
        Reply out;
        if (!r) {
            ADD_FAILURE() << r.error().to_string();
            return out;
        }
        out.status = r->status;
        out.body = r->body;
        out.content_type = std::string(r->headers.get_or("content-type", ""));
        if (auto parsed = core::parse_json(out.body)) out.json = std::move(*parsed);
        return out;
    }
    static http::Headers admin() {
        http::Headers h;
        h.add("x-hasura-admin-secret", std::string(kAdminSecret));
        return h;
    }
    Reply metadata(Engine& e, std::string body, http::Headers h = admin()) {
        return send(e, "POST", "/v1/metadata", std::move(body), std::move(h));
    }
    Reply run_sql(Engine& e, std::string sql, http::Headers h = admin()) {
        core::json::object args{{"sql", sql}};
        core::json::object body{{"type", "run_sql"}, {"args", std::move(args)}};
        return send(e, "POST", "/v2/query", core::to_json(body), std::move(h));
    }
    Reply graphql(Engine& e, std::string query, http::Headers h = admin(),
                  std::string_view path = "/v1/graphql") {
        core::json::object body{{"query", query}};
        return send(e, "POST", path, core::to_json(body), std::move(h));
    }
    static std::string str(const core::json::value& v) { return core::to_json(v); }

    http::Runtime runtime_;
    http::Client client_;
    std::filesystem::path dir_;
    std::vector<std::unique_ptr<Engine>> engines_;
};

}  // namespace ward::engine::server::testing

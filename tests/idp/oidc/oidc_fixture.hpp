// An in-process IdP for the OAuth/OIDC tests: a Store over SQLite (or PostgreSQL) seeded by first
// start plus organization acme with users and applications, an http::Server on a free port with
// oidc::register_routes, and a blocking raw HTTP client. Time is a ManualClock and randomness a
// SeededRandom.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <future>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "core/json.hpp"
#include "core/random.hpp"
#include "http/client.hpp"
#include "http/server.hpp"
#include "idp/oidc/routes.hpp"
#include "idp/server/bootstrap.hpp"
#include "idp/server/context.hpp"
#include "idp/store/store.hpp"
#include "sql/test_support.hpp"

namespace ward::idp::oidc::test {

inline constexpr std::string_view kPassword = "alice-pass-1";
inline constexpr std::string_view kClientId = "shopclientid00000001";
inline constexpr std::string_view kClientSecret = "shopsecret000000000000000000000000000001";
inline constexpr std::string_view kPwClientId = "pwclientid0000000001";
inline constexpr std::string_view kPwClientSecret = "pwsecret00000000000000000000000000000001";
inline constexpr std::string_view kRedirect = "https://app.example.com/cb";
inline constexpr std::string_view kTotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

struct Reply {
    unsigned status = 0;
    http::Headers headers;
    std::string body;
    core::json::object json() const {
        auto parsed = core::parse_json(body);
        if (!parsed || !parsed->is_object()) return {};
        return parsed->get_object();
    }
    std::string str(std::string_view key) const {
        return std::string(core::get_string(json(), key).value_or(""));
    }
};

class OidcServer {
  public:
    explicit OidcServer(sql::testing::Backend backend) : runtime_(2) {
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
        random_ = std::make_shared<core::SeededRandom>(99);
        store_ = std::make_shared<store::Store>(*db, clock_, random_);
        ctx_ = std::make_shared<server::Context>(store_, clock_, random_, server::Settings{});
        http::Router router;
        register_routes(router, ctx_);
        http::ServerConfig config;
        config.host = "127.0.0.1";
        server_ = std::make_unique<http::Server>(runtime_, config, std::move(router));
        auto started = server_->start();
        if (!started) {
            ADD_FAILURE() << started.error().to_string();
            return;
        }
        runtime_.start();
        seed();
        ready_ = !::testing::Test::HasFatalFailure();
    }

    ~OidcServer() {
        if (server_) {
            server_->stop(std::chrono::milliseconds(200));
            server_->wait_stopped(std::chrono::seconds(5));
        }
        runtime_.stop();
        runtime_.join();
    }

    bool ready() const { return ready_; }
    store::Store& store() { return *store_; }
    core::ManualClock& clock() { return *clock_; }
    std::string origin() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

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

    Reply send(std::string method, std::string_view target, std::string body = {},
               std::string content_type = {}, http::Headers headers = {}) const {
        http::ClientRequest request;
        request.method = std::move(method);
        request.url = origin() + std::string(target);
        request.headers = std::move(headers);
        if (!content_type.empty()) request.headers.set("Content-Type", content_type);
        request.body = std::move(body);
        auto response = client_.perform(request);
        if (!response) {
            ADD_FAILURE() << response.error().to_string();
            return {};
        }
        return Reply{response->status, response->headers, response->body};
    }
    Reply get(std::string_view target, http::Headers headers = {}) const {
        return send("GET", target, {}, {}, std::move(headers));
    }
    Reply post_form(std::string_view target, std::string body, http::Headers headers = {}) const {
        return send("POST", target, std::move(body), "application/x-www-form-urlencoded",
                    std::move(headers));
    }

  private:
    template <typename T>
    void must_add(const T& obj) {
        auto added = await(store_->add<T>(obj));
        ASSERT_TRUE(added) << added.error().to_string();
    }

    model::User make_user(std::string name) {
        model::User u;
        u.owner = "acme";
        u.name = std::move(name);
        u.id = core::uuid_v4(*random_);
        u.created_time = store_->now_text();
        u.display_name = u.name;
        u.email = u.name + "@example.com";
        u.password = std::string(kPassword);
        u.password_type = "plain";
        return u;
    }

    void seed() {
        auto migrated = await(store_->migrate());
        ASSERT_TRUE(migrated) << migrated.error().to_string();
        auto boot = await(server::bootstrap(*store_, std::string("Admin-pass-1")));
        ASSERT_TRUE(boot) << boot.error().to_string();
        model::Organization org;
        org.name = "acme";
        org.display_name = "Acme Inc.";
        org.password_type = "plain";
        org.created_time = store_->now_text();
        must_add(org);
        must_add(make_user("alice"));
        auto mfa = make_user("mallory");
        mfa.totp_secret = std::string(kTotpSecret);
        mfa.preferred_mfa_type = "app";
        mfa.recovery_codes = {"aaaa-bbbb-cccc"};
        must_add(mfa);
        model::Role role;
        role.owner = "acme";
        role.name = "editor";
        role.users = {"acme/alice"};
        role.created_time = store_->now_text();
        must_add(role);

        model::Application shop;
        shop.name = "shop";
        shop.display_name = "Shop <Online>";
        shop.organization = "acme";
        shop.client_id = std::string(kClientId);
        shop.client_secret = std::string(kClientSecret);
        shop.redirect_uris = {std::string(kRedirect)};
        shop.grant_types = {"authorization_code", "refresh_token", "client_credentials"};
        shop.expire_in_hours = 1;
        shop.created_time = store_->now_text();
        must_add(shop);

        model::Application pw = shop;
        pw.name = "pwapp";
        pw.display_name = "Password App";
        pw.client_id = std::string(kPwClientId);
        pw.client_secret = std::string(kPwClientSecret);
        pw.grant_types = {"authorization_code", "refresh_token", "password"};
        must_add(pw);
    }

    boost::asio::io_context admin_io_;
    sql::testing::TestDatabase database_;
    http::Runtime runtime_;
    std::shared_ptr<core::ManualClock> clock_;
    std::shared_ptr<core::SeededRandom> random_;
    std::shared_ptr<store::Store> store_;
    std::shared_ptr<server::Context> ctx_;
    std::unique_ptr<http::Server> server_;
    http::Client client_;
    bool ready_ = false;
};

// The PKCE pair used by the tests.
inline constexpr std::string_view kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

// Query for an authorization request of app shop with PKCE S256.
inline std::string authorize_query(std::string_view redirect = kRedirect,
                                   std::string_view state = "st-1") {
    return "client_id=" + std::string(kClientId) +
           "&response_type=code&redirect_uri=" + core::url_encode(redirect) +
           "&scope=" + core::url_encode("openid profile email") +
           "&state=" + core::url_encode(state) + "&nonce=n-42&code_challenge=" +
           "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
}

// The value of `name` in the query of a Location URL.
inline std::string location_param(std::string_view location, std::string_view name) {
    auto q = location.find('?');
    if (q == std::string_view::npos) return {};
    auto params = http::parse_urlencoded(location.substr(q + 1));
    if (!params) return {};
    return std::string(params->get_or(name, {}));
}

}  // namespace ward::idp::oidc::test

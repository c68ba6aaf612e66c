#include "idp/server/service.hpp"

#include <filesystem>
#include <system_error>
#include <type_traits>

#include "core/json.hpp"
#include "sql/database.hpp"

#include "idp/api/routes.hpp"
#include "idp/oidc/discovery.hpp"
#include "idp/oidc/routes.hpp"

namespace ward::idp::server {

namespace {

core::Error setting_error(std::string message) {
    return core::Error::invalid_argument(std::move(message), "invalid-argument");
}

// Calls `register_routes(router, ctx)` with whichever context form the module takes.
template <typename F>
void register_with(F&& f, http::Router& router, const std::shared_ptr<Context>& ctx) {
    if constexpr (std::is_invocable_v<F, http::Router&, std::shared_ptr<Context>>) {
        f(router, ctx);
    } else {
        f(router, *ctx);
    }
}

}  // namespace

core::Result<Settings> settings_from_env(const core::EnvLookup& env) {
    Settings s;
    if (auto origin = env("WARD_IDP_ORIGIN"); origin && !origin->empty()) {
        auto normalized = normalize_public_url(*origin);
        if (!normalized) {
            return setting_error(
                "WARD_IDP_ORIGIN must be http(s)://host[:port] with an optional path prefix "
                "(no query, fragment or credentials), got: " +
                *origin);
        }
        s.origin = *normalized;
    }
    if (auto url = env("WARD_IDP_DATABASE_URL"); url && !url->empty()) s.database_url = *url;
    if (auto dir = env("WARD_DATA_DIR"); dir && !dir->empty()) s.data_dir = *dir;
    if (auto pw = env("WARD_ADMIN_PASSWORD")) {
        if (pw->empty()) return setting_error("WARD_ADMIN_PASSWORD must not be empty when set");
        s.admin_password = *pw;
    }
    return s;
}

core::Result<std::unique_ptr<Service>> Service::create(const Settings& settings,
                                                       boost::asio::io_context& io,
                                                       std::shared_ptr<core::Clock> clock,
                                                       std::shared_ptr<core::Random> random) {
    if (!clock) clock = core::system_clock();
    if (!random) random = core::system_random();
    std::string url = settings.database_url;
    if (url.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(settings.data_dir, ec);
        if (ec) {
            return core::Error::io("cannot create the data folder " + settings.data_dir + ": " +
                                   ec.message());
        }
        url = "sqlite:" + settings.data_dir + "/idp.db";
    }
    auto db = sql::Database::open(url, io.get_executor());
    if (!db) {
        return core::Error::invalid_argument("IdP database: " + db.error().message(),
                                             "invalid-argument");
    }
    auto store = std::make_shared<store::Store>(*db, clock, random);
    auto migrated = sql::run_sync(io, store->migrate());
    if (!migrated) return std::move(migrated).error();
    auto boot = sql::run_sync(io, bootstrap(*store, settings.admin_password));
    if (!boot) return std::move(boot).error();
    auto ctx = std::make_shared<Context>(store, clock, random, settings);
    return std::make_unique<Service>(std::move(ctx), std::move(boot).value());
}

void Service::register_routes(http::Router& router) {
    // Casdoor's health check: the envelope with status "ok".
    router.get("/api/health", [](http::Request&) -> boost::asio::awaitable<http::Response> {
        co_return http::Response::json(
            200, R"({"status":"ok","msg":"","sub":"","name":"","data":null,"data2":null})");
    });
    register_with([](auto& r, auto c) { api::register_routes(r, c); }, router, ctx_);
    register_with([](auto& r, auto c) { oidc::register_routes(r, c); }, router, ctx_);
}

store::Task<std::shared_ptr<const jose::JwkSet>> Service::public_keys() const {
    auto keys = co_await oidc::signing_keys(*ctx_);
    std::vector<jose::Jwk> jwks;
    jwks.reserve(keys.size());
    for (auto& key : keys) jwks.push_back(std::move(key.public_jwk));
    co_return std::make_shared<const jose::JwkSet>(std::move(jwks));
}

}  // namespace ward::idp::server

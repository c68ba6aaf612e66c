// idp::server::Service: the IdP as one object for `ward`: opens the database
// (WARD_IDP_DATABASE_URL, default sqlite:<data-dir>/idp.db), runs migrations and first start,
// holds the Context, and registers every IdP route on an http::Router.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/random.hpp"
#include "core/result.hpp"
#include "http/router.hpp"
#include "idp/server/bootstrap.hpp"
#include "idp/server/context.hpp"
#include "jose/jwk_set.hpp"

namespace ward::idp::server {

// Reads Settings from the environment-like lookup: WARD_IDP_ORIGIN, WARD_IDP_DATABASE_URL,
// WARD_DATA_DIR, WARD_ADMIN_PASSWORD. Errors: "invalid-argument" (an origin that is not
// http(s)://host[:port][/path prefix] (normalize_public_url), or an empty WARD_ADMIN_PASSWORD).
core::Result<Settings> settings_from_env(const core::EnvLookup& env = core::process_env());

class Service {
  public:
    // Opens the database, migrates and bootstraps, synchronously (sql::run_sync on `io`, which
    // must not be running yet); the database then runs on `io`'s executor. Clock and random
    // default to the system ones. Errors: the database URL ("invalid-argument"), migration or
    // bootstrap failures ("database-error", "key-generation").
    static core::Result<std::unique_ptr<Service>> create(
        const Settings& settings, boost::asio::io_context& io,
        std::shared_ptr<core::Clock> clock = nullptr,
        std::shared_ptr<core::Random> random = nullptr);

    // Registers /api/health and the admin API and OAuth/OIDC routes.
    void register_routes(http::Router& router);

    // The public keys the IdP signs tokens with (what /.well-known/jwks serves), read from the
    // certs now, for a verifier in the same process (`ward up`'s engine).
    store::Task<std::shared_ptr<const jose::JwkSet>> public_keys() const;

    const std::shared_ptr<Context>& context() const { return ctx_; }
    // What first start did (the generated admin password is for printing once).
    const BootstrapResult& bootstrap_result() const { return bootstrap_; }

    Service(std::shared_ptr<Context> ctx, BootstrapResult bootstrap)
        : ctx_(std::move(ctx)), bootstrap_(std::move(bootstrap)) {}

  private:
    std::shared_ptr<Context> ctx_;
    BootstrapResult bootstrap_;
};

}  // namespace ward::idp::server

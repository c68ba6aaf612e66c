// engine::server::Service: Ward Engine's HTTP side. Owns the data source and metadata databases,
// the metadata store, the authenticator and the current immutable State (metadata + catalogs +
// per-role schemas, swapped whole on every change), and answers Hasura's endpoints:
// /v1/metadata, /v2/query (run_sql), /v1/graphql (+ /v1alpha1, GET), /v1/graphql/explain,
// /v1/version, /healthz, and /login (the seed tutorial's redirect target).
//
// Usage (`ward engine` / `ward up`):
//   auto svc = sql::run_sync(io, Service::create(settings, executor, options)).value();
//   http::Router router; svc->register_routes(router);   // before the server starts
//   svc->start_sync();                                     // schema sync poll
//   ... on shutdown: svc->stop();
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "core/result.hpp"
#include "engine/auth/authenticator.hpp"
#include "engine/catalog/catalog.hpp"
#include "engine/exec/plan_cache.hpp"
#include "engine/graphql/ast.hpp"
#include "engine/graphql/validate.hpp"
#include "engine/metadata/apply.hpp"
#include "engine/metadata/metadata.hpp"
#include "engine/schema/role_schema.hpp"
#include "engine/server/errors.hpp"
#include "engine/server/metadata_store.hpp"
#include "engine/server/operation.hpp"
#include "http/client.hpp"
#include "http/router.hpp"
#include "sql/database.hpp"

namespace ward::engine::server {

// The HASURA_GRAPHQL_* settings the engine needs; the `ward` command fills them from the
// environment / flags. Empty strings mean "not set".
struct Settings {
    std::string data_dir = "ward-data";  // WARD_DATA_DIR
    // HASURA_GRAPHQL_DATABASE_URL; empty: sqlite:<data_dir>/data.db. postgres:// or sqlite:.
    std::string database_url;
    // HASURA_GRAPHQL_METADATA_DATABASE_URL; empty: sqlite:<data_dir>/metadata.db.
    std::string metadata_database_url;
    // Admin secret(s), JWT secret(s), auth hook (+ mode), unauthorized role.
    auth::AuthSettings auth;
    bool dev_mode = false;              // HASURA_GRAPHQL_DEV_MODE: `internal` for everyone
    bool admin_internal_errors = true;  // HASURA_GRAPHQL_ADMIN_INTERNAL_ERRORS
    std::chrono::milliseconds schema_sync_poll_interval{1000};  // ..._SCHEMA_SYNC_POLL_INTERVAL
    std::size_t query_cache_size = 4000;  // parsed documents kept (by query text)
    // Compiled plans kept, per (role, query, operation name, schema generation); 0 disables.
    std::size_t plan_cache_size = 4000;
    // HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES: bigint and numeric values as JSON strings.
    bool stringify_numeric_types = false;
    std::string version = "v2.40.0-ward";  // /v1/version
    // HASURA_GRAPHQL_CORS_DOMAIN's origins (exact or "https://*.example.com"; "*" does not
    // count): pages there may use a JWT read from a cookie (H3). A cookie request with an Origin
    // header from anywhere else but the engine itself is refused.
    std::vector<std::string> cookie_origins;
    // The identity provider's origin, shown by the /login page's token instructions. Empty: the
    // origin of the first JWT secret's jwk_url, if there is one.
    std::string idp_origin;
};

struct ServiceOptions {
    std::shared_ptr<const core::Clock> clock;  // default: the system clock
    http::Client* client = nullptr;            // jwk_url and auth hook; must outlive the Service
    // Passed to auth::AuthenticatorOptions::key_sources (`ward up`: the IdP's keys in process).
    std::map<std::size_t, std::unique_ptr<auth::KeySource>> key_sources;
};

// What one request sees: never changes after it is published.
struct State {
    std::int64_t resource_version = 0;
    // Increases with every published State (a run_sql DDL publishes a new catalog under the
    // same resource_version): cached plans are keyed by it, so none outlives its schema.
    std::uint64_t generation = 0;
    metadata::Metadata metadata;
    catalog::Catalogs catalogs;
    std::shared_ptr<const schema::Snapshot> schemas;  // null only if the builder failed
    std::size_t inconsistent_objects = 0;
};

class Service : public std::enable_shared_from_this<Service> {
  public:
    // Opens the databases (creating data_dir for SQLite files), migrates the metadata store,
    // creates the default source on first start, reads the catalog and builds the schemas.
    // Errors: kInvalidArgument "fatal-auth-config" (Hasura's fatal auth text), a database that
    // cannot be opened (kUnavailable / kInvalidArgument), stored metadata that does not parse.
    static sql::Task<core::Result<std::shared_ptr<Service>>> create(
        Settings settings, boost::asio::any_io_executor executor, ServiceOptions options = {});

    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Adds the engine's routes and a fallback answering Hasura's 404
    // {"path":"$","error":"resource does not exist","code":"not-found"}; a caller that serves
    // other paths on the same router (the console) sets its own fallback afterwards.
    void register_routes(http::Router& router);

    // Starts polling the metadata store every schema_sync_poll_interval so changes made by
    // other processes are picked up. Idempotent.
    void start_sync();
    // Stops the poll (callable from any thread).
    void stop();

    std::shared_ptr<const State> state() const;

    // Re-reads the stored metadata and every source's catalog and publishes a new State.
    // Errors: the database's, or stored metadata that does not parse.
    sql::Task<core::Status> reload();

    // The poll's single step: reloads when the stored resource_version differs from ours.
    sql::Task<core::Status> sync_once();

    // Handlers (public for tests that skip the socket).
    sql::Task<http::Response> handle_metadata(http::Request& request);
    sql::Task<http::Response> handle_query(http::Request& request);
    sql::Task<http::Response> handle_graphql(http::Request& request);
    sql::Task<http::Response> handle_explain(http::Request& request);

    const Settings& settings() const { return settings_; }
    auth::Authenticator& authenticator() { return *authenticator_; }
    sql::Database& source_database() { return *source_db_; }
    const exec::PlanCache<CompiledOperation>& plan_cache_for_test() const { return plans_; }

  private:
    Service(Settings settings, boost::asio::any_io_executor executor);

    struct ParsedQuery;
    struct GraphqlRequest;

    sql::Task<core::Result<catalog::Catalogs>> read_catalogs();
    core::Status publish(std::int64_t version, metadata::Metadata metadata,
                         catalog::Catalogs catalogs);
    sql::Task<auth::Result<auth::Session>> authenticate(const http::Request& request);
    // An admin-only request (/v1/metadata, /v2/query, /v1/graphql/explain): the caller's session
    // and the JSON body. Errors: the authentication error, access-denied for another role,
    // invalid-json.
    struct AdminRequest {
        auth::Session session;
        core::json::value body;
    };
    sql::Task<core::Result<AdminRequest, EngineError>> admin_request(const http::Request& request);
    bool show_internal(const auth::Session* session) const;
    std::shared_ptr<const ParsedQuery> parse_cached(const std::string& text);
    sql::Task<std::string> run_graphql(const GraphqlRequest& request, const auth::Session& session,
                                       std::vector<EngineError>& errors, bool is_get);
    sqlgen::DialectKind source_dialect() const;
    sqlgen::CompileOptions compile_options() const;
    // The cached plan for `key` whose value-shaping variables (QueryPlan::value_variables) have
    // the request's values; null on a miss.
    std::shared_ptr<const CompiledOperation> find_plan(const exec::PlanKey& key,
                                                       const core::json::object& variables);
    void store_plan(const exec::PlanKey& key, const core::json::object& variables,
                    std::shared_ptr<const CompiledOperation> compiled);
    static sql::Task<void> poll_loop(std::weak_ptr<Service> weak,
                                     std::shared_ptr<boost::asio::steady_timer> timer,
                                     std::chrono::milliseconds interval);

    Settings settings_;
    boost::asio::any_io_executor executor_;
    std::shared_ptr<sql::Database> source_db_;
    std::shared_ptr<sql::Database> metadata_db_;
    std::shared_ptr<MetadataStore> store_;
    std::unique_ptr<auth::Authenticator> authenticator_;

    mutable std::mutex mu_;
    std::shared_ptr<const State> state_;                // guarded by mu_
    std::shared_ptr<boost::asio::steady_timer> timer_;  // guarded by mu_
    bool stopped_ = false;                              // guarded by mu_

    std::mutex cache_mu_;
    std::map<std::string, std::shared_ptr<const ParsedQuery>, std::less<>> query_cache_;

    std::atomic<std::uint64_t> generation_{0};
    exec::PlanCache<CompiledOperation> plans_;
};

// Hasura's message for a validation error whose graphql-js wording differs, e.g. "Cannot
// query field \"x\" on type \"T\"." -> "field 'x' not found in type: 'T'".
EngineError validation_error(const graphql::GraphQLError& error);

// The IdP's public URL named by a JWT secret's jwk_url, for /login and /console/config.json when
// no IdP origin is configured: "http://idp:8000/.well-known/jwks" gives "http://idp:8000", and
// "https://x/ward/idp/.well-known/jwks" keeps the prefix. Empty when the URL has no scheme.
std::string idp_origin_from_jwk_url(std::string_view url);

// The small HTML page of GET /login (the IdP's redirect target in the seed tutorial): the code it
// received and how to turn it into a token at `idp_origin` (a placeholder when empty). Every
// echoed value is HTML-escaped.
std::string login_page(const http::Request& request, std::string_view idp_origin);

using core::html_escape;

}  // namespace ward::engine::server

#include "ward/app.hpp"

#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

#include <fstream>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

#include "core/encoding.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "engine/auth/jwk_cache.hpp"
#include "engine/server/service.hpp"
#include "http/client.hpp"
#include "http/server.hpp"
#include "idp/server/service.hpp"
#include "sql/database.hpp"
#include "ward/version.hpp"
#include "ward/web_assets.hpp"

namespace ward::app {
namespace {

using core::json::object;

std::string_view command_name(Command c) {
    switch (c) {
        case Command::kUp:
            return "up";
        case Command::kIdp:
            return "idp";
        case Command::kEngine:
            return "engine";
    }
    return "up";
}

std::string_view command_summary(Command c) {
    switch (c) {
        case Command::kUp:
            return "Runs Ward IdP and Ward Engine in one process on the embedded database.";
        case Command::kIdp:
            return "Runs Ward IdP alone (Casdoor-compatible identity provider).";
        case Command::kEngine:
            return "Runs Ward Engine alone (Hasura-compatible GraphQL engine).";
    }
    return "";
}

void fail(Command c, const std::string& message) {
    std::fprintf(stderr, "ward %s: %s\n", std::string(command_name(c)).c_str(), message.c_str());
}

// One server of the process: its name, where it listens and its routes.
struct ServerPlan {
    std::string name;   // "idp" | "engine"
    std::string title;  // "Ward IdP"
    std::string host;
    std::uint16_t port = 0;
};

core::Result<std::uint16_t> read_port(const core::Config& cfg, std::string_view name) {
    WARD_TRY(std::int64_t port, cfg.get_int(name));
    if (port < 0 || port > 65535) {
        return core::Error::invalid_argument("--" + std::string(name) +
                                             " must be a port number (0-65535), got " +
                                             std::to_string(port));
    }
    return static_cast<std::uint16_t>(port);
}

std::set<std::string, std::less<>> split_types(std::string_view text) {
    std::set<std::string, std::less<>> out;
    std::string cur;
    for (char ch : std::string(text) + ",") {
        if (ch == ',') {
            if (!cur.empty()) out.insert(cur);
            cur.clear();
        } else if (ch != ' ') {
            cur.push_back(ch);
        }
    }
    return out;
}

// Routes every server answers, whatever it serves.
void add_common_routes(http::Router& router) {
    router.get("/healthz", [](http::Request&) -> boost::asio::awaitable<http::Response> {
        co_return http::Response::text(200, "OK");
    });
}

std::function<void(const http::AccessLogEntry&)> access_logger(std::string server) {
    return [server = std::move(server)](const http::AccessLogEntry& e) {
        auto& log = core::log();
        if (!log.enabled(core::LogLevel::kInfo, "http-log")) return;
        const auto level = e.status >= 500 ? core::LogLevel::kError : core::LogLevel::kInfo;
        // Written straight into text: a line per request, so no JSON tree is built for it
        // (issue #7: building and serializing one was 7% of the engine's time per request).
        std::string d;
        d.reserve(256 + e.path.size());
        d += "{\"server\":";
        core::append_json_string(d, server);
        d += ",\"http_info\":{\"status\":";
        d += std::to_string(e.status);
        d += ",\"http_version\":\"HTTP/1.1\",\"url\":";
        core::append_json_string(d, e.path);
        d += ",\"ip\":";
        core::append_json_string(d, e.remote_address);
        d += ",\"method\":";
        core::append_json_string(d, e.method);
        d += "},\"operation\":{\"query_execution_time\":";
        // Seconds, the shortest decimal that reads back as the same double.
        char number[32];
        const auto written = std::to_chars(number, number + sizeof number,
                                           static_cast<double>(e.duration.count()) / 1e6);
        d.append(number, written.ptr);
        d += ",\"request_size\":";
        d += std::to_string(e.request_bytes);
        d += ",\"response_size\":";
        d += std::to_string(e.response_bytes);
        d += "}}";
        log.write_serialized(level, "http-log", d);
    };
}

// `ward up`: the engine verifies the IdP's tokens with the IdP's current keys, read in process
// instead of over HTTP. Keys are re-read every minute, and at once when a token names an unknown
// kid (the cache's rotation rule), so a new cert is trusted without a restart.
class IdpKeySource final : public engine::auth::KeySource {
  public:
    explicit IdpKeySource(const idp::server::Service& idp) : idp_(idp) {}

    boost::asio::awaitable<core::Result<engine::auth::KeySetFetch>> fetch() override {
        engine::auth::KeySetFetch out;
        out.keys = co_await idp_.public_keys();
        out.expires_at = std::chrono::system_clock::now() + std::chrono::minutes(1);
        co_return out;
    }
    std::string describe() const override { return "Ward IdP (in process)"; }

  private:
    const idp::server::Service& idp_;
};

// The seed tutorial's JWT configuration: Casdoor's token carries `roles` and `id`, and Hasura
// reads them through this claims map. `ward up` uses it unless HASURA_GRAPHQL_JWT_SECRET(S) is set.
std::string default_jwt_secret(std::uint16_t idp_port) {
    return R"({"claims_map": {"x-hasura-allowed-roles": {"path": "$.roles"}, )"
           R"("x-hasura-default-role": {"path": "$.roles[0]"}, )"
           R"("x-hasura-user-id": {"path": "$.id"}}, "jwk_url": "http://localhost:)" +
           std::to_string(idp_port) + R"(/.well-known/jwks"})";
}

// `ward up` needs an admin secret (JWT mode requires one, as in Hasura) but must start with no
// set-up: the first start generates one into the data folder, readable by the owner only, and
// later starts read it back. Returns {secret, generated now}.
core::Result<std::pair<std::string, bool>> data_dir_admin_secret(const std::string& data_dir) {
    const std::filesystem::path path = std::filesystem::path(data_dir) / "admin-secret";
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        std::ifstream in(path);
        std::string secret;
        std::getline(in, secret);
        if (!in && !in.eof()) return core::Error::io("cannot read " + path.string());
        if (secret.empty()) {
            return core::Error::invalid_argument(path.string() +
                                                 " is empty: delete it to generate a new secret");
        }
        return std::pair{secret, false};
    }
    auto random = core::system_random();
    std::string secret = random->token(24);
    {
        std::ofstream out(path, std::ios::trunc);
        out << secret << "\n";
        if (!out) return core::Error::io("cannot write " + path.string());
    }
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
    return std::pair{secret, true};
}

core::Result<std::vector<std::string>> split_origins(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& item : split_types(text)) out.push_back(item);
    if (out.empty()) return core::Error::invalid_argument("--cors-domain is empty");
    return out;
}

}  // namespace

std::string usage() {
    return "Usage: ward <command> [options]\n"
           "\n"
           "Commands:\n"
           "  up        run Ward IdP (:8000) and Ward Engine (:8080) in one process\n"
           "  idp       run Ward IdP alone (Casdoor-compatible identity provider)\n"
           "  engine    run Ward Engine alone (Hasura-compatible GraphQL engine)\n"
           "  version   print the version\n"
           "\n"
           "Run 'ward <command> --help' for the options of a command.\n";
}

int run(Command command, std::span<const std::string> args) {
    const auto& specs = options_for(command);
    auto loaded = core::Config::load(specs, args);
    if (!loaded) {
        fail(command, loaded.error().message());
        return 2;
    }
    core::Config cfg = std::move(*loaded);
    if (cfg.help_requested()) {
        std::printf("Usage: ward %s [options]\n\n%s\n\nOptions:\n%s",
                    std::string(command_name(command)).c_str(),
                    std::string(command_summary(command)).c_str(),
                    core::Config::help_text(specs).c_str());
        return 0;
    }

    // Logging first, so everything after can report through it.
    auto level = core::parse_log_level(cfg.get_or(opt::kLogLevel, "info"));
    if (!level) {
        fail(command, "--log-level: " + level.error().message());
        return 2;
    }
    core::log().set_level(*level);
    core::log().set_enabled_types(split_types(cfg.get_or(opt::kEnabledLogTypes, "")));

    // Settings every server needs.
    std::size_t threads = 0;
    if (cfg.get(opt::kThreads)) {
        auto t = cfg.get_int(opt::kThreads);
        if (!t || *t < 1 || *t > 256) {
            fail(command, "--threads must be a number from 1 to 256");
            return 2;
        }
        threads = static_cast<std::size_t>(*t);
    }
    auto grace_s = cfg.get_int(opt::kGracefulShutdownTimeout);
    auto header_limit = cfg.get_int(opt::kMaxHeaderLength);
    if (!grace_s || *grace_s < 0) {
        fail(command, grace_s ? "--graceful-shutdown-timeout must not be negative"
                              : grace_s.error().message());
        return 2;
    }
    if (!header_limit || *header_limit < 1024) {
        fail(command, header_limit ? "--max-total-header-length must be at least 1024"
                                   : header_limit.error().message());
        return 2;
    }

    std::vector<ServerPlan> plans;
    if (command == Command::kUp || command == Command::kIdp) {
        auto port = read_port(cfg, opt::kIdpPort);
        if (!port) {
            fail(command, port.error().message());
            return 2;
        }
        plans.push_back({"idp", "Ward IdP", cfg.get_or(opt::kIdpHost, "0.0.0.0"), *port});
    }
    if (command == Command::kUp || command == Command::kEngine) {
        auto port = read_port(cfg, command == Command::kUp ? opt::kEnginePort : opt::kServerPort);
        if (!port) {
            fail(command, port.error().message());
            return 2;
        }
        plans.push_back({"engine", "Ward Engine", cfg.get_or(opt::kServerHost, "0.0.0.0"), *port});
    }

    // The data folder holds the embedded databases.
    std::string data_dir = cfg.get_or(opt::kDataDir, "./ward-data");
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) {
        fail(command, "cannot create the data folder '" + data_dir + "': " + ec.message());
        return 1;
    }

    core::log().info("startup", object{{"kind", "server_configuration"},
                                       {"info", object{{"command", command_name(command)},
                                                       {"version", kVersion},
                                                       {"options", cfg.to_json_redacted()}}}});

    // The console is on by default under `ward up` (the tutorial uses it), off for `ward engine`
    // as in Hasura.
    bool console = command == Command::kUp;
    if (cfg.source(opt::kEnableConsole)) {
        auto b = cfg.get_bool(opt::kEnableConsole);
        if (!b) {
            fail(command, b.error().message());
            return 2;
        }
        console = *b;
    }

    http::Runtime runtime(threads);
    const bool has_idp = command == Command::kUp || command == Command::kIdp;
    const bool has_engine = command == Command::kUp || command == Command::kEngine;

    // The IdP: opens its store, migrates, and on first start creates the built-in objects.
    std::unique_ptr<idp::server::Service> idp_service;
    if (has_idp) {
        // The IdP reads its settings by variable name; answer from the merged configuration so
        // flags and the config file count too.
        core::EnvLookup lookup = [&cfg,
                                  &data_dir](std::string_view name) -> std::optional<std::string> {
            if (name == "WARD_IDP_ORIGIN") return cfg.get(opt::kIdpOrigin);
            if (name == "WARD_IDP_DATABASE_URL") return cfg.get(opt::kIdpDatabaseUrl);
            if (name == "WARD_DATA_DIR") return data_dir;
            if (name == "WARD_ADMIN_PASSWORD") return cfg.get(opt::kAdminPassword);
            return std::nullopt;
        };
        auto settings = idp::server::settings_from_env(lookup);
        if (!settings) {
            fail(command, settings.error().message());
            return 2;
        }
        auto svc = idp::server::Service::create(*settings, runtime.context());
        if (!svc) {
            fail(command, "cannot start Ward IdP: " + svc.error().message());
            return 1;
        }
        idp_service = std::move(*svc);
    }

    std::unique_ptr<http::Client> outbound;  // jwk_url and auth hook calls; outlives the engine
    std::shared_ptr<engine::server::Service> engine_service;
    std::optional<std::pair<std::string, bool>> up_admin_secret;
    // Starts one planned server; 0, or the exit status to return (the caller cleans up).
    std::vector<std::unique_ptr<http::Server>> servers;
    auto start_server = [&](const ServerPlan& plan) -> int {
        http::Router router;
        http::ServerConfig sc;
        if (plan.name == "idp") {
            add_common_routes(router);
            idp_service->register_routes(router);
            router.set_fallback(
                web_app_handler({.files = embedded_idp(),
                                 .url_prefix = "/",
                                 .api_prefixes = {"/api/", "/.well-known/", "/login/oauth/"},
                                 .title = "Ward IdP"},
                                "idp"));
        } else {
            // The engine answers /healthz itself (with Hasura's WARN for inconsistent metadata).
            engine_service->register_routes(router);
            if (console) {
                auto handler = web_app_handler({.files = embedded_console(),
                                                .url_prefix = "/console",
                                                .api_prefixes = {},
                                                .title = "Ward Engine console"},
                                               "console");
                // The console reads the IdP's address from config.json (answered ahead of the
                // single-page fallback); 404 when the engine knows none.
                std::string idp_origin = engine_service->settings().idp_origin;
                router.get("/console/config.json",
                           [idp_origin](http::Request&) -> boost::asio::awaitable<http::Response> {
                               if (idp_origin.empty()) co_return http::Response::empty(404);
                               http::Response r = http::Response::json(
                                   200, core::json::serialize(
                                            core::json::object{{"idp_origin", idp_origin}}));
                               r.set_header("Cache-Control", "no-cache");
                               co_return r;
                           });
                router.get("/console", handler);
                router.get("/console/*", handler);
            }
            if (cfg.source(opt::kDisableCors)) {
                auto off = cfg.get_bool(opt::kDisableCors);
                if (!off) {
                    fail(command, off.error().message());
                    return 2;
                }
                sc.cors.enabled = !*off;
            }
            if (auto domains = cfg.get(opt::kCorsDomain)) {
                auto origins = split_origins(*domains);
                if (!origins) {
                    fail(command, origins.error().message());
                    return 2;
                }
                sc.cors.allowed_origins = std::move(*origins);
            }
        }
        sc.name = plan.name;
        sc.host = plan.host;
        sc.port = plan.port;
        sc.limits.max_header_bytes = static_cast<std::size_t>(*header_limit);
        sc.access_log = access_logger(plan.name);
        auto server = std::make_unique<http::Server>(runtime, std::move(sc), std::move(router));
        if (auto st = server->start(); !st) {
            fail(command, "cannot listen on " + plan.host + ":" + std::to_string(plan.port) +
                              " for " + plan.title + ": " + st.error().message());
            return 1;
        }
        servers.push_back(std::move(server));
        return 0;
    };
    // Undoes a start that failed after the runtime's threads began.
    auto abandon_start = [&](int status) {
        for (auto& server : servers) server->stop(std::chrono::milliseconds(0));
        for (auto& server : servers) server->wait_stopped(std::chrono::seconds(5));
        if (engine_service) engine_service->stop();
        runtime.stop();
        runtime.join();
        return status;
    };

    // The IdP listens first, so the engine is set up with the port it really got
    // (--idp-port 0 picks a free one). The runtime's threads then serve it while the engine
    // opens its databases.
    std::uint16_t idp_port = 0;
    if (has_idp) {
        if (int status = start_server(plans.front()); status != 0) return status;
        idp_port = servers.back()->port();
    }
    runtime.start();

    // The engine: data source and metadata databases, schemas per role, authentication.
    if (has_engine) {
        engine::server::Settings es;
        es.data_dir = data_dir;
        es.database_url = cfg.get_or(opt::kDatabaseUrl, "");
        es.metadata_database_url = cfg.get_or(opt::kMetadataDatabaseUrl, "");
        es.auth.admin_secret = cfg.get_or(opt::kAdminSecret, "");
        es.auth.jwt_secret = cfg.get_or(opt::kJwtSecret, "");
        es.auth.jwt_secrets = cfg.get_or(opt::kJwtSecrets, "");
        es.auth.auth_hook = cfg.get_or(opt::kAuthHook, "");
        es.auth.auth_hook_mode = cfg.get_or(opt::kAuthHookMode, "GET");
        es.auth.unauthorized_role = cfg.get_or(opt::kUnauthorizedRole, "");
        if (auto domains = cfg.get(opt::kCorsDomain)) {
            // A bad value is reported when the engine's listener is configured.
            if (auto origins = split_origins(*domains)) es.cookie_origins = std::move(*origins);
        }
        const std::pair<const char*, bool*> switches[] = {
            {opt::kDevMode, &es.dev_mode},
            {opt::kAdminInternalErrors, &es.admin_internal_errors},
            {opt::kStringifyNumericTypes, &es.stringify_numeric_types},
            {opt::kAuthHookSendRequestBody, &es.auth.auth_hook_send_request_body}};
        for (const auto& [name, field] : switches) {
            if (!cfg.get(name)) continue;
            auto b = cfg.get_bool(name);
            if (!b) {
                fail(command, b.error().message());
                return abandon_start(2);
            }
            *field = *b;
        }
        auto plan_cache = cfg.get_int(opt::kPlanCacheSize);
        if (!plan_cache || *plan_cache < 0) {
            fail(command, plan_cache ? "--query-plan-cache-size must not be negative"
                                     : plan_cache.error().message());
            return abandon_start(2);
        }
        es.plan_cache_size = static_cast<std::size_t>(*plan_cache);
        auto poll = cfg.get_int(opt::kSchemaSyncPollInterval);
        if (!poll || *poll < 0) {
            fail(command, poll ? "--schema-sync-poll-interval must not be negative"
                               : poll.error().message());
            return abandon_start(2);
        }
        es.schema_sync_poll_interval = std::chrono::milliseconds(*poll);
        es.version = std::string(kVersion);

        engine::server::ServiceOptions eo;
        outbound = std::make_unique<http::Client>();
        eo.client = outbound.get();
        if (command == Command::kUp) {
            // Trust the IdP next to it with no set-up (the seed tutorial's configuration), unless
            // the user configured authentication themselves.
            const bool own_auth = !es.auth.jwt_secret.empty() || !es.auth.jwt_secrets.empty() ||
                                  !es.auth.auth_hook.empty();
            // The address people and the console use: the configured public origin when given
            // (behind a reverse proxy), else the loopback one. The default jwk_url below keeps
            // the loopback address: the engine reads the keys in process and never leaves the
            // machine for them.
            // The IdP's own normalized form (with its path prefix, if any), so the console and
            // the /login page name the IdP exactly as its issuer does.
            const std::string& public_idp = idp_service->context()->settings().origin;
            es.idp_origin =
                public_idp.empty() ? "http://localhost:" + std::to_string(idp_port) : public_idp;
            if (!own_auth) {
                es.auth.jwt_secret = default_jwt_secret(idp_port);
                eo.key_sources.emplace(0, std::make_unique<IdpKeySource>(*idp_service));
            }
            if (es.auth.admin_secret.empty()) {
                auto secret = data_dir_admin_secret(data_dir);
                if (!secret) {
                    fail(command, "admin secret: " + secret.error().message());
                    return abandon_start(1);
                }
                up_admin_secret = *secret;
                es.auth.admin_secret = secret->first;
            }
        }
        auto creating = boost::asio::co_spawn(
            runtime.context(),
            [es = std::move(es), eo = std::move(eo),
             executor = runtime.context().get_executor()]() mutable
            -> sql::Task<std::optional<core::Result<std::shared_ptr<engine::server::Service>>>> {
                // In an optional: use_future needs a default-constructible result.
                auto made = co_await engine::server::Service::create(std::move(es), executor,
                                                                     std::move(eo));
                co_return std::optional<core::Result<std::shared_ptr<engine::server::Service>>>(
                    std::move(made));
            },
            boost::asio::use_future);
        auto created = *creating.get();
        if (!created) {
            fail(command, "cannot start Ward Engine: " + created.error().message());
            return abandon_start(created.error().code() == "fatal-auth-config" ? 2 : 1);
        }
        engine_service = std::move(*created);
        if (int status = start_server(plans.back()); status != 0) return abandon_start(status);
    }

    if (engine_service) engine_service->start_sync();

    // Ready: say where each server listens, for people (stderr) and for log pipelines (stdout).
    std::string engine_url;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        std::string host = plans[i].host == "0.0.0.0" ? "localhost" : plans[i].host;
        std::string url = "http://" + host + ":" + std::to_string(servers[i]->port());
        if (plans[i].name == "engine") engine_url = url;
        std::fprintf(stderr, "%s listening on %s\n", plans[i].title.c_str(), url.c_str());
        core::log().info(
            "startup", object{{"kind", "server"},
                              {"info", object{{"server", plans[i].name},
                                              {"message", plans[i].title + " listening on " + url},
                                              {"port", servers[i]->port()}}}});
    }

    // Secrets made on first start are shown to the person starting Ward once, never logged.
    if (idp_service && idp_service->bootstrap_result().generated_admin_password) {
        std::fprintf(stderr,
                     "\nFirst start: sign in to Ward IdP as built-in/admin with password %s\n"
                     "(shown only now; set WARD_ADMIN_PASSWORD before the first start to choose "
                     "it)\n",
                     idp_service->bootstrap_result().generated_admin_password->c_str());
    }
    if (command == Command::kUp) {
        std::string secret_file = (std::filesystem::path(data_dir) / "admin-secret").string();
        std::string secret_ref = up_admin_secret ? "$(cat " + secret_file + ")" : "<admin secret>";
        if (up_admin_secret && up_admin_secret->second) {
            std::fprintf(stderr, "First start: the engine's admin secret is %s (kept in %s)\n",
                         up_admin_secret->first.c_str(), secret_file.c_str());
        }
        if (console) std::fprintf(stderr, "Console: %s/console\n", engine_url.c_str());
        std::fprintf(stderr,
                     "Try: curl -s %s/v1/graphql -H \"x-hasura-admin-secret: %s\" "
                     "-d '{\"query\":\"{ __typename }\"}'\n\n",
                     engine_url.c_str(), secret_ref.c_str());
    }

    std::mutex mu;
    std::condition_variable cv;
    int caught = 0;
    http::ShutdownSignals signals(runtime.context(), [&](int signo) {
        std::lock_guard lock(mu);
        caught = signo;
        cv.notify_all();
    });
    {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return caught != 0; });
    }
    core::log().info(
        "startup",
        object{{"kind", "shutdown"},
               {"info", object{{"message", "stopping gracefully"}, {"signal", caught}}}});
    auto grace = std::chrono::seconds(*grace_s);
    if (engine_service) engine_service->stop();
    for (auto& s : servers) s->stop(grace);
    bool clean = true;
    for (auto& s : servers) clean = s->wait_stopped(grace + std::chrono::seconds(5)) && clean;
    runtime.release();
    runtime.join();
    std::fprintf(stderr, "ward %s: stopped\n", std::string(command_name(command)).c_str());
    return clean ? 0 : 1;
}

}  // namespace ward::app

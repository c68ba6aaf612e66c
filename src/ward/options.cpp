#include "ward/options.hpp"

namespace ward::app {
namespace {

using core::OptionSpec;

std::vector<OptionSpec> common_options() {
    return {
        {.name = opt::kLogLevel,
         .env = "HASURA_GRAPHQL_LOG_LEVEL",
         .default_value = "info",
         .help = "log level: debug, info, warn, error"},
        {.name = opt::kEnabledLogTypes,
         .env = "HASURA_GRAPHQL_ENABLED_LOG_TYPES",
         .default_value = "startup,http-log,webhook-log,websocket-log,jwk-refresh-log",
         .help = "comma-separated log types to write (errors are always written)"},
        {.name = opt::kThreads,
         .env = "WARD_THREADS",
         .help = "I/O threads (default: one per core)"},
        {.name = opt::kGracefulShutdownTimeout,
         .env = "HASURA_GRAPHQL_GRACEFUL_SHUTDOWN_TIMEOUT",
         .default_value = "60",
         .help = "seconds to let requests in flight finish on SIGTERM/SIGINT"},
        {.name = opt::kMaxHeaderLength,
         .env = "HASURA_GRAPHQL_MAX_TOTAL_HEADER_LENGTH",
         .default_value = "1048576",
         .help = "largest request head (request line and headers) in bytes; larger gets 431"},
    };
}

std::vector<OptionSpec> idp_options(bool standalone) {
    std::vector<OptionSpec> o = {
        {.name = opt::kIdpPort,
         .env = "WARD_IDP_PORT",
         .default_value = "8000",
         .help = "port of the identity provider"},
        {.name = opt::kIdpHost,
         .env = "WARD_IDP_HOST",
         .default_value = "0.0.0.0",
         .help = "address the identity provider listens on"},
        {.name = opt::kIdpDatabaseUrl,
         .env = "WARD_IDP_DATABASE_URL",
         .help = "IdP store: postgres://… or sqlite:PATH (default: sqlite in the data folder)"},
        {.name = opt::kIdpOrigin,
         .env = "WARD_IDP_ORIGIN",
         .help = "public URL of the IdP, http(s)://host[:port][/path prefix], used as the token "
                 "issuer and in its absolute URLs (default: from the request)"},
        {.name = opt::kAdminPassword,
         .env = "WARD_ADMIN_PASSWORD",
         .help = "password of built-in/admin on first start (default: random, printed once)",
         .secret = true},
    };
    if (standalone) {
        o.push_back({.name = opt::kDataDir,
                     .env = "WARD_DATA_DIR",
                     .default_value = "./ward-data",
                     .help = "folder for the embedded databases"});
    }
    return o;
}

std::vector<OptionSpec> engine_options(bool standalone) {
    std::vector<OptionSpec> o;
    if (standalone) {
        o.push_back({.name = opt::kServerPort,
                     .env = "HASURA_GRAPHQL_SERVER_PORT",
                     .default_value = "8080",
                     .help = "port of the GraphQL engine"});
        o.push_back({.name = opt::kDataDir,
                     .env = "WARD_DATA_DIR",
                     .default_value = "./ward-data",
                     .help = "folder for the embedded databases"});
    }
    std::vector<OptionSpec> rest = {
        {.name = opt::kServerHost,
         .env = "HASURA_GRAPHQL_SERVER_HOST",
         .default_value = "0.0.0.0",
         .help = "address the engine listens on"},
        {.name = opt::kDatabaseUrl,
         .env = "HASURA_GRAPHQL_DATABASE_URL",
         .help = "data source: postgres://… or sqlite:PATH (default: sqlite in the data folder)"},
        {.name = opt::kMetadataDatabaseUrl,
         .env = "HASURA_GRAPHQL_METADATA_DATABASE_URL",
         .help = "where metadata is stored (default: sqlite in the data folder)"},
        {.name = opt::kAdminSecret,
         .env = "HASURA_GRAPHQL_ADMIN_SECRET",
         .help = "admin secret (x-hasura-admin-secret)",
         .secret = true},
        {.name = opt::kJwtSecret,
         .env = "HASURA_GRAPHQL_JWT_SECRET",
         .help = "JWT configuration (JSON, Hasura's format)",
         .secret = true},
        {.name = opt::kJwtSecrets,
         .env = "HASURA_GRAPHQL_JWT_SECRETS",
         .help = "several JWT configurations (JSON array); wins over --jwt-secret",
         .secret = true},
        {.name = opt::kUnauthorizedRole,
         .env = "HASURA_GRAPHQL_UNAUTHORIZED_ROLE",
         .help = "role for requests without credentials"},
        {.name = opt::kAuthHook,
         .env = "HASURA_GRAPHQL_AUTH_HOOK",
         .help = "authentication webhook URL"},
        {.name = opt::kAuthHookMode,
         .env = "HASURA_GRAPHQL_AUTH_HOOK_MODE",
         .default_value = "GET",
         .help = "webhook method: GET or POST"},
        {.name = opt::kAuthHookSendRequestBody,
         .env = "HASURA_GRAPHQL_AUTH_HOOK_SEND_REQUEST_BODY",
         .default_value = "true",
         .help = "POST webhook: send the GraphQL request along with the headers"},
        {.name = opt::kEnableConsole,
         .env = "HASURA_GRAPHQL_ENABLE_CONSOLE",
         .help = "serve the console at /console",
         .is_switch = true},
        {.name = opt::kCorsDomain,
         .env = "HASURA_GRAPHQL_CORS_DOMAIN",
         .help = "comma-separated allowed origins (default: all)"},
        {.name = opt::kDisableCors,
         .env = "HASURA_GRAPHQL_DISABLE_CORS",
         .help = "do not answer CORS requests",
         .is_switch = true},
        {.name = opt::kDevMode,
         .env = "HASURA_GRAPHQL_DEV_MODE",
         .help = "add internal details to errors",
         .is_switch = true},
        {.name = opt::kAdminInternalErrors,
         .env = "HASURA_GRAPHQL_ADMIN_INTERNAL_ERRORS",
         .default_value = "true",
         .help = "add internal details to errors answered to the admin role"},
        {.name = opt::kSchemaSyncPollInterval,
         .env = "HASURA_GRAPHQL_SCHEMA_SYNC_POLL_INTERVAL",
         .default_value = "1000",
         .help = "milliseconds between checks for metadata changed by other processes"},
        {.name = opt::kStringifyNumericTypes,
         .env = "HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES",
         .help = "answer bigint and numeric values as JSON strings (no precision lost in JS)",
         .is_switch = true},
        {.name = opt::kPlanCacheSize,
         .env = "HASURA_GRAPHQL_QUERY_PLAN_CACHE_SIZE",
         .default_value = "4000",
         .help = "compiled query plans kept in memory (0 disables the cache)"},
    };
    o.insert(o.end(), rest.begin(), rest.end());
    return o;
}

std::vector<OptionSpec> build(Command command) {
    std::vector<OptionSpec> o;
    auto append = [&o](std::vector<OptionSpec> more) {
        o.insert(o.end(), more.begin(), more.end());
    };
    switch (command) {
        case Command::kUp:
            o.push_back({.name = opt::kDataDir,
                         .env = "WARD_DATA_DIR",
                         .default_value = "./ward-data",
                         .help = "folder for the embedded databases"});
            o.push_back({.name = opt::kEnginePort,
                         .env = "HASURA_GRAPHQL_SERVER_PORT",
                         .default_value = "8080",
                         .help = "port of the GraphQL engine"});
            append(idp_options(false));
            append(engine_options(false));
            break;
        case Command::kIdp:
            append(idp_options(true));
            break;
        case Command::kEngine:
            append(engine_options(true));
            break;
    }
    append(common_options());
    return o;
}

}  // namespace

const std::vector<core::OptionSpec>& options_for(Command command) {
    static const std::vector<core::OptionSpec> up = build(Command::kUp);
    static const std::vector<core::OptionSpec> idp = build(Command::kIdp);
    static const std::vector<core::OptionSpec> engine = build(Command::kEngine);
    switch (command) {
        case Command::kUp:
            return up;
        case Command::kIdp:
            return idp;
        case Command::kEngine:
            return engine;
    }
    return up;
}

}  // namespace ward::app

// The settings of each `ward` subcommand, declared once: --help text, parsing and the start-up log
// all come from these tables. Names follow the originals: Casdoor-side settings are WARD_*,
// engine settings are Hasura's HASURA_GRAPHQL_* variables with Hasura's flag names.
#pragma once

#include <span>
#include <vector>

#include "core/config.hpp"

namespace ward::app {

enum class Command { kUp, kIdp, kEngine };

// The option table of a subcommand.
const std::vector<core::OptionSpec>& options_for(Command command);

// Names of options read by the code (one place, so a typo is a compile error, not a silent
// default).
namespace opt {
inline constexpr char kDataDir[] = "data-dir";
inline constexpr char kLogLevel[] = "log-level";
inline constexpr char kEnabledLogTypes[] = "enabled-log-types";
inline constexpr char kThreads[] = "threads";
inline constexpr char kIdpHost[] = "idp-host";
inline constexpr char kIdpPort[] = "idp-port";
inline constexpr char kIdpDatabaseUrl[] = "idp-database-url";
inline constexpr char kIdpOrigin[] = "idp-origin";
inline constexpr char kAdminPassword[] = "admin-password";
inline constexpr char kEnginePort[] = "engine-port";  // `ward up`
inline constexpr char kServerPort[] = "server-port";  // `ward engine` (Hasura's name)
inline constexpr char kServerHost[] = "server-host";
inline constexpr char kDatabaseUrl[] = "database-url";
inline constexpr char kMetadataDatabaseUrl[] = "metadata-database-url";
inline constexpr char kAdminSecret[] = "admin-secret";
inline constexpr char kJwtSecret[] = "jwt-secret";
inline constexpr char kJwtSecrets[] = "jwt-secrets";
inline constexpr char kUnauthorizedRole[] = "unauthorized-role";
inline constexpr char kAuthHook[] = "auth-hook";
inline constexpr char kAuthHookMode[] = "auth-hook-mode";
inline constexpr char kAuthHookSendRequestBody[] = "auth-hook-send-request-body";
inline constexpr char kEnableConsole[] = "enable-console";
inline constexpr char kCorsDomain[] = "cors-domain";
inline constexpr char kDisableCors[] = "disable-cors";
inline constexpr char kDevMode[] = "dev-mode";
inline constexpr char kAdminInternalErrors[] = "admin-internal-errors";
inline constexpr char kSchemaSyncPollInterval[] = "schema-sync-poll-interval";
inline constexpr char kStringifyNumericTypes[] = "stringify-numeric-types";
inline constexpr char kPlanCacheSize[] = "query-plan-cache-size";
inline constexpr char kGracefulShutdownTimeout[] = "graceful-shutdown-timeout";
inline constexpr char kMaxHeaderLength[] = "max-total-header-length";
}  // namespace opt

}  // namespace ward::app

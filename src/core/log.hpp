// Structured logs: one JSON object per line with `timestamp`, `level`, `type` and `detail`, the
// shape Hasura's logs have (types `startup`, `http-log`, `webhook-log`, `jwk-refresh-log` …), so
// log pipelines built for Hasura keep working. Thread-safe; each line is written with one write().
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "core/json.hpp"

namespace ward::core {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

std::string_view to_string(LogLevel level);
// "debug" | "info" | "warn" | "error"; anything else is an error.
Result<LogLevel> parse_log_level(std::string_view text);

class Logger {
  public:
    using Sink = std::function<void(std::string_view line)>;

    Logger();

    // The process-wide logger.
    static Logger& global();

    void set_level(LogLevel level);
    // Only these types are written (Hasura's HASURA_GRAPHQL_ENABLED_LOG_TYPES); empty = all.
    void set_enabled_types(std::set<std::string, std::less<>> types);
    // Replaces the output (stdout by default); for tests.
    void set_sink(Sink sink);

    bool enabled(LogLevel level, std::string_view type) const;

    // Writes {"timestamp":…,"level":…,"type":type,"detail":detail}.
    void log(LogLevel level, std::string_view type, json::value detail);
    // The same line with `detail` already serialized (it must be one JSON value), for a caller
    // on a hot path that checked enabled() first; this does not check again.
    void write_serialized(LogLevel level, std::string_view type, std::string_view detail);

    void info(std::string_view type, json::value detail) {
        log(LogLevel::kInfo, type, std::move(detail));
    }
    void warn(std::string_view type, json::value detail) {
        log(LogLevel::kWarn, type, std::move(detail));
    }
    void error(std::string_view type, json::value detail) {
        log(LogLevel::kError, type, std::move(detail));
    }
    void debug(std::string_view type, json::value detail) {
        log(LogLevel::kDebug, type, std::move(detail));
    }

  private:
    mutable std::mutex mu_;
    LogLevel level_ = LogLevel::kInfo;
    std::set<std::string, std::less<>> types_;
    // Shared so a line is written without copying the function under the lock.
    std::shared_ptr<const Sink> sink_;
};

inline Logger& log() { return Logger::global(); }

}  // namespace ward::core

#include "core/log.hpp"

#include <unistd.h>

#include "core/clock.hpp"

namespace ward::core {

std::string_view to_string(LogLevel level) {
    switch (level) {
        case LogLevel::kDebug:
            return "debug";
        case LogLevel::kInfo:
            return "info";
        case LogLevel::kWarn:
            return "warn";
        case LogLevel::kError:
            return "error";
    }
    return "info";
}

Result<LogLevel> parse_log_level(std::string_view text) {
    if (text == "debug") return LogLevel::kDebug;
    if (text == "info") return LogLevel::kInfo;
    if (text == "warn") return LogLevel::kWarn;
    if (text == "error") return LogLevel::kError;
    return Error::invalid_argument("log level must be one of debug, info, warn, error; got '" +
                                   std::string(text) + "'");
}

Logger::Logger() {
    sink_ = std::make_shared<const Sink>([](std::string_view line) {
        std::size_t off = 0;
        while (off < line.size()) {
            ssize_t n = ::write(STDOUT_FILENO, line.data() + off, line.size() - off);
            if (n <= 0) return;
            off += static_cast<std::size_t>(n);
        }
    });
}

Logger& Logger::global() {
    static Logger logger;
    return logger;
}

void Logger::set_level(LogLevel level) {
    std::lock_guard lock(mu_);
    level_ = level;
}

void Logger::set_enabled_types(std::set<std::string, std::less<>> types) {
    std::lock_guard lock(mu_);
    types_ = std::move(types);
}

void Logger::set_sink(Sink sink) {
    auto shared = std::make_shared<const Sink>(std::move(sink));
    std::lock_guard lock(mu_);
    sink_ = std::move(shared);
}

bool Logger::enabled(LogLevel level, std::string_view type) const {
    std::lock_guard lock(mu_);
    if (level < level_) return false;
    // Errors are always written, whatever the type filter says.
    if (level != LogLevel::kError && !types_.empty() && types_.find(type) == types_.end())
        return false;
    return true;
}

void Logger::log(LogLevel level, std::string_view type, json::value detail) {
    if (!enabled(level, type)) return;
    write_serialized(level, type, json::serialize(detail));
}

void Logger::write_serialized(LogLevel level, std::string_view type, std::string_view detail) {
    std::string line;
    line.reserve(96 + type.size() + detail.size());
    line += "{\"timestamp\":";
    append_json_string(line, format_rfc3339(std::chrono::system_clock::now()));
    line += ",\"level\":";
    append_json_string(line, to_string(level));
    line += ",\"type\":";
    append_json_string(line, type);
    line += ",\"detail\":";
    line += detail;
    line += "}\n";
    std::shared_ptr<const Sink> sink;
    {
        std::lock_guard lock(mu_);
        sink = sink_;
    }
    (*sink)(line);
}

}  // namespace ward::core

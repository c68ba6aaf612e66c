// Configuration values from four layers with one precedence, highest first:
//   1. command-line flags   (--data-dir ./x, --data-dir=./x, --flag for switches)
//   2. environment variables (WARD_DATA_DIR, HASURA_GRAPHQL_…)
//   3. a config file        (--config FILE or WARD_CONFIG_FILE; lines NAME=value, where NAME is
//                            the env var or the option's name; '#' starts a comment)
//   4. the option's default
// Options are declared once (OptionSpec); `--help` text and the start-up log come from the same
// table, and secret values are redacted there.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"

namespace ward::core {

struct OptionSpec {
    std::string name;           // flag name without dashes: "data-dir"
    std::string env;            // environment variable, may be empty: "WARD_DATA_DIR"
    std::string default_value;  // empty = unset
    std::string help;
    bool secret = false;     // redacted in logs and dumps
    bool is_switch = false;  // a flag without a value (--enable-x means "true")
};

// Reads an environment variable; injectable for tests.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
EnvLookup process_env();

enum class ConfigSource { kFlag, kEnv, kFile, kDefault };
std::string_view to_string(ConfigSource s);

class Config {
  public:
    // Parses `args` (flags only; no program or subcommand name) against `specs`. Errors
    // (kInvalidArgument): unknown flag, missing value, unreadable or malformed config file.
    static Result<Config> load(std::span<const OptionSpec> specs, std::span<const std::string> args,
                               const EnvLookup& env = process_env());

    // The effective value, or nullopt when no layer sets it and there is no default.
    std::optional<std::string> get(std::string_view name) const;
    std::string get_or(std::string_view name, std::string_view fallback) const;
    // Typed reads; errors name the option and the layer the bad value came from.
    Result<std::int64_t> get_int(std::string_view name) const;
    Result<bool> get_bool(std::string_view name) const;
    std::optional<ConfigSource> source(std::string_view name) const;

    // Whether --help / -h was given.
    bool help_requested() const { return help_; }

    // {name: value} of every set option, secrets replaced by "<REDACTED>".
    json::object to_json_redacted() const;

    // Sets a value as if it came from a flag (used when wiring subcommands).
    void set(std::string_view name, std::string value);

    static std::string help_text(std::span<const OptionSpec> specs);

  private:
    struct Entry {
        const OptionSpec* spec = nullptr;
        std::optional<std::string> value;
        ConfigSource source = ConfigSource::kDefault;
    };
    const Entry* entry(std::string_view name) const;

    std::vector<OptionSpec> specs_;
    std::map<std::string, Entry, std::less<>> entries_;
    bool help_ = false;
};

}  // namespace ward::core

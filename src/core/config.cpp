#include "core/config.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ward::core {

EnvLookup process_env() {
    return [](std::string_view name) -> std::optional<std::string> {
        std::string n(name);
        const char* v = std::getenv(n.c_str());
        if (!v) return std::nullopt;
        return std::string(v);
    };
}

std::string_view to_string(ConfigSource s) {
    switch (s) {
        case ConfigSource::kFlag:
            return "flag";
        case ConfigSource::kEnv:
            return "env";
        case ConfigSource::kFile:
            return "file";
        case ConfigSource::kDefault:
            return "default";
    }
    return "default";
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

Result<std::map<std::string, std::string>> read_config_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Error::invalid_argument("cannot read config file '" + path + "'");
    std::map<std::string, std::string> out;
    std::string line;
    int lineno = 0;
    while (std::getline(in, line)) {
        ++lineno;
        std::string_view l = trim(line);
        if (l.empty() || l.front() == '#') continue;
        auto eq = l.find('=');
        if (eq == std::string_view::npos) {
            return Error::invalid_argument("config file '" + path + "' line " +
                                           std::to_string(lineno) + ": expected NAME=value");
        }
        std::string_view key = trim(l.substr(0, eq));
        std::string_view value = trim(l.substr(eq + 1));
        if (value.size() >= 2 && ((value.front() == '"' && value.back() == '"') ||
                                  (value.front() == '\'' && value.back() == '\''))) {
            value = value.substr(1, value.size() - 2);
        }
        out[std::string(key)] = std::string(value);
    }
    return out;
}

}  // namespace

Result<Config> Config::load(std::span<const OptionSpec> specs, std::span<const std::string> args,
                            const EnvLookup& env) {
    Config cfg;
    cfg.specs_.assign(specs.begin(), specs.end());
    for (const auto& s : cfg.specs_) {
        Entry e;
        e.spec = &s;
        if (!s.default_value.empty()) e.value = s.default_value;
        cfg.entries_[s.name] = e;
    }

    // 1. Flags.
    std::map<std::string, std::string, std::less<>> flags;
    std::optional<std::string> config_file;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (a == "--help" || a == "-h") {
            cfg.help_ = true;
            continue;
        }
        if (a.size() < 3 || a.substr(0, 2) != "--") {
            return Error::invalid_argument("unexpected argument '" + std::string(a) + "'");
        }
        a.remove_prefix(2);
        std::string name(a);
        std::optional<std::string> value;
        if (auto eq = a.find('='); eq != std::string_view::npos) {
            name = std::string(a.substr(0, eq));
            value = std::string(a.substr(eq + 1));
        }
        if (name == "config") {
            if (!value) {
                if (i + 1 >= args.size())
                    return Error::invalid_argument("--config needs a file path");
                value = args[++i];
            }
            config_file = *value;
            continue;
        }
        auto it = cfg.entries_.find(name);
        if (it == cfg.entries_.end()) {
            return Error::invalid_argument("unknown option --" + name + " (see --help)");
        }
        if (!value) {
            if (it->second.spec->is_switch) {
                value = "true";
            } else {
                if (i + 1 >= args.size())
                    return Error::invalid_argument("--" + name + " needs a value");
                value = args[++i];
            }
        }
        flags[name] = *value;
    }

    // 3. Config file (read before applying env so precedence is applied in one pass below).
    if (!config_file) config_file = env("WARD_CONFIG_FILE");
    std::map<std::string, std::string> file_values;
    if (config_file && !config_file->empty()) {
        auto r = read_config_file(*config_file);
        if (!r) return r.error();
        file_values = std::move(*r);
        for (const auto& [key, _] : file_values) {
            bool known = false;
            for (const auto& s : cfg.specs_)
                known = known || s.name == key || (!s.env.empty() && s.env == key);
            if (!known) {
                return Error::invalid_argument("config file '" + *config_file +
                                               "': unknown setting '" + key + "'");
            }
        }
    }

    for (auto& [name, e] : cfg.entries_) {
        if (auto f = flags.find(name); f != flags.end()) {
            e.value = f->second;
            e.source = ConfigSource::kFlag;
            continue;
        }
        if (!e.spec->env.empty()) {
            if (auto v = env(e.spec->env)) {
                e.value = *v;
                e.source = ConfigSource::kEnv;
                continue;
            }
        }
        auto fv = file_values.find(e.spec->env);
        if (e.spec->env.empty() || fv == file_values.end()) fv = file_values.find(name);
        if (fv != file_values.end()) {
            e.value = fv->second;
            e.source = ConfigSource::kFile;
        }
    }
    return cfg;
}

const Config::Entry* Config::entry(std::string_view name) const {
    auto it = entries_.find(name);
    return it == entries_.end() ? nullptr : &it->second;
}

std::optional<std::string> Config::get(std::string_view name) const {
    const Entry* e = entry(name);
    if (!e) return std::nullopt;
    return e->value;
}

std::string Config::get_or(std::string_view name, std::string_view fallback) const {
    auto v = get(name);
    return v ? *v : std::string(fallback);
}

Result<std::int64_t> Config::get_int(std::string_view name) const {
    const Entry* e = entry(name);
    if (!e || !e->value) return Error::not_found("option '" + std::string(name) + "' is not set");
    const std::string& s = *e->value;
    std::int64_t v = 0;
    std::size_t pos = 0;
    try {
        v = std::stoll(s, &pos);
    } catch (...) {
        pos = 0;
    }
    if (pos == 0 || pos != s.size()) {
        std::string where = e->spec->env.empty() || e->source != ConfigSource::kEnv
                                ? "--" + std::string(name)
                                : e->spec->env;
        return Error::invalid_argument(where + " must be an integer, got '" + s + "'");
    }
    return v;
}

Result<bool> Config::get_bool(std::string_view name) const {
    const Entry* e = entry(name);
    if (!e || !e->value) return false;
    std::string s = *e->value;
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s == "true" || s == "1" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "0" || s == "no" || s == "off" || s.empty()) return false;
    std::string where = e->source == ConfigSource::kEnv ? e->spec->env : "--" + std::string(name);
    return Error::invalid_argument(where + " must be true or false, got '" + *e->value + "'");
}

std::optional<ConfigSource> Config::source(std::string_view name) const {
    const Entry* e = entry(name);
    if (!e || !e->value) return std::nullopt;
    return e->source;
}

json::object Config::to_json_redacted() const {
    json::object out;
    for (const auto& [name, e] : entries_) {
        if (!e.value) continue;
        out[name] = e.spec->secret ? json::value("<REDACTED>") : json::value(*e.value);
    }
    return out;
}

void Config::set(std::string_view name, std::string value) {
    auto it = entries_.find(name);
    if (it == entries_.end()) return;
    it->second.value = std::move(value);
    it->second.source = ConfigSource::kFlag;
}

std::string Config::help_text(std::span<const OptionSpec> specs) {
    std::ostringstream out;
    for (const auto& s : specs) {
        std::string flag = "  --" + s.name + (s.is_switch ? "" : " <value>");
        out << flag;
        if (flag.size() < 34)
            out << std::string(34 - flag.size(), ' ');
        else
            out << "\n" << std::string(34, ' ');
        out << s.help;
        if (!s.env.empty()) out << "\n" << std::string(34, ' ') << "env: " << s.env;
        if (!s.default_value.empty() && !s.secret) out << " (default: " << s.default_value << ")";
        out << "\n";
    }
    out << "  --config <file>                 read NAME=value settings from a file\n"
        << std::string(34, ' ') << "env: WARD_CONFIG_FILE\n"
        << "Precedence: flags, then environment variables, then the config file, then defaults.\n";
    return out.str();
}

}  // namespace ward::core

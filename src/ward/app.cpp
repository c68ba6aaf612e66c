#include "ward/app.hpp"

#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

#include "core/log.hpp"
#include "http/server.hpp"
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
        object http_info{{"status", e.status},
                         {"http_version", "HTTP/1.1"},
                         {"url", e.path},
                         {"ip", e.remote_address},
                         {"method", e.method}};
        object operation{{"query_execution_time", static_cast<double>(e.duration.count()) / 1e6},
                         {"request_size", e.request_bytes},
                         {"response_size", e.response_bytes}};
        log.log(e.status >= 500 ? core::LogLevel::kError : core::LogLevel::kInfo, "http-log",
                object{{"server", server},
                       {"http_info", std::move(http_info)},
                       {"operation", std::move(operation)}});
    };
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
    std::vector<std::unique_ptr<http::Server>> servers;
    for (const auto& plan : plans) {
        http::Router router;
        add_common_routes(router);
        if (plan.name == "idp") {
            router.set_fallback(
                web_app_handler({.files = embedded_idp(),
                                 .url_prefix = "/",
                                 .api_prefixes = {"/api/", "/.well-known/", "/login/oauth/"},
                                 .title = "Ward IdP"},
                                "idp"));
        } else if (console) {
            auto handler = web_app_handler({.files = embedded_console(),
                                            .url_prefix = "/console",
                                            .api_prefixes = {},
                                            .title = "Ward Engine console"},
                                           "console");
            router.get("/console", handler);
            router.get("/console/*", handler);
        }
        http::ServerConfig sc;
        sc.name = plan.name;
        sc.host = plan.host;
        sc.port = plan.port;
        sc.limits.max_header_bytes = static_cast<std::size_t>(*header_limit);
        sc.access_log = access_logger(plan.name);
        auto server = std::make_unique<http::Server>(runtime, std::move(sc), std::move(router));
        if (auto st = server->start(); !st) {
            fail(command, "cannot listen on " + plan.host + ":" + std::to_string(plan.port) +
                              " for " + plan.title + ": " + st.error().message());
            for (auto& s : servers) s->stop(std::chrono::milliseconds(0));
            return 1;
        }
        servers.push_back(std::move(server));
    }

    // Ready: say where each server listens, for people (stderr) and for log pipelines (stdout).
    for (std::size_t i = 0; i < plans.size(); ++i) {
        std::string host = plans[i].host == "0.0.0.0" ? "localhost" : plans[i].host;
        std::string url = "http://" + host + ":" + std::to_string(servers[i]->port());
        std::fprintf(stderr, "%s listening on %s\n", plans[i].title.c_str(), url.c_str());
        core::log().info(
            "startup", object{{"kind", "server"},
                              {"info", object{{"server", plans[i].name},
                                              {"message", plans[i].title + " listening on " + url},
                                              {"port", servers[i]->port()}}}});
    }

    std::mutex mu;
    std::condition_variable cv;
    int caught = 0;
    http::ShutdownSignals signals(runtime.context(), [&](int signo) {
        std::lock_guard lock(mu);
        caught = signo;
        cv.notify_all();
    });
    runtime.start();
    {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return caught != 0; });
    }
    core::log().info(
        "startup",
        object{{"kind", "shutdown"},
               {"info", object{{"message", "stopping gracefully"}, {"signal", caught}}}});
    auto grace = std::chrono::seconds(*grace_s);
    for (auto& s : servers) s->stop(grace);
    bool clean = true;
    for (auto& s : servers) clean = s->wait_stopped(grace + std::chrono::seconds(5)) && clean;
    runtime.release();
    runtime.join();
    std::fprintf(stderr, "ward %s: stopped\n", std::string(command_name(command)).c_str());
    return clean ? 0 : 1;
}

}  // namespace ward::app

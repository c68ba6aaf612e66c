#include "integration/ward_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace ward::testing {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string make_temp_dir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ward-it-XXXXXX").string();
    char* d = mkdtemp(tmpl.data());
    return d ? std::string(d) : std::string();
}

std::vector<std::string> base_env(const std::map<std::string, std::string>& extra) {
    std::map<std::string, std::string> env;
    for (const char* k :
         {"PATH", "HOME", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TMPDIR"}) {
        if (const char* v = std::getenv(k)) env[k] = v;
    }
    for (const auto& [k, v] : extra) env[k] = v;
    std::vector<std::string> out;
    for (const auto& [k, v] : env) out.push_back(k + "=" + v);
    return out;
}

// Spawns ward in `dir` with stdout/stderr to files there.
pid_t spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
            const std::string& dir) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    std::string out = dir + "/stdout.log", err = dir + "/stderr.log";
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addchdir_np(&fa, dir.c_str());
    std::string bin = ward_binary();
    std::vector<char*> argv;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> envcopy = env;
    std::vector<char*> envp;
    for (auto& e : envcopy) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, bin.c_str(), &fa, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    return rc == 0 ? pid : -1;
}

int decode_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

http::Client& client() {
    static http::Client c(http::ClientConfig{.connect_timeout = std::chrono::milliseconds(2000),
                                             .total_timeout = std::chrono::milliseconds(30000)});
    return c;
}

}  // namespace

std::uint16_t free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

std::string ward_binary() {
    if (const char* b = std::getenv("WARD_BIN")) return b;
    return WARD_BINARY_PATH;
}

core::Result<std::unique_ptr<WardProcess>> WardProcess::start(WardOptions options) {
    auto p = std::unique_ptr<WardProcess>(new WardProcess());
    p->dir_ = make_temp_dir();
    if (p->dir_.empty()) return core::Error::io("cannot create a temporary folder");
    auto env = options.env;
    bool idp = options.command == "up" || options.command == "idp";
    bool engine = options.command == "up" || options.command == "engine";
    if (options.pick_ports) {
        if (idp && !env.count("WARD_IDP_PORT")) env["WARD_IDP_PORT"] = std::to_string(free_port());
        if (engine && !env.count("HASURA_GRAPHQL_SERVER_PORT")) {
            env["HASURA_GRAPHQL_SERVER_PORT"] = std::to_string(free_port());
        }
    }
    if (env.count("WARD_IDP_PORT"))
        p->idp_port_ = static_cast<std::uint16_t>(std::stoi(env["WARD_IDP_PORT"]));
    if (env.count("HASURA_GRAPHQL_SERVER_PORT")) {
        p->engine_port_ = static_cast<std::uint16_t>(std::stoi(env["HASURA_GRAPHQL_SERVER_PORT"]));
    }
    std::vector<std::string> args{options.command};
    args.insert(args.end(), options.args.begin(), options.args.end());
    p->pid_ = spawn(args, base_env(env), p->dir_);
    if (p->pid_ < 0) return core::Error::io("cannot spawn " + ward_binary());
    if (!options.wait_healthy) return p;

    auto deadline = std::chrono::steady_clock::now() + options.start_timeout;
    std::vector<std::string> urls;
    if (idp) urls.push_back(p->idp_url() + "/healthz");
    if (engine) urls.push_back(p->engine_url() + "/healthz");
    for (const auto& url : urls) {
        while (true) {
            if (!p->running()) {
                return core::Error::unavailable("ward exited early (status " +
                                                std::to_string(p->exit_status_) +
                                                "): " + p->stderr_text());
            }
            auto r = client().perform({.method = "GET", .url = url});
            if (r && r->status == 200) break;
            if (std::chrono::steady_clock::now() > deadline) {
                return core::Error::timeout("ward did not become healthy at " + url + ": " +
                                            p->stderr_text());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    return p;
}

WardProcess::~WardProcess() {
    if (running()) {
        ::kill(pid_, SIGKILL);
        int st = 0;
        ::waitpid(pid_, &st, 0);
    }
    if (!dir_.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
}

bool WardProcess::running() {
    if (pid_ < 0 || exit_status_ >= 0) return false;
    int st = 0;
    pid_t r = ::waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
        exit_status_ = decode_status(st);
        return false;
    }
    return r == 0;
}

int WardProcess::stop(int signo, std::chrono::milliseconds timeout) {
    if (!running()) return exit_status_;
    ::kill(pid_, signo);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running()) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            int st = 0;
            ::waitpid(pid_, &st, 0);
            exit_status_ = -1;
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return exit_status_;
}

std::string WardProcess::stdout_text() const { return read_file(dir_ + "/stdout.log"); }
std::string WardProcess::stderr_text() const { return read_file(dir_ + "/stderr.log"); }

CommandResult run_ward(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env) {
    CommandResult out;
    std::string dir = make_temp_dir();
    pid_t pid = spawn(args, base_env(env), dir);
    if (pid < 0) return out;
    int st = 0;
    ::waitpid(pid, &st, 0);
    out.exit_status = decode_status(st);
    out.out = read_file(dir + "/stdout.log");
    out.err = read_file(dir + "/stderr.log");
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return out;
}

http::ClientResponse http_get(const std::string& url, const http::Headers& headers) {
    auto r = client().perform({.method = "GET", .url = url, .headers = headers});
    return r ? std::move(*r) : http::ClientResponse{};
}

http::ClientResponse http_post(const std::string& url, const std::string& body,
                               const http::Headers& headers) {
    auto r = client().perform({.method = "POST", .url = url, .headers = headers, .body = body});
    return r ? std::move(*r) : http::ClientResponse{};
}

}  // namespace ward::testing

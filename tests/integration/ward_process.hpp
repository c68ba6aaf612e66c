// Test harness for integration tests: starts the real `ward` binary on free ports with its own
// data folder and environment, waits until it is healthy, and stops it with a signal. Requests go
// through http::Client (libcurl), as a real client's would.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/client.hpp"

namespace ward::testing {

// A port that was free a moment ago (bind to port 0 on 127.0.0.1, read it, close).
std::uint16_t free_port();

// The ward binary under test (set by CMake).
std::string ward_binary();

struct WardOptions {
    std::string command = "up";              // up | idp | engine | version …
    std::vector<std::string> args;           // after the command
    std::map<std::string, std::string> env;  // added to a minimal environment (PATH, HOME)
    bool pick_ports = true;    // pass free ports via WARD_IDP_PORT / HASURA_GRAPHQL_SERVER_PORT
    bool wait_healthy = true;  // wait for /healthz of every server the command runs
    std::chrono::milliseconds start_timeout{20'000};
};

class WardProcess {
  public:
    // Starts ward in a fresh temporary folder (its working directory, so ./ward-data lands there).
    // Errors: the process could not be spawned, exited early, or did not become healthy in time
    // (the error message then holds its stderr).
    static core::Result<std::unique_ptr<WardProcess>> start(WardOptions options);
    ~WardProcess();  // SIGKILL if still running; removes the folder

    std::uint16_t idp_port() const { return idp_port_; }
    std::uint16_t engine_port() const { return engine_port_; }
    std::string idp_url() const { return "http://127.0.0.1:" + std::to_string(idp_port_); }
    std::string engine_url() const { return "http://127.0.0.1:" + std::to_string(engine_port_); }
    const std::string& work_dir() const { return dir_; }

    // Sends `signo` and waits for the exit; returns the exit status (128+n when killed by n), or
    // -1 on timeout (then the process is killed).
    int stop(int signo, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    bool running();

    std::string stdout_text() const;
    std::string stderr_text() const;

  private:
    pid_t pid_ = -1;
    std::string dir_;
    std::uint16_t idp_port_ = 0;
    std::uint16_t engine_port_ = 0;
    int exit_status_ = -1;
};

// Runs ward to completion (for --help, version, bad flags): exit status and output.
struct CommandResult {
    int exit_status = -1;
    std::string out;
    std::string err;
};
CommandResult run_ward(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env = {});

// Blocking HTTP helpers for tests.
http::ClientResponse http_get(const std::string& url, const http::Headers& headers = {});
http::ClientResponse http_post(const std::string& url, const std::string& body,
                               const http::Headers& headers = {});

}  // namespace ward::testing

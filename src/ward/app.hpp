// The `ward` command's subcommands: parse settings, build the servers on one runtime, run them
// until SIGTERM/SIGINT, and stop gracefully (requests in flight finish first).
#pragma once

#include <span>
#include <string>

#include "ward/options.hpp"

namespace ward::app {

// Runs `ward up|idp|engine` with `args` (the arguments after the subcommand). Returns the process
// exit code: 0 after a clean stop or --help, 1 when a server cannot start, 2 for bad settings.
int run(Command command, std::span<const std::string> args);

// Text of `ward --help`.
std::string usage();

}  // namespace ward::app

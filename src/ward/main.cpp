// `ward`: one program, two servers (see README.md). Dispatches to the subcommands.
#include <cstdio>
#include <string>
#include <vector>

#include "ward/app.hpp"
#include "ward/version.hpp"

int main(int argc, char** argv) {
    using ward::app::Command;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(ward::app::usage().c_str(), args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    std::string command = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "version" || command == "--version") {
        if (!rest.empty() && (rest[0] == "--help" || rest[0] == "-h")) {
            std::puts("Usage: ward version\n\nPrints the version of Ward.");
            return 0;
        }
        std::printf("ward %s\n", ward::app::kVersion);
        return 0;
    }
    if (command == "up") return ward::app::run(Command::kUp, rest);
    if (command == "idp") return ward::app::run(Command::kIdp, rest);
    if (command == "engine") return ward::app::run(Command::kEngine, rest);
    std::fprintf(stderr, "ward: unknown command '%s'\n\n%s", command.c_str(),
                 ward::app::usage().c_str());
    return 2;
}

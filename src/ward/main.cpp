// `ward`: one program, two servers (see README.md). Dispatches to the subcommands.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "ward/app.hpp"
#include "ward/version.hpp"

int main(int argc, char** argv) {
    using ward::app::Command;
#if defined(__GLIBC__)
    // glibc gives threads that allocate at the same time arenas of their own (up to eight per
    // core) and keeps what is freed in each: after the token benchmark `ward up` held 94 MiB, and
    // 65 MiB with two arenas at the same throughput (issue #7). MALLOC_ARENA_MAX still wins.
    if (std::getenv("MALLOC_ARENA_MAX") == nullptr) mallopt(M_ARENA_MAX, 2);
#endif
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

#include "core/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace ward::core {

void invariant_failed(const char* expr, const char* message, const char* file, int line) {
    std::string what = std::string("invariant failed: ") + expr + " (" + message + ") at " + file +
                       ":" + std::to_string(line);
#ifndef NDEBUG
    std::fprintf(stderr, "%s\n", what.c_str());
    std::abort();
#else
    throw InternalError(what);
#endif
}

}  // namespace ward::core

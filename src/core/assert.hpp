// Invariant checks. WARD_ASSERT is for debug builds only; WARD_INVARIANT aborts in debug builds
// and throws core::InternalError in release builds, which the HTTP layer turns into a 500 for
// that one request. Neither is for validating input: input errors are Result values.
#pragma once

#include <stdexcept>
#include <string>

namespace ward::core {

class InternalError : public std::logic_error {
  public:
    using std::logic_error::logic_error;
};

[[noreturn]] void invariant_failed(const char* expr, const char* message, const char* file,
                                   int line);

}  // namespace ward::core

#ifdef NDEBUG
#define WARD_ASSERT(expr) ((void)0)
#else
#define WARD_ASSERT(expr) \
    ((expr) ? (void)0 : ::ward::core::invariant_failed(#expr, "", __FILE__, __LINE__))
#endif

#define WARD_INVARIANT(expr, message) \
    ((expr) ? (void)0 : ::ward::core::invariant_failed(#expr, message, __FILE__, __LINE__))

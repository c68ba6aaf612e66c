#include "core/error.hpp"

namespace ward::core {

std::string_view to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::kInvalidArgument:
            return "invalid-argument";
        case ErrorKind::kNotFound:
            return "not-found";
        case ErrorKind::kAlreadyExists:
            return "already-exists";
        case ErrorKind::kPermissionDenied:
            return "permission-denied";
        case ErrorKind::kUnauthenticated:
            return "unauthenticated";
        case ErrorKind::kConflict:
            return "conflict";
        case ErrorKind::kLimitExceeded:
            return "limit-exceeded";
        case ErrorKind::kUnavailable:
            return "unavailable";
        case ErrorKind::kTimeout:
            return "timeout";
        case ErrorKind::kIo:
            return "io-error";
        case ErrorKind::kInternal:
            return "internal-error";
    }
    return "unknown";
}

std::string Error::to_string() const {
    std::string out = code_;
    out += ": ";
    out += message_;
    return out;
}

Error Error::with_context(std::string_view context) const {
    std::string msg(context);
    msg += ": ";
    msg += message_;
    return Error(kind_, code_, std::move(msg));
}

}  // namespace ward::core

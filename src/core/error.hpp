// core::Error: the value every fallible Ward function returns on failure (see result.hpp).
// Small and cheap to move; a kind for control flow, a stable code for the wire, a message for
// people. Modules that own a protocol map codes to wire vocabularies in one table each.
#pragma once

#include <string>
#include <string_view>

namespace ward::core {

enum class ErrorKind {
    kInvalidArgument,   // the caller's input is malformed or out of range
    kNotFound,          // the named thing does not exist
    kAlreadyExists,     // a unique name or key is taken
    kPermissionDenied,  // authenticated, but not allowed
    kUnauthenticated,   // no or bad credentials
    kConflict,          // a concurrent change or a violated constraint
    kLimitExceeded,     // a size, depth, rate or count limit
    kUnavailable,       // a dependency (database, remote server) cannot be reached now
    kTimeout,           // a deadline passed
    kIo,                // a file or socket operation failed
    kInternal,          // a broken invariant; a bug
};

std::string_view to_string(ErrorKind kind);

class Error {
  public:
    // `code` is a stable, machine-readable identifier (e.g. "invalid-jwt", "invalid_grant",
    // "kid-not-found"); `message` is for people and must never contain a secret.
    Error(ErrorKind kind, std::string code, std::string message)
        : kind_(kind), code_(std::move(code)), message_(std::move(message)) {}

    static Error invalid_argument(std::string message, std::string code = "invalid-argument") {
        return {ErrorKind::kInvalidArgument, std::move(code), std::move(message)};
    }
    static Error not_found(std::string message, std::string code = "not-found") {
        return {ErrorKind::kNotFound, std::move(code), std::move(message)};
    }
    static Error already_exists(std::string message, std::string code = "already-exists") {
        return {ErrorKind::kAlreadyExists, std::move(code), std::move(message)};
    }
    static Error permission_denied(std::string message, std::string code = "permission-denied") {
        return {ErrorKind::kPermissionDenied, std::move(code), std::move(message)};
    }
    static Error unauthenticated(std::string message, std::string code = "unauthenticated") {
        return {ErrorKind::kUnauthenticated, std::move(code), std::move(message)};
    }
    static Error conflict(std::string message, std::string code = "conflict") {
        return {ErrorKind::kConflict, std::move(code), std::move(message)};
    }
    static Error limit_exceeded(std::string message, std::string code = "limit-exceeded") {
        return {ErrorKind::kLimitExceeded, std::move(code), std::move(message)};
    }
    static Error unavailable(std::string message, std::string code = "unavailable") {
        return {ErrorKind::kUnavailable, std::move(code), std::move(message)};
    }
    static Error timeout(std::string message, std::string code = "timeout") {
        return {ErrorKind::kTimeout, std::move(code), std::move(message)};
    }
    static Error io(std::string message, std::string code = "io-error") {
        return {ErrorKind::kIo, std::move(code), std::move(message)};
    }
    static Error internal(std::string message, std::string code = "internal-error") {
        return {ErrorKind::kInternal, std::move(code), std::move(message)};
    }

    ErrorKind kind() const { return kind_; }
    const std::string& code() const { return code_; }
    const std::string& message() const { return message_; }

    bool is(ErrorKind kind) const { return kind_ == kind; }

    // "code: message", for logs and test failures.
    std::string to_string() const;

    // Returns a copy whose message is prefixed with `context` ("loading metadata: ...").
    Error with_context(std::string_view context) const;

    friend bool operator==(const Error& a, const Error& b) {
        return a.kind_ == b.kind_ && a.code_ == b.code_ && a.message_ == b.message_;
    }

  private:
    ErrorKind kind_;
    std::string code_;
    std::string message_;
};

}  // namespace ward::core

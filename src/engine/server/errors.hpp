// The engine's wire error vocabulary (spec/hasura.md §3.4 and §5.1): one append-only table of
// Hasura's error codes with their HTTP status, and EngineError, which the HTTP side renders as
// /v1/graphql's {"errors":[…]} or the REST endpoints' {"path","error","code"}.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace ward::engine::server {

// X(enum name, wire code, HTTP status). Append only: codes are part of the wire contract.
#define WARD_ENGINE_ERROR_CODES(X)                                    \
    X(kAccessDenied, "access-denied", 400)                            \
    X(kAlreadyExists, "already-exists", 400)                          \
    X(kAlreadyTracked, "already-tracked", 400)                        \
    X(kAlreadyUntracked, "already-untracked", 400)                    \
    X(kBadRequest, "bad-request", 400)                                \
    X(kConflict, "conflict", 409)                                     \
    X(kConstraintError, "constraint-error", 400)                      \
    X(kConstraintViolation, "constraint-violation", 400)              \
    X(kCyclicDependency, "cyclic-dependency", 400)                    \
    X(kDataException, "data-exception", 400)                          \
    X(kDependencyError, "dependency-error", 400)                      \
    X(kInvalidConfiguration, "invalid-configuration", 400)            \
    X(kInvalidHeaders, "invalid-headers", 400)                        \
    X(kInvalidJson, "invalid-json", 400)                              \
    X(kInvalidParams, "invalid-params", 400)                          \
    X(kInvalidJwt, "invalid-jwt", 400)                                \
    X(kJwtInvalidClaims, "jwt-invalid-claims", 400)                   \
    X(kJwtMissingRoleClaims, "jwt-missing-role-claims", 400)          \
    X(kMethodNotAllowed, "method-not-allowed", 405)                   \
    X(kNotExists, "not-exists", 400)                                  \
    X(kNotFound, "not-found", 404)                                    \
    X(kNotSupported, "not-supported", 400)                            \
    X(kParseFailed, "parse-failed", 400)                              \
    X(kPermissionDenied, "permission-denied", 400)                    \
    X(kPermissionError, "permission-error", 400)                      \
    X(kPostgresError, "postgres-error", 400)                          \
    X(kPostgresMaxConnections, "postgres-max-connections-error", 500) \
    X(kUnexpected, "unexpected", 500)                                 \
    X(kUnexpectedPayload, "unexpected-payload", 400)                  \
    X(kValidationFailed, "validation-failed", 400)

enum class ErrorCode {
#define WARD_X(name, code, status) name,
    WARD_ENGINE_ERROR_CODES(WARD_X)
#undef WARD_X
};

std::string_view wire_code(ErrorCode code);
unsigned http_status(ErrorCode code);
// The code whose wire name is `wire` ("validation-failed"), or nullopt.
std::optional<ErrorCode> parse_error_code(std::string_view wire);

struct EngineError {
    ErrorCode code = ErrorCode::kUnexpected;
    std::string message;
    std::string path = "$";
    // Database details (Hasura's `internal`), shown to admins only.
    std::optional<core::json::value> internal;
    // Another status than the table's (auth errors carry their own, e.g. 401).
    std::optional<unsigned> status;

    static EngineError make(ErrorCode code, std::string message, std::string path = "$") {
        return EngineError{.code = code, .message = std::move(message), .path = std::move(path)};
    }
    // An error carrying a wire code known only as text (from another stage); an unknown code
    // becomes `unexpected` with the same message.
    static EngineError from_wire(std::string_view wire, std::string message,
                                 std::string path = "$");

    unsigned http_status() const { return status ? *status : server::http_status(code); }
    // {"path": …, "error": …, "code": …[, "internal": …]}
    core::json::object to_rest_json(bool with_internal = false) const;
    // {"extensions": {"path": …, "code": …[, "internal": …]}, "message": …}
    core::json::object to_graphql_json(bool with_internal = false) const;
};

// {"errors": [ … ]} as JSON text.
std::string graphql_errors_body(const std::vector<EngineError>& errors, bool with_internal = false);

}  // namespace ward::engine::server

// The error vocabulary of Hasura's /v1/metadata API, as one append-only table (wire code + HTTP
// status), and MetadataError: what every parser and command in engine/metadata returns on failure.
// The HTTP layer renders it as Hasura does: {"path": ..., "error": ..., "code": ...}.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace ward::engine::metadata {

// X(enum name, wire code, HTTP status). Append only: codes are part of the wire contract.
#define WARD_METADATA_ERROR_CODES(X)                       \
    X(kParseFailed, "parse-failed", 400)                   \
    X(kUnexpectedPayload, "unexpected-payload", 400)       \
    X(kAlreadyExists, "already-exists", 400)               \
    X(kAlreadyTracked, "already-tracked", 400)             \
    X(kAlreadyUntracked, "already-untracked", 400)         \
    X(kNotExists, "not-exists", 400)                       \
    X(kNotSupported, "not-supported", 400)                 \
    X(kInvalidConfiguration, "invalid-configuration", 400) \
    X(kConstraintError, "constraint-error", 400)           \
    X(kDependencyError, "dependency-error", 400)           \
    X(kCyclicDependency, "cyclic-dependency", 400)         \
    X(kInvalidParams, "invalid-params", 400)               \
    X(kAccessDenied, "access-denied", 400)                 \
    X(kConflict, "conflict", 409)                          \
    X(kUnexpected, "unexpected", 400) /* Hasura: replace_metadata refused */

enum class ErrorCode {
#define WARD_X(name, code, status) name,
    WARD_METADATA_ERROR_CODES(WARD_X)
#undef WARD_X
};

// The wire code ("already-tracked") and HTTP status of an error code.
std::string_view wire_code(ErrorCode code);
int http_status(ErrorCode code);

struct MetadataError {
    ErrorCode code;
    std::string path;     // JSON path of the offending input, "$.args.table"
    std::string message;  // Hasura's text, e.g. view/table already tracked: "users"

    // {"path": ..., "error": ..., "code": ...}, the body Hasura answers with.
    core::json::object to_json() const;
    // For callers that speak core::Error: code = wire code, message = "<path>: <message>"-free
    // text (the message alone), kind derived from the code.
    core::Error to_core() const;

    friend bool operator==(const MetadataError&, const MetadataError&) = default;
};

template <typename T>
using Result = core::Result<T, MetadataError>;

}  // namespace ward::engine::metadata

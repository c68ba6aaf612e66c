#include "engine/metadata/errors.hpp"

namespace ward::engine::metadata {

std::string_view wire_code(ErrorCode code) {
    switch (code) {
#define WARD_X(name, wire, status) \
    case ErrorCode::name:          \
        return wire;
        WARD_METADATA_ERROR_CODES(WARD_X)
#undef WARD_X
    }
    return "unexpected";
}

int http_status(ErrorCode code) {
    switch (code) {
#define WARD_X(name, wire, status) \
    case ErrorCode::name:          \
        return status;
        WARD_METADATA_ERROR_CODES(WARD_X)
#undef WARD_X
    }
    return 500;
}

core::json::object MetadataError::to_json() const {
    core::json::object out;
    out["path"] = path;
    out["error"] = message;
    out["code"] = wire_code(code);
    return out;
}

core::Error MetadataError::to_core() const {
    core::ErrorKind kind = core::ErrorKind::kInvalidArgument;
    switch (code) {
        case ErrorCode::kAlreadyExists:
        case ErrorCode::kAlreadyTracked:
            kind = core::ErrorKind::kAlreadyExists;
            break;
        case ErrorCode::kNotExists:
            kind = core::ErrorKind::kNotFound;
            break;
        case ErrorCode::kAccessDenied:
            kind = core::ErrorKind::kPermissionDenied;
            break;
        case ErrorCode::kConflict:
        case ErrorCode::kDependencyError:
        case ErrorCode::kConstraintError:
            kind = core::ErrorKind::kConflict;
            break;
        case ErrorCode::kUnexpected:
            kind = core::ErrorKind::kInternal;
            break;
        default:
            break;
    }
    return core::Error(kind, std::string(wire_code(code)), message);
}

}  // namespace ward::engine::metadata

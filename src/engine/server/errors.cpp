#include "engine/server/errors.hpp"

namespace ward::engine::server {

namespace json = core::json;

std::string_view wire_code(ErrorCode code) {
    switch (code) {
#define WARD_X(name, wire, status) \
    case ErrorCode::name:          \
        return wire;
        WARD_ENGINE_ERROR_CODES(WARD_X)
#undef WARD_X
    }
    return "unexpected";
}

unsigned http_status(ErrorCode code) {
    switch (code) {
#define WARD_X(name, wire, status) \
    case ErrorCode::name:          \
        return status;
        WARD_ENGINE_ERROR_CODES(WARD_X)
#undef WARD_X
    }
    return 500;
}

std::optional<ErrorCode> parse_error_code(std::string_view wire) {
#define WARD_X(name, w, status) \
    if (wire == w) return ErrorCode::name;
    WARD_ENGINE_ERROR_CODES(WARD_X)
#undef WARD_X
    return std::nullopt;
}

EngineError EngineError::from_wire(std::string_view wire, std::string message, std::string path) {
    return make(parse_error_code(wire).value_or(ErrorCode::kUnexpected), std::move(message),
                std::move(path));
}

json::object EngineError::to_rest_json(bool with_internal) const {
    json::object out;
    out["path"] = path;
    out["error"] = message;
    out["code"] = wire_code(code);
    if (with_internal && internal) out["internal"] = *internal;
    return out;
}

json::object EngineError::to_graphql_json(bool with_internal) const {
    json::object ext;
    ext["path"] = path;
    ext["code"] = wire_code(code);
    if (with_internal && internal) ext["internal"] = *internal;
    json::object out;
    out["extensions"] = std::move(ext);
    out["message"] = message;
    return out;
}

std::string graphql_errors_body(const std::vector<EngineError>& errors, bool with_internal) {
    json::array arr;
    for (const auto& e : errors) arr.push_back(e.to_graphql_json(with_internal));
    json::object out;
    out["errors"] = std::move(arr);
    return core::to_json(out);
}

}  // namespace ward::engine::server

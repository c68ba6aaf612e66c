#include "engine/auth/errors.hpp"

namespace ward::engine::auth {

std::string_view wire_code(AuthErrorCode code) {
    switch (code) {
#define WARD_X(name, wire, status, message) \
    case AuthErrorCode::name:               \
        return wire;
        WARD_AUTH_ERROR_CODES(WARD_X)
#undef WARD_X
    }
    return "unexpected";
}

int http_status(AuthErrorCode code) {
    switch (code) {
#define WARD_X(name, wire, status, message) \
    case AuthErrorCode::name:               \
        return status;
        WARD_AUTH_ERROR_CODES(WARD_X)
#undef WARD_X
    }
    return 500;
}

std::string_view fixed_message(AuthErrorCode code) {
    switch (code) {
#define WARD_X(name, wire, status, message) \
    case AuthErrorCode::name:               \
        return message;
        WARD_AUTH_ERROR_CODES(WARD_X)
#undef WARD_X
    }
    return "";
}

AuthError AuthError::make(AuthErrorCode code) { return {code, std::string(fixed_message(code))}; }

core::json::object AuthError::to_graphql_json() const {
    core::json::object extensions;
    extensions["path"] = "$";
    extensions["code"] = wire_code();
    core::json::object error;
    error["extensions"] = std::move(extensions);
    error["message"] = message;
    core::json::object out;
    out["errors"] = core::json::array{std::move(error)};
    return out;
}

core::json::object AuthError::to_rest_json() const {
    core::json::object out;
    out["path"] = "$";
    out["error"] = message;
    out["code"] = wire_code();
    return out;
}

}  // namespace ward::engine::auth

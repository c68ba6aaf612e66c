#include "idp/oauth/errors.hpp"

namespace ward::idp::oauth {
namespace {

struct Entry {
    OAuthError error;
    std::string_view code;
    int status;
    core::ErrorKind kind;
    std::string_view description;
};

constexpr Entry kTable[] = {
#define WARD_OAUTH_ERROR_ROW(name, code, status, kind, description) \
    {OAuthError::name, code, status, core::ErrorKind::kind, description},
    WARD_OAUTH_ERRORS(WARD_OAUTH_ERROR_ROW)
#undef WARD_OAUTH_ERROR_ROW
};

const Entry& entry(OAuthError error) { return kTable[static_cast<std::size_t>(error)]; }

}  // namespace

std::string_view wire_code(OAuthError error) { return entry(error).code; }
int http_status(OAuthError error) { return entry(error).status; }
std::string_view default_description(OAuthError error) { return entry(error).description; }
core::ErrorKind error_kind(OAuthError error) { return entry(error).kind; }

std::optional<OAuthError> parse_oauth_error(std::string_view code) {
    for (const auto& e : kTable) {
        if (e.code == code) return e.error;
    }
    return std::nullopt;
}

std::optional<std::string> www_authenticate(OAuthError error) {
    switch (error) {
        case OAuthError::kInvalidClient:
            return std::string(R"(Basic realm="OAuth2")");
        case OAuthError::kInvalidToken:
        case OAuthError::kInsufficientScope:
            return "Bearer error=\"" + std::string(wire_code(error)) + "\"";
        default:
            return std::nullopt;
    }
}

core::Error make_error(OAuthError error, std::string description) {
    if (description.empty()) description = std::string(default_description(error));
    return core::Error(error_kind(error), std::string(wire_code(error)), std::move(description));
}

OAuthError to_oauth_error(const core::Error& error) {
    if (auto known = parse_oauth_error(error.code())) return *known;
    switch (error.kind()) {
        case core::ErrorKind::kInvalidArgument:
            return OAuthError::kInvalidRequest;
        case core::ErrorKind::kUnauthenticated:
            return OAuthError::kInvalidClient;
        case core::ErrorKind::kPermissionDenied:
            return OAuthError::kAccessDenied;
        case core::ErrorKind::kUnavailable:
        case core::ErrorKind::kTimeout:
            return OAuthError::kTemporarilyUnavailable;
        default:
            return OAuthError::kServerError;
    }
}

core::json::object error_body(OAuthError error, std::string_view description) {
    core::json::object body;
    body["error"] = wire_code(error);
    body["error_description"] = description.empty() ? default_description(error) : description;
    return body;
}

core::json::object error_body(const core::Error& error) {
    OAuthError e = to_oauth_error(error);
    bool internal = e == OAuthError::kServerError || e == OAuthError::kTemporarilyUnavailable;
    return error_body(e, internal ? std::string_view{} : std::string_view(error.message()));
}

}  // namespace ward::idp::oauth

// Casdoor's admin REST envelope (casdoor.md §4.1): every /api reply is HTTP 200 with
// {status, msg, sub, name, data, data2, data3}, all keys present; writes answer "Affected" or
// "Unaffected"; a denial is "Unauthorized operation". Handlers build one of these and nothing else.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/json.hpp"
#include "http/response.hpp"

namespace ward::idp::api {

inline constexpr std::string_view kUnauthorized = "Unauthorized operation";
inline constexpr std::string_view kPleaseLogin = "Please login first";
inline constexpr std::string_view kAffected = "Affected";
inline constexpr std::string_view kUnaffected = "Unaffected";

struct Envelope {
    std::string status = "ok";  // "ok" | "error"
    std::string msg;
    std::string sub;
    std::string name;
    core::json::value data;   // null unless set
    core::json::value data2;  // the total for paginated lists
    core::json::value data3;

    bool ok() const { return status == "ok"; }

    static Envelope success(core::json::value data = nullptr, core::json::value data2 = nullptr);
    static Envelope failure(std::string msg);
    // data "Affected" or "Unaffected".
    static Envelope affected(bool changed);
    static Envelope unauthorized() { return failure(std::string(kUnauthorized)); }
    // The error's message; internal errors are reported without their details.
    static Envelope from_error(const core::Error& error);
};

core::json::object to_json(const Envelope& envelope);
// Always HTTP 200, as Casdoor (clients branch on `status`, not on the HTTP status).
http::Response to_response(const Envelope& envelope);

}  // namespace ward::idp::api

#include "idp/api/envelope.hpp"

#include "idp/model/json_numbers.hpp"

namespace ward::idp::api {

Envelope Envelope::success(core::json::value data, core::json::value data2) {
    Envelope e;
    e.data = std::move(data);
    e.data2 = std::move(data2);
    return e;
}

Envelope Envelope::failure(std::string msg) {
    Envelope e;
    e.status = "error";
    e.msg = std::move(msg);
    return e;
}

Envelope Envelope::affected(bool changed) {
    return success(core::json::string(changed ? kAffected : kUnaffected));
}

Envelope Envelope::from_error(const core::Error& error) {
    if (error.is(core::ErrorKind::kInternal) || error.is(core::ErrorKind::kIo) ||
        error.is(core::ErrorKind::kUnavailable) || error.is(core::ErrorKind::kTimeout)) {
        // Database and I/O details stay in the log, not on the wire.
        return failure("Internal server error");
    }
    if (error.is(core::ErrorKind::kPermissionDenied)) return unauthorized();
    return failure(error.message());
}

core::json::object to_json(const Envelope& envelope) {
    core::json::object o;
    o["status"] = envelope.status;
    o["msg"] = envelope.msg;
    o["sub"] = envelope.sub;
    o["name"] = envelope.name;
    o["data"] = envelope.data;
    o["data2"] = envelope.data2;
    o["data3"] = envelope.data3;
    model::integral_doubles_as_integers(o);
    return o;
}

http::Response to_response(const Envelope& envelope) {
    return http::Response::json(200, core::to_json(to_json(envelope)));
}

}  // namespace ward::idp::api

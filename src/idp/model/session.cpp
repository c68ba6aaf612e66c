#include "idp/model/session.hpp"

namespace ward::idp::model {
namespace {

using detail::field;
using S = Session;

constexpr detail::FieldDef<S> kFields[] = {
    field<&S::owner>("owner"),
    field<&S::name>("name"),
    field<&S::application>("application"),
    field<&S::created_time>("createdTime"),
    field<&S::session_id>("sessionId"),
};

}  // namespace

std::span<const detail::FieldDef<Session>> session_fields() { return kFields; }

core::json::object to_json(const Session& session) {
    return detail::encode_object<Session>(session, kFields);
}

template <>
core::Result<Session> from_json<Session>(const core::json::value& v) {
    return detail::decode_object<Session>(v, kFields, "Session");
}

}  // namespace ward::idp::model

#include "idp/model/permission.hpp"

namespace ward::idp::model {
namespace {

using detail::field;
using P = Permission;

constexpr detail::FieldDef<P> kFields[] = {
    field<&P::owner>("owner"),
    field<&P::name>("name"),
    field<&P::created_time>("createdTime"),
    field<&P::display_name>("displayName"),
    field<&P::description>("description"),
    field<&P::users>("users"),
    field<&P::groups>("groups"),
    field<&P::roles>("roles"),
    field<&P::domains>("domains"),
    field<&P::model>("model"),
    field<&P::adapter>("adapter"),
    field<&P::resource_type>("resourceType"),
    field<&P::resources>("resources"),
    field<&P::actions>("actions"),
    field<&P::effect>("effect"),
    field<&P::is_enabled>("isEnabled"),
    field<&P::expire_time>("expireTime"),
    field<&P::submitter>("submitter"),
    field<&P::approver>("approver"),
    field<&P::approve_time>("approveTime"),
    field<&P::state>("state"),
};

}  // namespace

std::span<const detail::FieldDef<Permission>> permission_fields() { return kFields; }

core::json::object to_json(const Permission& permission) {
    return detail::encode_object<Permission>(permission, kFields);
}

template <>
core::Result<Permission> from_json<Permission>(const core::json::value& v) {
    return detail::decode_object<Permission>(v, kFields, "Permission");
}

}  // namespace ward::idp::model

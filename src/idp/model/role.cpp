#include "idp/model/role.hpp"

namespace ward::idp::model {
namespace {

using detail::field;
using R = Role;

constexpr detail::FieldDef<R> kFields[] = {
    field<&R::owner>("owner"),
    field<&R::name>("name"),
    field<&R::created_time>("createdTime"),
    field<&R::display_name>("displayName"),
    field<&R::description>("description"),
    field<&R::users>("users"),
    field<&R::groups>("groups"),
    field<&R::roles>("roles"),
    field<&R::domains>("domains"),
    field<&R::is_enabled>("isEnabled"),
};

}  // namespace

std::span<const detail::FieldDef<Role>> role_fields() { return kFields; }

core::json::object to_json(const Role& role) { return detail::encode_object<Role>(role, kFields); }

template <>
core::Result<Role> from_json<Role>(const core::json::value& v) {
    return detail::decode_object<Role>(v, kFields, "Role");
}

}  // namespace ward::idp::model

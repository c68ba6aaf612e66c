#include "idp/model/group.hpp"

namespace ward::idp::model {
namespace {

using detail::field;
using detail::Storage;
using G = Group;

constexpr detail::FieldDef<G> kFields[] = {
    field<&G::owner>("owner"),
    field<&G::name>("name"),
    field<&G::created_time>("createdTime"),
    field<&G::updated_time>("updatedTime"),
    field<&G::display_name>("displayName"),
    field<&G::manager>("manager"),
    field<&G::contact_email>("contactEmail"),
    field<&G::type>("type"),
    field<&G::parent_id>("parentId"),
    field<&G::parent_name>("parentName", Storage::kComputed),
    field<&G::is_top_group>("isTopGroup"),
    field<&G::users>("users", Storage::kComputed),
    field<&G::title>("title", Storage::kComputed),
    field<&G::key>("key", Storage::kComputed),
    field<&G::have_children>("haveChildren", Storage::kComputed),
    field<&G::children>("children", Storage::kComputed),
    field<&G::is_enabled>("isEnabled"),
    field<&G::gid_number>("gidNumber"),
    field<&G::properties>("properties"),
};

}  // namespace

std::span<const detail::FieldDef<Group>> group_fields() { return kFields; }

core::json::object to_json(const Group& group) {
    return detail::encode_object<Group>(group, kFields);
}

template <>
core::Result<Group> from_json<Group>(const core::json::value& v) {
    return detail::decode_object<Group>(v, kFields, "Group");
}

}  // namespace ward::idp::model

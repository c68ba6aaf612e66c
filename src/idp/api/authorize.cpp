#include "idp/api/authorize.hpp"

#include "idp/model/id.hpp"

namespace ward::idp::api {
namespace {

// JSON keys a user may not change on their own record.
constexpr std::string_view kPrivilegedUserKeys[] = {
    "owner",
    "name",
    "id",
    "externalId",
    "type",
    "isAdmin",
    "isForbidden",
    "isDeleted",
    "groups",
    "score",
    "karma",
    "ranking",
    "balance",
    "currency",
    "tag",
    "signupApplication",
    "registerType",
    "registerSource",
    "createdIp",
    "createdTime",
    "isVerified",
    "emailVerified",
    "signinWrongTimes",
    "lastSigninWrongTime",
    "lastSigninTime",
    "lastSigninIp",
    "passwordType",
    "needUpdatePassword",
    "accessKey",
    "ldap",
    "invitation",
    "invitationCode",
    "ipWhitelist",
    "managedAccounts",
};

core::Error denied() {
    return core::Error::permission_denied("Unauthorized operation", "unauthorized");
}

}  // namespace

bool administers(const server::Caller& caller, std::string_view organization) {
    if (caller.is_anonymous()) return false;
    if (caller.is_global_admin) return true;
    if (organization.empty() || organization == model::kAdminOwner) return false;
    return caller.is_admin_of(organization);
}

bool is_self(const server::Caller& caller, std::string_view owner, std::string_view name) {
    return caller.kind == server::CallerKind::kUser && caller.user && caller.user->owner == owner &&
           caller.user->name == name;
}

core::Result<std::string> confine_to_organization(const server::Caller& caller,
                                                  std::string_view requested) {
    if (caller.is_anonymous()) return denied();
    if (caller.is_global_admin) return std::string(requested);
    if (!caller.is_org_admin || !caller.user) return denied();
    const std::string& own = caller.user->owner;
    if (!requested.empty() && requested != own) return denied();
    return own;
}

bool is_builtin_object(model::ObjectKind kind, std::string_view owner, std::string_view name) {
    switch (kind) {
        case model::ObjectKind::kOrganization:
            return name == model::kBuiltInOrganization;
        case model::ObjectKind::kApplication:
            return name == "app-built-in";
        case model::ObjectKind::kCert:
            return name == "cert-built-in" && owner == model::kAdminOwner;
        case model::ObjectKind::kUser:
            return owner == model::kBuiltInOrganization && name == "admin";
        default:
            return false;
    }
}

core::Status check_self_update(const model::User& stored, const model::User& incoming) {
    auto before = model::to_json(stored);
    auto after = model::to_json(incoming);
    for (auto key : kPrivilegedUserKeys) {
        const auto* a = before.if_contains(key);
        const auto* b = after.if_contains(key);
        if ((a == nullptr) != (b == nullptr)) return denied();
        if (a && *a != *b) return denied();
    }
    return core::ok();
}

}  // namespace ward::idp::api

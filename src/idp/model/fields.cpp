#include "idp/model/fields.hpp"

#include <cctype>
#include <vector>

#include "idp/model/application.hpp"
#include "idp/model/cert.hpp"
#include "idp/model/group.hpp"
#include "idp/model/organization.hpp"
#include "idp/model/permission.hpp"
#include "idp/model/role.hpp"
#include "idp/model/session.hpp"
#include "idp/model/token.hpp"
#include "idp/model/user.hpp"

namespace ward::idp::model {
namespace {

struct KindFields {
    std::vector<std::string_view> names;
    std::vector<std::string_view> stored;
};

template <typename T>
KindFields collect(std::span<const detail::FieldDef<T>> defs) {
    KindFields out;
    for (const auto& d : defs) {
        out.names.push_back(d.key);
        if (d.storage == detail::Storage::kStored) out.stored.push_back(d.key);
    }
    return out;
}

const KindFields& fields_of(ObjectKind kind) {
    // Built once; the tables are constant for the life of the process.
    static const KindFields kTables[] = {
        collect(organization_fields()), collect(application_fields()), collect(user_fields()),
        collect(role_fields()),         collect(permission_fields()),  collect(group_fields()),
        collect(cert_fields()),         collect(token_fields()),       collect(session_fields()),
    };
    return kTables[static_cast<std::size_t>(kind)];
}

}  // namespace

std::string_view to_string(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::kOrganization:
            return "Organization";
        case ObjectKind::kApplication:
            return "Application";
        case ObjectKind::kUser:
            return "User";
        case ObjectKind::kRole:
            return "Role";
        case ObjectKind::kPermission:
            return "Permission";
        case ObjectKind::kGroup:
            return "Group";
        case ObjectKind::kCert:
            return "Cert";
        case ObjectKind::kToken:
            return "Token";
        case ObjectKind::kSession:
            return "Session";
    }
    return "Unknown";
}

std::span<const std::string_view> field_names(ObjectKind kind) { return fields_of(kind).names; }

std::string to_column_name(std::string_view json_key) {
    std::string out;
    out.reserve(json_key.size() + 4);
    for (char c : json_key) {
        if (std::isupper(static_cast<unsigned char>(c))) {
            if (!out.empty()) out.push_back('_');
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        } else {
            out.push_back(c);
        }
    }
    return out;
}

core::Result<std::string> column_for_field(ObjectKind kind, std::string_view field) {
    for (auto key : fields_of(kind).stored) {
        std::string column = to_column_name(key);
        if (field == key || field == column) return column;
    }
    std::string shown(field.substr(0, 64));
    return core::Error::invalid_argument(
        "invalid field \"" + shown + "\" for " + std::string(to_string(kind)), "invalid-field");
}

}  // namespace ward::idp::model

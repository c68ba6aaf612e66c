// The IdP's tables, derived from the model's field tables: one real column per stored field
// (snake_case as xorm names them), typed from the field's JSON kind, plus the migrations that
// create them in both dialects. Private to the store.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "idp/model/application.hpp"
#include "idp/model/cert.hpp"
#include "idp/model/fields.hpp"
#include "idp/model/group.hpp"
#include "idp/model/organization.hpp"
#include "idp/model/permission.hpp"
#include "idp/model/role.hpp"
#include "idp/model/session.hpp"
#include "idp/model/token.hpp"
#include "idp/model/user.hpp"
#include "sql/migrate.hpp"

namespace ward::idp::store::detail {

// How a field is stored: scalars in their own SQL type; arrays, objects and free JSON as text.
enum class ColumnKind { kText, kBool, kInt, kDouble, kJson };

struct ColumnSpec {
    std::string key;     // JSON key ("createdTime")
    std::string column;  // column name ("created_time")
    ColumnKind kind;
};

struct TableSpec {
    std::string table;       // "user"
    std::string_view label;  // for messages: "user", "application"
    std::vector<ColumnSpec> columns;
    std::string column_list;  // "\"owner\", \"name\", ..." in `columns` order

    std::optional<std::size_t> index_of(std::string_view column) const;
};

template <typename T>
struct TableTraits;
template <>
struct TableTraits<model::Organization> {
    static constexpr model::ObjectKind kKind = model::ObjectKind::kOrganization;
};
template <>
struct TableTraits<model::Application> {
    static constexpr model::ObjectKind kKind = model::ObjectKind::kApplication;
};
template <>
struct TableTraits<model::User> {
    static constexpr model::ObjectKind kKind = model::ObjectKind::kUser;
};
template <>
struct TableTraits<model::Role> {
    static constexpr model::ObjectKind kKind = model::ObjectKind::kRole;
};
template <>
struct TableTraits<model::Permission> {
    static constexpr model::ObjectKind kKind = model::ObjectKind::kPermission;
};
template <>
struct TableTraits<model::Group> {
    static constexpr model::ObjectKind kKind = model::ObjectKind::kGroup;
};
template <>
struct TableTraits<model::Cert> {
    static constexpr model::ObjectKind kKind = model::ObjectKind::kCert;
};
template <>
struct TableTraits<model::Token> {
    static constexpr model::ObjectKind kKind = model::ObjectKind::kToken;
};
template <>
struct TableTraits<model::Session> {
    static constexpr model::ObjectKind kKind = model::ObjectKind::kSession;
};

// Built once per kind (thread-safe static initialization).
const TableSpec& table_spec(model::ObjectKind kind);

// "name" -> "\"name\"" (embedded quotes doubled). Only table and column names from the model's
// field tables are ever passed here.
std::string quote_ident(std::string_view name);

// Escapes %, _ and \ for LIKE ... ESCAPE '\'.
std::string like_escape(std::string_view text);

// The "idp" component's migrations, for both dialects.
std::vector<sql::Migration> migrations();

}  // namespace ward::idp::store::detail

#include "idp/store/detail/schema.hpp"

#include <array>

#include "core/assert.hpp"
#include "core/json.hpp"

namespace ward::idp::store::detail {

namespace {

namespace json = core::json;

ColumnKind kind_of(const json::value& v) {
    if (v.is_string()) return ColumnKind::kText;
    if (v.is_bool()) return ColumnKind::kBool;
    if (v.is_int64() || v.is_uint64()) return ColumnKind::kInt;
    if (v.is_double()) return ColumnKind::kDouble;
    return ColumnKind::kJson;
}

template <typename T>
TableSpec build(std::string table, std::string_view label,
                std::span<const model::detail::FieldDef<T>> fields) {
    TableSpec spec;
    spec.table = std::move(table);
    spec.label = label;
    // The defaults tell each field's JSON kind, hence its SQL type.
    json::object defaults = model::to_json(T{});
    for (const auto& f : fields) {
        if (f.storage != model::detail::Storage::kStored) continue;
        const json::value* v = defaults.if_contains(f.key);
        WARD_INVARIANT(v != nullptr, "a stored field is missing from to_json");
        ColumnSpec c{std::string(f.key), model::to_column_name(f.key), kind_of(*v)};
        if (!spec.column_list.empty()) spec.column_list += ", ";
        spec.column_list += quote_ident(c.column);
        spec.columns.push_back(std::move(c));
    }
    return spec;
}

std::string sql_type(ColumnKind kind, bool postgres) {
    switch (kind) {
        case ColumnKind::kText:
            return "TEXT NOT NULL DEFAULT ''";
        case ColumnKind::kBool:
            return "BOOLEAN NOT NULL DEFAULT false";
        case ColumnKind::kInt:
            return "BIGINT NOT NULL DEFAULT 0";
        case ColumnKind::kDouble:
            return postgres ? "DOUBLE PRECISION NOT NULL DEFAULT 0" : "REAL NOT NULL DEFAULT 0";
        case ColumnKind::kJson:
            return "TEXT NOT NULL DEFAULT 'null'";
    }
    return "TEXT";
}

std::string create_table(const TableSpec& spec, bool postgres, std::string_view primary_key,
                         std::string_view extra_columns = {}) {
    std::string sql = "CREATE TABLE " + quote_ident(spec.table) + " (";
    bool first = true;
    for (const auto& c : spec.columns) {
        if (!first) sql += ", ";
        first = false;
        sql += quote_ident(c.column) + " " + sql_type(c.kind, postgres);
    }
    if (!extra_columns.empty()) {
        sql += ", ";
        sql += extra_columns;
    }
    sql += ", PRIMARY KEY (";
    sql += primary_key;
    sql += "));\n";
    return sql;
}

std::string schema_v1(bool postgres) {
    using model::ObjectKind;
    std::string sql;
    constexpr std::string_view kKey = "\"owner\", \"name\"";
    for (auto kind :
         {ObjectKind::kOrganization, ObjectKind::kApplication, ObjectKind::kUser, ObjectKind::kRole,
          ObjectKind::kPermission, ObjectKind::kGroup, ObjectKind::kCert}) {
        sql += create_table(table_spec(kind), postgres, kKey);
    }
    sql += create_table(table_spec(ObjectKind::kToken), postgres, kKey,
                        "\"family\" TEXT NOT NULL DEFAULT '', \"refresh_used\" BOOLEAN NOT NULL "
                        "DEFAULT false, \"refresh_expires_at\" BIGINT NOT NULL DEFAULT 0");
    sql += create_table(table_spec(ObjectKind::kSession), postgres,
                        "\"owner\", \"name\", \"application\"");
    sql +=
        "CREATE UNIQUE INDEX \"application_client_id\" ON \"application\" (\"client_id\") WHERE "
        "\"client_id\" <> '';\n"
        "CREATE UNIQUE INDEX \"user_id\" ON \"user\" (\"id\") WHERE \"id\" <> '';\n"
        "CREATE INDEX \"user_email\" ON \"user\" (\"owner\", \"email\");\n"
        "CREATE INDEX \"user_phone\" ON \"user\" (\"owner\", \"phone\");\n"
        "CREATE INDEX \"token_access_token_hash\" ON \"token\" (\"access_token_hash\");\n"
        "CREATE INDEX \"token_refresh_token_hash\" ON \"token\" (\"refresh_token_hash\");\n"
        "CREATE INDEX \"token_code\" ON \"token\" (\"code\");\n"
        "CREATE INDEX \"token_family\" ON \"token\" (\"family\");\n"
        "CREATE INDEX \"token_user\" ON \"token\" (\"organization\", \"user\");\n"
        "CREATE TABLE \"browser_session\" (\"id_hash\" TEXT PRIMARY KEY, \"organization\" TEXT "
        "NOT NULL, \"user_name\" TEXT NOT NULL, \"application\" TEXT NOT NULL DEFAULT '', "
        "\"created_at\" BIGINT NOT NULL, \"expires_at\" BIGINT NOT NULL, \"pending_mfa\" TEXT NOT "
        "NULL DEFAULT '');\n"
        "CREATE INDEX \"browser_session_user\" ON \"browser_session\" (\"organization\", "
        "\"user_name\");\n"
        "CREATE INDEX \"browser_session_expiry\" ON \"browser_session\" (\"expires_at\");\n"
        "CREATE TABLE \"signin_throttle\" (\"address\" TEXT PRIMARY KEY, \"window_start\" BIGINT "
        "NOT NULL, \"failures\" BIGINT NOT NULL);\n";
    return sql;
}

}  // namespace

std::optional<std::size_t> TableSpec::index_of(std::string_view column) const {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].column == column) return i;
    }
    return std::nullopt;
}

const TableSpec& table_spec(model::ObjectKind kind) {
    using model::ObjectKind;
    static const std::array<TableSpec, 9> specs = {
        build<model::Organization>("organization", "organization", model::organization_fields()),
        build<model::Application>("application", "application", model::application_fields()),
        build<model::User>("user", "user", model::user_fields()),
        build<model::Role>("role", "role", model::role_fields()),
        build<model::Permission>("permission", "permission", model::permission_fields()),
        build<model::Group>("group", "group", model::group_fields()),
        build<model::Cert>("cert", "cert", model::cert_fields()),
        build<model::Token>("token", "token", model::token_fields()),
        build<model::Session>("session", "session", model::session_fields()),
    };
    switch (kind) {
        case ObjectKind::kOrganization:
            return specs[0];
        case ObjectKind::kApplication:
            return specs[1];
        case ObjectKind::kUser:
            return specs[2];
        case ObjectKind::kRole:
            return specs[3];
        case ObjectKind::kPermission:
            return specs[4];
        case ObjectKind::kGroup:
            return specs[5];
        case ObjectKind::kCert:
            return specs[6];
        case ObjectKind::kToken:
            return specs[7];
        case ObjectKind::kSession:
            return specs[8];
    }
    WARD_INVARIANT(false, "unknown object kind");
    return specs[0];
}

std::string quote_ident(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string like_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

// The change marks (Store::change_marks): one counter per table the caches depend on, bumped by
// the database on every insert, update and delete, so writers need not remember to.
std::string change_marks_v2(bool postgres) {
    static constexpr std::string_view kTables[] = {"application", "cert", "organization"};
    std::string sql =
        "CREATE TABLE \"idp_change\" (\"tbl\" TEXT PRIMARY KEY, \"version\" BIGINT NOT NULL "
        "DEFAULT 0);\nINSERT INTO \"idp_change\" (\"tbl\", \"version\") VALUES ('application', 0), "
        "('cert', 0), ('organization', 0);\n";
    if (postgres) {
        sql +=
            "CREATE OR REPLACE FUNCTION \"idp_change_bump\"() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN UPDATE \"idp_change\" SET \"version\" = \"version\" + 1 WHERE \"tbl\" = "
            "TG_TABLE_NAME; RETURN NULL; END $$;\n";
        for (auto table : kTables) {
            sql += "CREATE TRIGGER " + quote_ident("idp_change_" + std::string(table)) +
                   " AFTER INSERT OR UPDATE OR DELETE ON " + quote_ident(table) +
                   " FOR EACH STATEMENT EXECUTE FUNCTION \"idp_change_bump\"();\n";
        }
        return sql;
    }
    for (auto table : kTables) {
        for (std::string_view event : {"INSERT", "UPDATE", "DELETE"}) {
            sql +=
                "CREATE TRIGGER " +
                quote_ident("idp_change_" + std::string(table) + "_" + std::string(event)) +
                " AFTER " + std::string(event) + " ON " + quote_ident(table) +
                " BEGIN UPDATE \"idp_change\" SET \"version\" = \"version\" + 1 WHERE \"tbl\" = '" +
                std::string(table) + "'; END;\n";
        }
    }
    return sql;
}

// The redirect URI and nonce of an authorization code (src/idp/oidc): the token row has no
// column for them, and the token endpoint must re-check the redirect URI (C4) and put the nonce
// into the ID token (C7). IF NOT EXISTS: earlier versions created it on the first sign-in.
constexpr std::string_view kCodeGrantV3 =
    "CREATE TABLE IF NOT EXISTS \"oidc_code_grant\" (\"code\" TEXT PRIMARY KEY, "
    "\"redirect_uri\" TEXT NOT NULL, \"nonce\" TEXT NOT NULL, \"auth_time\" BIGINT NOT NULL, "
    "\"created_at\" BIGINT NOT NULL)";

// Version 4 (issue #7): the token indexes leave out the empty value. Tokens without a code or
// a refresh token, and minted tokens, which are found by the name in their jti and keep no
// access-token hash, add no entry; before, each token row put a random hash into an index page
// (a page written per row, then checkpointed) and an empty code and refresh hash into two more.
constexpr std::string_view kPartialTokenIndexesV4 =
    "DROP INDEX \"token_access_token_hash\";\n"
    "CREATE INDEX \"token_access_token_hash\" ON \"token\" (\"access_token_hash\") WHERE "
    "\"access_token_hash\" <> '';\n"
    "DROP INDEX \"token_refresh_token_hash\";\n"
    "CREATE INDEX \"token_refresh_token_hash\" ON \"token\" (\"refresh_token_hash\") WHERE "
    "\"refresh_token_hash\" <> '';\n"
    "DROP INDEX \"token_code\";\n"
    "CREATE INDEX \"token_code\" ON \"token\" (\"code\") WHERE \"code\" <> '';\n";

std::vector<sql::Migration> migrations() {
    std::vector<sql::Migration> out;
    out.push_back(sql::Migration{1, schema_v1(false), schema_v1(true)});
    out.push_back(sql::Migration{2, change_marks_v2(false), change_marks_v2(true)});
    out.push_back(sql::Migration{3, std::string(kCodeGrantV3), std::string(kCodeGrantV3)});
    out.push_back(sql::Migration{4, std::string(kPartialTokenIndexesV4),
                                 std::string(kPartialTokenIndexesV4)});
    return out;
}

}  // namespace ward::idp::store::detail

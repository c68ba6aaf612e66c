#include "engine/metadata/metadata.hpp"

#include <algorithm>
#include <set>

#include "engine/metadata/detail/json_reader.hpp"
#include "engine/metadata/session.hpp"

namespace ward::engine::metadata {

namespace {

using namespace detail;
using core::find;

const BoolExpOptions kPermissionExp = BoolExpOptions::for_permissions();

MetadataError duplicate(std::string_view path, std::string what) {
    return MetadataError{ErrorCode::kAlreadyExists, std::string(path),
                         "multiple declarations exist for the following " + std::move(what)};
}

Result<std::string> expect_graphql_name(const json::value& v, std::string_view path) {
    WARD_TRY(std::string s, expect_string(v, path));
    if (!is_graphql_name(s)) {
        return parse_error(path, "\"" + s + "\" is not a valid GraphQL name");
    }
    return s;
}

Result<std::optional<std::string>> optional_graphql_name(const json::object& obj,
                                                         std::string_view path,
                                                         std::string_view key) {
    const json::value* v = optional(obj, key);
    if (!v) return std::optional<std::string>();
    WARD_TRY(std::string s, expect_graphql_name(*v, child_path(path, key)));
    return std::optional<std::string>(std::move(s));
}

Result<ColumnSet> parse_column_set(const json::value& v, std::string_view path) {
    ColumnSet out;
    if (v.is_string() && v.get_string() == "*") {
        out.all = true;
        return out;
    }
    if (!v.is_array()) {
        return parse_error(path,
                           "expected Array or \"*\", but encountered " + std::string(kind_name(v)));
    }
    WARD_TRY(out.names, expect_string_list(v, path));
    return out;
}

json::value emit_column_set(const ColumnSet& c) {
    if (c.all) return json::string("*");
    json::array arr;
    for (const auto& n : c.names) arr.push_back(json::string(n));
    return arr;
}

Result<Presets> parse_presets(const json::value& v, std::string_view path) {
    WARD_TRY(const json::object* obj, expect_object(v, path));
    Presets out;
    for (const auto& kv : *obj)
        out.emplace_back(std::string(as_view(kv.key())), parse_value(kv.value()));
    return out;
}

json::object emit_presets(const Presets& p) {
    json::object obj;
    for (const auto& [col, val] : p) obj[col] = emit_value(val);
    return obj;
}

json::array emit_strings(const std::vector<std::string>& v) {
    json::array arr;
    for (const auto& s : v) arr.push_back(json::string(s));
    return arr;
}

Result<std::vector<std::string>> parse_root_field_list(const json::value& v, std::string_view path,
                                                       bool subscription) {
    WARD_TRY(auto names, expect_string_list(v, path));
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto& n = names[i];
        bool ok = n == "select" || n == "select_by_pk" || n == "select_aggregate" ||
                  (subscription && n == "select_stream");
        if (!ok) {
            return parse_error(index_path(path, i),
                               "unexpected root field \"" + n +
                                   "\"; expected one of select, "
                                   "select_by_pk, select_aggregate" +
                                   std::string(subscription ? ", select_stream" : ""));
        }
    }
    return names;
}

Result<std::optional<std::int64_t>> parse_limit(const json::object& obj, std::string_view path) {
    const json::value* v = optional(obj, "limit");
    if (!v) return std::optional<std::int64_t>();
    std::string p = child_path(path, "limit");
    WARD_TRY(std::int64_t n, expect_int(*v, p));
    if (n < 0) return parse_error(p, "unexpected negative value");
    return std::optional<std::int64_t>(n);
}

// Appends the members of `extra` whose keys are in `keys` (in that order), removing them from
// the set of keys still to write.
void put_extra(json::object& out, const json::object& extra, std::string_view key) {
    auto it = extra.find(key);
    if (it != extra.end()) out[key] = it->value();
}

void put_remaining_extra(json::object& out, const json::object& extra) {
    for (const auto& kv : extra) {
        if (out.find(kv.key()) == out.end()) out[kv.key()] = kv.value();
    }
}

template <typename P>
using PermParser = Result<P> (*)(const json::value&, std::string_view);

template <typename P>
Result<std::vector<PermissionEntry<P>>> parse_permission_list(const json::value& v,
                                                              std::string_view path,
                                                              PermParser<P> parse_perm,
                                                              PermissionKind kind,
                                                              const TableName& table) {
    WARD_TRY(const json::array* arr, expect_array(v, path));
    std::vector<PermissionEntry<P>> out;
    std::set<std::string> roles;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        std::string ip = index_path(path, i);
        WARD_TRY(const json::object* obj, expect_object((*arr)[i], ip));
        WARD_TRY(const json::value* role_v, required(*obj, ip, "role"));
        WARD_TRY(std::string role, expect_string(*role_v, child_path(ip, "role")));
        WARD_TRY(role, validate_role_name(role, child_path(ip, "role")));
        WARD_TRY(const json::value* perm_v, required(*obj, ip, "permission"));
        WARD_TRY(P perm, parse_perm(*perm_v, child_path(ip, "permission")));
        WARD_TRY(auto comment, optional_string(*obj, ip, "comment"));
        if (!roles.insert(role).second) {
            return duplicate(ip, std::string(to_string(kind)) + " permissions: role \"" + role +
                                     "\" on table \"" + table.display() + "\"");
        }
        out.push_back(PermissionEntry<P>{std::move(role), std::move(perm), std::move(comment)});
    }
    return out;
}

template <typename P>
json::array emit_permission_list(const std::vector<PermissionEntry<P>>& entries) {
    json::array arr;
    for (const auto& e : entries) {
        json::object obj;
        obj["role"] = e.role;
        obj["permission"] = emit_permission(e.permission);
        if (e.comment) obj["comment"] = *e.comment;
        arr.push_back(std::move(obj));
    }
    return arr;
}

Result<Source> parse_source(const json::value& v, std::string_view path) {
    WARD_TRY(const json::object* obj, expect_object(v, path));
    Source out;
    WARD_TRY(const json::value* name_v, required(*obj, path, "name"));
    WARD_TRY(out.name, expect_string(*name_v, child_path(path, "name")));
    WARD_TRY(const json::value* kind_v, required(*obj, path, "kind"));
    WARD_TRY(std::string kind, expect_string(*kind_v, child_path(path, "kind")));
    if (kind == "postgres" || kind == "pg") {
        out.kind = SourceKind::kPostgres;
    } else if (kind == "sqlite") {
        out.kind = SourceKind::kSqlite;
    } else {
        return MetadataError{
            ErrorCode::kNotSupported, child_path(path, "kind"),
            "source kind \"" + kind + "\" is not supported (Ward supports postgres and sqlite)"};
    }
    WARD_TRY(const json::value* tables_v, required(*obj, path, "tables"));
    std::string tp = child_path(path, "tables");
    WARD_TRY(const json::array* tables, expect_array(*tables_v, tp));
    for (std::size_t i = 0; i < tables->size(); ++i) {
        WARD_TRY(TableMetadata t, parse_table_metadata((*tables)[i], index_path(tp, i)));
        if (out.find_table(t.table)) {
            return duplicate(index_path(tp, i), "tables: \"" + t.table.display() +
                                                    "\" in source \"" + out.name + "\"");
        }
        out.tables.push_back(std::move(t));
    }
    if (const json::value* c = find(*obj, "configuration")) out.configuration = *c;
    if (const json::value* c = find(*obj, "customization")) out.customization = *c;
    out.extra = unknown_members(*obj, {"name", "kind", "tables", "configuration", "customization"});
    return out;
}

json::object emit_source(const Source& s) {
    json::object out;
    out["name"] = s.name;
    out["kind"] = to_string(s.kind);
    json::array tables;
    for (const auto& t : s.tables) tables.push_back(emit_table_metadata(t));
    out["tables"] = std::move(tables);
    put_extra(out, s.extra, "functions");
    put_extra(out, s.extra, "native_queries");
    put_extra(out, s.extra, "logical_models");
    out["configuration"] =
        s.configuration.is_null() ? json::value(json::object()) : s.configuration;
    if (s.customization) out["customization"] = *s.customization;
    put_remaining_extra(out, s.extra);
    return out;
}

Result<std::vector<InheritedRole>> parse_inherited_roles(const json::value& v,
                                                         std::string_view path) {
    WARD_TRY(const json::array* arr, expect_array(v, path));
    std::vector<InheritedRole> out;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        std::string ip = index_path(path, i);
        WARD_TRY(const json::object* obj, expect_object((*arr)[i], ip));
        InheritedRole r;
        WARD_TRY(const json::value* name, required(*obj, ip, "role_name"));
        WARD_TRY(r.role_name, expect_string(*name, child_path(ip, "role_name")));
        WARD_TRY(r.role_name, validate_role_name(r.role_name, child_path(ip, "role_name")));
        WARD_TRY(const json::value* set, required(*obj, ip, "role_set"));
        WARD_TRY(r.role_set, expect_string_list(*set, child_path(ip, "role_set")));
        for (const auto& prev : out) {
            if (prev.role_name == r.role_name) {
                return duplicate(ip, "inherited roles: \"" + r.role_name + "\"");
            }
        }
        out.push_back(std::move(r));
    }
    return out;
}

// Hasura's export order of the top-level keys (Hasura.RQL.Types.Metadata, metadataToOrdJSON).
constexpr std::string_view kTopLevelOrder[] = {"remote_schemas",
                                               "query_collections",
                                               "allowlist",
                                               "actions",
                                               "custom_types",
                                               "cron_triggers",
                                               "rest_endpoints",
                                               "api_limits",
                                               "metrics_config",
                                               "inherited_roles",
                                               "graphql_schema_introspection",
                                               "network",
                                               "backend_configs",
                                               "opentelemetry"};

}  // namespace

std::string_view to_string(SourceKind kind) {
    return kind == SourceKind::kSqlite ? "sqlite" : "postgres";
}

std::string_view to_string(RelationshipKind kind) {
    return kind == RelationshipKind::kArray ? "array" : "object";
}

std::string_view to_string(PermissionKind kind) {
    switch (kind) {
        case PermissionKind::kInsert:
            return "insert";
        case PermissionKind::kSelect:
            return "select";
        case PermissionKind::kUpdate:
            return "update";
        case PermissionKind::kDelete:
            return "delete";
    }
    return "select";
}

std::optional<std::string> TableConfiguration::column_custom_name(std::string_view column) const {
    if (column_config) {
        for (const auto& [col, cfg] : *column_config) {
            if (col == column && cfg.custom_name) return cfg.custom_name;
        }
    }
    if (custom_column_names) {
        for (const auto& [col, name] : *custom_column_names) {
            if (col == column) return name;
        }
    }
    return std::nullopt;
}

std::optional<std::string> TableConfiguration::root_field_name(std::string_view key) const {
    if (!custom_root_fields) return std::nullopt;
    for (const auto& [k, f] : *custom_root_fields) {
        if (k == key) return f.name;
    }
    return std::nullopt;
}

std::optional<TableName> Relationship::remote_table() const {
    if (const auto* m = manual()) return m->remote_table;
    if (const auto* fk = foreign_key()) return fk->table;
    return std::nullopt;
}

bool ColumnSet::contains(std::string_view column) const {
    return all || std::find(names.begin(), names.end(), column) != names.end();
}

const Relationship* TableMetadata::find_relationship(std::string_view name) const {
    for (const auto& r : object_relationships) {
        if (r.name == name) return &r;
    }
    for (const auto& r : array_relationships) {
        if (r.name == name) return &r;
    }
    return nullptr;
}

std::optional<RelationshipKind> TableMetadata::relationship_kind(std::string_view name) const {
    for (const auto& r : object_relationships) {
        if (r.name == name) return RelationshipKind::kObject;
    }
    for (const auto& r : array_relationships) {
        if (r.name == name) return RelationshipKind::kArray;
    }
    return std::nullopt;
}

namespace {
template <typename P>
const P* find_perm(const std::vector<PermissionEntry<P>>& list, std::string_view role) {
    for (const auto& e : list) {
        if (e.role == role) return &e.permission;
    }
    return nullptr;
}
}  // namespace

const SelectPermission* TableMetadata::select_permission(std::string_view role) const {
    return find_perm(select_permissions, role);
}
const InsertPermission* TableMetadata::insert_permission(std::string_view role) const {
    return find_perm(insert_permissions, role);
}
const UpdatePermission* TableMetadata::update_permission(std::string_view role) const {
    return find_perm(update_permissions, role);
}
const DeletePermission* TableMetadata::delete_permission(std::string_view role) const {
    return find_perm(delete_permissions, role);
}

bool TableMetadata::has_permission(PermissionKind kind, std::string_view role) const {
    switch (kind) {
        case PermissionKind::kInsert:
            return insert_permission(role) != nullptr;
        case PermissionKind::kSelect:
            return select_permission(role) != nullptr;
        case PermissionKind::kUpdate:
            return update_permission(role) != nullptr;
        case PermissionKind::kDelete:
            return delete_permission(role) != nullptr;
    }
    return false;
}

const TableMetadata* Source::find_table(const TableName& t) const {
    for (const auto& table : tables) {
        if (table.table == t) return &table;
    }
    return nullptr;
}

TableMetadata* Source::find_table(const TableName& t) {
    for (auto& table : tables) {
        if (table.table == t) return &table;
    }
    return nullptr;
}

const Source* Metadata::find_source(std::string_view name) const {
    for (const auto& s : sources) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

Source* Metadata::find_source(std::string_view name) {
    for (auto& s : sources) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

const InheritedRole* Metadata::find_inherited_role(std::string_view name) const {
    for (const auto& r : inherited_roles) {
        if (r.role_name == name) return &r;
    }
    return nullptr;
}

// ---- table configuration -----------------------------------------------------------------

Result<TableConfiguration> parse_table_configuration(const core::json::value& v,
                                                     std::string_view path) {
    WARD_TRY(const json::object* obj, expect_object(v, path));
    TableConfiguration out;
    WARD_TRY(out.custom_name, optional_graphql_name(*obj, path, "custom_name"));
    WARD_TRY(out.comment, optional_string(*obj, path, "comment"));
    if (const json::value* rf = optional(*obj, "custom_root_fields")) {
        std::string rp = child_path(path, "custom_root_fields");
        WARD_TRY(const json::object* rfo, expect_object(*rf, rp));
        std::vector<std::pair<std::string, CustomRootField>> fields;
        for (const auto& kv : *rfo) {
            std::string key(as_view(kv.key()));
            std::string kp = child_path(rp, key);
            if (std::find(std::begin(kRootFieldKeys), std::end(kRootFieldKeys), key) ==
                std::end(kRootFieldKeys)) {
                return parse_error(kp, "unexpected custom root field \"" + key + "\"");
            }
            CustomRootField f;
            if (kv.value().is_null()) {
                // an explicit null: no custom name
            } else if (kv.value().is_object()) {
                f.object_form = true;
                WARD_TRY(f.name, optional_graphql_name(kv.value().get_object(), kp, "name"));
                WARD_TRY(f.comment, optional_string(kv.value().get_object(), kp, "comment"));
            } else {
                WARD_TRY(std::string name, expect_graphql_name(kv.value(), kp));
                f.name = std::move(name);
            }
            fields.emplace_back(std::move(key), std::move(f));
        }
        out.custom_root_fields = std::move(fields);
    }
    if (const json::value* cc = optional(*obj, "column_config")) {
        std::string cp = child_path(path, "column_config");
        WARD_TRY(const json::object* cco, expect_object(*cc, cp));
        std::vector<std::pair<std::string, ColumnConfig>> cols;
        for (const auto& kv : *cco) {
            std::string kp = child_path(cp, as_view(kv.key()));
            WARD_TRY(const json::object* co, expect_object(kv.value(), kp));
            ColumnConfig c;
            WARD_TRY(c.custom_name, optional_graphql_name(*co, kp, "custom_name"));
            WARD_TRY(c.comment, optional_string(*co, kp, "comment"));
            cols.emplace_back(std::string(as_view(kv.key())), std::move(c));
        }
        out.column_config = std::move(cols);
    }
    if (const json::value* cn = optional(*obj, "custom_column_names")) {
        std::string cp = child_path(path, "custom_column_names");
        WARD_TRY(const json::object* cno, expect_object(*cn, cp));
        std::vector<std::pair<std::string, std::string>> names;
        for (const auto& kv : *cno) {
            WARD_TRY(std::string name,
                     expect_graphql_name(kv.value(), child_path(cp, as_view(kv.key()))));
            names.emplace_back(std::string(as_view(kv.key())), std::move(name));
        }
        out.custom_column_names = std::move(names);
    }
    out.extra = unknown_members(*obj, {"custom_name", "comment", "custom_root_fields",
                                       "column_config", "custom_column_names"});
    return out;
}

core::json::object emit_table_configuration(const TableConfiguration& c) {
    json::object out;
    if (c.column_config) {
        json::object cc;
        for (const auto& [col, cfg] : *c.column_config) {
            json::object o;
            if (cfg.comment) o["comment"] = *cfg.comment;
            if (cfg.custom_name) o["custom_name"] = *cfg.custom_name;
            cc[col] = std::move(o);
        }
        out["column_config"] = std::move(cc);
    }
    if (c.comment) out["comment"] = *c.comment;
    if (c.custom_column_names) {
        json::object cn;
        for (const auto& [col, name] : *c.custom_column_names) cn[col] = name;
        out["custom_column_names"] = std::move(cn);
    }
    if (c.custom_name) out["custom_name"] = *c.custom_name;
    if (c.custom_root_fields) {
        json::object rf;
        for (const auto& [key, f] : *c.custom_root_fields) {
            if (f.object_form) {
                json::object o;
                if (f.comment) o["comment"] = *f.comment;
                if (f.name) o["name"] = *f.name;
                rf[key] = std::move(o);
            } else if (f.name) {
                rf[key] = *f.name;
            } else {
                rf[key] = nullptr;
            }
        }
        out["custom_root_fields"] = std::move(rf);
    }
    put_remaining_extra(out, c.extra);
    return out;
}

// ---- relationships -----------------------------------------------------------------------

Result<Relationship> parse_relationship(const core::json::value& v, std::string_view path,
                                        RelationshipKind kind) {
    WARD_TRY(const json::object* obj, expect_object(v, path));
    Relationship out;
    WARD_TRY(const json::value* name_v, required(*obj, path, "name"));
    WARD_TRY(out.name, expect_string(*name_v, child_path(path, "name")));
    if (out.name.empty()) return parse_error(child_path(path, "name"), "empty string not allowed");
    WARD_TRY(out.comment, optional_string(*obj, path, "comment"));
    WARD_TRY(const json::value* using_v, required(*obj, path, "using"));
    std::string up = child_path(path, "using");
    if (!using_v->is_object()) return parse_error(up, "using should be an object");
    const json::object& u = using_v->get_object();
    const json::value* fk = find(u, "foreign_key_constraint_on");
    const json::value* manual = find(u, "manual_configuration");
    constexpr std::string_view kFrag =
        "one of foreign_key_constraint_on/manual_configuration should be present";
    if (!fk && !manual) return parse_error(up, "atleast " + std::string(kFrag));
    if (fk && manual) return parse_error(up, "only " + std::string(kFrag));
    if (fk) {
        std::string fp = child_path(up, "foreign_key_constraint_on");
        ForeignKeyUsing f;
        if (fk->is_string() && kind == RelationshipKind::kObject) {
            f.form = ForeignKeyUsing::Form::kColumn;
            f.columns.emplace_back(as_view(fk->get_string()));
        } else if (fk->is_array() && kind == RelationshipKind::kObject) {
            f.form = ForeignKeyUsing::Form::kColumns;
            WARD_TRY(f.columns, expect_string_list(*fk, fp));
            if (f.columns.empty()) return parse_error(fp, "empty list of columns");
        } else if (fk->is_object()) {
            const json::object& fo = fk->get_object();
            WARD_TRY(const json::value* table, required(fo, fp, "table"));
            WARD_TRY(TableName t, parse_table_name(*table, child_path(fp, "table")));
            f.table = std::move(t);
            if (const json::value* cols = find(fo, "columns")) {
                f.form = ForeignKeyUsing::Form::kTableColumns;
                WARD_TRY(f.columns, expect_string_list(*cols, child_path(fp, "columns")));
                if (f.columns.empty()) {
                    return parse_error(child_path(fp, "columns"), "empty list of columns");
                }
            } else if (const json::value* col = find(fo, "column")) {
                f.form = ForeignKeyUsing::Form::kTableColumn;
                WARD_TRY(std::string c, expect_string(*col, child_path(fp, "column")));
                f.columns.push_back(std::move(c));
            } else {
                return missing_key(fp, "columns");
            }
        } else {
            return type_error(
                fp, kind == RelationshipKind::kArray ? "Object" : "String, Array or Object", *fk);
        }
        out.using_ = std::move(f);
    } else {
        std::string mp = child_path(up, "manual_configuration");
        if (!manual->is_object())
            return parse_error(mp, "manual_configuration should be an object");
        const json::object& mo = manual->get_object();
        ManualConfiguration m;
        WARD_TRY(const json::value* rt, required(mo, mp, "remote_table"));
        WARD_TRY(m.remote_table, parse_table_name(*rt, child_path(mp, "remote_table")));
        WARD_TRY(const json::value* cm, required(mo, mp, "column_mapping"));
        std::string cp = child_path(mp, "column_mapping");
        WARD_TRY(const json::object* cmo, expect_object(*cm, cp));
        if (cmo->empty()) return parse_error(cp, "column_mapping cannot be empty");
        for (const auto& kv : *cmo) {
            WARD_TRY(std::string remote,
                     expect_string(kv.value(), child_path(cp, as_view(kv.key()))));
            m.column_mapping.emplace_back(std::string(as_view(kv.key())), std::move(remote));
        }
        WARD_TRY(m.insertion_order, optional_string(mo, mp, "insertion_order"));
        if (m.insertion_order && *m.insertion_order != "before_parent" &&
            *m.insertion_order != "after_parent") {
            return parse_error(child_path(mp, "insertion_order"),
                               "insertion_order must be \"before_parent\" or \"after_parent\"");
        }
        m.extra = unknown_members(mo, {"remote_table", "column_mapping", "insertion_order"});
        // Hasura's export writes "insertion_order": null; keep it so the export round-trips.
        if (auto it = mo.find("insertion_order"); it != mo.end() && it->value().is_null()) {
            m.extra["insertion_order"] = nullptr;
        }
        out.using_ = std::move(m);
    }
    out.extra = unknown_members(*obj, {"name", "using", "comment"});
    return out;
}

core::json::object emit_relationship(const Relationship& r) {
    json::object out;
    out["name"] = r.name;
    json::object u;
    if (const auto* fk = r.foreign_key()) {
        switch (fk->form) {
            case ForeignKeyUsing::Form::kColumn:
                u["foreign_key_constraint_on"] = fk->columns.empty() ? "" : fk->columns[0];
                break;
            case ForeignKeyUsing::Form::kColumns:
                u["foreign_key_constraint_on"] = emit_strings(fk->columns);
                break;
            case ForeignKeyUsing::Form::kTableColumn:
            case ForeignKeyUsing::Form::kTableColumns: {
                json::object fo;
                if (fk->form == ForeignKeyUsing::Form::kTableColumn) {
                    fo["column"] = fk->columns.empty() ? "" : fk->columns[0];
                } else {
                    fo["columns"] = emit_strings(fk->columns);
                }
                fo["table"] = emit_table_name(fk->table.value_or(TableName{}));
                u["foreign_key_constraint_on"] = std::move(fo);
                break;
            }
        }
    } else if (const auto* m = r.manual()) {
        json::object mo;
        json::object cm;
        for (const auto& [l, rcol] : m->column_mapping) cm[l] = rcol;
        mo["column_mapping"] = std::move(cm);
        if (m->insertion_order) {
            mo["insertion_order"] = *m->insertion_order;
        } else {
            put_extra(mo, m->extra, "insertion_order");
        }
        mo["remote_table"] = emit_table_name(m->remote_table);
        put_remaining_extra(mo, m->extra);
        u["manual_configuration"] = std::move(mo);
    }
    out["using"] = std::move(u);
    if (r.comment) out["comment"] = *r.comment;
    put_remaining_extra(out, r.extra);
    return out;
}

// ---- permissions -------------------------------------------------------------------------

Result<SelectPermission> parse_select_permission(const core::json::value& v,
                                                 std::string_view path) {
    WARD_TRY(const json::object* obj, expect_object(v, path));
    SelectPermission p;
    WARD_TRY(const json::value* cols, required(*obj, path, "columns"));
    WARD_TRY(p.columns, parse_column_set(*cols, child_path(path, "columns")));
    WARD_TRY(const json::value* filter, required(*obj, path, "filter"));
    WARD_TRY(p.filter, parse_bool_exp(*filter, child_path(path, "filter"), kPermissionExp));
    WARD_TRY(p.limit, parse_limit(*obj, path));
    WARD_TRY(p.allow_aggregations, optional_bool(*obj, path, "allow_aggregations"));
    if (const json::value* cf = optional(*obj, "computed_fields")) {
        WARD_TRY(auto names, expect_string_list(*cf, child_path(path, "computed_fields")));
        p.computed_fields = std::move(names);
    }
    if (const json::value* q = optional(*obj, "query_root_fields")) {
        WARD_TRY(auto names,
                 parse_root_field_list(*q, child_path(path, "query_root_fields"), false));
        p.query_root_fields = std::move(names);
    }
    if (const json::value* s = optional(*obj, "subscription_root_fields")) {
        WARD_TRY(auto names,
                 parse_root_field_list(*s, child_path(path, "subscription_root_fields"), true));
        p.subscription_root_fields = std::move(names);
    }
    p.extra =
        unknown_members(*obj, {"columns", "filter", "limit", "allow_aggregations",
                               "computed_fields", "query_root_fields", "subscription_root_fields"});
    return p;
}

Result<InsertPermission> parse_insert_permission(const core::json::value& v,
                                                 std::string_view path) {
    WARD_TRY(const json::object* obj, expect_object(v, path));
    InsertPermission p;
    WARD_TRY(const json::value* check, required(*obj, path, "check"));
    WARD_TRY(p.check, parse_bool_exp(*check, child_path(path, "check"), kPermissionExp));
    if (const json::value* set = optional(*obj, "set")) {
        WARD_TRY(Presets presets, parse_presets(*set, child_path(path, "set")));
        p.set = std::move(presets);
    }
    if (const json::value* cols = optional(*obj, "columns")) {
        WARD_TRY(ColumnSet c, parse_column_set(*cols, child_path(path, "columns")));
        p.columns = std::move(c);
    }
    WARD_TRY(p.backend_only, optional_bool(*obj, path, "backend_only"));
    p.extra = unknown_members(*obj, {"check", "set", "columns", "backend_only"});
    return p;
}

Result<UpdatePermission> parse_update_permission(const core::json::value& v,
                                                 std::string_view path) {
    WARD_TRY(const json::object* obj, expect_object(v, path));
    UpdatePermission p;
    WARD_TRY(const json::value* cols, required(*obj, path, "columns"));
    WARD_TRY(p.columns, parse_column_set(*cols, child_path(path, "columns")));
    WARD_TRY(const json::value* filter, required(*obj, path, "filter"));
    WARD_TRY(p.filter, parse_bool_exp(*filter, child_path(path, "filter"), kPermissionExp));
    if (const json::value* check = optional(*obj, "check")) {
        WARD_TRY(BoolExp c, parse_bool_exp(*check, child_path(path, "check"), kPermissionExp));
        p.check = std::move(c);
    }
    if (const json::value* set = optional(*obj, "set")) {
        WARD_TRY(Presets presets, parse_presets(*set, child_path(path, "set")));
        p.set = std::move(presets);
    }
    WARD_TRY(p.backend_only, optional_bool(*obj, path, "backend_only"));
    p.extra = unknown_members(*obj, {"columns", "filter", "check", "set", "backend_only"});
    return p;
}

Result<DeletePermission> parse_delete_permission(const core::json::value& v,
                                                 std::string_view path) {
    WARD_TRY(const json::object* obj, expect_object(v, path));
    DeletePermission p;
    WARD_TRY(const json::value* filter, required(*obj, path, "filter"));
    WARD_TRY(p.filter, parse_bool_exp(*filter, child_path(path, "filter"), kPermissionExp));
    WARD_TRY(p.backend_only, optional_bool(*obj, path, "backend_only"));
    p.extra = unknown_members(*obj, {"filter", "backend_only"});
    return p;
}

core::json::object emit_permission(const SelectPermission& p) {
    json::object out;
    out["columns"] = emit_column_set(p.columns);
    if (p.computed_fields) out["computed_fields"] = emit_strings(*p.computed_fields);
    out["filter"] = emit_bool_exp(p.filter);
    if (p.limit) out["limit"] = *p.limit;
    if (p.allow_aggregations) out["allow_aggregations"] = *p.allow_aggregations;
    if (p.query_root_fields) out["query_root_fields"] = emit_strings(*p.query_root_fields);
    if (p.subscription_root_fields) {
        out["subscription_root_fields"] = emit_strings(*p.subscription_root_fields);
    }
    put_remaining_extra(out, p.extra);
    return out;
}

core::json::object emit_permission(const InsertPermission& p) {
    json::object out;
    out["check"] = emit_bool_exp(p.check);
    if (p.set) out["set"] = emit_presets(*p.set);
    if (p.columns) out["columns"] = emit_column_set(*p.columns);
    if (p.backend_only) out["backend_only"] = *p.backend_only;
    put_remaining_extra(out, p.extra);
    return out;
}

core::json::object emit_permission(const UpdatePermission& p) {
    json::object out;
    out["columns"] = emit_column_set(p.columns);
    out["filter"] = emit_bool_exp(p.filter);
    if (p.check) out["check"] = emit_bool_exp(*p.check);
    if (p.set) out["set"] = emit_presets(*p.set);
    if (p.backend_only) out["backend_only"] = *p.backend_only;
    put_remaining_extra(out, p.extra);
    return out;
}

core::json::object emit_permission(const DeletePermission& p) {
    json::object out;
    out["filter"] = emit_bool_exp(p.filter);
    if (p.backend_only) out["backend_only"] = *p.backend_only;
    put_remaining_extra(out, p.extra);
    return out;
}

// ---- tables, sources, metadata -------------------------------------------------------------

Result<TableMetadata> parse_table_metadata(const core::json::value& v, std::string_view path) {
    WARD_TRY(const json::object* obj, expect_object(v, path));
    TableMetadata t;
    WARD_TRY(const json::value* table, required(*obj, path, "table"));
    WARD_TRY(t.table, parse_table_name(*table, child_path(path, "table")));
    WARD_TRY(t.is_enum, optional_bool(*obj, path, "is_enum"));
    if (const json::value* c = optional(*obj, "configuration")) {
        WARD_TRY(TableConfiguration cfg,
                 parse_table_configuration(*c, child_path(path, "configuration")));
        t.configuration = std::move(cfg);
    }
    for (auto [key, kind] : {std::pair{"object_relationships", RelationshipKind::kObject},
                             std::pair{"array_relationships", RelationshipKind::kArray}}) {
        const json::value* rels = optional(*obj, key);
        if (!rels) continue;
        std::string rp = child_path(path, key);
        WARD_TRY(const json::array* arr, expect_array(*rels, rp));
        for (std::size_t i = 0; i < arr->size(); ++i) {
            WARD_TRY(Relationship r, parse_relationship((*arr)[i], index_path(rp, i), kind));
            if (t.find_relationship(r.name)) {
                return duplicate(
                    index_path(rp, i),
                    "relationships: \"" + r.name + "\" on table \"" + t.table.display() + "\"");
            }
            (kind == RelationshipKind::kObject ? t.object_relationships : t.array_relationships)
                .push_back(std::move(r));
        }
    }
    if (const json::value* p = optional(*obj, "insert_permissions")) {
        WARD_TRY(t.insert_permissions,
                 parse_permission_list<InsertPermission>(*p, child_path(path, "insert_permissions"),
                                                         parse_insert_permission,
                                                         PermissionKind::kInsert, t.table));
    }
    if (const json::value* p = optional(*obj, "select_permissions")) {
        WARD_TRY(t.select_permissions,
                 parse_permission_list<SelectPermission>(*p, child_path(path, "select_permissions"),
                                                         parse_select_permission,
                                                         PermissionKind::kSelect, t.table));
    }
    if (const json::value* p = optional(*obj, "update_permissions")) {
        WARD_TRY(t.update_permissions,
                 parse_permission_list<UpdatePermission>(*p, child_path(path, "update_permissions"),
                                                         parse_update_permission,
                                                         PermissionKind::kUpdate, t.table));
    }
    if (const json::value* p = optional(*obj, "delete_permissions")) {
        WARD_TRY(t.delete_permissions,
                 parse_permission_list<DeletePermission>(*p, child_path(path, "delete_permissions"),
                                                         parse_delete_permission,
                                                         PermissionKind::kDelete, t.table));
    }
    t.extra =
        unknown_members(*obj, {"table", "is_enum", "configuration", "object_relationships",
                               "array_relationships", "insert_permissions", "select_permissions",
                               "update_permissions", "delete_permissions"});
    return t;
}

core::json::object emit_table_metadata(const TableMetadata& t) {
    json::object out;
    out["table"] = emit_table_name(t.table);
    if (t.is_enum) out["is_enum"] = *t.is_enum;
    if (t.configuration) out["configuration"] = emit_table_configuration(*t.configuration);
    auto emit_rels = [](const std::vector<Relationship>& rels) {
        json::array arr;
        for (const auto& r : rels) arr.push_back(emit_relationship(r));
        return arr;
    };
    if (!t.object_relationships.empty()) {
        out["object_relationships"] = emit_rels(t.object_relationships);
    }
    if (!t.array_relationships.empty())
        out["array_relationships"] = emit_rels(t.array_relationships);
    put_extra(out, t.extra, "computed_fields");
    put_extra(out, t.extra, "remote_relationships");
    if (!t.insert_permissions.empty()) {
        out["insert_permissions"] = emit_permission_list(t.insert_permissions);
    }
    if (!t.select_permissions.empty()) {
        out["select_permissions"] = emit_permission_list(t.select_permissions);
    }
    if (!t.update_permissions.empty()) {
        out["update_permissions"] = emit_permission_list(t.update_permissions);
    }
    if (!t.delete_permissions.empty()) {
        out["delete_permissions"] = emit_permission_list(t.delete_permissions);
    }
    put_extra(out, t.extra, "event_triggers");
    put_remaining_extra(out, t.extra);
    return out;
}

Result<Metadata> parse_metadata(const core::json::value& v, std::string_view path) {
    WARD_TRY(const json::object* obj, expect_object(v, path));
    Metadata m;
    std::int64_t version = 3;
    if (const json::value* ver = find(*obj, "version")) {
        WARD_TRY(version, expect_int(*ver, child_path(path, "version")));
    } else if (!find(*obj, "sources") && find(*obj, "tables")) {
        version = 1;
    }
    if (version == 3) {
        WARD_TRY(const json::value* sources_v, required(*obj, path, "sources"));
        std::string sp = child_path(path, "sources");
        WARD_TRY(const json::array* sources, expect_array(*sources_v, sp));
        for (std::size_t i = 0; i < sources->size(); ++i) {
            WARD_TRY(Source s, parse_source((*sources)[i], index_path(sp, i)));
            if (m.find_source(s.name)) {
                return duplicate(index_path(sp, i), "sources: \"" + s.name + "\"");
            }
            m.sources.push_back(std::move(s));
        }
    } else if (version == 1 || version == 2) {
        // Pre-2.0 metadata: every table lives in the single default postgres source.
        Source s;
        s.name = "default";
        s.kind = SourceKind::kPostgres;
        s.configuration = json::object();
        if (const json::value* tables_v = optional(*obj, "tables")) {
            std::string tp = child_path(path, "tables");
            WARD_TRY(const json::array* tables, expect_array(*tables_v, tp));
            for (std::size_t i = 0; i < tables->size(); ++i) {
                WARD_TRY(TableMetadata t, parse_table_metadata((*tables)[i], index_path(tp, i)));
                if (s.find_table(t.table)) {
                    return duplicate(index_path(tp, i), "tables: \"" + t.table.display() + "\"");
                }
                s.tables.push_back(std::move(t));
            }
        }
        if (const json::value* f = optional(*obj, "functions")) s.extra["functions"] = *f;
        m.sources.push_back(std::move(s));
    } else {
        return parse_error(child_path(path, "version"),
                           "unexpected metadata version: " + std::to_string(version));
    }
    if (const json::value* ir = optional(*obj, "inherited_roles")) {
        WARD_TRY(m.inherited_roles,
                 parse_inherited_roles(*ir, child_path(path, "inherited_roles")));
    }
    std::vector<std::string_view> known = {"version", "sources", "inherited_roles"};
    if (version != 3) {
        known.push_back("tables");
        known.push_back("functions");
    }
    m.extra = unknown_members(*obj, known);
    return m;
}

core::json::object emit_metadata(const Metadata& m) {
    json::object out;
    out["version"] = 3;
    json::array sources;
    for (const auto& s : m.sources) sources.push_back(emit_source(s));
    out["sources"] = std::move(sources);
    for (std::string_view key : kTopLevelOrder) {
        if (key == "inherited_roles") {
            if (m.inherited_roles.empty()) continue;
            json::array roles;
            for (const auto& r : m.inherited_roles) {
                json::object o;
                o["role_name"] = r.role_name;
                o["role_set"] = emit_strings(r.role_set);
                roles.push_back(std::move(o));
            }
            out["inherited_roles"] = std::move(roles);
        } else {
            put_extra(out, m.extra, key);
        }
    }
    put_remaining_extra(out, m.extra);
    return out;
}

}  // namespace ward::engine::metadata

#include "engine/metadata/commands.hpp"

#include <algorithm>

#include "engine/metadata/detail/json_reader.hpp"
#include "engine/metadata/session.hpp"

namespace ward::engine::metadata {

namespace {

using namespace detail;
using core::find;

struct Common {
    std::string source;
    TableName table;
};

Result<Common> parse_common(const json::object& args, std::string_view path) {
    Common c;
    WARD_TRY(auto source, optional_string(args, path, "source"));
    c.source = source ? std::move(*source) : std::string(kDefaultSource);
    WARD_TRY(const json::value* table, required(args, path, "table"));
    WARD_TRY(c.table, parse_table_name(*table, child_path(path, "table")));
    return c;
}

Result<std::string> parse_role(const json::object& args, std::string_view path) {
    WARD_TRY(const json::value* role_v, required(args, path, "role"));
    std::string rp = child_path(path, "role");
    WARD_TRY(std::string role, expect_string(*role_v, rp));
    return validate_role_name(role, rp);
}

Result<CommandArgs> parse_table_command(std::string_view name, Backend backend,
                                        const json::value& args_v, std::string_view path);

// Table commands, without their pg_/sqlite_ prefix.
bool is_table_command(std::string_view name) {
    static constexpr std::string_view kNames[] = {
        "track_table",
        "untrack_table",
        "set_table_customization",
        "create_object_relationship",
        "create_array_relationship",
        "drop_relationship",
        "create_insert_permission",
        "create_select_permission",
        "create_update_permission",
        "create_delete_permission",
        "drop_insert_permission",
        "drop_select_permission",
        "drop_update_permission",
        "drop_delete_permission",
    };
    return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

Result<Command> parse_command_at(const json::value& body, std::string_view path, std::size_t depth);

Result<CommandArgs> parse_bulk(const json::value& args_v, std::string_view path,
                               std::size_t depth) {
    WARD_TRY(const json::array* arr, expect_array(args_v, path));
    Bulk bulk;
    bulk.commands.reserve(arr->size());
    for (std::size_t i = 0; i < arr->size(); ++i) {
        WARD_TRY(Command c, parse_command_at((*arr)[i], index_path(path, i), depth + 1));
        bulk.commands.push_back(std::move(c));
    }
    return CommandArgs(std::move(bulk));
}

Result<CommandArgs> parse_replace(const json::value& args_v, std::string_view path) {
    WARD_TRY(const json::object* args, expect_object(args_v, path));
    ReplaceMetadata r;
    // Version 2 form: {allow_inconsistent_metadata?, metadata}; otherwise args is the metadata.
    if (const json::value* md = find(*args, "metadata");
        md && !find(*args, "sources") && !find(*args, "tables")) {
        r.wrapped = true;
        WARD_TRY(auto allow, optional_bool(*args, path, "allow_inconsistent_metadata"));
        r.allow_inconsistent_metadata = allow.value_or(false);
        WARD_TRY(r.metadata, parse_metadata(*md, child_path(path, "metadata")));
    } else {
        WARD_TRY(r.metadata, parse_metadata(args_v, path));
    }
    return CommandArgs(std::move(r));
}

Result<CommandArgs> parse_inherited(bool add, const json::value& args_v, std::string_view path) {
    WARD_TRY(const json::object* args, expect_object(args_v, path));
    WARD_TRY(const json::value* name_v, required(*args, path, "role_name"));
    std::string np = child_path(path, "role_name");
    WARD_TRY(std::string name, expect_string(*name_v, np));
    WARD_TRY(name, validate_role_name(name, np));
    if (!add) return CommandArgs(DropInheritedRole{std::move(name)});
    WARD_TRY(const json::value* set_v, required(*args, path, "role_set"));
    WARD_TRY(auto set, expect_string_list(*set_v, child_path(path, "role_set")));
    return CommandArgs(AddInheritedRole{InheritedRole{std::move(name), std::move(set)}});
}

Result<Command> parse_command_at(const json::value& body, std::string_view path,
                                 std::size_t depth) {
    constexpr std::size_t kMaxBulkDepth = 8;
    if (depth > kMaxBulkDepth) return parse_error(path, "bulk commands nested too deeply");
    WARD_TRY(const json::object* obj, expect_object(body, path));
    Command cmd;
    WARD_TRY(const json::value* type_v, required(*obj, path, "type"));
    std::string type_path = child_path(path, "type");
    WARD_TRY(cmd.type, expect_string(*type_v, type_path));
    if (const json::value* v = optional(*obj, "version")) {
        WARD_TRY(std::int64_t ver, expect_int(*v, child_path(path, "version")));
        cmd.version = ver;
    }
    if (const json::value* v = optional(*obj, "resource_version")) {
        WARD_TRY(std::int64_t rv, expect_int(*v, child_path(path, "resource_version")));
        cmd.resource_version = rv;
    }
    static const json::value kEmptyArgs = json::object();
    const json::value* args = find(*obj, "args");
    std::string ap = child_path(path, "args");
    const json::value& args_v = args && !args->is_null() ? *args : kEmptyArgs;

    const std::string& t = cmd.type;
    if (t == "bulk") {
        if (!args) return missing_key(path, "args");
        WARD_TRY(cmd.args, parse_bulk(args_v, ap, depth));
    } else if (t == "export_metadata") {
        WARD_TRY(const json::object* a, expect_object(args_v, ap));
        (void)a;
        cmd.args = ExportMetadata{};
    } else if (t == "replace_metadata") {
        if (!args) return missing_key(path, "args");
        WARD_TRY(cmd.args, parse_replace(args_v, ap));
    } else if (t == "reload_metadata") {
        WARD_TRY(const json::object* a, expect_object(args_v, ap));
        cmd.args = ReloadMetadata{*a};
    } else if (t == "clear_metadata") {
        WARD_TRY(const json::object* a, expect_object(args_v, ap));
        (void)a;
        cmd.args = ClearMetadata{};
    } else if (t == "get_inconsistent_metadata") {
        WARD_TRY(const json::object* a, expect_object(args_v, ap));
        (void)a;
        cmd.args = GetInconsistentMetadata{};
    } else if (t == "drop_inconsistent_metadata") {
        WARD_TRY(const json::object* a, expect_object(args_v, ap));
        (void)a;
        cmd.args = DropInconsistentMetadata{};
    } else if (t == "add_inherited_role" || t == "drop_inherited_role") {
        if (!args) return missing_key(path, "args");
        WARD_TRY(cmd.args, parse_inherited(t == "add_inherited_role", args_v, ap));
    } else {
        Backend backend;
        std::string_view rest;
        if (t.rfind("pg_", 0) == 0) {
            backend = Backend::kPostgres;
            rest = std::string_view(t).substr(3);
        } else if (t.rfind("sqlite_", 0) == 0) {
            backend = Backend::kSqlite;
            rest = std::string_view(t).substr(7);
        } else {
            return parse_error(type_path, "unknown metadata command \"" + t + "\"");
        }
        if (!is_table_command(rest)) {
            return parse_error(type_path, "unknown metadata command \"" + t + "\"");
        }
        if (!args) return missing_key(path, "args");
        WARD_TRY(cmd.args, parse_table_command(rest, backend, args_v, ap));
    }
    return cmd;
}

Result<CommandArgs> parse_table_command(std::string_view name, Backend backend,
                                        const json::value& args_v, std::string_view path) {
    WARD_TRY(const json::object* args, expect_object(args_v, path));
    auto permission_kind = [](std::string_view s) -> std::optional<PermissionKind> {
        if (s == "insert") return PermissionKind::kInsert;
        if (s == "select") return PermissionKind::kSelect;
        if (s == "update") return PermissionKind::kUpdate;
        if (s == "delete") return PermissionKind::kDelete;
        return std::nullopt;
    };

    if (name == "track_table") {
        WARD_TRY(Common c, parse_common(*args, path));
        TrackTable t{backend, std::move(c.source), std::move(c.table), {}, {}, {}};
        if (const json::value* cfg = optional(*args, "configuration")) {
            WARD_TRY(TableConfiguration tc,
                     parse_table_configuration(*cfg, child_path(path, "configuration")));
            t.configuration = std::move(tc);
        }
        WARD_TRY(t.is_enum, optional_bool(*args, path, "is_enum"));
        t.extra = unknown_members(*args, {"source", "table", "configuration", "is_enum"});
        return CommandArgs(std::move(t));
    }
    if (name == "untrack_table") {
        WARD_TRY(Common c, parse_common(*args, path));
        WARD_TRY(auto cascade, optional_bool(*args, path, "cascade"));
        return CommandArgs(UntrackTable{backend, std::move(c.source), std::move(c.table),
                                        cascade.value_or(false)});
    }
    if (name == "set_table_customization") {
        WARD_TRY(Common c, parse_common(*args, path));
        SetTableCustomization s{backend, std::move(c.source), std::move(c.table), {}};
        if (const json::value* cfg = optional(*args, "configuration")) {
            WARD_TRY(s.configuration,
                     parse_table_configuration(*cfg, child_path(path, "configuration")));
        }
        return CommandArgs(std::move(s));
    }
    if (name == "create_object_relationship" || name == "create_array_relationship") {
        WARD_TRY(Common c, parse_common(*args, path));
        RelationshipKind kind = name == "create_object_relationship" ? RelationshipKind::kObject
                                                                     : RelationshipKind::kArray;
        // The relationship fields (name, using, comment) sit beside table/source in args.
        json::object rel_obj;
        for (const auto& kv : *args) {
            if (kv.key() != "table" && kv.key() != "source") rel_obj[kv.key()] = kv.value();
        }
        WARD_TRY(Relationship r, parse_relationship(json::value(std::move(rel_obj)), path, kind));
        return CommandArgs(CreateRelationship{backend, std::move(c.source), std::move(c.table),
                                              kind, std::move(r)});
    }
    if (name == "drop_relationship") {
        WARD_TRY(Common c, parse_common(*args, path));
        WARD_TRY(const json::value* rel, required(*args, path, "relationship"));
        WARD_TRY(std::string rel_name, expect_string(*rel, child_path(path, "relationship")));
        WARD_TRY(auto cascade, optional_bool(*args, path, "cascade"));
        return CommandArgs(DropRelationship{backend, std::move(c.source), std::move(c.table),
                                            std::move(rel_name), cascade.value_or(false)});
    }
    constexpr std::string_view kCreate = "create_", kDrop = "drop_", kSuffix = "_permission";
    bool create = name.rfind(kCreate, 0) == 0;
    bool drop = name.rfind(kDrop, 0) == 0;
    if ((create || drop) && name.size() > kSuffix.size() &&
        name.substr(name.size() - kSuffix.size()) == kSuffix) {
        std::string_view middle = name.substr(create ? kCreate.size() : kDrop.size());
        middle = middle.substr(0, middle.size() - kSuffix.size());
        auto kind = permission_kind(middle);
        if (kind) {
            WARD_TRY(Common c, parse_common(*args, path));
            WARD_TRY(std::string role, parse_role(*args, path));
            if (drop) {
                return CommandArgs(DropPermission{backend, std::move(c.source), std::move(c.table),
                                                  std::move(role), *kind});
            }
            CreatePermission p;
            p.backend = backend;
            p.source = std::move(c.source);
            p.table = std::move(c.table);
            p.role = std::move(role);
            WARD_TRY(p.comment, optional_string(*args, path, "comment"));
            WARD_TRY(const json::value* perm, required(*args, path, "permission"));
            std::string pp = child_path(path, "permission");
            switch (*kind) {
                case PermissionKind::kInsert: {
                    WARD_TRY(auto v, parse_insert_permission(*perm, pp));
                    p.permission = std::move(v);
                    break;
                }
                case PermissionKind::kSelect: {
                    WARD_TRY(auto v, parse_select_permission(*perm, pp));
                    p.permission = std::move(v);
                    break;
                }
                case PermissionKind::kUpdate: {
                    WARD_TRY(auto v, parse_update_permission(*perm, pp));
                    p.permission = std::move(v);
                    break;
                }
                case PermissionKind::kDelete: {
                    WARD_TRY(auto v, parse_delete_permission(*perm, pp));
                    p.permission = std::move(v);
                    break;
                }
            }
            return CommandArgs(std::move(p));
        }
    }
    WARD_INVARIANT(false, "parse_table_command called with a name is_table_command refuses");
    return parse_error(path, "unknown metadata command");
}

}  // namespace

bool Command::is_read_only() const {
    return std::holds_alternative<ExportMetadata>(args) ||
           std::holds_alternative<GetInconsistentMetadata>(args) ||
           std::holds_alternative<ReloadMetadata>(args);
}

Result<Command> parse_command(const core::json::value& body) {
    return parse_command_at(body, "$", 0);
}

}  // namespace ward::engine::metadata

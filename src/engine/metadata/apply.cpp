#include "engine/metadata/apply.hpp"

#include <algorithm>
#include <set>

#include "engine/metadata/detail/json_reader.hpp"
#include "engine/metadata/session.hpp"

namespace ward::engine::metadata {

namespace {

namespace json = core::json;

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

MetadataError error(ErrorCode code, std::string_view path, std::string message) {
    return MetadataError{code, std::string(path), std::move(message)};
}

MetadataError table_not_found(std::string_view path, const TableName& t, std::string_view source) {
    return error(
        ErrorCode::kNotExists, path,
        "table " + quoted(t.display()) + " does not exist in source: " + std::string(source));
}

MetadataError column_not_found(std::string_view path, std::string_view column, const TableName& t) {
    return error(ErrorCode::kInvalidConfiguration, path,
                 "column " + quoted(column) + " not found in table " + quoted(t.display()));
}

SourceKind kind_of(Backend b) {
    return b == Backend::kSqlite ? SourceKind::kSqlite : SourceKind::kPostgres;
}

bool has_column(const std::vector<std::string>& cols, std::string_view c) {
    return std::find(cols.begin(), cols.end(), c) != cols.end();
}

class Applier {
    using Status = core::Result<void, MetadataError>;

  public:
    explicit Applier(const CatalogView* catalog) : catalog_(catalog) {}

    Result<json::value> apply(Metadata& m, const Command& cmd, const std::string& path) {
        const std::string ap = path + ".args";
        return std::visit([&](const auto& args) { return run(m, args, cmd, ap); }, cmd.args);
    }

  private:
    // ---- look-ups ------------------------------------------------------------------------

    Result<Source*> source_for(Metadata& m, std::string_view name, Backend backend,
                               std::string_view path) {
        Source* s = m.find_source(name);
        if (!s) {
            return error(ErrorCode::kNotExists, path,
                         "source with name " + quoted(name) + " does not exist");
        }
        // pg_ commands also drive Ward's embedded SQLite sources, so Hasura tooling that only
        // knows pg_* (console, CLI, seed scripts) works with `ward up`; sqlite_ commands stay
        // SQLite-only.
        bool pg_on_sqlite = backend == Backend::kPostgres && s->kind == SourceKind::kSqlite;
        if (s->kind != kind_of(backend) && !pg_on_sqlite) {
            return error(ErrorCode::kInvalidConfiguration, path,
                         "source " + quoted(name) + " is a " + std::string(to_string(s->kind)) +
                             " source, not a " + std::string(to_string(kind_of(backend))) +
                             " source");
        }
        return s;
    }

    Result<TableMetadata*> tracked(Source& s, const TableName& t, std::string_view path) {
        TableMetadata* table = s.find_table(t);
        if (!table) return table_not_found(path, t, s.name);
        return table;
    }

    std::optional<std::vector<std::string>> columns(const Source& s, const TableName& t) const {
        if (!catalog_) return std::nullopt;
        return catalog_->columns_of(s.name, t);
    }

    // ---- validation ----------------------------------------------------------------------

    Status check_columns(const Source& s, const TableName& t, const std::vector<std::string>& names,
                         std::string_view path) {
        auto cols = columns(s, t);
        if (!cols) return {};
        for (const auto& n : names) {
            if (!has_column(*cols, n)) return column_not_found(path, n, t);
        }
        return {};
    }

    Status check_configuration(const Source& s, const TableName& t, const TableConfiguration& cfg,
                               std::string_view path) {
        const std::string cp(path);
        std::set<std::string> seen;
        if (cfg.custom_root_fields) {
            for (const auto& [key, f] : *cfg.custom_root_fields) {
                if (f.name && !seen.insert(*f.name).second) {
                    return error(
                        ErrorCode::kInvalidConfiguration, cp,
                        "the following custom root field names are duplicated: " + quoted(*f.name));
                }
            }
        }
        std::vector<std::string> cols;
        std::set<std::string> names;
        auto add_name = [&](const std::string& col,
                            const std::optional<std::string>& name) -> Status {
            cols.push_back(col);
            if (name && !names.insert(*name).second) {
                return error(ErrorCode::kInvalidConfiguration, cp,
                             "the following custom column names are duplicated: " + quoted(*name));
            }
            return {};
        };
        if (cfg.column_config) {
            for (const auto& [col, c] : *cfg.column_config)
                WARD_TRY_STATUS(add_name(col, c.custom_name));
        }
        if (cfg.custom_column_names) {
            for (const auto& [col, n] : *cfg.custom_column_names) {
                bool in_config = false;
                if (cfg.column_config) {
                    for (const auto& [c2, cc] : *cfg.column_config) {
                        if (c2 == col && cc.custom_name == n) in_config = true;
                    }
                }
                if (!in_config) WARD_TRY_STATUS(add_name(col, n));
            }
        }
        return check_columns(s, t, cols, cp);
    }

    template <typename P>
    Status check_permission_columns(const Source& s, const TableName& t, const P& p,
                                    std::string_view path) {
        std::vector<std::string> cols;
        if constexpr (std::is_same_v<P, SelectPermission> || std::is_same_v<P, UpdatePermission>) {
            cols = p.columns.names;
        }
        if constexpr (std::is_same_v<P, InsertPermission>) {
            if (p.columns) cols = p.columns->names;
        }
        if constexpr (!std::is_same_v<P, SelectPermission> &&
                      !std::is_same_v<P, DeletePermission>) {
            if (p.set) {
                for (const auto& [col, v] : *p.set) cols.push_back(col);
            }
        }
        return check_columns(s, t, cols, path);
    }

    // Checks every name in a permission expression against the catalog (columns) and the
    // metadata (relationships, computed fields), following relationships to their tables.
    // Skipped without a catalog; names on tables whose columns are unknown are not checked.
    Status check_exp(const Source& s, const TableName& t, const BoolExp& e,
                     const std::string& path) {
        auto cols = columns(s, t);
        const TableMetadata* tm = s.find_table(t);
        if (!cols || !tm) return {};
        auto is_computed = [&](std::string_view name) {
            auto it = tm->extra.find("computed_fields");
            if (it == tm->extra.end() || !it->value().is_array()) return false;
            for (const auto& cf : it->value().get_array()) {
                if (cf.is_object()) {
                    const auto* n = cf.get_object().if_contains("name");
                    if (n && n->is_string() && n->get_string() == name) return true;
                }
            }
            return false;
        };
        for (const auto& term : e.terms) {
            Status st = std::visit(
                [&](const auto& x) -> Status {
                    using T = std::decay_t<decltype(x)>;
                    if constexpr (std::is_same_v<T, AndExp> || std::is_same_v<T, OrExp>) {
                        const std::string lp = detail::child_path(path, x.spelling);
                        for (std::size_t i = 0; i < x.items.size(); ++i) {
                            WARD_TRY_STATUS(check_exp(s, t, x.items[i], detail::index_path(lp, i)));
                        }
                        return {};
                    } else if constexpr (std::is_same_v<T, NotExp>) {
                        return check_exp(s, t, *x.item, detail::child_path(path, x.spelling));
                    } else if constexpr (std::is_same_v<T, ExistsExp>) {
                        const std::string ep = detail::child_path(path, x.spelling);
                        // Any tracked table of the source, as in Hasura (whose schema-cache
                        // build reports it under invalid-configuration); an untracked one is
                        // unknown even when the database has it.
                        if (!s.find_table(x.table)) {
                            return error(ErrorCode::kInvalidConfiguration,
                                         detail::child_path(ep, "_table"),
                                         "table " + quoted(x.table.display()) + " does not exist");
                        }
                        return check_exp(s, x.table, *x.where, detail::child_path(ep, "_where"));
                    } else if constexpr (std::is_same_v<T, ColumnExp>) {
                        const std::string cp = detail::child_path(path, x.name);
                        if (has_column(*cols, x.name)) return {};
                        if (x.comparisons.empty() && tm->find_relationship(x.name)) return {};
                        if (is_computed(x.name)) return {};
                        return column_not_found(cp, x.name, t);
                    } else {
                        std::string name;
                        if constexpr (std::is_same_v<T, RelationshipExp>) {
                            name = x.name;
                        } else {
                            name = x.relationship;
                        }
                        const std::string rp = std::is_same_v<T, RelationshipExp>
                                                   ? detail::child_path(path, name)
                                                   : detail::child_path(path, name + "_aggregate");
                        const Relationship* rel = tm->find_relationship(name);
                        if (!rel) {
                            return error(ErrorCode::kInvalidConfiguration, rp,
                                         "relationship " + quoted(name) + " not found in table " +
                                             quoted(t.display()));
                        }
                        auto target = target_of(s, t, *rel);
                        if constexpr (std::is_same_v<T, RelationshipExp>) {
                            if (target) return check_exp(s, *target, *x.where, rp);
                        } else {
                            if (tm->relationship_kind(name) != RelationshipKind::kArray) {
                                return error(ErrorCode::kInvalidConfiguration, rp,
                                             "aggregation predicates need an array relationship; " +
                                                 quoted(name) + " is an object relationship");
                            }
                            if (target && x.filter) {
                                return check_exp(s, *target, **x.filter,
                                                 detail::child_path(
                                                     detail::child_path(rp, x.function), "filter"));
                            }
                        }
                        return {};
                    }
                },
                term);
            WARD_TRY_STATUS(std::move(st));
        }
        return {};
    }

    // Foreign keys whose referencing columns are exactly `cols`.
    bool has_fk(const Source& s, const TableName& on, const std::vector<std::string>& cols,
                const std::optional<TableName>& ref) const {
        for (const auto& fk : catalog_->foreign_keys_of(s.name, on)) {
            if (ref && !(fk.ref_table == *ref)) continue;
            std::set<std::string> a(cols.begin(), cols.end()), b;
            for (const auto& [l, r] : fk.column_mapping) b.insert(l);
            if (a == b) return true;
        }
        return false;
    }

    // The table a relationship of `owner` points at, using the catalog for fk-on-local-columns.
    std::optional<TableName> target_of(const Source& s, const TableName& owner,
                                       const Relationship& r) const {
        if (auto t = r.remote_table()) return t;
        if (!catalog_) return std::nullopt;
        const ForeignKeyUsing* fk = r.foreign_key();
        for (const auto& key : catalog_->foreign_keys_of(s.name, owner)) {
            std::set<std::string> a(fk->columns.begin(), fk->columns.end()), b;
            for (const auto& [l, rc] : key.column_mapping) b.insert(l);
            if (a == b) return key.ref_table;
        }
        return std::nullopt;
    }

    Status check_relationship(Source& s, const TableMetadata& table, RelationshipKind kind,
                              const Relationship& r, std::string_view path) {
        const TableName& t = table.table;
        auto clash = [&] {
            return error(ErrorCode::kAlreadyExists, path,
                         "column/relationship " + quoted(r.name) + " of table " +
                             quoted(t.display()) + " already exists");
        };
        if (table.find_relationship(r.name)) return clash();
        if (auto cols = columns(s, t); cols && has_column(*cols, r.name)) return clash();

        const std::string up = std::string(path) + ".using";
        if (const ForeignKeyUsing* fk = r.foreign_key()) {
            const std::string fp = up + ".foreign_key_constraint_on";
            if (!fk->table) {
                WARD_TRY_STATUS(check_columns(s, t, fk->columns, fp));
                if (catalog_ && !has_fk(s, t, fk->columns, std::nullopt)) {
                    return error(ErrorCode::kConstraintError, fp,
                                 fk->columns.size() == 1
                                     ? "no foreign constraint exists on the given column"
                                     : "no foreign constraint exists on the given columns");
                }
            } else {
                if (!s.find_table(*fk->table))
                    return table_not_found(fp + ".table", *fk->table, s.name);
                WARD_TRY_STATUS(check_columns(s, *fk->table, fk->columns, fp));
                if (catalog_ && !has_fk(s, *fk->table, fk->columns, t)) {
                    return error(ErrorCode::kConstraintError, fp,
                                 fk->columns.size() == 1
                                     ? "no foreign constraint exists on the given column"
                                     : "no foreign constraint exists on the given columns");
                }
            }
        } else if (const ManualConfiguration* mc = r.manual()) {
            const std::string mp = up + ".manual_configuration";
            if (!s.find_table(mc->remote_table)) {
                return table_not_found(mp + ".remote_table", mc->remote_table, s.name);
            }
            std::vector<std::string> local, remote;
            for (const auto& [l, rc] : mc->column_mapping) {
                local.push_back(l);
                remote.push_back(rc);
            }
            WARD_TRY_STATUS(check_columns(s, t, local, mp + ".column_mapping"));
            WARD_TRY_STATUS(check_columns(s, mc->remote_table, remote, mp + ".column_mapping"));
        }
        (void)kind;
        return {};
    }

    // Permissions of `table` whose expressions use field `name` (a relationship).
    static std::vector<std::pair<PermissionKind, std::string>> permissions_using(
        const TableMetadata& table, std::string_view name) {
        std::vector<std::pair<PermissionKind, std::string>> out;
        for (const auto& e : table.insert_permissions) {
            if (references_field(e.permission.check, name))
                out.emplace_back(PermissionKind::kInsert, e.role);
        }
        for (const auto& e : table.select_permissions) {
            if (references_field(e.permission.filter, name))
                out.emplace_back(PermissionKind::kSelect, e.role);
        }
        for (const auto& e : table.update_permissions) {
            if (references_field(e.permission.filter, name) ||
                (e.permission.check && references_field(*e.permission.check, name))) {
                out.emplace_back(PermissionKind::kUpdate, e.role);
            }
        }
        for (const auto& e : table.delete_permissions) {
            if (references_field(e.permission.filter, name))
                out.emplace_back(PermissionKind::kDelete, e.role);
        }
        return out;
    }

    static bool erase_permission(TableMetadata& t, PermissionKind kind, std::string_view role) {
        auto erase = [&](auto& list) {
            auto it = std::find_if(list.begin(), list.end(),
                                   [&](const auto& e) { return e.role == role; });
            if (it == list.end()) return false;
            list.erase(it);
            return true;
        };
        switch (kind) {
            case PermissionKind::kInsert:
                return erase(t.insert_permissions);
            case PermissionKind::kSelect:
                return erase(t.select_permissions);
            case PermissionKind::kUpdate:
                return erase(t.update_permissions);
            case PermissionKind::kDelete:
                return erase(t.delete_permissions);
        }
        return false;
    }

    static bool erase_relationship(TableMetadata& t, std::string_view name) {
        for (auto* list : {&t.object_relationships, &t.array_relationships}) {
            auto it = std::find_if(list->begin(), list->end(),
                                   [&](const Relationship& r) { return r.name == name; });
            if (it != list->end()) {
                list->erase(it);
                return true;
            }
        }
        return false;
    }

    static MetadataError dependency_error(std::string_view path,
                                          const std::vector<std::string>& deps) {
        std::string msg = "cannot drop due to the following dependent objects: ";
        for (std::size_t i = 0; i < deps.size(); ++i) {
            if (i) msg += ", ";
            msg += deps[i];
        }
        return error(ErrorCode::kDependencyError, path, std::move(msg));
    }

    static std::string permission_object(const TableName& t, std::string_view role,
                                         PermissionKind k) {
        return "permission " + t.display() + "." + std::string(role) + "." +
               std::string(to_string(k));
    }

    // Drops relationship `name` of `table`, and (with cascade) the permissions that use it.
    Status drop_relationship(TableMetadata& table, std::string_view name, bool cascade,
                             std::string_view path) {
        auto users = permissions_using(table, name);
        if (!users.empty() && !cascade) {
            std::vector<std::string> deps;
            for (const auto& [k, role] : users)
                deps.push_back(permission_object(table.table, role, k));
            return dependency_error(path, deps);
        }
        for (const auto& [k, role] : users) erase_permission(table, k, role);
        erase_relationship(table, name);
        return {};
    }

    // ---- commands ------------------------------------------------------------------------

    Result<json::value> run(Metadata& m, const TrackTable& c, const Command&,
                            const std::string& path) {
        WARD_TRY(Source * s, source_for(m, c.source, c.backend, path));
        if (s->find_table(c.table)) {
            return error(ErrorCode::kAlreadyTracked, path,
                         "view/table already tracked: " + quoted(c.table.display()));
        }
        if (catalog_ && !catalog_->has_table(s->name, c.table)) {
            return error(ErrorCode::kNotExists, path,
                         "no such table/view exists in source: " + quoted(c.table.display()));
        }
        if (c.configuration) {
            WARD_TRY_STATUS(
                check_configuration(*s, c.table, *c.configuration, path + ".configuration"));
        }
        TableMetadata t;
        t.table = c.table;
        t.is_enum = c.is_enum;
        t.configuration = c.configuration;
        t.extra = c.extra;
        s->tables.push_back(std::move(t));
        return json::value(success_response());
    }

    Result<json::value> run(Metadata& m, const UntrackTable& c, const Command&,
                            const std::string& path) {
        WARD_TRY(Source * s, source_for(m, c.source, c.backend, path));
        if (!s->find_table(c.table)) {
            return error(ErrorCode::kAlreadyUntracked, path,
                         "view/table already untracked: " + quoted(c.table.display()));
        }
        // Relationships of other tables that point at this one.
        std::vector<std::pair<TableName, std::string>> dependents;
        for (const auto& other : s->tables) {
            if (other.table == c.table) continue;
            for (const auto* list : {&other.object_relationships, &other.array_relationships}) {
                for (const auto& r : *list) {
                    auto target = target_of(*s, other.table, r);
                    if (target && *target == c.table) dependents.emplace_back(other.table, r.name);
                }
            }
        }
        if (!dependents.empty() && !c.cascade) {
            std::vector<std::string> deps;
            for (const auto& [t, name] : dependents)
                deps.push_back("relationship " + t.display() + "." + name);
            return dependency_error(path, deps);
        }
        for (const auto& [t, name] : dependents) {
            WARD_TRY_STATUS(drop_relationship(*s->find_table(t), name, true, path));
        }
        auto it = std::find_if(s->tables.begin(), s->tables.end(),
                               [&](const TableMetadata& t) { return t.table == c.table; });
        s->tables.erase(it);
        return json::value(success_response());
    }

    Result<json::value> run(Metadata& m, const CreatePermission& c, const Command&,
                            const std::string& path) {
        WARD_TRY(Source * s, source_for(m, c.source, c.backend, path));
        WARD_TRY(TableMetadata * t, tracked(*s, c.table, path));
        PermissionKind kind = c.kind();
        if (c.role == kAdminRole || t->has_permission(kind, c.role)) {
            return error(ErrorCode::kAlreadyExists, path,
                         std::string(to_string(kind)) + " permission already defined on table " +
                             quoted(c.table.display()) + " with role " + quoted(c.role));
        }
        const std::string pp = path + ".permission";
        return std::visit(
            [&](const auto& p) -> Result<json::value> {
                WARD_TRY_STATUS(check_permission_columns(*s, c.table, p, pp));
                using P = std::decay_t<decltype(p)>;
                if constexpr (std::is_same_v<P, InsertPermission>) {
                    WARD_TRY_STATUS(check_exp(*s, c.table, p.check, pp + ".check"));
                } else {
                    WARD_TRY_STATUS(check_exp(*s, c.table, p.filter, pp + ".filter"));
                }
                if constexpr (std::is_same_v<P, UpdatePermission>) {
                    if (p.check) WARD_TRY_STATUS(check_exp(*s, c.table, *p.check, pp + ".check"));
                }
                PermissionEntry<P> entry{c.role, p, c.comment};
                if constexpr (std::is_same_v<P, InsertPermission>) {
                    t->insert_permissions.push_back(std::move(entry));
                } else if constexpr (std::is_same_v<P, SelectPermission>) {
                    t->select_permissions.push_back(std::move(entry));
                } else if constexpr (std::is_same_v<P, UpdatePermission>) {
                    t->update_permissions.push_back(std::move(entry));
                } else {
                    t->delete_permissions.push_back(std::move(entry));
                }
                return json::value(success_response());
            },
            c.permission);
    }

    Result<json::value> run(Metadata& m, const DropPermission& c, const Command&,
                            const std::string& path) {
        WARD_TRY(Source * s, source_for(m, c.source, c.backend, path));
        WARD_TRY(TableMetadata * t, tracked(*s, c.table, path));
        if (!erase_permission(*t, c.kind, c.role)) {
            return error(ErrorCode::kNotExists, path,
                         std::string(to_string(c.kind)) + " permission on " +
                             quoted(c.table.display()) + " for role " + quoted(c.role) +
                             " does not exist");
        }
        return json::value(success_response());
    }

    Result<json::value> run(Metadata& m, const CreateRelationship& c, const Command&,
                            const std::string& path) {
        WARD_TRY(Source * s, source_for(m, c.source, c.backend, path));
        WARD_TRY(TableMetadata * t, tracked(*s, c.table, path));
        WARD_TRY_STATUS(check_relationship(*s, *t, c.kind, c.relationship, path));
        (c.kind == RelationshipKind::kObject ? t->object_relationships : t->array_relationships)
            .push_back(c.relationship);
        return json::value(success_response());
    }

    Result<json::value> run(Metadata& m, const DropRelationship& c, const Command&,
                            const std::string& path) {
        WARD_TRY(Source * s, source_for(m, c.source, c.backend, path));
        WARD_TRY(TableMetadata * t, tracked(*s, c.table, path));
        if (!t->find_relationship(c.relationship)) {
            return error(ErrorCode::kNotExists, path,
                         "relationship " + quoted(c.relationship) + " of table " +
                             quoted(c.table.display()) + " does not exist");
        }
        WARD_TRY_STATUS(drop_relationship(*t, c.relationship, c.cascade, path));
        return json::value(success_response());
    }

    Result<json::value> run(Metadata& m, const SetTableCustomization& c, const Command&,
                            const std::string& path) {
        WARD_TRY(Source * s, source_for(m, c.source, c.backend, path));
        WARD_TRY(TableMetadata * t, tracked(*s, c.table, path));
        WARD_TRY_STATUS(check_configuration(*s, c.table, c.configuration, path + ".configuration"));
        t->configuration = c.configuration;
        return json::value(success_response());
    }

    // True when `role` reaches `target` through inherited role sets.
    static bool reaches(const Metadata& m, const std::string& role, const std::string& target,
                        std::set<std::string>& seen) {
        if (role == target) return true;
        if (!seen.insert(role).second) return false;
        const InheritedRole* r = m.find_inherited_role(role);
        if (!r) return false;
        for (const auto& parent : r->role_set) {
            if (reaches(m, parent, target, seen)) return true;
        }
        return false;
    }

    Result<json::value> run(Metadata& m, const AddInheritedRole& c, const Command&,
                            const std::string& path) {
        const InheritedRole& r = c.role;
        if (m.find_inherited_role(r.role_name)) {
            return error(ErrorCode::kAlreadyExists, path,
                         "inherited role " + quoted(r.role_name) + " already exists");
        }
        if (r.role_set.empty()) {
            return error(ErrorCode::kInvalidParams, path + ".role_set", "role_set cannot be empty");
        }
        for (const auto& parent : r.role_set) {
            std::set<std::string> seen;
            if (reaches(m, parent, r.role_name, seen)) {
                return error(ErrorCode::kCyclicDependency, path,
                             "found cycle(s) in roles: inherited role " + quoted(r.role_name) +
                                 " would inherit from itself");
            }
        }
        m.inherited_roles.push_back(r);
        return json::value(success_response());
    }

    Result<json::value> run(Metadata& m, const DropInheritedRole& c, const Command&,
                            const std::string& path) {
        auto it = std::find_if(m.inherited_roles.begin(), m.inherited_roles.end(),
                               [&](const InheritedRole& r) { return r.role_name == c.role_name; });
        if (it == m.inherited_roles.end()) {
            return error(ErrorCode::kNotExists, path,
                         "inherited role " + quoted(c.role_name) + " does not exist");
        }
        m.inherited_roles.erase(it);
        return json::value(success_response());
    }

    Result<json::value> run(Metadata& m, const ExportMetadata&, const Command&,
                            const std::string&) {
        return json::value(emit_metadata(m));
    }

    static json::object consistency_report(const std::vector<InconsistentObject>& objs) {
        json::object out;
        out["is_consistent"] = objs.empty();
        json::array arr;
        for (const auto& o : objs) arr.push_back(o.to_json());
        out["inconsistent_objects"] = std::move(arr);
        return out;
    }

    Result<json::value> run(Metadata& m, const ReplaceMetadata& c, const Command&,
                            const std::string& path) {
        auto inconsistent = find_inconsistencies(c.metadata, catalog_);
        if (!inconsistent.empty() && !c.allow_inconsistent_metadata) {
            return error(ErrorCode::kUnexpected, path,
                         "cannot continue due to inconsistent metadata");
        }
        m = c.metadata;
        if (!inconsistent.empty()) return json::value(consistency_report(inconsistent));
        return json::value(success_response());
    }

    Result<json::value> run(Metadata& m, const ReloadMetadata&, const Command&,
                            const std::string&) {
        auto inconsistent = find_inconsistencies(m, catalog_);
        json::object out;
        out["is_consistent"] = inconsistent.empty();
        out["message"] = "success";
        if (!inconsistent.empty())
            out["inconsistent_objects"] = consistency_report(inconsistent)["inconsistent_objects"];
        return json::value(std::move(out));
    }

    Result<json::value> run(Metadata& m, const ClearMetadata&, const Command&, const std::string&) {
        // Hasura keeps the default source's connection, with nothing tracked.
        Metadata cleared;
        if (const Source* def = m.find_source(kDefaultSource)) {
            Source s;
            s.name = def->name;
            s.kind = def->kind;
            s.configuration = def->configuration;
            cleared.sources.push_back(std::move(s));
        }
        m = std::move(cleared);
        return json::value(success_response());
    }

    Result<json::value> run(Metadata& m, const GetInconsistentMetadata&, const Command&,
                            const std::string&) {
        return json::value(consistency_report(find_inconsistencies(m, catalog_)));
    }

    Result<json::value> run(Metadata& m, const DropInconsistentMetadata&, const Command&,
                            const std::string&) {
        drop_inconsistencies(m, catalog_);
        return json::value(success_response());
    }

    Result<json::value> run(Metadata& m, const Bulk& c, const Command&, const std::string& path) {
        json::array responses;
        for (std::size_t i = 0; i < c.commands.size(); ++i) {
            WARD_TRY(json::value r, apply(m, c.commands[i], detail::index_path(path, i)));
            responses.push_back(std::move(r));
        }
        return json::value(std::move(responses));
    }

    const CatalogView* catalog_;
};

}  // namespace

core::json::object InconsistentObject::to_json() const {
    json::object out;
    out["definition"] = definition;
    out["name"] = name;
    out["reason"] = reason;
    out["type"] = type;
    return out;
}

std::vector<InconsistentObject> find_inconsistencies(const Metadata& metadata,
                                                     const CatalogView* catalog) {
    std::vector<InconsistentObject> out;
    for (const auto& s : metadata.sources) {
        const std::string in_source = " in source " + s.name;
        for (const auto& t : s.tables) {
            if (catalog && !catalog->has_table(s.name, t.table)) {
                out.push_back({"table", "table " + t.table.qualified() + in_source,
                               emit_table_name(t.table),
                               "Inconsistent object: no such table/view exists in source: " +
                                   quoted(t.table.qualified()),
                               s.name, t.table, ""});
                continue;
            }
            for (auto [list, type] : {std::pair{&t.object_relationships, "object_relation"},
                                      std::pair{&t.array_relationships, "array_relation"}}) {
                for (const auto& r : *list) {
                    auto remote = r.remote_table();
                    if (remote && !s.find_table(*remote)) {
                        out.push_back({type,
                                       "relationship " + r.name + " in table " +
                                           t.table.qualified() + in_source,
                                       emit_relationship(r),
                                       "Inconsistent object: in table " +
                                           quoted(t.table.qualified()) + ": in relationship " +
                                           quoted(r.name) + ": table " + quoted(remote->display()) +
                                           " does not exist in source: " + s.name,
                                       s.name, t.table, r.name});
                    }
                }
            }
            if (!catalog) continue;
            auto cols = catalog->columns_of(s.name, t.table);
            if (!cols) continue;
            auto check = [&](std::string_view kind, const std::string& role,
                             const std::vector<std::string>& names, json::object def) {
                for (const auto& n : names) {
                    if (!has_column(*cols, n)) {
                        out.push_back(
                            {std::string(kind) + "_permission",
                             "permission " + t.table.qualified() + "." + role + "." +
                                 std::string(kind) + in_source,
                             std::move(def),
                             "Inconsistent object: in table " + quoted(t.table.qualified()) +
                                 ": in permission for role " + quoted(role) + ": column " +
                                 quoted(n) + " not found in table " + quoted(t.table.display()),
                             s.name, t.table, role});
                        return;
                    }
                }
            };
            for (const auto& e : t.select_permissions) {
                check("select", e.role, e.permission.columns.names, emit_permission(e.permission));
            }
            for (const auto& e : t.insert_permissions) {
                check(
                    "insert", e.role,
                    e.permission.columns ? e.permission.columns->names : std::vector<std::string>{},
                    emit_permission(e.permission));
            }
            for (const auto& e : t.update_permissions) {
                check("update", e.role, e.permission.columns.names, emit_permission(e.permission));
            }
        }
    }
    return out;
}

std::size_t drop_inconsistencies(Metadata& metadata, const CatalogView* catalog) {
    auto erase_named = [](auto& list, auto&& key, const auto& name) {
        auto before = list.size();
        std::erase_if(list, [&](const auto& e) { return key(e) == name; });
        return before - list.size();
    };
    auto by_name = [](const Relationship& r) -> const std::string& { return r.name; };
    auto by_role = [](const auto& e) -> const std::string& { return e.role; };
    std::size_t dropped = 0;
    for (auto found = find_inconsistencies(metadata, catalog); !found.empty();
         found = find_inconsistencies(metadata, catalog)) {
        const std::size_t before = dropped;
        for (const auto& o : found) {
            Source* s = metadata.find_source(o.source);
            if (!s) continue;
            if (o.type == "table") {
                dropped += erase_named(
                    s->tables, [](const TableMetadata& t) { return t.table; }, o.table);
                continue;
            }
            auto t = std::find_if(s->tables.begin(), s->tables.end(),
                                  [&](const TableMetadata& e) { return e.table == o.table; });
            if (t == s->tables.end()) continue;
            if (o.type == "object_relation") {
                dropped += erase_named(t->object_relationships, by_name, o.member);
            } else if (o.type == "array_relation") {
                dropped += erase_named(t->array_relationships, by_name, o.member);
            } else if (o.type == "select_permission") {
                dropped += erase_named(t->select_permissions, by_role, o.member);
            } else if (o.type == "insert_permission") {
                dropped += erase_named(t->insert_permissions, by_role, o.member);
            } else if (o.type == "update_permission") {
                dropped += erase_named(t->update_permissions, by_role, o.member);
            } else if (o.type == "delete_permission") {
                dropped += erase_named(t->delete_permissions, by_role, o.member);
            }
        }
        // Every reported object is in the metadata, so a round always removes one; stop rather
        // than loop should that ever not hold.
        if (dropped == before) break;
    }
    return dropped;
}

Result<Applied> apply_command(const Metadata& metadata, const Command& command,
                              const CatalogView* catalog) {
    Metadata next = metadata;
    Applier applier(catalog);
    WARD_TRY(json::value response, applier.apply(next, command, "$"));
    return Applied{std::move(next), std::move(response)};
}

core::json::object success_response() {
    json::object out;
    out["message"] = "success";
    return out;
}

core::json::value export_response(const Metadata& metadata, std::optional<std::int64_t> version,
                                  std::int64_t resource_version) {
    if (version && *version == 2) {
        json::object out;
        out["resource_version"] = resource_version;
        out["metadata"] = emit_metadata(metadata);
        return out;
    }
    return emit_metadata(metadata);
}

core::Result<void, MetadataError> check_resource_version(const Command& command,
                                                         std::int64_t current) {
    if (command.resource_version && *command.resource_version != current) {
        return error(ErrorCode::kConflict, "$",
                     "metadata resource version referenced (" +
                         std::to_string(*command.resource_version) +
                         ") did not match current version");
    }
    return {};
}

}  // namespace ward::engine::metadata

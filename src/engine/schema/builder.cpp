// Builds RoleSchema values: merges each table's permissions for one role, then generates Hasura's
// types lazily from the root fields (only referenced types exist, as in Hasura).
#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_set>

#include "engine/schema/role_schema.hpp"

namespace ward::engine::schema {

namespace {

using catalog::ScalarType;
using metadata::BoolExp;

// Inherited roles may nest; metadata rejects cycles, this only bounds hostile input.
constexpr int kMaxInheritanceDepth = 16;

bool valid_graphql_name(std::string_view s) {
    if (s.empty() || (s.size() >= 2 && s[0] == '_' && s[1] == '_')) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        bool digit = c >= '0' && c <= '9';
        if (!letter && !(digit && i > 0)) return false;
    }
    return true;
}

bool is_numeric(ScalarType t) {
    switch (t) {
        case ScalarType::kInt:
        case ScalarType::kBigint:
        case ScalarType::kSmallint:
        case ScalarType::kFloat:
        case ScalarType::kFloat4:
        case ScalarType::kNumeric:
            return true;
        default:
            return false;
    }
}

bool is_text(ScalarType t) {
    return t == ScalarType::kString || t == ScalarType::kVarchar || t == ScalarType::kBpchar;
}

// Types PostgreSQL's max()/min() accept (Hasura's "comparable" columns).
bool is_comparable(ScalarType t) {
    switch (t) {
        case ScalarType::kDate:
        case ScalarType::kTime:
        case ScalarType::kTimetz:
        case ScalarType::kTimestamp:
        case ScalarType::kTimestamptz:
            return true;
        default:
            return is_numeric(t) || is_text(t);
    }
}

bool is_builtin_scalar(std::string_view name) {
    return name == "Int" || name == "Float" || name == "String" || name == "Boolean" ||
           name == "ID";
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::vector<std::string> resolve_columns(const metadata::ColumnSet& set,
                                         const catalog::Table& table) {
    std::vector<std::string> out;
    for (const auto& c : table.columns) {
        if (set.all || set.contains(c.name)) out.push_back(c.name);
    }
    return out;
}

const catalog::Column* find_column(const catalog::Table& t, std::string_view name) {
    for (const auto& c : t.columns) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

std::vector<std::string> without_presets(std::vector<std::string> columns,
                                         const metadata::Presets& presets,
                                         const catalog::Table& table) {
    std::erase_if(columns, [&](const std::string& c) {
        const auto* col = find_column(table, c);
        if (col == nullptr || col->is_generated) return true;
        return std::any_of(presets.begin(), presets.end(),
                           [&](const auto& p) { return p.first == c; });
    });
    return columns;
}

// One table's permissions for one role, before the catalog is consulted.
struct RolePermissions {
    std::optional<SelectPermission> select;
    std::optional<InsertPermission> insert;
    std::optional<UpdatePermission> update;
    std::optional<DeletePermission> del;
};

class PermissionResolver {
  public:
    PermissionResolver(const metadata::Metadata& md, bool backend_only)
        : md_(md), backend_only_(backend_only) {}

    RolePermissions resolve(const metadata::TableMetadata& tm, const catalog::Table& table,
                            std::string_view role) const {
        std::vector<std::string_view> path;
        return resolve(tm, table, role, path);
    }

  private:
    // `path` holds the inherited roles being resolved: a role met again is a cycle (metadata
    // normally rejects those) and contributes nothing, so hostile metadata cannot recurse forever.
    RolePermissions resolve(const metadata::TableMetadata& tm, const catalog::Table& table,
                            std::string_view role, std::vector<std::string_view>& path) const {
        RolePermissions out;
        if (role == kAdminRole) {
            SelectPermission s;
            for (const auto& c : table.columns) s.columns.push_back(c.name);
            s.allow_aggregations = true;
            out.select = std::move(s);
            InsertPermission i;
            UpdatePermission u;
            for (const auto& c : table.columns) {
                if (c.is_generated) continue;
                i.columns.push_back(c.name);
                u.columns.push_back(c.name);
            }
            out.insert = std::move(i);
            out.update = std::move(u);
            out.del = DeletePermission{};
            return out;
        }
        direct(tm, table, role, out);
        const auto* inherited = md_.find_inherited_role(role);
        if (inherited == nullptr || static_cast<int>(path.size()) >= kMaxInheritanceDepth ||
            std::find(path.begin(), path.end(), role) != path.end()) {
            return out;
        }
        path.push_back(role);
        std::vector<RolePermissions> parents;
        for (const auto& parent : inherited->role_set) {
            parents.push_back(resolve(tm, table, parent, path));
        }
        path.pop_back();
        if (!out.select) out.select = merge_select(parents, table);
        // Mutations are inherited only when every parent has the same permission.
        if (!out.insert) out.insert = merge_same(parents, &RolePermissions::insert);
        if (!out.update) out.update = merge_same(parents, &RolePermissions::update);
        if (!out.del) out.del = merge_same(parents, &RolePermissions::del);
        return out;
    }

    void direct(const metadata::TableMetadata& tm, const catalog::Table& table,
                std::string_view role, RolePermissions& out) const {
        if (const auto* p = tm.select_permission(role)) {
            SelectPermission s;
            s.filter = p->filter;
            s.columns = resolve_columns(p->columns, table);
            s.limit = p->limit;
            s.allow_aggregations = p->aggregations_allowed();
            if (p->query_root_fields) {
                const auto& f = *p->query_root_fields;
                auto has = [&](std::string_view k) {
                    return std::find(f.begin(), f.end(), k) != f.end();
                };
                s.query_select = has("select");
                s.query_select_by_pk = has("select_by_pk");
                s.query_select_aggregate = has("select_aggregate");
            }
            if (p->subscription_root_fields) {
                const auto& f = *p->subscription_root_fields;
                auto has = [&](std::string_view k) {
                    return std::find(f.begin(), f.end(), k) != f.end();
                };
                s.subscription_select = has("select");
                s.subscription_select_by_pk = has("select_by_pk");
                s.subscription_select_aggregate = has("select_aggregate");
            }
            out.select = std::move(s);
        }
        if (const auto* p = tm.insert_permission(role);
            p != nullptr && (backend_only_ || !p->is_backend_only())) {
            InsertPermission i;
            i.check = p->check;
            i.set = p->set.value_or(metadata::Presets{});
            metadata::ColumnSet all{.all = true};
            i.columns = without_presets(resolve_columns(p->columns ? *p->columns : all, table),
                                        i.set, table);
            i.backend_only = p->is_backend_only();
            out.insert = std::move(i);
        }
        if (const auto* p = tm.update_permission(role);
            p != nullptr && (backend_only_ || !p->is_backend_only())) {
            UpdatePermission u;
            u.filter = p->filter;
            u.check = p->check;
            u.set = p->set.value_or(metadata::Presets{});
            u.columns = without_presets(resolve_columns(p->columns, table), u.set, table);
            u.backend_only = p->is_backend_only();
            out.update = std::move(u);
        }
        if (const auto* p = tm.delete_permission(role);
            p != nullptr && (backend_only_ || !p->is_backend_only())) {
            out.del = DeletePermission{p->filter, p->is_backend_only()};
        }
    }

    static std::optional<SelectPermission> merge_select(const std::vector<RolePermissions>& parents,
                                                        const catalog::Table& table) {
        std::vector<const SelectPermission*> granted;
        for (const auto& p : parents) {
            if (p.select) granted.push_back(&*p.select);
        }
        if (granted.empty()) return std::nullopt;
        if (granted.size() == 1) return *granted.front();
        SelectPermission s;
        s.query_select = s.query_select_by_pk = s.query_select_aggregate = false;
        s.subscription_select = s.subscription_select_by_pk = false;
        s.subscription_select_aggregate = false;
        metadata::OrExp any;
        bool always = false;
        bool unlimited = false;
        for (const auto* g : granted) {
            if (g->filter.is_true()) always = true;
            any.items.push_back(g->filter);
            // The most generous parent wins; a parent without a limit lifts it.
            if (g->limit) {
                s.limit = std::max(s.limit.value_or(0), *g->limit);
            } else {
                unlimited = true;
            }
            s.allow_aggregations = s.allow_aggregations || g->allow_aggregations;
            s.query_select = s.query_select || g->query_select;
            s.query_select_by_pk = s.query_select_by_pk || g->query_select_by_pk;
            s.query_select_aggregate = s.query_select_aggregate || g->query_select_aggregate;
            s.subscription_select = s.subscription_select || g->subscription_select;
            s.subscription_select_by_pk =
                s.subscription_select_by_pk || g->subscription_select_by_pk;
            s.subscription_select_aggregate =
                s.subscription_select_aggregate || g->subscription_select_aggregate;
        }
        if (unlimited) s.limit.reset();
        if (!always) s.filter.terms.emplace_back(std::move(any));
        for (const auto& c : table.columns) {
            std::vector<const SelectPermission*> with;
            for (const auto* g : granted) {
                if (std::find(g->columns.begin(), g->columns.end(), c.name) != g->columns.end()) {
                    with.push_back(g);
                }
            }
            if (with.empty()) continue;
            s.columns.push_back(c.name);
            // Granted by every parent, or by one that sees every row: visible with the row.
            if (with.size() == granted.size()) continue;
            if (std::any_of(with.begin(), with.end(),
                            [](const auto* g) { return g->filter.is_true(); })) {
                continue;
            }
            metadata::OrExp cond;
            for (const auto* g : with) cond.items.push_back(g->filter);
            BoolExp e;
            e.terms.emplace_back(std::move(cond));
            s.column_filters.emplace(c.name, std::move(e));
        }
        return s;
    }

    template <typename P>
    static std::optional<P> merge_same(const std::vector<RolePermissions>& parents,
                                       std::optional<P> RolePermissions::*member) {
        if (parents.empty()) return std::nullopt;
        const auto& first = parents.front().*member;
        if (!first) return std::nullopt;
        for (const auto& p : parents) {
            const auto& other = p.*member;
            if (!other || !same(*other, *first)) return std::nullopt;
        }
        return first;
    }

    static bool same_presets(const metadata::Presets& a, const metadata::Presets& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i].first != b[i].first ||
                metadata::emit_value(a[i].second) != metadata::emit_value(b[i].second)) {
                return false;
            }
        }
        return true;
    }
    static bool same_exp(const BoolExp& a, const BoolExp& b) {
        return metadata::emit_bool_exp(a) == metadata::emit_bool_exp(b);
    }
    static bool same(const InsertPermission& a, const InsertPermission& b) {
        return a.columns == b.columns && a.backend_only == b.backend_only &&
               same_exp(a.check, b.check) && same_presets(a.set, b.set);
    }
    static bool same(const UpdatePermission& a, const UpdatePermission& b) {
        if (a.check.has_value() != b.check.has_value()) return false;
        if (a.check && !same_exp(*a.check, *b.check)) return false;
        return a.columns == b.columns && a.backend_only == b.backend_only &&
               same_exp(a.filter, b.filter) && same_presets(a.set, b.set);
    }
    static bool same(const DeletePermission& a, const DeletePermission& b) {
        return a.backend_only == b.backend_only && same_exp(a.filter, b.filter);
    }

    const metadata::Metadata& md_;
    bool backend_only_;
};

// ---- type generation ----

enum class Job : std::uint8_t {
    kScalar,
    kComparison,
    kJsonbCastExp,
    kOrderByEnum,
    kCursorOrdering,
    kObject,
    kAggregate,
    kAggregateFields,
    kAggFnFields,
    kBoolExp,
    kAggregateBoolExp,
    kAggregateBoolExpCount,
    kOrderBy,
    kAggregateOrderBy,
    kAggFnOrderBy,
    kSelectColumn,
    kPkColumns,
    kInsertInput,
    kObjRelInsert,
    kArrRelInsert,
    kOnConflict,
    kConstraint,
    kUpdateColumn,
    kSetInput,
    kIncInput,
    kUpdates,
    kMutationResponse,
    kStreamCursorInput,
    kStreamCursorValue,
    kJsonbOp,  // `scalar` holds the operator: "append", "prepend", "delete_key", ...
};

struct JsonbOp {
    std::string_view op;  // "_append" (argument) / "append" (type name part)
    std::string_view field_type;
    std::string_view description;
    InputKind kind;
};

// Hasura's update operators for jsonb columns; the type descriptions repeat the argument's.
constexpr JsonbOp kJsonbOps[] = {
    {"append", "jsonb", "append existing jsonb value of filtered columns with new jsonb value",
     InputKind::kAppendInput},
    {"delete_at_path", "[String!]",
     "delete the field or element with specified path (for JSON arrays, negative integers count "
     "from the end)",
     InputKind::kDeleteAtPathInput},
    {"delete_elem", "Int",
     "delete the array element with specified index (negative integers count from the end). "
     "throws an error if top level container is not an array",
     InputKind::kDeleteElemInput},
    {"delete_key", "String",
     "delete key/value pair or string element. key/value pairs are matched based on their key "
     "value",
     InputKind::kDeleteKeyInput},
    {"prepend", "jsonb", "prepend existing jsonb value of filtered columns with new jsonb value",
     InputKind::kPrependInput},
};

const JsonbOp* find_jsonb_op(std::string_view op) {
    for (const auto& o : kJsonbOps) {
        if (o.op == op) return &o;
    }
    return nullptr;
}

struct PendingType {
    Job job;
    const TableInfo* table = nullptr;
    std::string name;    // the type's name
    std::string scalar;  // kScalar / kComparison
    AggregateFunction fn = AggregateFunction::kSum;
};

struct ArgSpec {
    std::string name;
    std::string type;
    std::string description;
    std::string default_literal;
};

struct FieldSpec {
    std::string name;
    std::string type;
    std::string description;
    std::vector<ArgSpec> args;
    std::optional<FieldInfo> info;
};

constexpr AggregateFunction kNumericFunctions[] = {
    AggregateFunction::kAvg,        AggregateFunction::kStddev,   AggregateFunction::kStddevPop,
    AggregateFunction::kStddevSamp, AggregateFunction::kSum,      AggregateFunction::kVarPop,
    AggregateFunction::kVarSamp,    AggregateFunction::kVariance,
};

}  // namespace

class RoleSchemaBuilder {
  public:
    // `tracked`: the admin's view of the tracked tables (see build_tracked); null builds it
    // here when the role is not the admin.
    RoleSchemaBuilder(const metadata::Metadata& md, const catalog::Catalogs& catalogs,
                      std::string_view role, bool backend_only,
                      std::shared_ptr<const RoleSchema> tracked = nullptr)
        : md_(md), catalogs_(catalogs), role_(role), resolver_(md, backend_only) {
        out_.reset(new RoleSchema());
        out_->role_ = std::string(role);
        out_->catalogs_ = catalogs;
        if (role != kAdminRole) {
            out_->tracked_ = tracked ? std::move(tracked) : build_tracked(md, catalogs);
        }
    }

    // Every tracked table with the admin's columns and relationships, without a GraphQL schema:
    // what permission filters are read against.
    static std::shared_ptr<const RoleSchema> build_tracked(const metadata::Metadata& md,
                                                           const catalog::Catalogs& catalogs) {
        RoleSchemaBuilder b(md, catalogs, kAdminRole, true);
        b.collect_tables();
        b.collect_relationships();
        return std::shared_ptr<const RoleSchema>(std::move(b.out_));
    }

    core::Result<std::shared_ptr<const RoleSchema>> build() {
        collect_tables();
        // Rough per-table counts of what the generator registers; rehashing large tables
        // dominated the build time of big schemas.
        std::size_t n = out_->tables_.size() + 1;
        out_->fields_.reserve(n * 48);
        out_->types_.reserve(n * 8);
        out_->inputs_.reserve(n * 12);
        interned_.reserve(n * 40);
        queued_.reserve(n * 24);
        collect_relationships();
        generate_roots();
        while (!queue_.empty()) {
            PendingType p = std::move(queue_.front());
            queue_.pop_front();
            emit(p);
        }
        auto built = gql_.build();
        if (!built) {
            std::string msg = "generated schema for role \"" + role_ + "\" is invalid:";
            for (const auto& e : built.error()) msg += " " + e.message;
            return core::Error::internal(std::move(msg));
        }
        out_->graphql_ = std::move(built).value();
        return std::shared_ptr<const RoleSchema>(std::move(out_));
    }

  private:
    // ---- tables ----

    void collect_tables() {
        std::unordered_set<std::string> used_names;
        for (const auto& source : md_.sources) {
            auto cit = catalogs_.find(source.name);
            if (cit == catalogs_.end() || !cit->second) continue;
            std::map<std::pair<std::string_view, std::string_view>, const catalog::Table*> index;
            for (const auto& ct : cit->second->tables()) {
                index.emplace(
                    std::pair<std::string_view, std::string_view>(ct.name.schema, ct.name.name),
                    &ct);
            }
            for (const auto& tm : source.tables) {
                auto found = index.find(std::make_pair(std::string_view(tm.table.schema),
                                                       std::string_view(tm.table.name)));
                if (found == index.end()) continue;
                const catalog::Table* ct = found->second;
                RolePermissions perms = resolver_.resolve(tm, *ct, role_);
                if (!perms.select && !perms.insert && !perms.update && !perms.del) continue;
                auto t = std::make_unique<TableInfo>();
                t->source = source.name;
                t->source_kind = source.kind;
                t->name = tm.table;
                t->catalog = ct;
                const auto* config = tm.configuration ? &*tm.configuration : nullptr;
                if (config != nullptr && config->custom_name) {
                    t->graphql_name = *config->custom_name;
                } else if (tm.table.schema == metadata::kDefaultSchema) {
                    t->graphql_name = tm.table.name;
                } else {
                    t->graphql_name = tm.table.schema + "_" + tm.table.name;
                }
                // Hasura reports such tables as inconsistent; Ward leaves them out.
                if (!valid_graphql_name(t->graphql_name)) continue;
                if (!used_names.insert(t->graphql_name).second) continue;
                for (const auto& c : ct->columns) {
                    ColumnInfo ci;
                    ci.name = c.name;
                    auto custom = config ? config->column_custom_name(c.name) : std::nullopt;
                    ci.graphql_name = custom ? *custom : c.name;
                    ci.scalar = c.scalar;
                    ci.scalar_name = scalar_name(c.scalar, c.db_type);
                    ci.nullable = c.nullable;
                    ci.has_default = c.has_default;
                    ci.is_generated = c.is_generated;
                    t->columns.push_back(std::move(ci));
                }
                // Columns whose GraphQL name is unusable vanish from every permission.
                std::set<std::string, std::less<>> bad;
                std::unordered_set<std::string> seen;
                for (const auto& c : t->columns) {
                    if (!valid_graphql_name(c.graphql_name) ||
                        !seen.insert(c.graphql_name).second) {
                        bad.insert(c.name);
                    }
                }
                auto drop = [&](std::vector<std::string>& cols) {
                    std::erase_if(cols, [&](const std::string& c) { return bad.count(c) > 0; });
                };
                if (perms.select) drop(perms.select->columns);
                if (perms.insert) drop(perms.insert->columns);
                if (perms.update) drop(perms.update->columns);
                t->primary_key = ct->primary_key;
                for (const auto& k : t->primary_key) {
                    if (bad.count(k) > 0 || find_column(*ct, k) == nullptr) t->primary_key.clear();
                }
                t->select = std::move(perms.select);
                t->insert = std::move(perms.insert);
                t->update = std::move(perms.update);
                t->del = std::move(perms.del);
                // A select permission that shows no column would give an object type without
                // fields, which GraphQL forbids.
                if (t->select && t->select->columns.empty()) t->select.reset();
                if (!t->select && !t->insert && !t->update && !t->del) continue;
                metas_.push_back(&tm);
                TableInfo* raw = t.get();
                meta_of_.emplace(raw, &tm);
                out_->by_name_.emplace(std::make_pair(source.name, tm.table), raw);
                out_->tables_.push_back(std::move(t));
            }
        }
    }

    bool can_select(const TableInfo& t, std::string_view column) const {
        if (!t.select) return false;
        const auto& cols = t.select->columns;
        return std::find(cols.begin(), cols.end(), column) != cols.end();
    }
    bool selects_pk(const TableInfo& t) const {
        if (t.primary_key.empty() || !t.select) return false;
        return std::all_of(t.primary_key.begin(), t.primary_key.end(),
                           [&](const std::string& k) { return can_select(t, k); });
    }

    void collect_relationships() {
        for (std::size_t i = 0; i < out_->tables_.size(); ++i) {
            TableInfo& t = *out_->tables_[i];
            const metadata::TableMetadata& tm = *metas_[i];
            std::unordered_set<std::string> names;
            for (const auto& c : t.columns) names.insert(c.graphql_name);
            auto add = [&](const metadata::Relationship& r, metadata::RelationshipKind kind) {
                auto info = resolve_relationship(t, r, kind);
                if (!info || !valid_graphql_name(r.name)) return;
                if (!names.insert(r.name).second) return;
                if (kind == metadata::RelationshipKind::kArray &&
                    names.count(r.name + "_aggregate") > 0) {
                    return;
                }
                t.relationships.push_back(std::move(*info));
            };
            for (const auto& r : tm.object_relationships)
                add(r, metadata::RelationshipKind::kObject);
            for (const auto& r : tm.array_relationships) add(r, metadata::RelationshipKind::kArray);
        }
    }

    std::optional<RelationshipInfo> resolve_relationship(const TableInfo& t,
                                                         const metadata::Relationship& r,
                                                         metadata::RelationshipKind kind) {
        RelationshipInfo info;
        info.name = r.name;
        info.kind = kind;
        metadata::TableName remote_name;
        bool nullable = true;
        if (const auto* m = r.manual()) {
            remote_name = m->remote_table;
            info.column_mapping = m->column_mapping;
        } else if (const auto* fk = r.foreign_key()) {
            if (!fk->table || *fk->table == t.name) {
                // The columns are ours: follow our foreign key.
                const catalog::ForeignKey* found = nullptr;
                for (const auto& k : t.catalog->foreign_keys) {
                    if (k.columns == fk->columns) found = &k;
                }
                if (found == nullptr) return std::nullopt;
                remote_name = found->ref_table;
                nullable = false;
                for (std::size_t i = 0; i < found->columns.size(); ++i) {
                    info.column_mapping.emplace_back(found->columns[i], found->ref_columns[i]);
                    const auto* c = find_column(*t.catalog, found->columns[i]);
                    if (c == nullptr || c->nullable) nullable = true;
                }
            } else {
                // The columns are the remote table's, pointing back at us.
                remote_name = *fk->table;
                const TableInfo* remote = out_->table(t.source, remote_name);
                if (remote == nullptr) return std::nullopt;
                const catalog::ForeignKey* found = nullptr;
                for (const auto& k : remote->catalog->foreign_keys) {
                    if (k.columns == fk->columns && k.ref_table == t.name) found = &k;
                }
                if (found == nullptr) return std::nullopt;
                for (std::size_t i = 0; i < found->columns.size(); ++i) {
                    info.column_mapping.emplace_back(found->ref_columns[i], found->columns[i]);
                }
            }
        } else {
            return std::nullopt;
        }
        const TableInfo* remote = out_->table(t.source, remote_name);
        if (remote == nullptr || !remote->select || info.column_mapping.empty()) {
            return std::nullopt;
        }
        for (const auto& [local, rem] : info.column_mapping) {
            if (find_column(*t.catalog, local) == nullptr ||
                find_column(*remote->catalog, rem) == nullptr) {
                return std::nullopt;
            }
        }
        // A permission filter on the remote table can hide the related row.
        info.nullable = nullable || !remote->select->filter.is_true();
        info.remote = remote;
        return info;
    }

    // ---- naming ----

    std::string type_name(Job job, const TableInfo* t, std::string_view scalar = {},
                          AggregateFunction fn = AggregateFunction::kSum) const {
        std::string base = t != nullptr ? t->graphql_name : std::string();
        switch (job) {
            case Job::kScalar:
                return std::string(scalar);
            case Job::kComparison:
                return std::string(scalar) + "_comparison_exp";
            case Job::kJsonbCastExp:
                return "jsonb_cast_exp";
            case Job::kOrderByEnum:
                return "order_by";
            case Job::kCursorOrdering:
                return "cursor_ordering";
            case Job::kObject:
                return base;
            case Job::kAggregate:
                return base + "_aggregate";
            case Job::kAggregateFields:
                return base + "_aggregate_fields";
            case Job::kAggFnFields:
                return base + "_" + std::string(to_string(fn)) + "_fields";
            case Job::kBoolExp:
                return base + "_bool_exp";
            case Job::kAggregateBoolExp:
                return base + "_aggregate_bool_exp";
            case Job::kAggregateBoolExpCount:
                return base + "_aggregate_bool_exp_count";
            case Job::kOrderBy:
                return base + "_order_by";
            case Job::kAggregateOrderBy:
                return base + "_aggregate_order_by";
            case Job::kAggFnOrderBy:
                return base + "_" + std::string(to_string(fn)) + "_order_by";
            case Job::kSelectColumn:
                return base + "_select_column";
            case Job::kPkColumns:
                return base + "_pk_columns_input";
            case Job::kInsertInput:
                return base + "_insert_input";
            case Job::kObjRelInsert:
                return base + "_obj_rel_insert_input";
            case Job::kArrRelInsert:
                return base + "_arr_rel_insert_input";
            case Job::kOnConflict:
                return base + "_on_conflict";
            case Job::kConstraint:
                return base + "_constraint";
            case Job::kUpdateColumn:
                return base + "_update_column";
            case Job::kSetInput:
                return base + "_set_input";
            case Job::kIncInput:
                return base + "_inc_input";
            case Job::kUpdates:
                return base + "_updates";
            case Job::kMutationResponse:
                return base + "_mutation_response";
            case Job::kStreamCursorInput:
                return base + "_stream_cursor_input";
            case Job::kStreamCursorValue:
                return base + "_stream_cursor_value_input";
            case Job::kJsonbOp:
                return base + "_" + std::string(scalar) + "_input";
        }
        return base;
    }

    // The name of a generated type, queued for emission the first time it is referenced.
    std::string ref(Job job, const TableInfo* t, std::string_view scalar = {},
                    AggregateFunction fn = AggregateFunction::kSum) {
        std::string name = type_name(job, t, scalar, fn);
        if (job == Job::kScalar && is_builtin_scalar(name)) return name;
        if (queued_.insert(name).second) {
            queue_.push_back(PendingType{job, t, name, std::string(scalar), fn});
        }
        return name;
    }

    // Map keys are views into strings the RoleSchema owns.
    std::string_view keep(std::string_view s) {
        auto it = interned_.find(s);
        if (it != interned_.end()) return *it;
        out_->names_.push_back(std::make_unique<std::string>(s));
        std::string_view v = *out_->names_.back();
        interned_.insert(v);
        return v;
    }

    void register_field(std::string_view parent, std::string_view field, FieldInfo info) {
        out_->fields_.emplace(RoleSchema::Key{keep(parent), keep(field)}, std::move(info));
    }
    void register_type(std::string_view name, const TableInfo* t) {
        out_->types_.emplace(keep(name), t);
    }
    void register_input(std::string_view name, const TableInfo* t, InputKind kind) {
        out_->inputs_.emplace(keep(name), InputInfo{t, kind});
    }

    // ---- emission helpers: fields sorted by name, as Hasura's introspection lists them ----

    void object(std::string_view name, std::string_view description,
                std::vector<FieldSpec> fields) {
        std::sort(fields.begin(), fields.end(),
                  [](const FieldSpec& a, const FieldSpec& b) { return a.name < b.name; });
        auto tb = gql_.add_object(name, description);
        for (auto& f : fields) {
            tb.field(f.name, f.type, f.description);
            std::sort(f.args.begin(), f.args.end(),
                      [](const ArgSpec& a, const ArgSpec& b) { return a.name < b.name; });
            for (const auto& a : f.args) tb.arg(a.name, a.type, a.default_literal, a.description);
            if (f.info) register_field(name, f.name, std::move(*f.info));
        }
    }

    void input(std::string_view name, std::string_view description, std::vector<ArgSpec> fields) {
        std::sort(fields.begin(), fields.end(),
                  [](const ArgSpec& a, const ArgSpec& b) { return a.name < b.name; });
        auto tb = gql_.add_input_object(name, description);
        for (const auto& f : fields)
            tb.input_field(f.name, f.type, f.default_literal, f.description);
    }

    void enumeration(std::string_view name, std::string_view description,
                     std::vector<std::pair<std::string, std::string>> values) {
        std::sort(values.begin(), values.end());
        auto tb = gql_.add_enum(name, description);
        for (const auto& [v, d] : values) tb.value(v, d);
    }

    // ---- root fields ----

    static std::string root_name(std::string_view key, std::string default_name,
                                 const metadata::TableMetadata& tm, std::string* description) {
        if (!tm.configuration || !tm.configuration->custom_root_fields) return default_name;
        for (const auto& [k, v] : *tm.configuration->custom_root_fields) {
            if (k != key) continue;
            if (v.comment) *description = *v.comment;
            if (v.name) return *v.name;
        }
        return default_name;
    }

    std::vector<ArgSpec> select_args(const TableInfo& t) {
        return {
            {"distinct_on", "[" + ref(Job::kSelectColumn, &t) + "!]", "distinct select on columns"},
            {"limit", "Int", "limit the number of rows returned"},
            {"offset", "Int", "skip the first n rows. Use only in conjunction with order_by"},
            {"order_by", "[" + ref(Job::kOrderBy, &t) + "!]",
             "sort the rows by one or more columns"},
            {"where", ref(Job::kBoolExp, &t), "filter the rows returned"},
        };
    }

    std::vector<ArgSpec> pk_args(const TableInfo& t) {
        std::vector<ArgSpec> args;
        for (const auto& k : t.primary_key) {
            const ColumnInfo* c = t.column(k);
            args.push_back({c->graphql_name, ref(Job::kScalar, &t, c->scalar_name) + "!", ""});
        }
        return args;
    }

    void generate_roots() {
        std::vector<FieldSpec> query, mutation, subscription;
        std::unordered_set<std::string> used;
        for (std::size_t i = 0; i < out_->tables_.size(); ++i) {
            TableInfo& t = *out_->tables_[i];
            const auto& tm = *metas_[i];
            std::string display = quoted(t.name.display());
            auto add = [&](std::vector<FieldSpec>& root, std::string_view root_type,
                           RootKind root_kind, RootFieldKind kind, std::string default_name,
                           std::string description, std::string type, std::vector<ArgSpec> args) {
                std::string key(to_string(kind));
                std::string name = root_name(key, std::move(default_name), tm, &description);
                if (!valid_graphql_name(name)) return;
                std::string used_key = std::string(root_type) + "." + name;
                if (!used.insert(used_key).second) return;
                if (root_kind != RootKind::kSubscription) t.root_field_names[key] = name;
                root.push_back({name, std::move(type), std::move(description), std::move(args),
                                RootField{&t, kind, root_kind}});
            };
            const std::string& b = t.graphql_name;
            if (t.select) {
                const auto& s = *t.select;
                std::string list = "[" + ref(Job::kObject, &t) + "!]!";
                std::string by_pk_desc =
                    "fetch data from the table: " + display + " using primary key columns";
                std::string agg_desc = "fetch aggregated fields from the table: " + display;
                bool by_pk = selects_pk(t);
                if (s.query_select) {
                    add(query, "query_root", RootKind::kQuery, RootFieldKind::kSelect, b,
                        "fetch data from the table: " + display, list, select_args(t));
                }
                if (by_pk && s.query_select_by_pk) {
                    add(query, "query_root", RootKind::kQuery, RootFieldKind::kSelectByPk,
                        b + "_by_pk", by_pk_desc, ref(Job::kObject, &t), pk_args(t));
                }
                if (s.allow_aggregations && s.query_select_aggregate) {
                    add(query, "query_root", RootKind::kQuery, RootFieldKind::kSelectAggregate,
                        b + "_aggregate", agg_desc, ref(Job::kAggregate, &t) + "!", select_args(t));
                }
                if (s.subscription_select) {
                    add(subscription, "subscription_root", RootKind::kSubscription,
                        RootFieldKind::kSelect, b, "fetch data from the table: " + display, list,
                        select_args(t));
                }
                if (by_pk && s.subscription_select_by_pk) {
                    add(subscription, "subscription_root", RootKind::kSubscription,
                        RootFieldKind::kSelectByPk, b + "_by_pk", by_pk_desc, ref(Job::kObject, &t),
                        pk_args(t));
                }
                if (s.allow_aggregations && s.subscription_select_aggregate) {
                    add(subscription, "subscription_root", RootKind::kSubscription,
                        RootFieldKind::kSelectAggregate, b + "_aggregate", agg_desc,
                        ref(Job::kAggregate, &t) + "!", select_args(t));
                }
                if (s.subscription_select) {
                    add(subscription, "subscription_root", RootKind::kSubscription,
                        RootFieldKind::kSelectStream, b + "_stream",
                        "fetch data from the table in a streaming manner: " + display, list,
                        {{"batch_size", "Int!",
                          "maximum number of rows returned in a single batch"},
                         {"cursor", "[" + ref(Job::kStreamCursorInput, &t) + "]!",
                          "cursor to stream the results returned by the query"},
                         {"where", ref(Job::kBoolExp, &t), "filter the rows returned"}});
                }
            }
            if (t.insert && has_insert_fields(t)) {
                std::vector<ArgSpec> many{{"objects", "[" + ref(Job::kInsertInput, &t) + "!]!",
                                           "the rows to be inserted"}};
                std::vector<ArgSpec> one{
                    {"object", ref(Job::kInsertInput, &t) + "!", "the row to be inserted"}};
                if (has_constraints(t)) {
                    many.push_back({"on_conflict", ref(Job::kOnConflict, &t), "upsert condition"});
                    one.push_back({"on_conflict", ref(Job::kOnConflict, &t), "upsert condition"});
                }
                add(mutation, "mutation_root", RootKind::kMutation, RootFieldKind::kInsert,
                    "insert_" + b, "insert data into the table: " + display,
                    ref(Job::kMutationResponse, &t), std::move(many));
                if (t.select) {
                    add(mutation, "mutation_root", RootKind::kMutation, RootFieldKind::kInsertOne,
                        "insert_" + b + "_one", "insert a single row into the table: " + display,
                        ref(Job::kObject, &t), std::move(one));
                }
            }
            if (t.update) {
                std::vector<ArgSpec> ops = update_ops(t);
                std::vector<ArgSpec> args = ops;
                args.push_back({"where", ref(Job::kBoolExp, &t) + "!",
                                "filter the rows which have to be updated"});
                add(mutation, "mutation_root", RootKind::kMutation, RootFieldKind::kUpdate,
                    "update_" + b, "update data of the table: " + display,
                    ref(Job::kMutationResponse, &t), std::move(args));
                if (selects_pk(t)) {
                    std::vector<ArgSpec> pk = ops;
                    pk.push_back({"pk_columns", ref(Job::kPkColumns, &t) + "!", ""});
                    add(mutation, "mutation_root", RootKind::kMutation, RootFieldKind::kUpdateByPk,
                        "update_" + b + "_by_pk", "update single row of the table: " + display,
                        ref(Job::kObject, &t), std::move(pk));
                }
                add(mutation, "mutation_root", RootKind::kMutation, RootFieldKind::kUpdateMany,
                    "update_" + b + "_many", "update multiples rows of table: " + display,
                    "[" + ref(Job::kMutationResponse, &t) + "]",
                    {{"updates", "[" + ref(Job::kUpdates, &t) + "!]!",
                      "updates to execute, in order"}});
            }
            if (t.del) {
                add(mutation, "mutation_root", RootKind::kMutation, RootFieldKind::kDelete,
                    "delete_" + b, "delete data from the table: " + display,
                    ref(Job::kMutationResponse, &t),
                    {{"where", ref(Job::kBoolExp, &t) + "!",
                      "filter the rows which have to be deleted"}});
                if (selects_pk(t)) {
                    add(mutation, "mutation_root", RootKind::kMutation, RootFieldKind::kDeleteByPk,
                        "delete_" + b + "_by_pk", "delete single row from the table: " + display,
                        ref(Job::kObject, &t), pk_args(t));
                }
            }
        }
        if (query.empty()) {
            // GraphQL needs a field on the query root; Hasura shows this one.
            query.push_back({"no_queries_available",
                             "String!",
                             "There are no queries available to the current role either because "
                             "there are no sources or remote schemas or there are no queries "
                             "available in the sources or remote schemas",
                             {},
                             std::nullopt});
        }
        object("query_root", "", std::move(query));
        gql_.set_query_type("query_root");
        if (!mutation.empty()) {
            object("mutation_root", "mutation root", std::move(mutation));
            gql_.set_mutation_type("mutation_root");
        }
        if (!subscription.empty()) {
            object("subscription_root", "", std::move(subscription));
            gql_.set_subscription_type("subscription_root");
        }
    }

    // An input object needs a field: a role whose every column is preset cannot insert.
    static bool has_insert_fields(const TableInfo& t) {
        if (!t.insert->columns.empty()) return true;
        return std::any_of(t.relationships.begin(), t.relationships.end(),
                           [](const RelationshipInfo& r) { return r.remote->insert.has_value(); });
    }

    bool has_constraints(const TableInfo& t) const {
        return !t.primary_key.empty() || !t.catalog->unique_constraints.empty();
    }

    std::vector<ArgSpec> update_ops(const TableInfo& t) {
        std::vector<ArgSpec> ops;
        // With every updatable column preset there is nothing to _set; presets still apply.
        if (!t.update->columns.empty()) {
            ops.push_back({"_set", ref(Job::kSetInput, &t),
                           "sets the columns of the filtered rows to the given values"});
        }
        if (has_inc(t)) {
            ops.push_back(
                {"_inc", ref(Job::kIncInput, &t),
                 "increments the numeric columns with given value of the filtered values"});
        }
        if (has_jsonb_update(t)) {
            for (const auto& o : kJsonbOps) {
                ops.push_back({"_" + std::string(o.op), ref(Job::kJsonbOp, &t, o.op),
                               std::string(o.description)});
            }
        }
        return ops;
    }

    bool has_jsonb_update(const TableInfo& t) const {
        if (!t.update) return false;
        return std::any_of(
            t.update->columns.begin(), t.update->columns.end(),
            [&](const std::string& c) { return t.column(c)->scalar == ScalarType::kJsonb; });
    }

    bool has_inc(const TableInfo& t) const {
        if (!t.update) return false;
        for (const auto& c : t.update->columns) {
            if (is_numeric(t.column(c)->scalar)) return true;
        }
        return false;
    }

    // Columns the role may select, in table order; computed once per table.
    struct ColumnGroups {
        std::vector<const ColumnInfo*> selectable, numeric, comparable;
    };
    const ColumnGroups& groups(const TableInfo& t) {
        auto [it, inserted] = groups_.try_emplace(&t);
        if (!inserted || !t.select) return it->second;
        for (const auto& c : t.columns) {
            if (!can_select(t, c.name)) continue;
            it->second.selectable.push_back(&c);
            if (is_numeric(c.scalar)) it->second.numeric.push_back(&c);
            if (is_comparable(c.scalar)) it->second.comparable.push_back(&c);
        }
        return it->second;
    }
    const std::vector<const ColumnInfo*>& selectable(const TableInfo& t) {
        return groups(t).selectable;
    }

    // ---- emission per type ----

    void emit(const PendingType& p) {
        const TableInfo* t = p.table;
        std::string display = t != nullptr ? quoted(t->name.display()) : std::string();
        switch (p.job) {
            case Job::kScalar:
                gql_.add_scalar(p.name);
                return;
            case Job::kComparison:
                emit_comparison(p.name, p.scalar);
                return;
            case Job::kJsonbCastExp:
                input(p.name, "", {{"String", ref(Job::kComparison, nullptr, "String"), ""}});
                return;
            case Job::kOrderByEnum:
                enumeration(p.name, "column ordering options",
                            {{"asc", "in ascending order, nulls last"},
                             {"asc_nulls_first", "in ascending order, nulls first"},
                             {"asc_nulls_last", "in ascending order, nulls last"},
                             {"desc", "in descending order, nulls first"},
                             {"desc_nulls_first", "in descending order, nulls first"},
                             {"desc_nulls_last", "in descending order, nulls last"}});
                return;
            case Job::kCursorOrdering:
                enumeration(p.name, "ordering argument of a cursor",
                            {{"ASC", "ascending ordering of the cursor"},
                             {"DESC", "descending ordering of the cursor"}});
                return;
            case Job::kObject:
                emit_object(p.name, *t);
                return;
            case Job::kAggregate:
                register_type(p.name, t);
                object(p.name, "aggregated selection of " + display,
                       {{"aggregate",
                         ref(Job::kAggregateFields, t),
                         "",
                         {},
                         AggregateRootField{t, AggregateRootField::Kind::kAggregate}},
                        {"nodes",
                         "[" + ref(Job::kObject, t) + "!]!",
                         "",
                         {},
                         AggregateRootField{t, AggregateRootField::Kind::kNodes}}});
                return;
            case Job::kAggregateFields:
                emit_aggregate_fields(p.name, *t);
                return;
            case Job::kAggFnFields:
                emit_fn_fields(p.name, *t, p.fn);
                return;
            case Job::kBoolExp:
                emit_bool_exp(p.name, *t);
                return;
            case Job::kAggregateBoolExp:
                input(p.name, "", {{"count", ref(Job::kAggregateBoolExpCount, t), ""}});
                return;
            case Job::kAggregateBoolExpCount:
                input(p.name, "",
                      {{"arguments", "[" + ref(Job::kSelectColumn, t) + "!]", ""},
                       {"distinct", "Boolean", ""},
                       {"filter", ref(Job::kBoolExp, t), ""},
                       {"predicate", ref(Job::kComparison, nullptr, "Int") + "!", ""}});
                return;
            case Job::kOrderBy:
                emit_order_by(p.name, *t);
                return;
            case Job::kAggregateOrderBy:
                emit_aggregate_order_by(p.name, *t);
                return;
            case Job::kAggFnOrderBy: {
                register_input(p.name, t, InputKind::kAggregateOrderBy);
                std::vector<ArgSpec> fields;
                std::string order = ref(Job::kOrderByEnum, nullptr);
                for (const auto* c : fn_columns(*t, p.fn)) {
                    fields.push_back({c->graphql_name, order, ""});
                }
                input(p.name,
                      "order by " + std::string(to_string(p.fn)) + "() on columns of table " +
                          display,
                      std::move(fields));
                return;
            }
            case Job::kSelectColumn: {
                std::vector<std::pair<std::string, std::string>> values;
                for (const auto* c : selectable(*t))
                    values.emplace_back(c->graphql_name, "column name");
                enumeration(p.name, "select columns of table " + display, std::move(values));
                return;
            }
            case Job::kPkColumns: {
                register_input(p.name, t, InputKind::kPkColumns);
                std::vector<ArgSpec> fields;
                for (const auto& k : t->primary_key) {
                    const ColumnInfo* c = t->column(k);
                    fields.push_back(
                        {c->graphql_name, ref(Job::kScalar, t, c->scalar_name) + "!", ""});
                }
                input(p.name, "primary key columns input for table: " + t->name.display(),
                      std::move(fields));
                return;
            }
            case Job::kInsertInput:
                emit_insert_input(p.name, *t);
                return;
            case Job::kObjRelInsert:
            case Job::kArrRelInsert: {
                bool obj = p.job == Job::kObjRelInsert;
                register_input(p.name, t,
                               obj ? InputKind::kObjRelInsertInput : InputKind::kArrRelInsertInput);
                std::string data = ref(Job::kInsertInput, t) + "!";
                if (!obj) data = "[" + data + "]!";
                std::vector<ArgSpec> fields{{"data", data, ""}};
                if (has_constraints(*t)) {
                    fields.push_back({"on_conflict", ref(Job::kOnConflict, t), "upsert condition"});
                }
                input(p.name,
                      std::string("input type for inserting ") + (obj ? "object" : "array") +
                          " relation for remote table " + display,
                      std::move(fields));
                return;
            }
            case Job::kOnConflict:
                register_input(p.name, t, InputKind::kOnConflict);
                input(p.name, "on_conflict condition type for table " + display,
                      {{"constraint", ref(Job::kConstraint, t) + "!", ""},
                       {"update_columns", "[" + ref(Job::kUpdateColumn, t) + "!]!", "", "[]"},
                       {"where", ref(Job::kBoolExp, t), ""}});
                return;
            case Job::kConstraint:
                emit_constraint(p.name, *t);
                return;
            case Job::kUpdateColumn: {
                std::vector<std::pair<std::string, std::string>> values;
                if (t->update) {
                    for (const auto& c : t->update->columns) {
                        values.emplace_back(t->column(c)->graphql_name, "column name");
                    }
                }
                if (values.empty()) {
                    enumeration(p.name,
                                "placeholder for update columns of table " + display +
                                    " (current role has no relevant permissions)",
                                {{"_PLACEHOLDER", "placeholder (do not use)"}});
                } else {
                    enumeration(p.name, "update columns of table " + display, std::move(values));
                }
                return;
            }
            case Job::kSetInput:
            case Job::kIncInput: {
                bool inc = p.job == Job::kIncInput;
                register_input(p.name, t, inc ? InputKind::kIncInput : InputKind::kSetInput);
                std::vector<ArgSpec> fields;
                for (const auto& name : t->update->columns) {
                    const ColumnInfo* c = t->column(name);
                    if (inc && !is_numeric(c->scalar)) continue;
                    fields.push_back({c->graphql_name, ref(Job::kScalar, t, c->scalar_name), ""});
                }
                input(p.name,
                      inc ? "input type for incrementing numeric columns in table " + display
                          : "input type for updating data in table " + display,
                      std::move(fields));
                return;
            }
            case Job::kUpdates: {
                register_input(p.name, t, InputKind::kUpdates);
                std::vector<ArgSpec> fields = update_ops(*t);
                fields.push_back({"where", ref(Job::kBoolExp, t) + "!",
                                  "filter the rows which have to be updated"});
                input(p.name, "", std::move(fields));
                return;
            }
            case Job::kMutationResponse: {
                register_type(p.name, t);
                std::vector<FieldSpec> fields{
                    {"affected_rows",
                     "Int!",
                     "number of rows affected by the mutation",
                     {},
                     MutationResponseField{t, MutationResponseField::Kind::kAffectedRows}}};
                if (t->select) {
                    fields.push_back(
                        {"returning",
                         "[" + ref(Job::kObject, t) + "!]!",
                         "data from the rows affected by the mutation",
                         {},
                         MutationResponseField{t, MutationResponseField::Kind::kReturning}});
                }
                object(p.name, "response of any mutation on the table " + display,
                       std::move(fields));
                return;
            }
            case Job::kStreamCursorInput:
                register_input(p.name, t, InputKind::kStreamCursorInput);
                input(p.name, "Streaming cursor of the table " + display,
                      {{"initial_value", ref(Job::kStreamCursorValue, t) + "!",
                        "Stream column input with initial value"},
                       {"ordering", ref(Job::kCursorOrdering, nullptr), "cursor ordering"}});
                return;
            case Job::kJsonbOp: {
                const JsonbOp* op = find_jsonb_op(p.scalar);
                register_input(p.name, t, op->kind);
                std::vector<ArgSpec> fields;
                std::string field_type(op->field_type);
                if (field_type == "jsonb") field_type = ref(Job::kScalar, t, "jsonb");
                for (const auto& name : t->update->columns) {
                    const ColumnInfo* c = t->column(name);
                    if (c->scalar == ScalarType::kJsonb) {
                        fields.push_back({c->graphql_name, field_type, ""});
                    }
                }
                input(p.name, op->description, std::move(fields));
                return;
            }
            case Job::kStreamCursorValue: {
                register_input(p.name, t, InputKind::kStreamCursorValue);
                std::vector<ArgSpec> fields;
                for (const auto* c : selectable(*t)) {
                    fields.push_back({c->graphql_name, ref(Job::kScalar, t, c->scalar_name), ""});
                }
                input(p.name, "Initial value of the column from where the streaming should start",
                      std::move(fields));
                return;
            }
        }
    }

    void emit_comparison(const std::string& name, const std::string& scalar) {
        std::string s = ref(Job::kScalar, nullptr, scalar);
        std::string list = "[" + s + "!]";
        std::vector<ArgSpec> f{{"_eq", s, ""},
                               {"_gt", s, ""},
                               {"_gte", s, ""},
                               {"_in", list, ""},
                               {"_is_null", "Boolean", ""},
                               {"_lt", s, ""},
                               {"_lte", s, ""},
                               {"_neq", s, ""},
                               {"_nin", list, ""}};
        if (scalar == "String" || scalar == "bpchar" || scalar == "citext") {
            f.push_back({"_ilike", s, "does the column match the given case-insensitive pattern"});
            f.push_back({"_iregex", s,
                         "does the column match the given POSIX regular expression, case "
                         "insensitive"});
            f.push_back({"_like", s, "does the column match the given pattern"});
            f.push_back(
                {"_nilike", s, "does the column NOT match the given case-insensitive pattern"});
            f.push_back({"_niregex", s,
                         "does the column NOT match the given POSIX regular expression, case "
                         "insensitive"});
            f.push_back({"_nlike", s, "does the column NOT match the given pattern"});
            f.push_back({"_nregex", s,
                         "does the column NOT match the given POSIX regular expression, case "
                         "sensitive"});
            f.push_back(
                {"_nsimilar", s, "does the column NOT match the given SQL regular expression"});
            f.push_back(
                {"_regex", s,
                 "does the column match the given POSIX regular expression, case sensitive"});
            f.push_back({"_similar", s, "does the column match the given SQL regular expression"});
        }
        if (scalar == "jsonb") {
            f.push_back({"_cast", ref(Job::kJsonbCastExp, nullptr), ""});
            f.push_back({"_contained_in", s, "is the column contained in the given json value"});
            f.push_back(
                {"_contains", s, "does the column contain the given json value at the top level"});
            f.push_back(
                {"_has_key", "String", "does the string exist as a top-level key in the column"});
            f.push_back({"_has_keys_all", "[String!]",
                         "do all of these strings exist as top-level keys in the column"});
            f.push_back({"_has_keys_any", "[String!]",
                         "do any of these strings exist as top-level keys in the column"});
        }
        input(name,
              "Boolean expression to compare columns of type " + quoted(scalar) +
                  ". All fields are combined with logical 'AND'.",
              std::move(f));
    }

    void emit_object(const std::string& name, const TableInfo& t) {
        register_type(name, &t);
        std::vector<FieldSpec> fields;
        for (const auto* c : selectable(t)) {
            std::string type = ref(Job::kScalar, &t, c->scalar_name);
            // A column an inherited role sees only sometimes can come back null.
            bool conditional = t.select->column_filters.count(c->name) > 0;
            if (!c->nullable && !conditional) type += "!";
            fields.push_back(
                {c->graphql_name, type, column_comment(t, c->name), {}, ColumnField{&t, c}});
        }
        for (const auto& r : t.relationships) {
            const TableInfo& remote = *r.remote;
            if (r.kind == metadata::RelationshipKind::kObject) {
                std::string type = ref(Job::kObject, &remote);
                if (!r.nullable) type += "!";
                fields.push_back(
                    {r.name, type, "An object relationship", {}, RelationshipField{&t, &r, false}});
                continue;
            }
            fields.push_back({r.name, "[" + ref(Job::kObject, &remote) + "!]!",
                              "An array relationship", select_args(remote),
                              RelationshipField{&t, &r, false}});
            if (remote.select->allow_aggregations) {
                fields.push_back({r.name + "_aggregate", ref(Job::kAggregate, &remote) + "!",
                                  "An aggregate relationship", select_args(remote),
                                  RelationshipField{&t, &r, true}});
            }
        }
        std::string description = "columns and relationships of " + quoted(t.name.display());
        const auto* tm = table_meta(t);
        if (tm != nullptr && tm->configuration && tm->configuration->comment) {
            description = *tm->configuration->comment;
        }
        object(name, description, std::move(fields));
    }

    const metadata::TableMetadata* table_meta(const TableInfo& t) const {
        auto it = meta_of_.find(&t);
        return it == meta_of_.end() ? nullptr : it->second;
    }

    std::string column_comment(const TableInfo& t, std::string_view column) const {
        const auto* tm = table_meta(t);
        if (tm == nullptr || !tm->configuration || !tm->configuration->column_config) return {};
        for (const auto& [name, cfg] : *tm->configuration->column_config) {
            if (name == column && cfg.comment) return *cfg.comment;
        }
        return {};
    }

    const std::vector<const ColumnInfo*>& fn_columns(const TableInfo& t, AggregateFunction fn) {
        bool minmax = fn == AggregateFunction::kMax || fn == AggregateFunction::kMin;
        return minmax ? groups(t).comparable : groups(t).numeric;
    }

    // The result scalar of `fn` over a column: sum keeps the column type, max/min too, the
    // statistical functions give Float.
    std::string fn_type(const TableInfo& t, AggregateFunction fn, const ColumnInfo& c) {
        if (fn == AggregateFunction::kSum || fn == AggregateFunction::kMax ||
            fn == AggregateFunction::kMin) {
            return ref(Job::kScalar, &t, c.scalar_name);
        }
        return "Float";
    }

    void emit_aggregate_fields(const std::string& name, const TableInfo& t) {
        register_type(name, &t);
        std::vector<FieldSpec> fields;
        fields.push_back({"count",
                          "Int!",
                          "",
                          {{"columns", "[" + ref(Job::kSelectColumn, &t) + "!]", ""},
                           {"distinct", "Boolean", ""}},
                          AggregateField{&t, AggregateFunction::kCount}});
        for (auto fn : {AggregateFunction::kMax, AggregateFunction::kMin}) {
            if (fn_columns(t, fn).empty()) continue;
            fields.push_back({std::string(to_string(fn)),
                              ref(Job::kAggFnFields, &t, {}, fn),
                              "",
                              {},
                              AggregateField{&t, fn}});
        }
        if (!fn_columns(t, AggregateFunction::kSum).empty()) {
            for (auto fn : kNumericFunctions) {
                fields.push_back({std::string(to_string(fn)),
                                  ref(Job::kAggFnFields, &t, {}, fn),
                                  "",
                                  {},
                                  AggregateField{&t, fn}});
            }
        }
        object(name, "aggregate fields of " + quoted(t.name.display()), std::move(fields));
    }

    void emit_fn_fields(const std::string& name, const TableInfo& t, AggregateFunction fn) {
        register_type(name, &t);
        std::vector<FieldSpec> fields;
        for (const auto* c : fn_columns(t, fn)) {
            fields.push_back(
                {c->graphql_name, fn_type(t, fn, *c), "", {}, AggregateColumnField{&t, fn, c}});
        }
        object(name, "aggregate " + std::string(to_string(fn)) + " on columns", std::move(fields));
    }

    void emit_bool_exp(const std::string& name, const TableInfo& t) {
        register_input(name, &t, InputKind::kBoolExp);
        std::vector<ArgSpec> fields{
            {"_and", "[" + name + "!]", ""}, {"_not", name, ""}, {"_or", "[" + name + "!]", ""}};
        for (const auto* c : selectable(t)) {
            fields.push_back({c->graphql_name, ref(Job::kComparison, nullptr, c->scalar_name), ""});
        }
        for (const auto& r : t.relationships) {
            fields.push_back({r.name, ref(Job::kBoolExp, r.remote), ""});
            if (r.kind == metadata::RelationshipKind::kArray &&
                r.remote->select->allow_aggregations) {
                fields.push_back(
                    {r.name + "_aggregate", ref(Job::kAggregateBoolExp, r.remote), ""});
            }
        }
        input(name,
              "Boolean expression to filter rows from the table " + quoted(t.name.display()) +
                  ". All fields are combined with a logical 'AND'.",
              std::move(fields));
    }

    void emit_order_by(const std::string& name, const TableInfo& t) {
        register_input(name, &t, InputKind::kOrderBy);
        std::string order = ref(Job::kOrderByEnum, nullptr);
        std::vector<ArgSpec> fields;
        for (const auto* c : selectable(t)) fields.push_back({c->graphql_name, order, ""});
        for (const auto& r : t.relationships) {
            if (r.kind == metadata::RelationshipKind::kObject) {
                fields.push_back({r.name, ref(Job::kOrderBy, r.remote), ""});
            } else if (r.remote->select->allow_aggregations) {
                fields.push_back(
                    {r.name + "_aggregate", ref(Job::kAggregateOrderBy, r.remote), ""});
            }
        }
        input(name, "Ordering options when selecting data from " + quoted(t.name.display()) + ".",
              std::move(fields));
    }

    void emit_aggregate_order_by(const std::string& name, const TableInfo& t) {
        register_input(name, &t, InputKind::kAggregateOrderBy);
        std::vector<ArgSpec> fields{{"count", ref(Job::kOrderByEnum, nullptr), ""}};
        for (auto fn : {AggregateFunction::kMax, AggregateFunction::kMin}) {
            if (fn_columns(t, fn).empty()) continue;
            fields.push_back({std::string(to_string(fn)), ref(Job::kAggFnOrderBy, &t, {}, fn), ""});
        }
        if (!fn_columns(t, AggregateFunction::kSum).empty()) {
            for (auto fn : kNumericFunctions) {
                fields.push_back(
                    {std::string(to_string(fn)), ref(Job::kAggFnOrderBy, &t, {}, fn), ""});
            }
        }
        input(name, "order by aggregate values of table " + quoted(t.name.display()),
              std::move(fields));
    }

    void emit_insert_input(const std::string& name, const TableInfo& t) {
        register_input(name, &t, InputKind::kInsertInput);
        std::vector<ArgSpec> fields;
        for (const auto& col : t.insert->columns) {
            const ColumnInfo* c = t.column(col);
            fields.push_back({c->graphql_name, ref(Job::kScalar, &t, c->scalar_name), ""});
        }
        for (const auto& r : t.relationships) {
            if (!r.remote->insert) continue;
            bool obj = r.kind == metadata::RelationshipKind::kObject;
            fields.push_back(
                {r.name, ref(obj ? Job::kObjRelInsert : Job::kArrRelInsert, r.remote), ""});
        }
        input(name, "input type for inserting data into table " + quoted(t.name.display()),
              std::move(fields));
    }

    void emit_constraint(const std::string& name, const TableInfo& t) {
        std::vector<std::pair<std::string, std::string>> values;
        auto describe = [&](const std::vector<std::string>& cols) {
            std::string d = "unique or primary key constraint on columns ";
            for (std::size_t i = 0; i < cols.size(); ++i) {
                if (i > 0) d += ", ";
                d += quoted(cols[i]);
            }
            return d;
        };
        std::unordered_set<std::string> seen;
        if (!t.primary_key.empty()) {
            std::string pk = t.catalog->primary_key_constraint;
            if (pk.empty()) pk = t.name.name + "_pkey";
            if (valid_graphql_name(pk) && seen.insert(pk).second) {
                values.emplace_back(pk, describe(t.primary_key));
            }
        }
        for (const auto& u : t.catalog->unique_constraints) {
            if (valid_graphql_name(u.name) && seen.insert(u.name).second) {
                values.emplace_back(u.name, describe(u.columns));
            }
        }
        if (values.empty()) values.emplace_back("_PLACEHOLDER", "placeholder (do not use)");
        enumeration(name, "unique or primary key constraints on table " + quoted(t.name.display()),
                    std::move(values));
    }

    const metadata::Metadata& md_;
    const catalog::Catalogs& catalogs_;
    std::string role_;
    PermissionResolver resolver_;
    std::unique_ptr<RoleSchema> out_;
    std::vector<const metadata::TableMetadata*> metas_;  // parallel to out_->tables_
    graphql::SchemaBuilder gql_;
    std::deque<PendingType> queue_;
    std::unordered_set<std::string> queued_;
    std::unordered_set<std::string_view> interned_;
    std::unordered_map<const TableInfo*, const metadata::TableMetadata*> meta_of_;
    std::unordered_map<const TableInfo*, ColumnGroups> groups_;
};

core::Result<std::shared_ptr<const RoleSchema>> build_role_schema(
    const metadata::Metadata& metadata, const catalog::Catalogs& catalogs, std::string_view role,
    bool backend_only) {
    RoleSchemaBuilder builder(metadata, catalogs, role, backend_only);
    return builder.build();
}

namespace {

core::Result<std::shared_ptr<const RoleSchema>> build_with(
    const metadata::Metadata& metadata, const catalog::Catalogs& catalogs, std::string_view role,
    bool backend_only, const std::shared_ptr<const RoleSchema>& tracked) {
    RoleSchemaBuilder builder(metadata, catalogs, role, backend_only, tracked);
    return builder.build();
}

}  // namespace

core::Result<std::shared_ptr<const Snapshot>> build_snapshot(const metadata::Metadata& metadata,
                                                             const catalog::Catalogs& catalogs) {
    std::set<std::string, std::less<>> roles{std::string(kAdminRole)};
    std::set<std::string, std::less<>> backend_roles;
    for (const auto& source : metadata.sources) {
        for (const auto& t : source.tables) {
            for (const auto& p : t.select_permissions) roles.insert(p.role);
            for (const auto& p : t.insert_permissions) {
                roles.insert(p.role);
                if (p.permission.is_backend_only()) backend_roles.insert(p.role);
            }
            for (const auto& p : t.update_permissions) {
                roles.insert(p.role);
                if (p.permission.is_backend_only()) backend_roles.insert(p.role);
            }
            for (const auto& p : t.delete_permissions) {
                roles.insert(p.role);
                if (p.permission.is_backend_only()) backend_roles.insert(p.role);
            }
        }
    }
    for (const auto& r : metadata.inherited_roles) roles.insert(r.role_name);
    // An inherited role whose parents have backend-only permissions needs both variants too.
    for (const auto& r : metadata.inherited_roles) {
        for (const auto& parent : r.role_set) {
            if (backend_roles.count(parent) > 0) backend_roles.insert(r.role_name);
        }
    }
    auto snapshot = std::make_shared<Snapshot>();
    // One view of the tracked tables serves every role's permission filters.
    auto tracked = RoleSchemaBuilder::build_tracked(metadata, catalogs);
    for (const auto& role : roles) {
        auto built = build_with(metadata, catalogs, role, false, tracked);
        if (!built) return built.error();
        if (role != kAdminRole && (*built)->tables().empty()) continue;
        snapshot->roles_.emplace(role, std::move(built).value());
    }
    for (const auto& role : backend_roles) {
        auto built = build_with(metadata, catalogs, role, true, tracked);
        if (!built) return built.error();
        if ((*built)->tables().empty()) continue;
        snapshot->backend_roles_.emplace(role, std::move(built).value());
    }
    // The schema of a role with no permission: built from nothing, so it holds no tables.
    metadata::Metadata none;
    auto empty = build_role_schema(none, catalogs, "", false);
    if (!empty) return empty.error();
    snapshot->empty_ = std::move(empty).value();
    return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

}  // namespace ward::engine::schema

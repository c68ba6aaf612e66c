// update_<t>, update_<t>_by_pk, update_<t>_many: _set/_inc slots on columns the role may
// update, presets from the permission's `set` (they win), the update filter ANDed into where, the
// post-update check, and the mutation response under the select permission.
#include <algorithm>
#include <utility>

#include "engine/plan/planner.hpp"

namespace ward::engine::plan::detail {

namespace {

PlanResult<bool> column_updates(Planner& p, const schema::TableInfo& table, const Input& in,
                                UpdateOp op, std::string_view input_type,
                                std::vector<ColumnUpdate>& out) {
    if (!in.present() || in.value->is_null()) return true;
    for (const auto& key : p.keys(in)) {
        Input v = p.child(in, key);
        const schema::ColumnInfo* c = table.column_by_graphql_name(key);
        const auto& cols = table.update->columns;
        if (c == nullptr || std::find(cols.begin(), cols.end(), c->name) == cols.end()) {
            return validation_failed("field \"" + key + "\" not found in type: '" +
                                         table.graphql_name + std::string(input_type) + "'",
                                     v.path);
        }
        ColumnUpdate u;
        u.column = Planner::column_ref(table, *c);
        u.op = op;
        Param param;
        param.type = c->scalar;
        param.db_type = u.column.db_type;
        param.nullable = op == UpdateOp::kSet;
        if (!param.nullable && v.value->is_null() && !v.origin) {
            return validation_failed("unexpected null value for type \"" + c->scalar_name + "\"",
                                     v.path);
        }
        param.source = p.source_of(v);
        u.value = p.add(std::move(param));
        out.push_back(std::move(u));
    }
    return true;
}

}  // namespace

PlanResult<Update> Planner::update(const schema::TableInfo& table, const UpdateArgs& args,
                                   const std::vector<graphql::CollectedField>& selections,
                                   bool by_pk, std::string_view path) {
    if (!table.update) {
        return PlanError{"permission-error",
                         "no update permission on table " + table.name.display(),
                         std::string(path)};
    }
    const schema::UpdatePermission& perm = *table.update;
    Update out;
    out.table = table_ref(table);
    WARD_TRY(auto ok1,
             column_updates(*this, table, args.set, UpdateOp::kSet, "_set_input", out.updates));
    WARD_TRY(auto ok2,
             column_updates(*this, table, args.inc, UpdateOp::kInc, "_inc_input", out.updates));
    (void)ok1;
    (void)ok2;
    if (out.updates.empty() && perm.set.empty()) {
        return validation_failed("at least any one of _set, _inc is expected", std::string(path));
    }
    for (const auto& [name, value] : perm.set) {
        const schema::ColumnInfo* c = table.column(name);
        if (c == nullptr) continue;
        ColumnUpdate u;
        u.column = column_ref(table, *c);
        u.op = UpdateOp::kSet;
        Param param;
        param.type = c->scalar;
        param.db_type = u.column.db_type;
        param.source = source_of(value);
        u.value = add(std::move(param));
        out.updates.push_back(std::move(u));
    }
    std::vector<Filter> filters;
    WARD_TRY(auto permission, permission_filter(table, perm.filter, path));
    filters.push_back(std::move(permission));
    if (by_pk) {
        WARD_TRY(auto pk, pk_filter(table, [&](std::string_view name) {
                     return child(args.pk_columns, name);
                 }));
        filters.push_back(std::move(pk));
    } else {
        WARD_TRY(auto where, where_filter(table, args.where));
        filters.push_back(std::move(where));
    }
    out.where = and_of(std::move(filters));
    if (perm.check) {
        WARD_TRY(auto check, permission_filter(table, *perm.check, path));
        out.check = std::move(check);
    }
    WARD_TRY(auto output, mutation_output(table, selections, by_pk, path));
    out.output = std::move(output);
    return out;
}

PlanResult<UpdateMany> Planner::update_many(const schema::TableInfo& table,
                                            const graphql::CollectedField& field,
                                            std::string_view path) {
    UpdateMany out;
    for (const auto& entry : items_of(argument(field, "updates", path))) {
        UpdateArgs args{child(entry, "where"), child(entry, "_set"), child(entry, "_inc"), {}};
        WARD_TRY(auto u, update(table, args, field.selections, false, entry.path));
        out.updates.push_back(std::move(u));
    }
    return out;
}

}  // namespace ward::engine::plan::detail

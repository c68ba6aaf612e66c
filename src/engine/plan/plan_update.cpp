// update_<t>, update_<t>_by_pk, update_<t>_many: _set/_inc slots on columns the role may
// update, presets from the permission's `set` (they win), the update filter ANDed into where, the
// post-update check, and the mutation response under the select permission.
#include <algorithm>
#include <iterator>
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
        const bool jsonb_op = op != UpdateOp::kSet && op != UpdateOp::kInc;
        if (jsonb_op && c->scalar != catalog::ScalarType::kJsonb) {
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
        // _delete_key takes a key, _delete_elem an index, _delete_at_path a path of keys.
        if (op == UpdateOp::kDeleteKey || op == UpdateOp::kDeleteAtPath) {
            param.type = catalog::ScalarType::kString;
            param.db_type = "text";
            param.array = op == UpdateOp::kDeleteAtPath;
        } else if (op == UpdateOp::kDeleteElem) {
            param.type = catalog::ScalarType::kInt;
            param.db_type = "int4";
        }
        param.nullable = op == UpdateOp::kSet;
        if (!param.nullable && v.value->is_null() && !v.origin) {
            return validation_failed("unexpected null value for type \"" + c->scalar_name + "\"",
                                     v.path);
        }
        param.source = param.array ? p.list_source_of(v) : p.source_of(v);
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
    // jsonb operators (Hasura's _append, _prepend, _delete_key, _delete_elem, _delete_at_path).
    const std::pair<const Input*, UpdateOp> jsonb_ops[] = {
        {&args.append, UpdateOp::kAppend},
        {&args.prepend, UpdateOp::kPrepend},
        {&args.delete_key, UpdateOp::kDeleteKey},
        {&args.delete_elem, UpdateOp::kDeleteElem},
        {&args.delete_at_path, UpdateOp::kDeleteAtPath},
    };
    const std::string_view jsonb_types[] = {"_append_input", "_prepend_input", "_delete_key_input",
                                            "_delete_elem_input", "_delete_at_path_input"};
    for (std::size_t i = 0; i < std::size(jsonb_ops); ++i) {
        WARD_TRY(auto ok, column_updates(*this, table, *jsonb_ops[i].first, jsonb_ops[i].second,
                                         jsonb_types[i], out.updates));
        (void)ok;
    }
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
        args.append = child(entry, "_append");
        args.prepend = child(entry, "_prepend");
        args.delete_key = child(entry, "_delete_key");
        args.delete_elem = child(entry, "_delete_elem");
        args.delete_at_path = child(entry, "_delete_at_path");
        WARD_TRY(auto u, update(table, args, field.selections, false, entry.path));
        out.updates.push_back(std::move(u));
    }
    return out;
}

}  // namespace ward::engine::plan::detail

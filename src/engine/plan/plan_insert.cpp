// insert_<t> / insert_<t>_one: rows of Param slots (columns the role may insert, presets from the
// permission's `set` over them), on_conflict under the update permission, the insert check, and
// the mutation response read back under the select permission.
#include <algorithm>
#include <map>
#include <utility>

#include "engine/plan/planner.hpp"

namespace ward::engine::plan::detail {

PlanResult<MutationOutput> Planner::mutation_output(
    const schema::TableInfo& table, const std::vector<graphql::CollectedField>& selections,
    bool single, std::string_view path) {
    MutationOutput out;
    out.single = single;
    if (table.select) {
        WARD_TRY(auto f, select_filter(table));
        out.returning_filter = std::move(f);
    }
    if (single) {
        WARD_TRY(auto fields, output_fields(table, selections, path));
        out.row_fields = std::move(fields);
        return out;
    }
    for (const auto& f : selections) {
        MutationOutputField mf;
        mf.key = std::string(f.response_key);
        std::string fpath = std::string(path) + "." + mf.key;
        std::string_view name = f.definition->name;
        std::string_view parent = f.parent_type->name;
        const schema::FieldInfo* info =
            name == "__typename" ? nullptr : schema_.field(parent, name);
        const auto* resp =
            info != nullptr ? std::get_if<schema::MutationResponseField>(info) : nullptr;
        if (name == "__typename") {
            mf.value = TypenameField{std::string(parent)};
        } else if (resp != nullptr &&
                   resp->kind == schema::MutationResponseField::Kind::kAffectedRows) {
            mf.value = AffectedRows{};
        } else if (resp != nullptr && table.select) {
            WARD_TRY(auto fields, output_fields(table, f.selections, fpath));
            mf.value = Returning{std::move(fields)};
        } else {
            return validation_failed("field \"" + std::string(name) + "\" not found in type: '" +
                                         std::string(parent) + "'",
                                     fpath);
        }
        out.fields.push_back(std::move(mf));
    }
    return out;
}

PlanResult<Insert> Planner::insert(const schema::TableInfo& table,
                                   const graphql::CollectedField& field, bool one,
                                   std::string_view path) {
    if (!table.insert) {
        return PlanError{"permission-error",
                         "no insert permission on table " + table.name.display(),
                         std::string(path)};
    }
    const schema::InsertPermission& perm = *table.insert;
    Insert out;
    out.table = table_ref(table);
    Input objects = argument(field, one ? "object" : "objects", path);
    std::vector<Input> rows = one ? std::vector<Input>{objects} : items_of(objects);

    // Which columns each row sets, by database name.
    std::vector<std::map<std::string, ParamRef>> values(rows.size());
    std::vector<bool> used(table.columns.size(), false);
    auto mark = [&](std::string_view db_name) {
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            if (table.columns[i].name == db_name) used[i] = true;
        }
    };
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (const auto& key : keys(rows[r])) {
            Input in = child(rows[r], key);
            const schema::ColumnInfo* c = table.column_by_graphql_name(key);
            if (c == nullptr) {
                if (table.relationship(key) != nullptr) {
                    return not_supported("nested inserts are not supported", in.path);
                }
                return validation_failed("field \"" + key + "\" not found in type: '" +
                                             table.graphql_name + "_insert_input'",
                                         in.path);
            }
            if (std::find(perm.columns.begin(), perm.columns.end(), c->name) ==
                perm.columns.end()) {
                return validation_failed("field \"" + key + "\" not found in type: '" +
                                             table.graphql_name + "_insert_input'",
                                         in.path);
            }
            Param p;
            p.type = c->scalar;
            p.db_type = column_ref(table, *c).db_type;
            p.source = source_of(in);
            values[r][c->name] = add(std::move(p));
            mark(c->name);
        }
    }
    // Presets win over anything the row says (the input type does not even offer them).
    std::map<std::string, ParamRef> presets;
    for (const auto& [name, value] : perm.set) {
        const schema::ColumnInfo* c = table.column(name);
        if (c == nullptr) continue;
        Param p;
        p.type = c->scalar;
        p.db_type = column_ref(table, *c).db_type;
        p.source = source_of(value);
        presets[name] = add(std::move(p));
        mark(name);
    }
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (used[i]) out.columns.push_back(column_ref(table, table.columns[i]));
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::vector<std::optional<ParamRef>> row;
        for (const auto& col : out.columns) {
            if (auto it = presets.find(col.name); it != presets.end()) {
                row.emplace_back(it->second);
            } else if (auto jt = values[r].find(col.name); jt != values[r].end()) {
                row.emplace_back(jt->second);
            } else {
                row.emplace_back(std::nullopt);
            }
        }
        out.rows.push_back(std::move(row));
    }

    Input conflict = argument(field, "on_conflict", path);
    if (conflict.present() && !conflict.value->is_null()) {
        OnConflict oc;
        const auto& constraint = structural(child(conflict, "constraint"));
        if (!constraint.is_string()) {
            return validation_failed("expected a constraint name", conflict.path + ".constraint");
        }
        oc.constraint = std::string(constraint.as_string());
        const catalog::Table& cat = *table.catalog;
        if (oc.constraint == cat.primary_key_constraint) {
            oc.constraint_columns = cat.primary_key;
        } else {
            for (const auto& u : cat.unique_constraints) {
                if (u.name == oc.constraint) oc.constraint_columns = u.columns;
            }
        }
        if (oc.constraint_columns.empty()) {
            return validation_failed("unexpected value for constraint",
                                     conflict.path + ".constraint");
        }
        for (const auto& item : items_of(child(conflict, "update_columns"))) {
            const auto& v = structural(item);
            const schema::ColumnInfo* c =
                v.is_string() ? table.column_by_graphql_name(v.as_string()) : nullptr;
            bool allowed = c != nullptr && table.update &&
                           std::find(table.update->columns.begin(), table.update->columns.end(),
                                     c->name) != table.update->columns.end();
            if (!allowed) {
                return validation_failed("unexpected value for update_columns", item.path);
            }
            oc.update_columns.push_back(column_ref(table, *c));
        }
        if (!oc.update_columns.empty() && !table.update) {
            return PlanError{"permission-error",
                             "upsert is not allowed for role \"" + schema_.role() +
                                 "\" since update permissions are not defined",
                             conflict.path};
        }
        std::vector<Filter> filters;
        if (table.update) {
            WARD_TRY(auto f, permission_filter(table, table.update->filter, path));
            filters.push_back(std::move(f));
        }
        WARD_TRY(auto where, where_filter(table, child(conflict, "where")));
        filters.push_back(std::move(where));
        oc.where = and_of(std::move(filters));
        if (table.update && table.update->check) {
            WARD_TRY(auto check, permission_filter(table, *table.update->check, path));
            oc.check = std::move(check);
        }
        out.on_conflict = std::move(oc);
    }
    WARD_TRY(auto check, permission_filter(table, perm.check, path));
    out.check = std::move(check);
    WARD_TRY(auto output, mutation_output(table, field.selections, one, path));
    out.output = std::move(output);
    return out;
}

}  // namespace ward::engine::plan::detail

// Selections: root list / by_pk fields, the rows clause (permission filter AND where, order_by,
// distinct_on, limit clamped by the permission, offset) and output fields (columns, __typename,
// object/array relationships and <rel>_aggregate under the remote table's own permission).
#include <algorithm>
#include <utility>

#include "engine/plan/planner.hpp"

namespace ward::engine::plan::detail {

namespace {

// limit / offset: an Int slot, so a literal and a variable give the same SQL.
PlanResult<std::optional<ParamRef>> int_slot(Planner& p, const Input& in, std::string_view name,
                                             std::optional<std::int64_t> max_value) {
    bool given = in.present() && !(in.value->is_null() && !in.origin);
    if (!given && !max_value) return std::optional<ParamRef>();
    Param param;
    param.type = catalog::ScalarType::kInt;
    param.db_type = "int4";
    param.nullable = true;  // a null variable means no limit
    param.max_value = max_value;
    param.non_negative = true;
    if (!given) {
        param.source = ParamSource{LiteralSource{core::json::value(*max_value)}};
    } else {
        if (!in.origin && in.value->is_int64() && in.value->as_int64() < 0) {
            return validation_failed("unexpected negative value for \"" + std::string(name) + "\"",
                                     in.path);
        }
        param.source = p.source_of(in);
    }
    return std::optional<ParamRef>(p.add(std::move(param)));
}

bool same_column(const ColumnRef& a, const ColumnRef& b) { return a.name == b.name; }

}  // namespace

PlanResult<Rows> Planner::rows(const schema::TableInfo& table, const graphql::CollectedField& field,
                               std::string_view path) {
    Rows out;
    out.table = table_ref(table);
    WARD_TRY(auto permission, select_filter(table));
    WARD_TRY(auto where, where_filter(table, argument(field, "where", path)));
    out.where = and_of({std::move(permission), std::move(where)});
    WARD_TRY(auto order, order_by(table, argument(field, "order_by", path)));
    out.order_by = std::move(order);
    Input distinct = argument(field, "distinct_on", path);
    for (const auto& item : items_of(distinct)) {
        const auto& v = structural(item);
        const schema::ColumnInfo* c =
            v.is_string() ? table.column_by_graphql_name(v.as_string()) : nullptr;
        if (c == nullptr || !may_select(table, c->name)) {
            return validation_failed("unexpected value for distinct_on", item.path);
        }
        out.distinct_on.push_back(column_ref(table, *c));
    }
    if (!out.distinct_on.empty() && !out.order_by.empty()) {
        // PostgreSQL's DISTINCT ON rule, reported as Hasura does before SQL is run.
        bool ok = out.order_by.size() >= out.distinct_on.size();
        for (std::size_t i = 0; ok && i < out.distinct_on.size(); ++i) {
            const auto* col = std::get_if<ColumnRef>(&out.order_by[i].target);
            ok = col != nullptr && out.order_by[i].path.empty() &&
                 std::any_of(out.distinct_on.begin(), out.distinct_on.end(),
                             [&](const ColumnRef& d) { return same_column(d, *col); });
        }
        if (!ok) {
            return validation_failed(
                "\"distinct_on\" columns must match initial \"order_by\" columns",
                std::string(path) + ".args");
        }
    }
    std::optional<std::int64_t> cap = table.select ? table.select->limit : std::nullopt;
    WARD_TRY(auto limit, int_slot(*this, argument(field, "limit", path), "limit", cap));
    out.limit = limit;
    WARD_TRY(auto offset, int_slot(*this, argument(field, "offset", path), "offset", std::nullopt));
    out.offset = offset;
    return out;
}

PlanResult<Filter> Planner::pk_filter(const schema::TableInfo& table,
                                      const std::function<Input(std::string_view)>& column_input) {
    std::vector<Filter> items;
    for (const auto& key : table.primary_key) {
        const schema::ColumnInfo* c = table.column(key);
        if (c == nullptr) return PlanError{"unexpected", "primary key column missing", "$"};
        Input in = column_input(c->graphql_name);
        if (!in.present() || (in.value->is_null() && !in.origin)) {
            return validation_failed("unexpected null value for type \"" + c->scalar_name + "\"",
                                     in.path);
        }
        CompareFilter cmp;
        cmp.column = column_ref(table, *c);
        cmp.op = metadata::CompareOp::kEq;
        Param param;
        param.type = c->scalar;
        param.db_type = cmp.column.db_type;
        param.nullable = false;
        param.source = source_of(in);
        cmp.operand = add(std::move(param));
        items.push_back(Filter{std::move(cmp)});
    }
    return and_of(std::move(items));
}

PlanResult<std::vector<OutputField>> Planner::output_fields(
    const schema::TableInfo& table, const std::vector<graphql::CollectedField>& selections,
    std::string_view path) {
    std::vector<OutputField> out;
    for (const auto& f : selections) {
        OutputField of;
        of.key = std::string(f.response_key);
        std::string fpath = std::string(path) + "." + of.key;
        std::string_view name = f.definition != nullptr ? f.definition->name : std::string_view();
        std::string_view parent =
            f.parent_type != nullptr ? f.parent_type->name : std::string_view();
        if (name == "__typename") {
            of.value = TypenameField{std::string(parent)};
            out.push_back(std::move(of));
            continue;
        }
        const schema::FieldInfo* info = schema_.field(parent, name);
        if (info == nullptr) {
            return validation_failed("field \"" + std::string(name) + "\" not found in type: '" +
                                         std::string(parent) + "'",
                                     fpath);
        }
        if (const auto* col = std::get_if<schema::ColumnField>(info)) {
            if (col->column == nullptr || !may_select(table, col->column->name)) {
                return validation_failed("field \"" + std::string(name) +
                                             "\" not found in type: '" + std::string(parent) + "'",
                                         fpath);
            }
            of.value = ColumnField{column_ref(table, *col->column)};
        } else if (const auto* rf = std::get_if<schema::RelationshipField>(info)) {
            const schema::RelationshipInfo& rel = *rf->relationship;
            const schema::TableInfo& remote = *rel.remote;
            if (rf->aggregate) {
                WARD_TRY(auto agg, aggregate(remote, f, fpath));
                of.value = ArrayAggregateField{Box<AggregateSelect>(std::move(agg)), join_of(rel)};
            } else if (rel.kind == metadata::RelationshipKind::kObject) {
                TableSelect sel;
                sel.rows.table = table_ref(remote);
                WARD_TRY(auto filter, select_filter(remote));
                sel.rows.where = std::move(filter);
                sel.single = true;
                WARD_TRY(auto fields, output_fields(remote, f.selections, fpath));
                sel.fields = std::move(fields);
                of.value = ObjectRelationshipField{Box<TableSelect>(std::move(sel)), join_of(rel)};
            } else {
                TableSelect sel;
                WARD_TRY(auto r, rows(remote, f, fpath));
                sel.rows = std::move(r);
                WARD_TRY(auto fields, output_fields(remote, f.selections, fpath));
                sel.fields = std::move(fields);
                of.value = ArrayRelationshipField{Box<TableSelect>(std::move(sel)), join_of(rel)};
            }
        } else {
            return validation_failed("field \"" + std::string(name) + "\" not found in type: '" +
                                         std::string(parent) + "'",
                                     fpath);
        }
        out.push_back(std::move(of));
    }
    return out;
}

PlanResult<TableSelect> Planner::select_root(const schema::TableInfo& table,
                                             const graphql::CollectedField& field, bool by_pk,
                                             std::string_view path) {
    TableSelect sel;
    if (by_pk) {
        sel.rows.table = table_ref(table);
        WARD_TRY(auto permission, select_filter(table));
        WARD_TRY(auto pk, pk_filter(table, [&](std::string_view name) {
                     return argument(field, name, path);
                 }));
        sel.rows.where = and_of({std::move(permission), std::move(pk)});
        sel.single = true;
    } else {
        WARD_TRY(auto r, rows(table, field, path));
        sel.rows = std::move(r);
    }
    WARD_TRY(auto fields, output_fields(table, field.selections, path));
    sel.fields = std::move(fields);
    return sel;
}

}  // namespace ward::engine::plan::detail

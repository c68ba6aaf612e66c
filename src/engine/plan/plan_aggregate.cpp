// <table>_aggregate (root field and <rel>_aggregate): the rows clause as for lists, then
// `aggregate { count(columns, distinct) sum { col } ... }` and `nodes { ... }` over those rows.
// Only selectable columns can be aggregated (the schema lists no others; checked again here).
#include <utility>

#include "engine/plan/planner.hpp"

namespace ward::engine::plan::detail {

namespace {

AggregateFunction to_plan(schema::AggregateFunction f) {
    switch (f) {
        case schema::AggregateFunction::kCount:
            return AggregateFunction::kCount;
        case schema::AggregateFunction::kSum:
            return AggregateFunction::kSum;
        case schema::AggregateFunction::kAvg:
            return AggregateFunction::kAvg;
        case schema::AggregateFunction::kMax:
            return AggregateFunction::kMax;
        case schema::AggregateFunction::kMin:
            return AggregateFunction::kMin;
        case schema::AggregateFunction::kStddev:
            return AggregateFunction::kStddev;
        case schema::AggregateFunction::kStddevPop:
            return AggregateFunction::kStddevPop;
        case schema::AggregateFunction::kStddevSamp:
            return AggregateFunction::kStddevSamp;
        case schema::AggregateFunction::kVarPop:
            return AggregateFunction::kVarPop;
        case schema::AggregateFunction::kVarSamp:
            return AggregateFunction::kVarSamp;
        case schema::AggregateFunction::kVariance:
            return AggregateFunction::kVariance;
    }
    return AggregateFunction::kCount;
}

std::string not_found(std::string_view name, std::string_view parent) {
    return "field \"" + std::string(name) + "\" not found in type: '" + std::string(parent) + "'";
}

}  // namespace

PlanResult<AggregateSelect> Planner::aggregate(const schema::TableInfo& table,
                                               const graphql::CollectedField& field,
                                               std::string_view path) {
    if (!table.select || !table.select->allow_aggregations) {
        return validation_failed(not_found(field.definition->name, field.parent_type->name),
                                 std::string(path));
    }
    AggregateSelect out;
    WARD_TRY(auto r, rows(table, field, path));
    out.rows = std::move(r);
    for (const auto& f : field.selections) {
        AggregateOutput ao;
        ao.key = std::string(f.response_key);
        std::string fpath = std::string(path) + "." + ao.key;
        std::string_view name = f.definition->name;
        std::string_view parent = f.parent_type->name;
        if (name == "__typename") {
            ao.value = TypenameField{std::string(parent)};
            out.fields.push_back(std::move(ao));
            continue;
        }
        const schema::FieldInfo* info = schema_.field(parent, name);
        const auto* root =
            info != nullptr ? std::get_if<schema::AggregateRootField>(info) : nullptr;
        if (root == nullptr) return validation_failed(not_found(name, parent), fpath);
        if (root->kind == schema::AggregateRootField::Kind::kNodes) {
            WARD_TRY(auto fields, output_fields(table, f.selections, fpath));
            ao.value = NodesBlock{std::move(fields)};
            out.fields.push_back(std::move(ao));
            continue;
        }
        AggregateBlock block;
        for (const auto& g : f.selections) {
            AggregateOp op;
            op.key = std::string(g.response_key);
            std::string gpath = fpath + "." + op.key;
            std::string_view gname = g.definition->name;
            std::string_view gparent = g.parent_type->name;
            if (gname == "__typename") {
                op.value = TypenameField{std::string(gparent)};
                block.ops.push_back(std::move(op));
                continue;
            }
            const schema::FieldInfo* ginfo = schema_.field(gparent, gname);
            const auto* agg =
                ginfo != nullptr ? std::get_if<schema::AggregateField>(ginfo) : nullptr;
            if (agg == nullptr) return validation_failed(not_found(gname, gparent), gpath);
            if (agg->function == schema::AggregateFunction::kCount) {
                CountAggregate count;
                for (const auto& item : items_of(argument(g, "columns", gpath))) {
                    const auto& v = structural(item);
                    const schema::ColumnInfo* c =
                        v.is_string() ? table.column_by_graphql_name(v.as_string()) : nullptr;
                    if (c == nullptr || !may_select(table, c->name)) {
                        return validation_failed("unexpected value for count columns", item.path);
                    }
                    count.columns.push_back(column_ref(table, *c));
                }
                Input distinct = argument(g, "distinct", gpath);
                if (distinct.present()) {
                    const auto& v = structural(distinct);
                    count.distinct = v.is_bool() && v.as_bool();
                }
                op.value = std::move(count);
                block.ops.push_back(std::move(op));
                continue;
            }
            FunctionAggregate fn;
            fn.function = to_plan(agg->function);
            for (const auto& h : g.selections) {
                AggregateColumn ac;
                ac.key = std::string(h.response_key);
                std::string_view hname = h.definition->name;
                std::string_view hparent = h.parent_type->name;
                if (hname == "__typename") {
                    ac.value = TypenameField{std::string(hparent)};
                    fn.columns.push_back(std::move(ac));
                    continue;
                }
                const schema::FieldInfo* hinfo = schema_.field(hparent, hname);
                const auto* col =
                    hinfo != nullptr ? std::get_if<schema::AggregateColumnField>(hinfo) : nullptr;
                if (col == nullptr || col->column == nullptr ||
                    !may_select(table, col->column->name)) {
                    return validation_failed(not_found(hname, hparent), gpath + "." + ac.key);
                }
                ac.value = column_ref(table, *col->column);
                fn.columns.push_back(std::move(ac));
            }
            op.value = std::move(fn);
            block.ops.push_back(std::move(op));
        }
        ao.value = std::move(block);
        out.fields.push_back(std::move(ao));
    }
    return out;
}

}  // namespace ward::engine::plan::detail

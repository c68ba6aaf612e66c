// Boolean expressions -> Filter: permission filters/checks from metadata (session variables
// become slots cast to the column's type) and the user's `where` argument (literals and
// variables become slots). Relationship paths become EXISTS over the related table; in a user
// `where` the related table's own select filter is merged in, so no hidden row can be probed.
#include <algorithm>
#include <utility>

#include "engine/metadata/session.hpp"
#include "engine/plan/planner.hpp"

namespace ward::engine::plan::detail {

namespace {

using metadata::CompareOp;
using metadata::OperandKind;

bool is_unsupported(CompareOp op) {
    switch (op) {
        case CompareOp::kCast:
        case CompareOp::kStContains:
        case CompareOp::kStCrosses:
        case CompareOp::kStEquals:
        case CompareOp::kStIntersects:
        case CompareOp::kStOverlaps:
        case CompareOp::kStTouches:
        case CompareOp::kStWithin:
        case CompareOp::kStDWithin:
        case CompareOp::kSt3dIntersects:
        case CompareOp::kSt3dDWithin:
        case CompareOp::kAncestor:
        case CompareOp::kAncestorAny:
        case CompareOp::kDescendant:
        case CompareOp::kDescendantAny:
        case CompareOp::kMatches:
        case CompareOp::kMatchesAny:
        case CompareOp::kMatchesFulltext:
            return true;
        default:
            return false;
    }
}

// The type of an operator's operand: mostly the column's, but the key operators take text.
Param operand_param(const ColumnRef& column, CompareOp op) {
    Param p;
    p.type = column.type;
    p.db_type = column.db_type;
    switch (op) {
        case CompareOp::kHasKey:
        case CompareOp::kHasKeysAny:
        case CompareOp::kHasKeysAll:
            p.type = catalog::ScalarType::kString;
            p.db_type = "text";
            break;
        case CompareOp::kJsonbPathExists:
        case CompareOp::kJsonbPathMatch:
            p.type = catalog::ScalarType::kOther;
            p.db_type = "jsonpath";
            break;
        default:
            break;
    }
    p.array = operand_kind(op) == OperandKind::kList;
    return p;
}

std::string null_message(const schema::ColumnInfo& c) {
    return "unexpected null value for type \"" + c.scalar_name + "\"";
}

}  // namespace

// ---- permissions ----

namespace {

struct PermissionContext {
    Planner& planner;
    const schema::TableInfo& root;
};

PlanResult<Filter> permission_exp(PermissionContext& cx, const schema::TableInfo& table,
                                  const metadata::BoolExp& exp, const std::string& path);

// `column`: what is compared (a column of `table`, or a computed value such as a count).
PlanResult<CompareFilter> permission_compare(PermissionContext& cx, const schema::TableInfo& table,
                                             ColumnRef column, const metadata::Comparison& cmp,
                                             const std::string& path) {
    if (is_unsupported(cmp.op)) {
        return not_supported("operator \"" + cmp.spelling + "\" is not supported", path);
    }
    CompareFilter out;
    out.column = std::move(column);
    out.op = cmp.op;
    if (const auto* v = std::get_if<metadata::Value>(&cmp.operand)) {
        Param p = operand_param(out.column, cmp.op);
        p.source = cx.planner.source_of(*v);
        out.operand = cx.planner.add(std::move(p));
    } else if (const auto* list = std::get_if<std::vector<metadata::Value>>(&cmp.operand)) {
        Param p = operand_param(out.column, cmp.op);
        p.array = true;
        bool literal = std::all_of(list->begin(), list->end(), [](const metadata::Value& x) {
            return !x.is_session_variable();
        });
        if (literal) {
            core::json::array arr;
            for (const auto& x : *list) arr.push_back(*x.literal());
            p.source = ParamSource{LiteralSource{std::move(arr)}};
        } else {
            ListSource items;
            for (const auto& x : *list) items.items.push_back(cx.planner.source_of(x));
            p.source = ParamSource{std::move(items)};
        }
        out.operand = cx.planner.add(std::move(p));
    } else if (const auto* b = std::get_if<bool>(&cmp.operand)) {
        out.operand = *b;
    } else if (const auto* col = std::get_if<metadata::ColumnOperand>(&cmp.operand)) {
        const schema::TableInfo& owner = col->root_table ? cx.root : table;
        const schema::ColumnInfo* c = owner.column(col->column);
        if (c == nullptr) {
            return validation_failed("no such column exists: \"" + col->column + "\"", path);
        }
        out.operand = ColumnOperand{Planner::column_ref(owner, *c), col->root_table};
    } else {
        return not_supported("operator \"" + cmp.spelling + "\" is not supported", path);
    }
    return out;
}

// `<array rel>_aggregate: {count: {arguments?, distinct?, filter?, predicate}}`: like a
// relationship condition, over the related rows as they are (no permission of the role there),
// narrowed by the permission's own `filter`.
PlanResult<Filter> permission_aggregate(PermissionContext& cx, const schema::TableInfo& table,
                                        const metadata::AggregationPredicateExp& a,
                                        const std::string& path) {
    const schema::TableInfo* tracked = cx.planner.schema().tracked_table(table.source, table.name);
    const schema::RelationshipInfo* rel =
        tracked != nullptr ? tracked->relationship(a.relationship) : nullptr;
    if (rel == nullptr || rel->kind != metadata::RelationshipKind::kArray) {
        return validation_failed("no such array relationship exists: \"" + a.relationship + "\"",
                                 path);
    }
    if (a.function != "count") {
        return not_supported("aggregation predicate \"" + a.function + "\" is not supported", path);
    }
    const schema::TableInfo& remote = *rel->remote;
    AggregatePredicateFilter out;
    out.table = Planner::table_ref(remote);
    out.join = Planner::join_of(*rel);
    out.function = a.function;
    if (a.arguments) {
        for (const auto& name : *a.arguments) {
            const schema::ColumnInfo* c = remote.column(name);
            if (c == nullptr) {
                return validation_failed("no such column exists: \"" + name + "\"", path);
            }
            out.arguments.push_back(Planner::column_ref(remote, *c));
        }
    }
    out.distinct = a.distinct.value_or(false);
    Filter inner{BoolConst{true}};
    if (a.filter) {
        WARD_TRY(auto f, permission_exp(cx, remote, **a.filter, path));
        inner = std::move(f);
    }
    out.filter = Box<Filter>(std::move(inner));
    // The predicate compares the count, an integer: session variables are cast to one. Its
    // column name stays empty, as sqlgen expects.
    for (const auto& cmp : a.predicate) {
        if (operand_kind(cmp.op) == OperandKind::kColumn ||
            std::holds_alternative<metadata::ColumnOperand>(cmp.operand)) {
            return not_supported("operator \"" + cmp.spelling + "\" is not supported", path);
        }
        WARD_TRY(auto c,
                 permission_compare(cx, table, ColumnRef{{}, catalog::ScalarType::kInt, "int4"},
                                    cmp, path));
        out.predicate.push_back(std::move(c));
    }
    return Filter{std::move(out)};
}

PlanResult<Filter> permission_term(PermissionContext& cx, const schema::TableInfo& table,
                                   const metadata::BoolTerm& term, const std::string& path) {
    if (const auto* a = std::get_if<metadata::AndExp>(&term)) {
        std::vector<Filter> items;
        for (const auto& e : a->items) {
            WARD_TRY(auto f, permission_exp(cx, table, e, path));
            items.push_back(std::move(f));
        }
        return and_of(std::move(items));
    }
    if (const auto* o = std::get_if<metadata::OrExp>(&term)) {
        OrFilter out;
        for (const auto& e : o->items) {
            WARD_TRY(auto f, permission_exp(cx, table, e, path));
            out.items.push_back(std::move(f));
        }
        return Filter{std::move(out)};
    }
    if (const auto* n = std::get_if<metadata::NotExp>(&term)) {
        WARD_TRY(auto f, permission_exp(cx, table, *n->item, path));
        return Filter{NotFilter{Box<Filter>(std::move(f))}};
    }
    // The admin wrote the permission: `_exists` and relationship paths reach any tracked table,
    // whatever the role may select there (Hasura reads them the same way). Only the boolean
    // outcome is used; no column of those tables is ever returned.
    if (const auto* e = std::get_if<metadata::ExistsExp>(&term)) {
        const schema::TableInfo* other = cx.planner.schema().tracked_table(table.source, e->table);
        if (other == nullptr) {
            // The metadata API refuses such permissions; this is metadata edited elsewhere.
            return validation_failed("table \"" + e->table.display() + "\" does not exist", path);
        }
        WARD_TRY(auto f, permission_exp(cx, *other, *e->where, path));
        return Filter{ExistsFilter{Planner::table_ref(*other), {}, Box<Filter>(std::move(f))}};
    }
    const metadata::BoolExp* nested = nullptr;
    std::string name;
    if (const auto* c = std::get_if<metadata::ColumnExp>(&term)) {
        if (const schema::ColumnInfo* column = table.column(c->name)) {
            std::vector<Filter> items;
            for (const auto& cmp : c->comparisons) {
                WARD_TRY(auto f, permission_compare(cx, table, Planner::column_ref(table, *column),
                                                    cmp, path));
                items.push_back(Filter{std::move(f)});
            }
            return and_of(std::move(items));
        }
        if (!c->comparisons.empty()) {
            return validation_failed("no such column exists: \"" + c->name + "\"", path);
        }
        name = c->name;
    } else if (const auto* r = std::get_if<metadata::RelationshipExp>(&term)) {
        name = r->name;
        nested = &*r->where;
    } else if (const auto* agg = std::get_if<metadata::AggregationPredicateExp>(&term)) {
        return permission_aggregate(cx, table, *agg, path);
    } else {
        return not_supported("this permission expression is not supported", path);
    }
    const schema::TableInfo* tracked = cx.planner.schema().tracked_table(table.source, table.name);
    const schema::RelationshipInfo* rel =
        tracked != nullptr ? tracked->relationship(name) : nullptr;
    if (rel == nullptr) {
        return validation_failed("no such relationship exists: \"" + name + "\"", path);
    }
    // Permissions see related rows as they are, without the remote table's own filter.
    Filter inner{BoolConst{true}};
    if (nested != nullptr) {
        WARD_TRY(auto f, permission_exp(cx, *rel->remote, *nested, path));
        inner = std::move(f);
    }
    return Filter{ExistsFilter{Planner::table_ref(*rel->remote), Planner::join_of(*rel),
                               Box<Filter>(std::move(inner))}};
}

PlanResult<Filter> permission_exp(PermissionContext& cx, const schema::TableInfo& table,
                                  const metadata::BoolExp& exp, const std::string& path) {
    std::vector<Filter> items;
    for (const auto& term : exp.terms) {
        WARD_TRY(auto f, permission_term(cx, table, term, path));
        items.push_back(std::move(f));
    }
    return and_of(std::move(items));
}

}  // namespace

PlanResult<Filter> Planner::permission_filter(const schema::TableInfo& table,
                                              const metadata::BoolExp& exp, std::string_view path) {
    PermissionContext cx{*this, table};
    return permission_exp(cx, table, exp, std::string(path));
}

// ---- user where ----

namespace {

PlanResult<Filter> where_compare(Planner& p, const schema::TableInfo& table,
                                 const schema::ColumnInfo& column, const Input& ops) {
    std::vector<Filter> items;
    for (const auto& key : p.keys(ops)) {
        Input operand = p.child(ops, key);
        auto op = metadata::find_op(key, false);
        if (!op || is_unsupported(*op) || operand_kind(*op) == OperandKind::kColumn) {
            return not_supported("operator \"" + key + "\" is not supported", operand.path);
        }
        if (operand.present() && operand.value->is_null() && !operand.origin) {
            return validation_failed(null_message(column), operand.path);
        }
        CompareFilter cmp;
        cmp.column = Planner::column_ref(table, column);
        cmp.op = *op;
        if (*op == CompareOp::kIsNull) {
            const auto& v = p.structural(operand);
            if (!v.is_bool()) return validation_failed(null_message(column), operand.path);
            cmp.operand = v.as_bool();
        } else {
            Param param = operand_param(cmp.column, *op);
            param.nullable = false;
            param.source = param.array ? p.list_source_of(operand) : p.source_of(operand);
            cmp.operand = p.add(std::move(param));
        }
        items.push_back(Filter{std::move(cmp)});
    }
    return and_of(std::move(items));
}

PlanResult<Filter> where_aggregate(Planner& p, const schema::TableInfo& table,
                                   const schema::RelationshipInfo& rel, const Input& in) {
    const schema::TableInfo& remote = *rel.remote;
    AggregatePredicateFilter out;
    out.table = Planner::table_ref(remote);
    out.join = Planner::join_of(rel);
    auto fns = p.keys(in);
    if (fns.size() != 1) {
        return validation_failed("exactly one aggregation function is expected", in.path);
    }
    out.function = fns.front();
    Input body = p.child(in, out.function);
    if (out.function != "count") {
        return not_supported("aggregation predicate \"" + out.function + "\" is not supported",
                             body.path);
    }
    Input args = p.child(body, "arguments");
    for (const auto& item : p.items_of(args)) {
        const auto& v = p.structural(item);
        const schema::ColumnInfo* c =
            v.is_string() ? remote.column_by_graphql_name(v.as_string()) : nullptr;
        if (c == nullptr || !Planner::may_select(remote, c->name)) {
            return validation_failed("unexpected column in aggregation predicate", item.path);
        }
        out.arguments.push_back(Planner::column_ref(remote, *c));
    }
    Input distinct = p.child(body, "distinct");
    if (distinct.present()) {
        const auto& v = p.structural(distinct);
        out.distinct = v.is_bool() && v.as_bool();
    }
    WARD_TRY(auto remote_filter, p.select_filter(remote));
    std::vector<Filter> filters{std::move(remote_filter)};
    Input filter = p.child(body, "filter");
    if (filter.present()) {
        WARD_TRY(auto f, p.where_filter(remote, filter));
        filters.push_back(std::move(f));
    }
    out.filter = Box<Filter>(and_of(std::move(filters)));
    Input predicate = p.child(body, "predicate");
    schema::ColumnInfo count_column;
    count_column.scalar = catalog::ScalarType::kInt;
    count_column.scalar_name = "Int";
    for (const auto& key : p.keys(predicate)) {
        Input operand = p.child(predicate, key);
        auto op = metadata::find_op(key, false);
        if (!op || operand_kind(*op) == OperandKind::kColumn || is_unsupported(*op)) {
            return not_supported("operator \"" + key + "\" is not supported", operand.path);
        }
        if (operand.present() && operand.value->is_null() && !operand.origin) {
            return validation_failed(null_message(count_column), operand.path);
        }
        CompareFilter cmp;
        cmp.column.type = catalog::ScalarType::kInt;
        cmp.column.db_type = "int4";
        cmp.op = *op;
        if (*op == CompareOp::kIsNull) {
            const auto& v = p.structural(operand);
            cmp.operand = v.is_bool() && v.as_bool();
        } else {
            Param param = operand_param(cmp.column, *op);
            param.nullable = false;
            param.source = param.array ? p.list_source_of(operand) : p.source_of(operand);
            cmp.operand = p.add(std::move(param));
        }
        out.predicate.push_back(std::move(cmp));
    }
    return Filter{std::move(out)};
}

}  // namespace

PlanResult<Filter> Planner::where_filter(const schema::TableInfo& table, const Input& where) {
    if (!where.present() || where.value->is_null()) {
        if (where.origin) depends_on(where);
        return Filter{BoolConst{true}};
    }
    std::vector<Filter> items;
    for (const auto& key : keys(where)) {
        Input in = child(where, key);
        if (in.present() && in.value->is_null() && !in.origin) {
            return validation_failed("unexpected null value for \"" + key + "\"", in.path);
        }
        if (key == "_and" || key == "_or") {
            std::vector<Filter> parts;
            for (const auto& item : items_of(in)) {
                WARD_TRY(auto f, where_filter(table, item));
                parts.push_back(std::move(f));
            }
            if (key == "_and") {
                items.push_back(and_of(std::move(parts)));
            } else {
                items.push_back(parts.empty() ? Filter{BoolConst{true}}
                                              : Filter{OrFilter{std::move(parts)}});
            }
            continue;
        }
        if (key == "_not") {
            WARD_TRY(auto f, where_filter(table, in));
            items.push_back(Filter{NotFilter{Box<Filter>(std::move(f))}});
            continue;
        }
        if (const schema::ColumnInfo* c = table.column_by_graphql_name(key)) {
            if (!may_select(table, c->name)) {
                return validation_failed("field \"" + key + "\" not found in type: '" +
                                             table.graphql_name + "_bool_exp'",
                                         in.path);
            }
            WARD_TRY(auto f, where_compare(*this, table, *c, in));
            items.push_back(std::move(f));
            continue;
        }
        if (const schema::RelationshipInfo* rel = table.relationship(key)) {
            WARD_TRY(auto remote_filter, select_filter(*rel->remote));
            WARD_TRY(auto nested, where_filter(*rel->remote, in));
            Filter inner = and_of({std::move(remote_filter), std::move(nested)});
            items.push_back(Filter{ExistsFilter{table_ref(*rel->remote), join_of(*rel),
                                                Box<Filter>(std::move(inner))}});
            continue;
        }
        constexpr std::string_view kAgg = "_aggregate";
        if (key.size() > kAgg.size() && key.ends_with(kAgg)) {
            const schema::RelationshipInfo* rel =
                table.relationship(std::string_view(key).substr(0, key.size() - kAgg.size()));
            if (rel != nullptr && rel->kind == metadata::RelationshipKind::kArray &&
                rel->remote->select && rel->remote->select->allow_aggregations) {
                WARD_TRY(auto f, where_aggregate(*this, table, *rel, in));
                items.push_back(std::move(f));
                continue;
            }
        }
        return validation_failed(
            "field \"" + key + "\" not found in type: '" + table.graphql_name + "_bool_exp'",
            in.path);
    }
    return and_of(std::move(items));
}

}  // namespace ward::engine::plan::detail

// order_by -> OrderBy list: columns, object-relationship paths (each hop under the remote
// table's select filter) and array-relationship aggregates. The direction enum decides the SQL,
// so one given by a variable makes the plan depend on that variable's value.
#include <utility>

#include "engine/plan/planner.hpp"

namespace ward::engine::plan::detail {

namespace {

struct Direction {
    bool descending = false;
    bool nulls_first = false;
};

std::optional<Direction> parse_direction(std::string_view s) {
    if (s == "asc" || s == "asc_nulls_last") return Direction{false, false};
    if (s == "asc_nulls_first") return Direction{false, true};
    if (s == "desc" || s == "desc_nulls_first") return Direction{true, true};
    if (s == "desc_nulls_last") return Direction{true, false};
    return std::nullopt;
}

std::optional<AggregateFunction> parse_function(std::string_view s) {
    for (auto f :
         {AggregateFunction::kCount, AggregateFunction::kSum, AggregateFunction::kAvg,
          AggregateFunction::kMax, AggregateFunction::kMin, AggregateFunction::kStddev,
          AggregateFunction::kStddevPop, AggregateFunction::kStddevSamp, AggregateFunction::kVarPop,
          AggregateFunction::kVarSamp, AggregateFunction::kVariance}) {
        if (to_string(f) == s) return f;
    }
    return std::nullopt;
}

// Reads a direction enum; nullopt for null (Hasura skips the key).
PlanResult<std::optional<Direction>> direction_of(Planner& p, const Input& in) {
    const auto& v = p.structural(in);
    if (v.is_null()) return std::optional<Direction>();
    auto d = v.is_string() ? parse_direction(v.as_string()) : std::nullopt;
    if (!d) return validation_failed("unexpected value for order_by", in.path);
    return std::optional<Direction>(*d);
}

PlanResult<bool> order_object(Planner& p, const schema::TableInfo& table, const Input& obj,
                              std::vector<OrderByHop>& path, std::vector<OrderBy>& out);

PlanResult<bool> order_aggregate(Planner& p, const schema::TableInfo& table,
                                 const schema::RelationshipInfo& rel, const Input& obj,
                                 const std::vector<OrderByHop>& path, std::vector<OrderBy>& out) {
    const schema::TableInfo& remote = *rel.remote;
    WARD_TRY(auto filter, p.select_filter(remote));
    for (const auto& key : p.keys(obj)) {
        Input in = p.child(obj, key);
        auto fn = parse_function(key);
        if (!fn) return validation_failed("unexpected aggregate \"" + key + "\"", in.path);
        auto make = [&](Direction d, std::optional<ColumnRef> column) {
            OrderBy ob;
            ob.path = path;
            ob.target = OrderByAggregate{Planner::table_ref(remote), Planner::join_of(rel), filter,
                                         *fn, std::move(column)};
            ob.descending = d.descending;
            ob.nulls_first = d.nulls_first;
            out.push_back(std::move(ob));
        };
        if (*fn == AggregateFunction::kCount) {
            WARD_TRY(auto d, direction_of(p, in));
            if (d) make(*d, std::nullopt);
            continue;
        }
        for (const auto& col : p.keys(in)) {
            Input cin = p.child(in, col);
            const schema::ColumnInfo* c = remote.column_by_graphql_name(col);
            if (c == nullptr || !Planner::may_select(remote, c->name)) {
                return validation_failed("field \"" + col + "\" not found", cin.path);
            }
            WARD_TRY(auto d, direction_of(p, cin));
            if (d) make(*d, Planner::column_ref(remote, *c));
        }
    }
    (void)table;
    return true;
}

PlanResult<bool> order_object(Planner& p, const schema::TableInfo& table, const Input& obj,
                              std::vector<OrderByHop>& path, std::vector<OrderBy>& out) {
    for (const auto& key : p.keys(obj)) {
        Input in = p.child(obj, key);
        if (const schema::ColumnInfo* c = table.column_by_graphql_name(key)) {
            if (!Planner::may_select(table, c->name)) {
                return validation_failed("field \"" + key + "\" not found in type: '" +
                                             table.graphql_name + "_order_by'",
                                         in.path);
            }
            WARD_TRY(auto d, direction_of(p, in));
            if (!d) continue;
            OrderBy ob;
            ob.path = path;
            ob.target = Planner::column_ref(table, *c);
            ob.descending = d->descending;
            ob.nulls_first = d->nulls_first;
            out.push_back(std::move(ob));
            continue;
        }
        const schema::RelationshipInfo* rel = table.relationship(key);
        if (rel != nullptr && rel->kind == metadata::RelationshipKind::kObject) {
            if (in.is_null()) continue;
            WARD_TRY(auto filter, p.select_filter(*rel->remote));
            path.push_back(
                OrderByHop{Planner::table_ref(*rel->remote), Planner::join_of(*rel), filter});
            WARD_TRY(auto ok, order_object(p, *rel->remote, in, path, out));
            (void)ok;
            path.pop_back();
            continue;
        }
        constexpr std::string_view kAgg = "_aggregate";
        if (key.size() > kAgg.size() && key.ends_with(kAgg)) {
            rel = table.relationship(std::string_view(key).substr(0, key.size() - kAgg.size()));
            if (rel != nullptr && rel->kind == metadata::RelationshipKind::kArray &&
                rel->remote->select && rel->remote->select->allow_aggregations) {
                if (in.is_null()) continue;
                WARD_TRY(auto ok, order_aggregate(p, table, *rel, in, path, out));
                (void)ok;
                continue;
            }
        }
        return validation_failed(
            "field \"" + key + "\" not found in type: '" + table.graphql_name + "_order_by'",
            in.path);
    }
    return true;
}

}  // namespace

PlanResult<std::vector<OrderBy>> Planner::order_by(const schema::TableInfo& table,
                                                   const Input& in) {
    std::vector<OrderBy> out;
    std::vector<OrderByHop> path;
    for (const auto& item : items_of(in)) {
        if (item.is_null()) continue;
        WARD_TRY(auto ok, order_object(*this, table, item, path, out));
        (void)ok;
    }
    return out;
}

}  // namespace ward::engine::plan::detail

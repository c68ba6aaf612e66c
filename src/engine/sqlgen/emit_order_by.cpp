// order_by: columns of the current table, columns reached through object relationships (each
// hop a correlated subquery under the related table's select permission), and aggregates of
// array relationships.
#include "engine/sqlgen/emitter.hpp"

namespace ward::engine::sqlgen {
namespace {

// The sort key reached from `outer` through path[i…], ending at `target`.
core::Result<std::string> sort_key(Emitter& e, const plan::OrderBy& ob, std::size_t i,
                                   const std::string& outer) {
    if (i < ob.path.size()) {
        const auto& hop = ob.path[i];
        const std::string alias = e.fresh_alias();
        const Correlation corr{.outer_alias = outer, .join = &hop.join};
        WARD_TRY(std::string filter, e.where(hop.filter, Scope{alias, alias}));
        WARD_TRY(std::string inner, sort_key(e, ob, i + 1, alias));
        return "(SELECT " + inner + " FROM " + e.table(hop.table) + " AS " + alias + " WHERE " +
               e.join_condition(corr, alias) + " AND " + filter + " LIMIT 1)";
    }
    if (const auto* col = std::get_if<plan::ColumnRef>(&ob.target)) {
        return e.column(outer, col->name);
    }
    const auto& agg = std::get<plan::OrderByAggregate>(ob.target);
    const std::string alias = e.fresh_alias();
    const Correlation corr{.outer_alias = outer, .join = &agg.join};
    WARD_TRY(std::string filter, e.where(agg.filter, Scope{alias, alias}));
    std::string call;
    if (agg.function == plan::AggregateFunction::kCount || !agg.column) {
        call = "count(*)";
    } else {
        WARD_TRY(call, e.aggregate_call(agg.function, e.column(alias, agg.column->name),
                                        agg.column->type));
    }
    return "(SELECT " + call + " FROM " + e.table(agg.table) + " AS " + alias + " WHERE " +
           e.join_condition(corr, alias) + " AND " + filter + ")";
}

}  // namespace

core::Result<std::vector<OrderKey>> Emitter::order_keys(const std::vector<plan::OrderBy>& order,
                                                        const std::string& alias) {
    std::vector<OrderKey> out;
    out.reserve(order.size());
    for (const auto& ob : order) {
        WARD_TRY(std::string key, sort_key(*this, ob, 0, alias));
        out.push_back(OrderKey{
            .key = std::move(key),
            .descending = ob.descending,
            .nulls = ob.nulls_first ? NullsOrder::kFirst : NullsOrder::kLast,
            .column = ob.path.empty() && std::holds_alternative<plan::ColumnRef>(ob.target)});
    }
    return out;
}

std::string Emitter::order_list(const std::vector<OrderKey>& keys) const {
    std::string out;
    for (const auto& k : keys) {
        if (!out.empty()) out += ", ";
        out += dialect().order_term(k.key, k.descending, k.nulls);
    }
    return out;
}

}  // namespace ward::engine::sqlgen

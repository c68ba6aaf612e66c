// Selections: a table's rows as a JSON array (or one object), with object and array
// relationships nested as correlated subqueries.
#include "engine/sqlgen/emitter.hpp"

namespace ward::engine::sqlgen {

core::Result<std::string> Emitter::output_object(const std::vector<plan::OutputField>& fields,
                                                 const std::string& alias) {
    std::vector<JsonField> out;
    out.reserve(fields.size());
    for (const auto& f : fields) {
        std::string value;
        if (const auto* c = std::get_if<plan::ColumnField>(&f.value)) {
            value = dialect().column_json(column(alias, c->column.name), c->column.type,
                                          options().stringify_numeric);
        } else if (const auto* t = std::get_if<plan::TypenameField>(&f.value)) {
            value = "CAST(" + dialect().string_literal(t->name) + " AS TEXT)";
        } else if (const auto* o = std::get_if<plan::ObjectRelationshipField>(&f.value)) {
            const Correlation corr{.outer_alias = alias, .join = &o->join};
            WARD_TRY(value, table_select(*o->select, &corr));
        } else if (const auto* a = std::get_if<plan::ArrayRelationshipField>(&f.value)) {
            const Correlation corr{.outer_alias = alias, .join = &a->join};
            WARD_TRY(value, table_select(*a->select, &corr));
        } else {
            const auto& g = std::get<plan::ArrayAggregateField>(f.value);
            const Correlation corr{.outer_alias = alias, .join = &g.join};
            WARD_TRY(value, aggregate_select(*g.select, &corr));
        }
        out.emplace_back(f.key, std::move(value));
    }
    return dialect().json_object(out);
}

core::Result<std::string> Emitter::rows_query(const plan::Rows& rows, const std::string& alias,
                                              const Correlation* correlation,
                                              const std::string& select_list,
                                              const std::vector<OrderKey>& order_keys) {
    WARD_TRY(std::string filter, where(rows.where, Scope{alias, alias}));
    std::string conds = filter;
    if (correlation != nullptr) conds = join_condition(*correlation, alias) + " AND " + filter;
    const std::string order = order_list(order_keys);
    std::optional<std::string> limit;
    std::optional<std::string> offset;
    if (rows.limit) {
        WARD_TRY(limit, int_param(*rows.limit));
    }
    if (rows.offset) {
        WARD_TRY(offset, int_param(*rows.offset));
    }
    const std::string tail = (order.empty() ? std::string() : " ORDER BY " + order) +
                             dialect().limit_offset(std::move(limit), std::move(offset));
    std::string distinct_cols;
    for (const auto& c : rows.distinct_on) {
        if (!distinct_cols.empty()) distinct_cols += ", ";
        distinct_cols += column(alias, c.name);
    }
    if (distinct_cols.empty()) {
        return "SELECT " + select_list + " FROM " + table(rows.table) + " AS " + alias + " WHERE " +
               conds + tail;
    }
    if (dialect().supports_distinct_on()) {
        return "SELECT DISTINCT ON (" + distinct_cols + ") " + select_list + " FROM " +
               table(rows.table) + " AS " + alias + " WHERE " + conds + tail;
    }
    // DISTINCT ON emulated: the first row of each group in the requested order.
    const std::string rn = dialect().quote_identifier("__rn");
    return "SELECT " + select_list + " FROM (SELECT *, row_number() OVER (PARTITION BY " +
           distinct_cols + (order.empty() ? std::string() : " ORDER BY " + order) + ") AS " + rn +
           " FROM " + table(rows.table) + " AS " + alias + " WHERE " + conds + ") AS " + alias +
           " WHERE " + alias + "." + rn + " = 1" + tail;
}

core::Result<ChosenRows> Emitter::chosen_rows(const plan::Rows& rows, const std::string& alias,
                                              const Correlation* correlation,
                                              const std::vector<std::string>& columns) {
    WARD_TRY(std::vector<OrderKey> keys, order_keys(rows.order_by, alias));
    // A computed key (through a relationship, an aggregate) is projected once and sorted on
    // by name outside; a column key is in the projection already (alias.*) or is not needed
    // outside (the subquery has sorted on it).
    std::string list;
    for (const auto& c : columns) {
        if (!list.empty()) list += ", ";
        list += column(alias, c);
    }
    if (list.empty()) list = alias + ".*";
    std::vector<OrderKey> outer = keys;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i].column) continue;
        const std::string name = dialect().quote_identifier("__o" + std::to_string(i));
        list += ", " + keys[i].key + " AS " + name;
        outer[i].key = alias + "." + name;
    }
    WARD_TRY(std::string q, rows_query(rows, alias, correlation, list, keys));
    return ChosenRows{.query = std::move(q), .order = order_list(outer)};
}

core::Result<std::string> Emitter::table_select(const plan::TableSelect& select,
                                                const Correlation* correlation) {
    const std::string alias = fresh_alias();
    WARD_TRY(std::string row, output_object(select.fields, alias));
    if (select.single) {
        plan::Rows one = select.rows;
        one.limit.reset();
        one.offset.reset();
        WARD_TRY(std::vector<OrderKey> keys, order_keys(one.order_by, alias));
        WARD_TRY(std::string q, rows_query(one, alias, correlation, row, keys));
        return dialect().nested_json(q + " LIMIT 1");
    }
    // The rows are chosen (filter, ORDER BY, LIMIT) in a subquery that projects only the
    // table's columns, and the JSON is built over the chosen rows outside it under the same
    // alias. PostgreSQL then sorts with a bounded top-N sort right under the LIMIT and builds
    // each row's JSON (and runs its nested relationships) only for the rows it keeps: a window
    // function or the JSON in the subquery's select list made it sort and build every
    // matching row first (issue #7: for a parent with 60,000 children, 26 ms with the sort
    // spilled to disk, against 11 ms; the rest is reading the children through the index).
    //
    // The subquery projects only the columns the JSON and the nested relationships' joins
    // read (PostgreSQL then does not carry every column of every row through the sort).
    //
    // The aggregate takes no ORDER BY of its own: it reads the subquery, which is ordered and
    // which neither database flattens (PostgreSQL keeps a subquery with ORDER BY/LIMIT as it
    // is, and json_agg has no parallel form), so the rows arrive in order. PostgreSQL 15
    // would otherwise sort them a second time inside the aggregate (issue #7: Q3 spent a
    // sixth of its database time there).
    std::vector<std::string> needed;
    auto need = [&needed](const std::string& name) {
        for (const auto& n : needed) {
            if (n == name) return;
        }
        needed.push_back(name);
    };
    for (const auto& f : select.fields) {
        if (const auto* c = std::get_if<plan::ColumnField>(&f.value)) {
            need(c->column.name);
        } else if (const auto* o = std::get_if<plan::ObjectRelationshipField>(&f.value)) {
            for (const auto& j : o->join) need(j.outer);
        } else if (const auto* a = std::get_if<plan::ArrayRelationshipField>(&f.value)) {
            for (const auto& j : a->join) need(j.outer);
        } else if (const auto* g = std::get_if<plan::ArrayAggregateField>(&f.value)) {
            for (const auto& j : g->join) need(j.outer);
        }
    }
    WARD_TRY(ChosenRows chosen, chosen_rows(select.rows, alias, correlation, needed));
    const std::string agg = dialect().json_array_agg(row, {});
    return dialect().nested_json("SELECT " + dialect().coalesce_json_array(agg) + " FROM (" +
                                 chosen.query + ") AS " + alias);
}

}  // namespace ward::engine::sqlgen

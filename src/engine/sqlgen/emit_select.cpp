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
                                              const std::string& select_list) {
    WARD_TRY(std::string filter, where(rows.where, Scope{alias, alias}));
    std::string conds = filter;
    if (correlation != nullptr) conds = join_condition(*correlation, alias) + " AND " + filter;
    WARD_TRY(std::string order, order_by(rows.order_by, alias));
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

core::Result<std::string> Emitter::table_select(const plan::TableSelect& select,
                                                const Correlation* correlation) {
    const std::string alias = fresh_alias();
    WARD_TRY(std::string row, output_object(select.fields, alias));
    if (select.single) {
        plan::Rows one = select.rows;
        one.limit.reset();
        one.offset.reset();
        WARD_TRY(std::string q, rows_query(one, alias, correlation, row));
        return dialect().nested_json(q + " LIMIT 1");
    }
    const std::string j = dialect().quote_identifier("__j");
    const std::string o = dialect().quote_identifier("__o");
    WARD_TRY(std::string order, order_by(select.rows.order_by, alias));
    std::string list = row + " AS " + j;
    if (!order.empty()) list += ", row_number() OVER (ORDER BY " + order + ") AS " + o;
    WARD_TRY(std::string q, rows_query(select.rows, alias, correlation, list));
    const std::string s = fresh_alias();
    const std::string agg =
        dialect().json_array_agg(s + "." + j, order.empty() ? std::string() : s + "." + o);
    return dialect().nested_json("SELECT " + dialect().coalesce_json_array(agg) + " FROM (" + q +
                                 ") AS " + s);
}

}  // namespace ward::engine::sqlgen

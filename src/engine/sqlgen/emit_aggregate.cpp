// <table>_aggregate: {aggregate: {count, sum: {...}, ...}, nodes: [...]} over one set of rows.
#include "engine/sqlgen/emitter.hpp"

namespace ward::engine::sqlgen {

core::Result<std::string> Emitter::aggregate_call(plan::AggregateFunction f, const std::string& arg,
                                                  catalog::ScalarType type) {
    using F = plan::AggregateFunction;
    using catalog::ScalarType;
    const bool sqlite = dialect().kind() == DialectKind::kSqlite;
    const std::string name(plan::to_string(f));
    switch (f) {
        case F::kCount:
            return "count(" + arg + ")";
        case F::kMax:
        case F::kMin:
            return dialect().column_json(name + "(" + arg + ")", type, options().stringify_numeric);
        case F::kSum: {
            // PostgreSQL sums int2/int4 to bigint and int8 to numeric: both JSON numbers.
            const ScalarType result =
                type == ScalarType::kFloat || type == ScalarType::kFloat4   ? ScalarType::kFloat
                : type == ScalarType::kInt || type == ScalarType::kSmallint ? ScalarType::kBigint
                                                                            : ScalarType::kNumeric;
            return dialect().column_json("sum(" + arg + ")", result, options().stringify_numeric);
        }
        case F::kAvg:
            // Both dialects answer a double so the JSON is the same (PostgreSQL's numeric avg
            // would print 2.5000000000000000).
            if (sqlite) return dialect().column_json("avg(" + arg + ")", ScalarType::kFloat, false);
            return "(avg(" + arg + "))::float8";
        default:
            if (sqlite) return not_supported(name + " is not supported on sqlite sources");
            return "(" + name + "(" + arg + "))::float8";
    }
}

core::Result<std::string> Emitter::aggregate_select(const plan::AggregateSelect& select,
                                                    const Correlation* correlation) {
    // As in table_select: the subquery chooses the rows and projects the table's columns only;
    // nodes and aggregates are computed over the chosen rows outside it, under the same alias.
    const std::string alias = fresh_alias();
    WARD_TRY(ChosenRows chosen, chosen_rows(select.rows, alias, correlation));
    std::vector<JsonField> out;
    for (const auto& field : select.fields) {
        if (const auto* t = std::get_if<plan::TypenameField>(&field.value)) {
            out.emplace_back(field.key, "CAST(" + dialect().string_literal(t->name) + " AS TEXT)");
            continue;
        }
        if (const auto* n = std::get_if<plan::NodesBlock>(&field.value)) {
            WARD_TRY(std::string row, output_object(n->fields, alias));
            const std::string agg = dialect().json_array_agg(row, chosen.order);
            out.emplace_back(field.key, dialect().coalesce_json_array(agg));
            continue;
        }
        const auto& block = std::get<plan::AggregateBlock>(field.value);
        std::vector<JsonField> ops;
        for (const auto& op : block.ops) {
            if (const auto* t = std::get_if<plan::TypenameField>(&op.value)) {
                ops.emplace_back(op.key, "CAST(" + dialect().string_literal(t->name) + " AS TEXT)");
            } else if (const auto* c = std::get_if<plan::CountAggregate>(&op.value)) {
                if (c->columns.size() > 1) {
                    return not_supported("count over several columns is not supported");
                }
                const std::string arg = c->columns.empty()
                                            ? std::string("*")
                                            : std::string(c->distinct ? "DISTINCT " : "") +
                                                  column(alias, c->columns.front().name);
                ops.emplace_back(op.key, "count(" + arg + ")");
            } else {
                const auto& fa = std::get<plan::FunctionAggregate>(op.value);
                std::vector<JsonField> cols;
                for (const auto& col : fa.columns) {
                    if (const auto* t = std::get_if<plan::TypenameField>(&col.value)) {
                        cols.emplace_back(
                            col.key, "CAST(" + dialect().string_literal(t->name) + " AS TEXT)");
                        continue;
                    }
                    const auto& ref = std::get<plan::ColumnRef>(col.value);
                    WARD_TRY(std::string call,
                             aggregate_call(fa.function, column(alias, ref.name), ref.type));
                    cols.emplace_back(col.key, std::move(call));
                }
                ops.emplace_back(op.key, dialect().json_object(cols));
            }
        }
        out.emplace_back(field.key, dialect().json_object(ops));
    }
    return dialect().nested_json("SELECT " + dialect().json_object(out) + " FROM (" + chosen.query +
                                 ") AS " + alias);
}

}  // namespace ward::engine::sqlgen

#include "engine/sqlgen/compile.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "engine/sqlgen/emitter.hpp"

namespace ward::engine::sqlgen {

core::Error not_supported(std::string message) {
    return core::Error::invalid_argument(std::move(message), "not-supported");
}

std::string Emitter::fresh_alias() {
    return dialect_.quote_identifier("_t" + std::to_string(next_alias_++));
}

std::string Emitter::column(const std::string& alias, const std::string& name) const {
    return alias + "." + dialect_.quote_identifier(name);
}

core::Result<std::string> Emitter::param(plan::ParamRef ref) {
    if (ref.index >= plan_.params.size()) {
        return core::Error::internal("param slot " + std::to_string(ref.index) +
                                     " is not in the plan");
    }
    const auto& p = plan_.params[ref.index];
    if (p.array) return builder_.list_param(ref.index, p.type, p.db_type);
    return builder_.param(ref.index, p.type, p.db_type);
}

core::Result<std::string> Emitter::int_param(plan::ParamRef ref) {
    if (ref.index >= plan_.params.size()) {
        return core::Error::internal("param slot " + std::to_string(ref.index) +
                                     " is not in the plan");
    }
    // A limit or offset written in the query text is part of the cached plan, so it is
    // written into the SQL as a number: PostgreSQL never picks a generic plan for a
    // LIMIT $n (it assumes a tenth of the table), so a parameter made it plan every execution
    // again (issue #7: Q2 and Q3 spent most of their database time planning). The text is
    // the decimal form of an int64 Ward computed, never text from the request; a limit from
    // a variable stays a parameter.
    const auto& p = plan_.params[ref.index];
    if (const auto* literal = std::get_if<plan::LiteralSource>(&p.source.kind)) {
        std::optional<std::int64_t> value;
        if (literal->value.is_int64()) value = literal->value.get_int64();
        if (value && p.max_value && *value > *p.max_value) value = *p.max_value;
        if (value && *value >= 0) return std::to_string(*value);
    }
    return builder_.raw_param(ref.index, catalog::ScalarType::kBigint);
}

std::string Emitter::join_condition(const Correlation& c, const std::string& inner_alias) const {
    if (c.join == nullptr || c.join->empty()) return dialect_.true_literal();
    std::string out;
    for (const auto& j : *c.join) {
        if (!out.empty()) out += " AND ";
        out += "(" + column(c.outer_alias, j.outer) + " = " + column(inner_alias, j.inner) + ")";
    }
    return out;
}

core::Result<SqlStatement> compile(const plan::QueryPlan& plan, const Dialect& dialect,
                                   const CompileOptions& options) {
    if (plan.kind == plan::OperationKind::kMutation)
        return compile_mutation(plan, dialect, options);
    Emitter e(plan, dialect, options);
    std::vector<JsonField> fields;
    for (const auto& root : plan.fields) {
        std::string value;
        if (const auto* s = std::get_if<plan::TableSelect>(&root.node)) {
            WARD_TRY(value, e.table_select(*s, nullptr));
        } else if (const auto* a = std::get_if<plan::AggregateSelect>(&root.node)) {
            WARD_TRY(value, e.aggregate_select(*a, nullptr));
        } else if (const auto* t = std::get_if<plan::TypenameField>(&root.node)) {
            value = "CAST(" + dialect.string_literal(t->name) + " AS TEXT)";
        } else {
            return not_supported("root field \"" + root.key + "\" is not answered with SQL");
        }
        fields.emplace_back(root.key, std::move(value));
    }
    auto& b = e.builder();
    b.append("SELECT ");
    b.append(dialect.json_as_text(dialect.json_object(fields)));
    b.append(" AS \"data\"");
    SqlStatement out;
    out.dialect = dialect.kind();
    out.steps.push_back(std::move(b).finish(StepKind::kResult));
    return out;
}

}  // namespace ward::engine::sqlgen

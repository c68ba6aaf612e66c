// Filters: the user's where and the merged permission filters, as one boolean SQL expression.
#include "engine/sqlgen/emitter.hpp"

namespace ward::engine::sqlgen {
namespace {

using metadata::CompareOp;

std::string_view comparison(CompareOp op) {
    switch (op) {
        case CompareOp::kEq:
        case CompareOp::kCeq:
            return "=";
        case CompareOp::kNeq:
        case CompareOp::kCne:
            return "<>";
        case CompareOp::kGt:
        case CompareOp::kCgt:
            return ">";
        case CompareOp::kLt:
        case CompareOp::kClt:
            return "<";
        case CompareOp::kGte:
        case CompareOp::kCgte:
            return ">=";
        case CompareOp::kLte:
        case CompareOp::kClte:
            return "<=";
        default:
            return {};
    }
}

std::optional<TextMatch> text_match(CompareOp op) {
    switch (op) {
        case CompareOp::kLike:
            return TextMatch::kLike;
        case CompareOp::kNlike:
            return TextMatch::kNlike;
        case CompareOp::kIlike:
            return TextMatch::kIlike;
        case CompareOp::kNilike:
            return TextMatch::kNilike;
        case CompareOp::kSimilar:
            return TextMatch::kSimilar;
        case CompareOp::kNsimilar:
            return TextMatch::kNsimilar;
        case CompareOp::kRegex:
            return TextMatch::kRegex;
        case CompareOp::kNregex:
            return TextMatch::kNregex;
        case CompareOp::kIregex:
            return TextMatch::kIregex;
        case CompareOp::kNiregex:
            return TextMatch::kNiregex;
        default:
            return std::nullopt;
    }
}

// The items of a JSON-array param as text, for the jsonb key operators.
std::string text_array(const std::string& list_subquery) { return "ARRAY" + list_subquery; }

}  // namespace

// `lhs` compared by one operator; shared by column comparisons and aggregate predicates.
static core::Result<std::string> compare(Emitter& e, const std::string& lhs,
                                         const plan::CompareFilter& c, const Scope& scope) {
    const Dialect& d = e.dialect();
    if (const auto* is_null = std::get_if<bool>(&c.operand)) {
        return "(" + lhs + (*is_null ? " IS NULL)" : " IS NOT NULL)");
    }
    if (const auto* col = std::get_if<plan::ColumnOperand>(&c.operand)) {
        const auto op = comparison(c.op);
        if (op.empty()) return not_supported("this operator does not take a column");
        const std::string& alias = col->root_table ? scope.root : scope.current;
        return "(" + lhs + " " + std::string(op) + " " + e.column(alias, col->column.name) + ")";
    }
    const auto ref = std::get<plan::ParamRef>(c.operand);
    WARD_TRY(std::string rhs, e.param(ref));
    if (const auto op = comparison(c.op); !op.empty()) {
        return "(" + lhs + " " + std::string(op) + " " + rhs + ")";
    }
    if (c.op == CompareOp::kIn) return "(" + lhs + " IN " + rhs + ")";
    if (c.op == CompareOp::kNin) return "(" + lhs + " NOT IN " + rhs + ")";
    if (const auto m = text_match(c.op)) return d.text_match(*m, lhs, rhs);
    if (d.kind() == DialectKind::kPostgres) {
        switch (c.op) {
            case CompareOp::kContains:
                return "(" + lhs + " @> " + rhs + ")";
            case CompareOp::kContainedIn:
                return "(" + lhs + " <@ " + rhs + ")";
            case CompareOp::kHasKey:
                return "(" + lhs + " ? " + rhs + ")";
            case CompareOp::kHasKeysAny:
                return "(" + lhs + " ?| " + text_array(rhs) + ")";
            case CompareOp::kHasKeysAll:
                return "(" + lhs + " ?& " + text_array(rhs) + ")";
            default:
                break;
        }
    }
    return not_supported("this comparison operator is not supported on " + std::string(d.name()) +
                         " sources");
}

core::Result<std::string> Emitter::where(const plan::Filter& filter, const Scope& scope) {
    const auto& node = filter.node;
    if (const auto* b = std::get_if<plan::BoolConst>(&node))
        return b->value ? "(1 = 1)" : "(1 = 0)";
    if (const auto* a = std::get_if<plan::AndFilter>(&node)) {
        if (a->items.empty()) return std::string("(1 = 1)");
        std::string out = "(";
        for (std::size_t i = 0; i < a->items.size(); ++i) {
            WARD_TRY(std::string item, where(a->items[i], scope));
            if (i > 0) out += " AND ";
            out += item;
        }
        return out + ")";
    }
    if (const auto* o = std::get_if<plan::OrFilter>(&node)) {
        if (o->items.empty()) return std::string("(1 = 0)");
        std::string out = "(";
        for (std::size_t i = 0; i < o->items.size(); ++i) {
            WARD_TRY(std::string item, where(o->items[i], scope));
            if (i > 0) out += " OR ";
            out += item;
        }
        return out + ")";
    }
    if (const auto* n = std::get_if<plan::NotFilter>(&node)) {
        WARD_TRY(std::string item, where(*n->item, scope));
        return "(NOT " + item + ")";
    }
    if (const auto* x = std::get_if<plan::ExistsFilter>(&node)) {
        const std::string alias = fresh_alias();
        const Correlation corr{.outer_alias = scope.current, .join = &x->join};
        WARD_TRY(std::string inner, where(*x->where, Scope{alias, scope.root}));
        return "EXISTS (SELECT 1 FROM " + table(x->table) + " AS " + alias + " WHERE " +
               join_condition(corr, alias) + " AND " + inner + ")";
    }
    if (const auto* c = std::get_if<plan::CompareFilter>(&node)) {
        return compare(*this, column(scope.current, c->column.name), *c, scope);
    }
    const auto& agg = std::get<plan::AggregatePredicateFilter>(node);
    const std::string alias = fresh_alias();
    const Correlation corr{.outer_alias = scope.current, .join = &agg.join};
    WARD_TRY(std::string inner, where(*agg.filter, Scope{alias, scope.root}));
    std::string args;
    for (const auto& col : agg.arguments) {
        if (!args.empty()) args += ", ";
        args += column(alias, col.name);
    }
    if (args.empty()) args = "*";
    if (agg.function != "count" && agg.function != "bool_and" && agg.function != "bool_or") {
        return not_supported("aggregate predicate function " + agg.function);
    }
    if (dialect().kind() == DialectKind::kSqlite && agg.function != "count") {
        // SQLite has no bool_and/bool_or; min/max over 0/1 say the same.
        const std::string fn = agg.function == "bool_and" ? "min" : "max";
        args = fn + "(" + args + ")";
    } else {
        args = agg.function + "(" + std::string(agg.distinct ? "DISTINCT " : "") + args + ")";
    }
    const std::string lhs = "(SELECT " + args + " FROM " + table(agg.table) + " AS " + alias +
                            " WHERE " + join_condition(corr, alias) + " AND " + inner + ")";
    std::string out = "(";
    for (std::size_t i = 0; i < agg.predicate.size(); ++i) {
        WARD_TRY(std::string p, compare(*this, lhs, agg.predicate[i], scope));
        if (i > 0) out += " AND ";
        out += p;
    }
    if (agg.predicate.empty()) out += "1 = 1";
    return out + ")";
}

}  // namespace ward::engine::sqlgen

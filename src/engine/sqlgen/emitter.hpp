// Internal to sqlgen: the state the emit_*.cpp files share while writing one statement (the
// builder, fresh table aliases, the plan's params). Not a public interface.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "engine/plan/ir.hpp"
#include "engine/sqlgen/compile.hpp"
#include "engine/sqlgen/sql_statement.hpp"

namespace ward::engine::sqlgen {

// Aliases a filter's column references resolve against: the current table and the root table
// of the expression (["$", "col"] comparisons).
struct Scope {
    std::string current;
    std::string root;
};

// How a nested selection is tied to its parent row.
struct Correlation {
    std::string outer_alias;
    const std::vector<plan::JoinColumn>* join = nullptr;
};

// One ORDER BY term: the sort key's SQL and how it sorts. `column` is set when the key is a
// plain column of the current alias (a subquery's `alias.*` already carries it).
struct OrderKey {
    std::string key;
    bool descending = false;
    NullsOrder nulls = NullsOrder::kDefault;
    bool column = false;
};

// The rows a selection returns, chosen in a subquery under `alias` that projects the table's
// columns (and any computed sort key as "__o<i>"), and the ORDER BY list that puts them back in
// order outside it (for json_agg).
struct ChosenRows {
    std::string query;
    std::string order;
};

class Emitter {
  public:
    Emitter(const plan::QueryPlan& plan, const Dialect& dialect, const CompileOptions& options)
        : plan_(plan), dialect_(dialect), options_(options), builder_(dialect) {}

    const Dialect& dialect() const { return dialect_; }
    const CompileOptions& options() const { return options_; }
    SqlBuilder& builder() { return builder_; }

    // A fresh quoted table alias ("_t3").
    std::string fresh_alias();
    std::string column(const std::string& alias, const std::string& name) const;
    std::string table(const plan::TableRef& t) const { return dialect_.table_name(t.name); }

    // The placeholder of a plan param, cast to its type (or the IN-list subquery for arrays).
    core::Result<std::string> param(plan::ParamRef ref);
    // The placeholder of an Int param without a cast (LIMIT/OFFSET).
    core::Result<std::string> int_param(plan::ParamRef ref);

    // emit_where.cpp
    core::Result<std::string> where(const plan::Filter& filter, const Scope& scope);
    // "outer.a = inner.b AND ..." for a relationship join; true when empty.
    std::string join_condition(const Correlation& c, const std::string& inner_alias) const;

    // emit_select.cpp: the JSON value of a selection (array, or object/null when single).
    core::Result<std::string> table_select(const plan::TableSelect& select,
                                           const Correlation* correlation);
    core::Result<std::string> output_object(const std::vector<plan::OutputField>& fields,
                                            const std::string& alias);
    // FROM … WHERE … [ORDER BY … LIMIT … OFFSET …] for `rows` under `alias`, emulating
    // DISTINCT ON where needed; `select_list` is what the row projects.
    // `order` is the ORDER BY (order_keys() of rows.order_by): a key the select list also
    // projects is the same text, so the database computes it once.
    core::Result<std::string> rows_query(const plan::Rows& rows, const std::string& alias,
                                         const Correlation* correlation,
                                         const std::string& select_list,
                                         const std::vector<OrderKey>& order);
    // The subquery choosing `rows` (filter, join, ORDER BY, LIMIT/OFFSET) for an array
    // selection or an aggregate: the JSON is built outside it, over the chosen rows only. It
    // projects `columns` when given (non-empty), else every column of the table.
    core::Result<ChosenRows> chosen_rows(const plan::Rows& rows, const std::string& alias,
                                         const Correlation* correlation,
                                         const std::vector<std::string>& columns = {});

    // emit_order_by.cpp: the sort keys of `order` reached from `alias`.
    core::Result<std::vector<OrderKey>> order_keys(const std::vector<plan::OrderBy>& order,
                                                   const std::string& alias);
    // The ORDER BY list of `keys` (without the keywords); empty when none.
    std::string order_list(const std::vector<OrderKey>& keys) const;

    // emit_aggregate.cpp
    core::Result<std::string> aggregate_select(const plan::AggregateSelect& select,
                                               const Correlation* correlation);
    core::Result<std::string> aggregate_call(plan::AggregateFunction f, const std::string& arg,
                                             catalog::ScalarType type);

  private:
    const plan::QueryPlan& plan_;
    const Dialect& dialect_;
    const CompileOptions& options_;
    SqlBuilder builder_;
    int next_alias_ = 0;
};

core::Error not_supported(std::string message);

// emit_mutation.cpp: the steps of a mutation operation (compile() for OperationKind::kMutation).
core::Result<SqlStatement> compile_mutation(const plan::QueryPlan& plan, const Dialect& dialect,
                                            const CompileOptions& options);

}  // namespace ward::engine::sqlgen

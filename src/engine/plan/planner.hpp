// Internal to engine::plan: the state shared by the plan_*.cpp files while one operation is
// planned (the slot table, the role schema, argument reading). Not for other modules.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "engine/graphql/execution.hpp"
#include "engine/plan/ir.hpp"
#include "engine/plan/plan.hpp"
#include "engine/schema/role_schema.hpp"

namespace ward::engine::plan::detail {

template <typename T>
using PlanResult = core::Result<T, PlanError>;

// A position inside an argument value: the coerced JSON, and where it was written, so that
// leaves become slots that read the request's own values (a literal, or a part of a variable).
struct Input {
    const core::json::value* value = nullptr;  // coerced; null when absent
    const graphql::ast::Value* raw = nullptr;  // the literal as written; null inside a variable
    std::optional<VariableSource> origin;      // set inside a variable's value
    std::string path;                          // for errors: "$.selectionSet.users.args.where"

    bool present() const { return value != nullptr; }
    bool is_null() const { return value == nullptr || value->is_null(); }
};

struct UpdateArgs {
    Input where, set, inc, pk_columns;
    Input append, prepend, delete_key, delete_elem, delete_at_path;  // jsonb operators
};

class Planner {
  public:
    Planner(const schema::RoleSchema& schema, const graphql::PreparedOperation& op)
        : schema_(schema), op_(op) {}

    const schema::RoleSchema& schema() const { return schema_; }
    QueryPlan& plan() { return plan_; }

    // ---- arguments ----
    Input argument(const graphql::CollectedField& field, std::string_view name,
                   std::string_view path) const;
    // An input object's field (absent: value null). Reading the keys of a value that came from a
    // variable makes the plan depend on that value (recorded in value_variables).
    Input child(const Input& object, std::string_view key);
    // The keys of an input object, in order.
    std::vector<std::string> keys(const Input& object);
    // The items of a list (a single value coerced to a list counts as one item).
    std::vector<Input> items_of(const Input& list);
    // A value the plan's shape depends on (an enum, _is_null's bool): records its variable.
    const core::json::value& structural(const Input& in);

    // ---- slots ----
    ParamRef add(Param param);
    ParamSource source_of(const Input& leaf) const;
    // An array slot's source: a variable, a literal list, or a list mixing both.
    ParamSource list_source_of(const Input& list) const;
    ParamSource source_of(const metadata::Value& value) const;

    // ---- tables ----
    static ColumnRef column_ref(const schema::TableInfo& table, const schema::ColumnInfo& column);
    static TableRef table_ref(const schema::TableInfo& table);
    static std::vector<JoinColumn> join_of(const schema::RelationshipInfo& rel);
    static bool may_select(const schema::TableInfo& table, std::string_view db_column);

    // ---- construct planners (one file each) ----
    // plan_where.cpp
    PlanResult<Filter> permission_filter(const schema::TableInfo& table,
                                         const metadata::BoolExp& exp, std::string_view path);
    PlanResult<Filter> where_filter(const schema::TableInfo& table, const Input& where);
    // The select permission's filter (true for admin); the role must have select.
    PlanResult<Filter> select_filter(const schema::TableInfo& table);
    // plan_order_by.cpp
    PlanResult<std::vector<OrderBy>> order_by(const schema::TableInfo& table, const Input& in);
    // plan_select.cpp
    PlanResult<Rows> rows(const schema::TableInfo& table, const graphql::CollectedField& field,
                          std::string_view path);
    // Equality on every primary key column, each read by `column_input(graphql_name)`.
    PlanResult<Filter> pk_filter(const schema::TableInfo& table,
                                 const std::function<Input(std::string_view)>& column_input);
    PlanResult<std::vector<OutputField>> output_fields(
        const schema::TableInfo& table, const std::vector<graphql::CollectedField>& selections,
        std::string_view path);
    PlanResult<TableSelect> select_root(const schema::TableInfo& table,
                                        const graphql::CollectedField& field, bool by_pk,
                                        std::string_view path);
    // plan_aggregate.cpp
    PlanResult<AggregateSelect> aggregate(const schema::TableInfo& table,
                                          const graphql::CollectedField& field,
                                          std::string_view path);
    // plan_insert.cpp / plan_update.cpp / plan_delete.cpp
    PlanResult<Insert> insert(const schema::TableInfo& table, const graphql::CollectedField& field,
                              bool one, std::string_view path);
    PlanResult<Update> update(const schema::TableInfo& table, const UpdateArgs& args,
                              const std::vector<graphql::CollectedField>& selections, bool by_pk,
                              std::string_view path);
    PlanResult<UpdateMany> update_many(const schema::TableInfo& table,
                                       const graphql::CollectedField& field, std::string_view path);
    PlanResult<Delete> del(const schema::TableInfo& table, const graphql::CollectedField& field,
                           bool by_pk, std::string_view path);
    PlanResult<MutationOutput> mutation_output(const schema::TableInfo& table,
                                               const std::vector<graphql::CollectedField>& sel,
                                               bool single, std::string_view path);

  private:
    void depends_on(const Input& in);

    const schema::RoleSchema& schema_;
    const graphql::PreparedOperation& op_;
    QueryPlan plan_;
};

PlanError validation_failed(std::string message, std::string path);
PlanError not_supported(std::string message, std::string path);

// An AND of the non-trivial filters (BoolConst true ones dropped).
Filter and_of(std::vector<Filter> items);

}  // namespace ward::engine::plan::detail

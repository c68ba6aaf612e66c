// Execution preparation (GraphQL spec §6): operation selection, variable coercion (§6.1.2),
// argument coercion (§6.4.1, input coercion §3.10/§3.11), @skip/@include and CollectFields
// (§6.3.2). The result is a plain tree the planner walks: response key, field definition, coerced
// arguments (as JSON values), sub-selections. Coerced values: Int -> int64, Float -> double,
// String/ID/enum -> string, lists -> arrays, input objects -> objects (defaults applied),
// custom scalars -> the JSON given.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "engine/graphql/ast.hpp"
#include "engine/graphql/schema.hpp"
#include "engine/graphql/validate.hpp"

namespace ward::engine::graphql {

struct CollectedField {
    std::string_view response_key;
    const TypeDef* parent_type = nullptr;    // the object type the field was collected on
    const FieldDef* definition = nullptr;    // includes the meta fields (__typename, ...)
    const ast::Field* node = nullptr;        // the first occurrence (for locations)
    core::json::object arguments;            // coerced; absent optional arguments are absent
    std::vector<CollectedField> selections;  // when the field returns an object type
    // When the field returns an interface or union: the collected fields per possible type.
    std::vector<std::pair<const TypeDef*, std::vector<CollectedField>>> by_type;
};

struct ExecutionLimits {
    // Fragments can multiply a small document into a huge tree; beyond this many collected
    // fields preparation fails instead of allocating without bound.
    std::size_t max_collected_fields = 100'000;
};

struct PreparedOperation {
    const ast::OperationDefinition* operation = nullptr;
    const TypeDef* root_type = nullptr;
    core::json::object variables;  // coerced variable values
    std::vector<CollectedField> fields;
};

// §6.1 GetOperation. Errors: "Must provide operation name if query contains multiple
// operations.", "Unknown operation named \"x\".", "Must provide an operation.".
core::Result<const ast::OperationDefinition*, GraphQLError> select_operation(
    const ast::Document& doc, std::string_view operation_name);

// §6.1.2 CoerceVariableValues. Errors: one per bad variable, e.g.
// Variable "$x" of required type "Int!" was not provided.
// Variable "$x" got invalid value "a"; Int cannot represent non-integer value: "a"
core::Result<core::json::object, std::vector<GraphQLError>> coerce_variable_values(
    const Schema& schema, const ast::OperationDefinition& op, const core::json::object& raw);

// Input coercion of a JSON value to `type` (§3.10/§3.11). Error: a reason such as
// "Expected non-nullable type \"Int!\" not to be null." (with "at \"value.a[1]\"" when nested).
core::Result<core::json::value, std::string> coerce_input_value(const Schema& schema, TypeRef type,
                                                                const core::json::value& input);

// A literal (possibly with variables, which must already be coerced) as a JSON value of `type`.
// Error: why the literal does not fit (validation normally rules that out).
core::Result<core::json::value, std::string> value_from_ast(const Schema& schema, TypeRef type,
                                                            const ast::Value& value,
                                                            const core::json::object& variables);

// §6.4.1 CoerceArgumentValues for one field or directive.
// Errors: Argument "x" of required type "T!" was not provided. / ... must not be null.
core::Result<core::json::object, GraphQLError> coerce_argument_values(
    const Schema& schema, const std::vector<InputValueDef>& definitions,
    const std::vector<ast::Argument>& arguments, const core::json::object& variables,
    SourceLocation where);

// §6.3.2: false when @skip(if: true) or @include(if: false) is present.
bool should_include(const std::vector<ast::Directive>& directives,
                    const core::json::object& variables);

// The variables that @skip/@include read anywhere in `doc`, each once, in document order. The
// collected tree depends on their values, so a plan cached by query text must also be keyed by
// them (all other variables only change argument values, which the planner can bind).
std::vector<std::string_view> shape_variables(const ast::Document& doc);

// CollectFields for `object_type` plus argument coercion and recursion into sub-selections.
// The document must be valid (validate() returned no errors).
core::Result<std::vector<CollectedField>, GraphQLError> collect_fields(
    const Schema& schema, const ast::Document& doc, const TypeDef& object_type,
    const ast::SelectionSet& selection_set, const core::json::object& variables,
    const ExecutionLimits& limits = {});

// Selects the operation, coerces the variables and collects the root fields. The document must
// be valid. Errors: as select_operation / coerce_variable_values / collect_fields.
core::Result<PreparedOperation, std::vector<GraphQLError>> prepare_operation(
    const Schema& schema, const ast::Document& doc, std::string_view operation_name,
    const core::json::object& raw_variables, const ExecutionLimits& limits = {});

}  // namespace ward::engine::graphql

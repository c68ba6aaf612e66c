// engine::plan: turns a prepared GraphQL operation (graphql::prepare_operation) and the role's
// RoleSchema into a QueryPlan (ir.hpp) with the role's permissions merged in. The plan holds no
// values, only Param slots, so it can be cached per (role, query hash, operation name, values of
// graphql::shape_variables and QueryPlan::value_variables) and bound per request (bind.hpp).
#pragma once

#include <string>

#include "core/result.hpp"
#include "engine/graphql/execution.hpp"
#include "engine/plan/ir.hpp"
#include "engine/schema/role_schema.hpp"

namespace ward::engine::plan {

// A request the planner refuses. `code` is Hasura's wire code ("validation-failed",
// "not-supported", "permission-error", "not-found", "data-exception"); `path` is Hasura's
// extensions.path ("$.selectionSet.users.args.where").
struct PlanError {
    std::string code;
    std::string message;
    std::string path = "$";
};

// The plan kind of a GraphQL operation type.
OperationKind operation_kind(graphql::ast::OperationType type);

// Plans every root field of `op` (prepared against `schema.graphql()`, so its field definitions
// and types belong to that schema). Errors: validation-failed for a null where a value is needed
// (`_eq: null`), a negative limit/offset, a column the role may not use; not-supported for
// constructs Ward does not implement (nested inserts, _cast, PostGIS/ltree operators, streaming
// subscriptions).
core::Result<QueryPlan, PlanError> plan_operation(const schema::RoleSchema& schema,
                                                  const graphql::PreparedOperation& op);

}  // namespace ward::engine::plan

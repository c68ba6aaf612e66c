// engine::plan binding: the values of a QueryPlan's Param slots for one request, read from the
// request's coerced variables and session. The server hands them to exec, which converts each to
// an sql::Value (exec never sees the IR).
#pragma once

#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "engine/catalog/catalog.hpp"
#include "engine/metadata/session.hpp"
#include "engine/plan/ir.hpp"
#include "engine/plan/plan.hpp"

namespace ward::engine::plan {

// One slot's value, normalised to its type: integers as int64, Float/Float4 as double, Numeric
// as a number or its exact decimal text, Boolean as bool, jsonb/json as the JSON value itself,
// everything else as a string; null as null. Arrays (`array`) hold such items.
struct BoundValue {
    catalog::ScalarType type = catalog::ScalarType::kOther;
    std::string db_type;
    bool array = false;
    core::json::value value;
};

// Binds every slot of `plan`, in ParamRef order. `variables` are the COERCED variables
// (graphql::PreparedOperation::variables). Errors: not-found `missing session variables:
// "x-hasura-user-id"` (all missing names, comma separated); data-exception `invalid input
// syntax for type integer: "abc"` when a session value or a custom scalar cannot be read as the
// column's type; validation-failed for a null where one is not allowed or a negative limit.
core::Result<std::vector<BoundValue>, PlanError> bind(const QueryPlan& plan,
                                                      const core::json::object& variables,
                                                      const metadata::SessionVariables& session);

}  // namespace ward::engine::plan
